import { addIsoDuration } from '../format/duration.ts';

export type Reentry = 'never' | 'always' | { after: string } | undefined;
export interface PastRun {
  startedAt: number;
  endedAt?: number;
}

/**
 * May a contact start this funnel again? `never` (the default): not after any earlier run;
 * `always`: yes, once no run is live; `{ after }`: when that long has passed since the last start.
 */
export function mayReenter(reentry: Reentry, past: readonly PastRun[], now: number, zone: string): boolean {
  if (past.length === 0) return true;
  if (reentry === undefined || reentry === 'never') return false;
  if (reentry === 'always') return true;
  const last = Math.max(...past.map((r) => r.startedAt));
  return addIsoDuration(last, reentry.after, zone) <= now;
}
