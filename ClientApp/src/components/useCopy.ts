import { useState } from 'react';

/**
 * Copies a value to the clipboard and says whether that worked: `undefined` before the first try, then true or false
 * (no clipboard access on an insecure origin or without permission; the value can still be selected by hand).
 */
export function useCopy(value: string): [copied: boolean | undefined, copy: () => Promise<void>] {
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return [copied, copy];
}
