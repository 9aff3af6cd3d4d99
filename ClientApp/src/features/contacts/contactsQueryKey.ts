import { userDataKey } from '../auth/account';

/** The contacts list and each contact's conversations, dropped when a contact changes or is erased. */
export const contactsQueryKey = [...userDataKey, 'contacts'] as const;
