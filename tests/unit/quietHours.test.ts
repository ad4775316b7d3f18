import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { inQuietHours, parseTimeOfDay } from '../../shared/format/time.ts';

const ZONES = ['UTC', 'Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham'];
const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

/** The same rule read off a luxon calendar date in the zone. */
function reference(ms: number, from: string, to: string, zone: string): boolean {
  const d = DateTime.fromMillis(ms, { zone });
  const m = d.hour * 60 + d.minute;
  const [fh, fm] = from.split(':').map(Number);
  const [th, tm] = to.split(':').map(Number);
  const f = fh * 60 + fm;
  const t = th * 60 + tm;
  if (f === t) return false;
  return f < t ? m >= f && m < t : m >= f || m < t;
}

describe('quiet hours', () => {
  it('a minute is quiet exactly when the contact’s wall clock is inside the window, across DST and odd offsets', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }), hhmm, hhmm, fc.constantFrom(...ZONES), (ms, from, to, zone) => {
        expect(inQuietHours(ms, from, to, zone)).toBe(reference(ms, from, to, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('around a DST change the wall clock decides (Berlin, 2026-03-29: 02:00 → 03:00)', () => {
    const before = Date.parse('2026-03-29T00:59:00Z'); // 01:59 CET
    const after = Date.parse('2026-03-29T01:00:00Z'); // 03:00 CEST
    expect(inQuietHours(before, '22:00', '03:00', 'Europe/Berlin')).toBe(true);
    expect(inQuietHours(after, '22:00', '03:00', 'Europe/Berlin')).toBe(false);
  });

  it('times of day are read once and shared, never changed by a caller', () => {
    const t = parseTimeOfDay('09:30');
    expect(t).toEqual({ hour: 9, minute: 30 });
    expect(parseTimeOfDay('09:30')).toBe(t);
    expect(() => ((t as { hour: number }).hour = 1)).toThrow();
    expect(parseTimeOfDay('24:00')).toBeNull();
  });
});
