import { createContext, useContext, type ReactNode } from 'react';
import { useAccount } from '../auth/account';

/**
 * True while the tenant's processing is restricted: the API refuses its writes (409), so the app's write buttons
 * (SubmitButton, ConfirmDialog) are disabled. The Layout provides it; AllowedWhileRestricted turns it off again.
 */
const ReadOnlyContext = createContext(false);

export function ReadOnlyProvider({ readOnly, children }: { readOnly: boolean; children: ReactNode }) {
  return <ReadOnlyContext.Provider value={readOnly}>{children}</ReadOnlyContext.Provider>;
}

/** The pages whose actions the API allows while restricted: the Privacy centre and account security. */
export function AllowedWhileRestricted({ children }: { children: ReactNode }) {
  return <ReadOnlyContext.Provider value={false}>{children}</ReadOnlyContext.Provider>;
}

/** Paying for a plan is the way out of the trial's paywall, so the billing pages write while it is the only restriction. */
export function AllowedWhilePaymentRequired({ children }: { children: ReactNode }) {
  const restriction = useAccount().data?.restriction;
  const onlyPayment =
    !!restriction?.paymentRequired &&
    !restriction.ownerRequested &&
    !restriction.suspendedByPlatform &&
    restriction.withdrawnConsents.length === 0;
  return onlyPayment ? <AllowedWhileRestricted>{children}</AllowedWhileRestricted> : <>{children}</>;
}

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}
