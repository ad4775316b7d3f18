import { DateTime } from 'luxon';
import { addIsoDuration } from '../../../shared/format/duration.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Formats a non-negative span of milliseconds as an ISO 8601 duration, the way scenarios write
 * them. With `days` (the default) whole days are written as `D`, otherwise everything is hours.
 *
 * @example formatIsoDuration(7_200_000) // "PT2H"
 * @example formatIsoDuration(93_600_000) // "P1DT2H"
 * @example formatIsoDuration(93_600_000, { days: false }) // "PT26H"
 */
export function formatIsoDuration(ms: number, opts: { days?: boolean } = {}): string {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`cannot write ${ms} ms as a duration`);
  let rest = Math.round(ms);
  const days = opts.days === false ? 0 : Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = rest / 1000;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/**
 * The ISO duration that takes the clock from `from` to `to` exactly when the simulator adds it
 * in `zone`. Days are calendar days there (a day across a DST change is 23 or 25 hours): whole
 * calendar days are written as `D` and the rest as time, checked to land on `to`; a span that
 * cannot be written so is written in hours.
 *
 * @example durationBetween(t, t + 2 * 3_600_000, 'Europe/Moscow') // "PT2H"
 */
export function durationBetween(from: number, to: number, zone: string): string {
  if (to < from) throw new Error('cannot go back in time');
  let days = Math.max(0, Math.floor(DateTime.fromMillis(to, { zone }).diff(DateTime.fromMillis(from, { zone }), 'days').days));
  while (days > 0 && addIsoDuration(from, `P${days}D`, zone) > to) days--;
  if (days > 0) {
    const rest = formatIsoDuration(to - addIsoDuration(from, `P${days}D`, zone), { days: false });
    const text = rest === 'PT0S' ? `P${days}D` : `P${days}D${rest.slice(1)}`;
    if (addIsoDuration(from, text, zone) === to) return text;
  }
  return formatIsoDuration(to - from, { days: false });
}
