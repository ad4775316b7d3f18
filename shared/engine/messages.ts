import { addDuration, parseDuration } from '../format/duration.ts';
import { afterQuietHours } from '../format/time.ts';
import type { FunnelSettings } from '../format/funnel.ts';

/**
 * When a marketing message may go out: not inside quiet hours (moved to the window's end), and
 * not over the frequency cap (moved until it fits). `sends` are this funnel's marketing sends to
 * the contact. Never earlier than `now`.
 */
export function marketingSendTime(now: number, settings: FunnelSettings, zone: string, sends: readonly number[]): number {
  const q = settings.quietHours;
  const cap = settings.frequencyCap;
  const per = cap ? parseDuration(cap.per) : null;
  let t = q ? afterQuietHours(now, q.from, q.to, zone) : now;
  if (!cap || !per) return t;
  for (let guard = 0; guard < 1000; guard++) {
    const from = addDuration(t, { ...per, sign: -1 }, zone);
    const to = addDuration(t, per, zone);
    const near = sends.filter((s) => s > from && s < to);
    if (near.length < cap.max) {
      const moved = q ? afterQuietHours(t, q.from, q.to, zone) : t;
      if (moved === t) return t;
      t = moved;
      continue;
    }
    const before = near.filter((s) => s <= t);
    t = before.length ? addDuration(Math.min(...before), per, zone) : addDuration(Math.max(...near), per, zone);
  }
  return t;
}

/** Keeps only the sends that can still count against the cap at `now`. */
export function pruneSends(sends: number[], now: number, settings: FunnelSettings, zone: string): number[] {
  const per = settings.frequencyCap ? parseDuration(settings.frequencyCap.per) : null;
  if (!per) return [];
  const from = addDuration(now, { ...per, sign: -1 }, zone);
  return sends.filter((s) => s > from);
}
