import type { PrivacyRequestKind } from '../../api/generated/virtuops-api';
import { userDataKey } from '../auth/account';

export const privacyRequestsQueryKey = [...userDataKey, 'privacy-requests'] as const;

/**
 * The kinds a person may write to the privacy team about (the API refuses the others: a contact's export or
 * erasure is a tenant's own action in the inbox).
 */
export const typedRequestKinds: PrivacyRequestKind[] = [
  'Access',
  'Rectification',
  'Erasure',
  'Restriction',
  'ConsentWithdrawal',
  'Other',
];

/** Mirrors PrivacyRequest.TextMaxLength; the server validates regardless. */
export const requestTextMaxLength = 4000;
