import { DateTime } from 'luxon';
import { addDuration, parseDuration } from './duration.ts';
import { getZone, inZone, isValidZone } from './zones.ts';

export { isValidZone };

/** `HH:MM`, 00:00–23:59. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export function parseTimeOfDay(text: unknown): Readonly<{ hour: number; minute: number }> | null {
  if (typeof text !== 'string') return null;
  let t = timesOfDay.get(text);
  if (t === undefined) {
    const m = TIME_OF_DAY.exec(text);
    t = m ? Object.freeze({ hour: Number(m[1]), minute: Number(m[2]) }) : null;
    if (timesOfDay.size >= 1000) timesOfDay.clear();
    timesOfDay.set(text, t);
  }
  return t;
}
/** Parsed times of day by text (a funnel has a few: quiet hours, delays until a time). */
const timesOfDay = new Map<string, Readonly<{ hour: number; minute: number }> | null>();


/** The contact's zone: attribute `timezone`, else the funnel's `settings.timezone`, else UTC. */
export function resolveZone(contactZone: unknown, funnelZone: string | undefined): string {
  if (isValidZone(contactZone)) return contactZone as string;
  if (funnelZone && isValidZone(funnelZone)) return funnelZone;
  return 'UTC';
}

/** The first instant ≥ `ms` (strictly after when `strict`) at `at` on one of `days` (any day when empty). */
export function nextTimeOfDay(ms: number, at: string, zone: string, days?: readonly string[], strict = false): number {
  const t = parseTimeOfDay(at);
  if (!t) throw new Error(`invalid time reached the engine: ${at}`);
  const start = inZone(ms, zone);
  for (let i = 0; i < 8; i++) {
    const cand = start.plus({ days: i }).set({ hour: t.hour, minute: t.minute, second: 0, millisecond: 0 });
    const ok = strict ? cand.toMillis() > ms : cand.toMillis() >= ms;
    const dayOk = !days || days.length === 0 || days.includes(WEEKDAYS[cand.weekday - 1]);
    if (ok && dayOk) return cand.toMillis();
  }
  throw new Error('no next time of day found within a week');
}

/**
 * Reads a date attribute ("1990-03-10", an ISO timestamp, or epoch ms) as a calendar moment in
 * the zone. A plain date is midnight of that day in the contact's zone. Null when empty/invalid.
 */
export function readDateAttribute(value: unknown, zone: string): DateTime | null {
  if (value === undefined || value === null || value === '') return null;
  let dt: DateTime;
  if (typeof value === 'number') dt = inZone(value, zone);
  else if (typeof value === 'string') {
    // a plain date is midnight in the zone; a timestamp keeps its instant
    dt = DateTime.fromISO(value, { zone: getZone(zone) ?? 'UTC' });
  } else return null;
  return dt.isValid ? dt : null;
}

export interface DateSpec {
  attribute: string;
  offset?: string;
  at?: string;
  every?: 'year';
}

/**
 * The moment a date spec points at for a contact: the attribute's date plus `offset`, at time
 * `at` in the zone. With `every: "year"` it is the first yearly anniversary whose moment is ≥
 * `notBefore` — from the year after the date when the date has come (a purchase made today has its first anniversary
 * in a year). Null when the attribute is empty or invalid.
 */
export function resolveDateSpec(spec: DateSpec, attributes: Record<string, unknown>, zone: string, notBefore?: number): number | null {
  const base = readDateAttribute(attributes[spec.attribute], zone);
  if (!base) return null;
  const at = spec.at ? parseTimeOfDay(spec.at) : null;
  const offset = spec.offset ? parseDuration(spec.offset) : null;
  const momentFor = (day: DateTime): number => {
    let d = day;
    if (at) d = d.set({ hour: at.hour, minute: at.minute, second: 0, millisecond: 0 });
    let ms = d.toMillis();
    if (offset) ms = addDuration(ms, offset, zone);
    if (at && offset && (offset.hours || offset.minutes || offset.seconds) === 0) {
      // a whole-day offset keeps the time of day `at` across DST changes
      ms = inZone(ms, zone).set({ hour: at.hour, minute: at.minute }).toMillis();
    }
    return ms;
  };
  if (spec.every !== 'year' || notBefore === undefined) return momentFor(base);
  const now = inZone(notBefore, zone);
  // a date that has come (a birthday, a purchase made today) recurs from the next year: its own day is the event
  // itself, not its anniversary; a date still ahead (a renewal) comes on that day first
  const first = base.startOf('day') <= now.startOf('day') ? base.year + 1 : base.year;
  for (let y = Math.max(now.year - 1, first); y <= Math.max(now.year, first) + 2; y++) {
    const day = base.set({ year: y }); // Feb 29 → Feb 28 in common years (luxon clamps)
    const ms = momentFor(day);
    if (ms >= notBefore) return ms;
  }
  return null;
}

/** True when `ms` falls inside the quiet window [from, to) in the zone (the window may wrap midnight). */
export function inQuietHours(ms: number, from: string, to: string, zone: string): boolean {
  const f = parseTimeOfDay(from);
  const t = parseTimeOfDay(to);
  if (!f || !t) return false;
  // the minute of the day in the zone, from its UTC offset (no calendar object: this runs at every marketing send)
  const offset = getZone(zone)?.offset(ms) ?? 0;
  const m = Math.floor((((ms + offset * 60_000) % 86_400_000) + 86_400_000) % 86_400_000 / 60_000);
  const fm = f.hour * 60 + f.minute;
  const tm = t.hour * 60 + t.minute;
  if (fm === tm) return false;
  return fm < tm ? m >= fm && m < tm : m >= fm || m < tm;
}

/** Moves an instant out of the quiet window to the window's end; unchanged when outside it. */
export function afterQuietHours(ms: number, from: string, to: string, zone: string): number {
  if (!inQuietHours(ms, from, to, zone)) return ms;
  return nextTimeOfDay(ms, to, zone);
}

/** An instant as ISO 8601 in UTC (`2026-03-02T06:00:00.000Z`). */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** Parses an ISO timestamp with offset into epoch ms; null when invalid. */
export function parseInstant(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const dt = DateTime.fromISO(text, { setZone: true });
  return dt.isValid ? dt.toMillis() : null;
}
