import { z } from 'zod';
import { TimeOfDayText, WeekdayText } from './common.ts';
import { addIsoDuration, parseDuration } from './duration.ts';
import { WEEKDAYS, parseTimeOfDay } from './time.ts';
import { inZone, isValidZone } from './zones.ts';

/**
 * The managers' working hours (an addition to the funnel format, `settings.workingHours`): a
 * hand-off task's time limit counts only this time. Days default to Monday–Friday; the zone to the
 * funnel's.
 */
export const WorkingHours = z.object({
  days: z.array(WeekdayText).min(1, { error: 'needs at least one working day' }).optional(),
  from: TimeOfDayText,
  to: TimeOfDayText,
  timezone: z.string().optional(),
});
export type WorkingHours = z.infer<typeof WorkingHours>;

export const DEFAULT_WORKING_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

const minutesOf = (t: string) => {
  const p = parseTimeOfDay(t)!;
  return p.hour * 60 + p.minute;
};

/**
 * The moment a time limit of `duration` (ISO 8601) started at `ms` runs out when only working
 * hours count: whole days (`P2D`) are working days — the same time of day that many working days
 * later —, hours and minutes (`PT4H`) are working minutes. A start outside working hours counts
 * from the next opening. Years, months and weeks count as 365, 30 and 5 working days. A limit
 * the schedule cannot hold (`from` not before `to`) is counted on the calendar.
 */
export function addWorkingTime(ms: number, duration: string, wh: WorkingHours, fallbackZone: string): number {
  const d = parseDuration(duration);
  const zone = wh.timezone && isValidZone(wh.timezone) ? wh.timezone : fallbackZone;
  const open = minutesOf(wh.from);
  const close = minutesOf(wh.to);
  if (!d || d.sign < 0 || open >= close) return addIsoDuration(ms, duration, zone);
  const days = new Set<string>(wh.days?.length ? wh.days : DEFAULT_WORKING_DAYS);
  const isWorkday = (t: ReturnType<typeof inZone>) => days.has(WEEKDAYS[t.weekday - 1]);
  const at = (t: ReturnType<typeof inZone>, minute: number) => t.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });
  // to the working time: now if inside, else the next opening
  let t = inZone(ms, zone);
  for (let i = 0; i < 8; i++) {
    const m = t.hour * 60 + t.minute + t.second / 60 + t.millisecond / 60_000;
    if (isWorkday(t) && m >= open && m < close) break;
    t = isWorkday(t) && m < open ? at(t, open) : at(t.plus({ days: 1 }), open);
  }
  // whole working days: the same time of day, that many working days on
  let whole = d.days + d.weeks * 5 + d.months * 30 + d.years * 365;
  while (whole > 0) {
    t = t.plus({ days: 1 });
    if (isWorkday(t)) whole--;
  }
  // working minutes, window by window
  let left = (d.hours * 60 + d.minutes) * 60_000 + d.seconds * 1000;
  for (let guard = 0; left > 0 && guard < 10_000; guard++) {
    const end = at(t, close).toMillis();
    const room = end - t.toMillis();
    if (left <= room) return t.toMillis() + left;
    left -= room;
    do t = at(t.plus({ days: 1 }), open);
    while (!isWorkday(t));
  }
  return t.toMillis();
}

/**
 * When a hand-off task with a time limit of `dueIn` made at `now` is due: in the managers' working
 * time when the funnel has working hours (their zone, else the funnel's, else `zone`), else on the
 * calendar in `zone` (the contact's).
 */
export function taskDueAt(now: number, dueIn: string, settings: { workingHours?: WorkingHours; timezone?: string }, zone: string): number {
  const wh = settings.workingHours;
  if (!wh) return addIsoDuration(now, dueIn, zone);
  return addWorkingTime(now, dueIn, wh, settings.timezone && isValidZone(settings.timezone) ? settings.timezone : zone);
}
