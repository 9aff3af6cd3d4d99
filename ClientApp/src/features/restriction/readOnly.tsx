import { createContext, useContext, type ReactNode } from 'react';

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

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}
