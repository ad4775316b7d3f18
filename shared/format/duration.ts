import { getZone, inZone } from './zones.ts';

/** A parsed ISO 8601 duration. `sign` is -1 for `-P3D` (a date offset before the date). */
export interface Duration {
  sign: 1 | -1;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const ISO_DURATION =
  /^([-+])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parsed durations by text: a funnel has a handful, read at every step (frozen: shared by callers). */
const parsed = new Map<string, Readonly<Duration> | null>();

const part = (m: RegExpExecArray, i: number) => (m[i] ? Number(m[i]) : 0);

/**
 * Parses an ISO 8601 duration (`PT30M`, `P3D`, `P1M`, `-P3D`). Returns null when the text is
 * not a duration, so callers can report the field instead of throwing.
 *
 * @example parseDuration('P1DT2H') // { sign: 1, days: 1, hours: 2, … }
 */
export function parseDuration(text: unknown): Readonly<Duration> | null {
  if (typeof text !== 'string') return null;
  let d = parsed.get(text);
  if (d === undefined) {
    d = readDuration(text);
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(text, d);
  }
  return d;
}

function readDuration(text: string): Readonly<Duration> | null {
  const m = ISO_DURATION.exec(text.trim());
  if (!m) return null;
  if (text.endsWith('T') || !/\d/.test(text)) return null;
  return Object.freeze({
    sign: m[1] === '-' ? -1 : 1,
    years: part(m, 2),
    months: part(m, 3),
    weeks: part(m, 4),
    days: part(m, 5),
    hours: part(m, 6),
    minutes: part(m, 7),
    seconds: part(m, 8),
  });
}

/** True when the text is a valid ISO 8601 duration. */
export const isDuration = (text: unknown): boolean => parseDuration(text) !== null;

/**
 * Adds a duration to an instant in a time zone: calendar parts (years, months, days) follow the
 * zone's calendar (so `P1D` across a DST change stays "same time tomorrow"), clock parts are exact.
 */
export function addDuration(ms: number, d: Duration, zone: string): number {
  const s = d.sign;
  if (d.years === 0 && d.months === 0) {
    // fast path: whole days and clock time are plain arithmetic unless a UTC-offset change
    // (DST) falls between the two instants, when "same time N days later" needs the calendar
    const exact = ms + s * ((d.weeks * 7 + d.days) * 86_400_000 + d.hours * 3_600_000 + d.minutes * 60_000 + d.seconds * 1000);
    if (d.weeks === 0 && d.days === 0) return exact;
    const z = getZone(zone);
    if (!z || z.offset(ms) === z.offset(exact)) return exact;
  }
  return inZone(ms, zone)
    .plus({
      years: s * d.years,
      months: s * d.months,
      weeks: s * d.weeks,
      days: s * d.days,
      hours: s * d.hours,
      minutes: s * d.minutes,
      seconds: s * d.seconds,
    })
    .toMillis();
}

/** Adds an ISO duration text to an instant; throws only on a bug (the text was validated). */
export function addIsoDuration(ms: number, text: string, zone: string): number {
  const d = parseDuration(text);
  if (!d) throw new Error(`invalid duration reached the engine: ${text}`);
  return addDuration(ms, d, zone);
}

/** Approximate length in ms (months = 30 days), for ordering and sanity checks only. */
export function approxDurationMs(d: Duration): number {
  const day = 86_400_000;
  return (
    d.sign *
    (d.years * 365 * day +
      d.months * 30 * day +
      d.weeks * 7 * day +
      d.days * day +
      d.hours * 3_600_000 +
      d.minutes * 60_000 +
      d.seconds * 1000)
  );
}
