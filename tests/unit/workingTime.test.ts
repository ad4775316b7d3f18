import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addWorkingTime, taskDueAt, type WorkingHours } from '../../shared/format/workingTime.ts';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';

const MSK = 'Europe/Moscow';
const office: WorkingHours = { from: '09:00', to: '18:00' };
const at = (iso: string, zone = MSK) => DateTime.fromISO(iso, { zone }).toMillis();
const show = (ms: number, zone = MSK) => DateTime.fromMillis(ms, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('addWorkingTime: a time limit that counts only working hours', () => {
  // 2026-11-23 is a Monday
  it.each([
    ['2026-11-23T10:00', 'PT2H', 'Mon 2026-11-23 12:00', 'inside the day'],
    ['2026-11-23T17:00', 'PT2H', 'Tue 2026-11-24 10:00', 'one hour today, one tomorrow'],
    ['2026-11-27T17:30', 'PT1H', 'Mon 2026-11-30 09:30', 'Friday evening to Monday morning'],
    ['2026-11-28T12:00', 'PT1H', 'Mon 2026-11-30 10:00', 'made on a Saturday: counts from Monday 9:00'],
    ['2026-11-23T23:00', 'PT2H', 'Tue 2026-11-24 11:00', 'made at night'],
    ['2026-11-24T07:00', 'P1D', 'Wed 2026-11-25 09:00', 'a working day from before opening'],
    ['2026-11-27T15:00', 'P1D', 'Mon 2026-11-30 15:00', 'a working day from Friday'],
    ['2026-11-27T15:00', 'P1DT4H', 'Tue 2026-12-01 10:00', 'a day, then four working hours'],
    ['2026-11-23T09:00', 'PT9H', 'Mon 2026-11-23 18:00', 'exactly the working day'],
    ['2026-11-23T10:00', 'PT30M', 'Mon 2026-11-23 10:30', 'minutes'],
  ])('%s + %s → %s (%s)', (start, dur, due) => {
    expect(show(addWorkingTime(at(start), dur, office, MSK))).toBe(due);
  });

  it('takes its own days and zone', () => {
    const weekend: WorkingHours = { days: ['sat', 'sun'], from: '10:00', to: '14:00', timezone: 'Asia/Novosibirsk' };
    // Monday 12:00 in Moscow is 16:00 in Novosibirsk: the next working time is Saturday 10:00 there
    expect(show(addWorkingTime(at('2026-11-23T12:00'), 'PT5H', weekend, MSK), 'Asia/Novosibirsk')).toBe('Sun 2026-11-29 11:00');
  });

  it('keeps the wall-clock hours across a daylight-saving change', () => {
    // Berlin moves to summer time on Sunday 2026-03-29
    const berlin: WorkingHours = { from: '09:00', to: '18:00', timezone: 'Europe/Berlin' };
    expect(show(addWorkingTime(at('2026-03-27T17:00', 'Europe/Berlin'), 'PT2H', berlin, MSK), 'Europe/Berlin')).toBe('Mon 2026-03-30 10:00');
  });

  it('a schedule that cannot hold time (from not before to) counts on the calendar; no working hours: the calendar', () => {
    expect(addWorkingTime(at('2026-11-23T10:00'), 'PT2H', { from: '18:00', to: '09:00' }, MSK)).toBe(at('2026-11-23T12:00'));
    expect(taskDueAt(at('2026-11-27T17:30'), 'PT1H', {}, MSK)).toBe(at('2026-11-27T18:30'));
    expect(taskDueAt(at('2026-11-27T17:30'), 'PT1H', { workingHours: office }, MSK)).toBe(at('2026-11-30T09:30'));
    // the managers' hours are in the funnel's zone when they name none (not the contact's)
    expect(show(taskDueAt(at('2026-11-27T17:30'), 'PT1H', { workingHours: office, timezone: MSK }, 'Asia/Vladivostok'))).toBe('Mon 2026-11-30 09:30');
  });

  it('property: between the start and the due time lie exactly the limit\'s working minutes', () => {
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 14 * 24 * 60 - 1 }), // start: a minute within two weeks from Monday 00:00
        fc.integer({ min: 1, max: 30 * 60 }), // the limit in minutes (up to 30 working hours)
        fc.integer({ min: 0, max: 22 }),
        fc.integer({ min: 1, max: 10 }),
        fc.subarray([...days], { minLength: 1 }),
        (startMin, limit, fromH, len, workdays) => {
          const toH = Math.min(24, fromH + len);
          const wh: WorkingHours = { days: workdays, from: `${String(fromH).padStart(2, '0')}:00`, to: toH === 24 ? '23:59' : `${String(toH).padStart(2, '0')}:00`, timezone: 'UTC' };
          const start = Date.UTC(2026, 10, 23) + startMin * 60_000;
          const due = addWorkingTime(start, `PT${limit}M`, wh, 'UTC');
          // count working minutes one by one
          const close = toH === 24 ? 23 * 60 + 59 : toH * 60;
          const working = (ms: number) => {
            const d = new Date(ms);
            const m = d.getUTCHours() * 60 + d.getUTCMinutes();
            return workdays.includes(days[(d.getUTCDay() + 6) % 7]) && m >= fromH * 60 && m < close;
          };
          let n = 0;
          for (let t = start; t < due; t += 60_000) if (working(t)) n++;
          expect(n).toBe(limit);
          expect(working(due - 60_000)).toBe(true); // it ends in working time, not after idle hours
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('working hours in the funnel settings: validation', () => {
  const withHours = (workingHours: unknown) => ({
    format: 'voronka/funnel@1',
    id: 'wh',
    name: 'WH',
    settings: { workingHours },
    nodes: [
      { id: 'start', type: 'trigger', data: { event: 'go' } },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [{ id: 'e', source: 'start', target: 'x' }],
  });
  const codes = (f: unknown) => validateFunnel(f).issues.map((i) => [i.code, i.field]);
  it('working hours that end before they start, or in an unknown zone, or with no days, are errors on their fields', () => {
    expect(codes(withHours({ from: '09:00', to: '18:00', days: ['mon', 'sat'] }))).toEqual([]);
    expect(codes(withHours({ from: '18:00', to: '09:00' }))).toEqual([['working-hours-empty', 'settings.workingHours.to']]);
    expect(codes(withHours({ from: '09:00', to: '18:00', timezone: 'Москва' }))).toEqual([['invalid-timezone', 'settings.workingHours.timezone']]);
    expect(validateFunnel(withHours({ from: '09:00', to: '18:00', days: [] }), { lang: 'ru' }).issues.map((i) => i.message).join()).toContain('нужен хотя бы один рабочий день');
  });
});
