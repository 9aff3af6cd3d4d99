import { useEffect, useState } from 'react';

/** Seconds left until `start(seconds)` runs out, ticking once a second; 0 when not counting. */
export function useCountdown() {
  const [endsAt, setEndsAt] = useState<number | undefined>(undefined);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (endsAt === undefined) return undefined;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= endsAt) setEndsAt(undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [endsAt]);

  const secondsLeft = endsAt === undefined ? 0 : Math.max(0, Math.ceil((endsAt - now) / 1000));
  return {
    secondsLeft,
    start: (seconds: number) => {
      const current = Date.now();
      setNow(current);
      setEndsAt(current + seconds * 1000);
    },
  };
}
