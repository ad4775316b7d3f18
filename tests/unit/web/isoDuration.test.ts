import { describe, expect, it } from 'vitest';
import { addIsoDuration, parseDuration } from '../../../shared/format/duration.ts';
import { durationBetween, formatIsoDuration } from '../../../web/src/simulator/isoDuration.ts';
import { toIsoDuration, typedDuration } from '../../../web/src/editor/humanize.ts';

const H = 3_600_000;
const D = 24 * H;

describe('formatIsoDuration', () => {
  it.each([
    [0, 'PT0S'],
    [1000, 'PT1S'],
    [1500, 'PT1.5S'],
    [60_000, 'PT1M'],
    [2 * H, 'PT2H'],
    [2 * H + 30 * 60_000, 'PT2H30M'],
    [D, 'P1D'],
    [3 * D, 'P3D'],
    [D + 2 * H, 'P1DT2H'],
    [30 * D + 5 * H + 7 * 60_000 + 9000, 'P30DT5H7M9S'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatIsoDuration(ms)).toBe(text);
    expect(parseDuration(text)).not.toBeNull();
  });

  it('writes days as hours when asked', () => {
    expect(formatIsoDuration(D + 2 * H, { days: false })).toBe('PT26H');
  });

  it('refuses a negative span', () => {
    expect(() => formatIsoDuration(-1)).toThrow();
  });
});

describe('durationBetween', () => {
  it('is exact: adding it in the zone lands on the target', () => {
    const from = Date.parse('2026-03-02T07:00:00Z');
    for (const span of [H, 2 * H, D, 3 * D + 90 * 60_000, 30 * D])
      for (const zone of ['Europe/Moscow', 'Asia/Vladivostok', 'UTC', 'Europe/Berlin']) {
        const text = durationBetween(from, from + span, zone);
        expect(addIsoDuration(from, text, zone)).toBe(from + span);
      }
  });

  it('keeps calendar days across a DST change only when they land exactly', () => {
    const from = Date.parse('2026-03-28T11:00:00Z'); // 12:00 in Berlin, the day before clocks go forward
    expect(durationBetween(from, from + 23 * H, 'Europe/Berlin')).toBe('P1D'); // 12:00 next day
    expect(durationBetween(from, from + 24 * H, 'Europe/Berlin')).toBe('P1DT1H');
    expect(durationBetween(from, from + 2 * H, 'Europe/Berlin')).toBe('PT2H');
    expect(durationBetween(from, from + 24 * H, 'Europe/Moscow')).toBe('P1D');
  });
});

describe('shorthand typed into a duration or offset field', () => {
  it.each([
    ['3д', 'P3D'],
    ['2 ч', 'PT2H'],
    ['30m', 'PT30M'],
    ['30м', 'PT30M'],
    ['90 м', 'PT90M'],
    ['2 мес', 'P2M'],
    ['3 days', 'P3D'],
    ['-1h', '-PT1H'],
    ['-1H', '-PT1H'],
    ['- 3 дня', '-P3D'],
    ['-2w', '-P2W'],
    ['P3D', 'P3D'],
    ['-PT1H', '-PT1H'],
    ['soon', 'soon'],
  ])('%s → %s', (typed, iso) => expect(toIsoDuration(typed)).toBe(iso));

  it('upper-cases ISO while typing and leaves shorthand alone, so "-1h" can still become -PT1H', () => {
    expect(typedDuration('p3d')).toBe('P3D');
    expect(typedDuration('-pt1h')).toBe('-PT1H');
    expect(typedDuration('-1h')).toBe('-1h');
    expect(typedDuration('3д')).toBe('3д');
    expect(toIsoDuration(typedDuration('-1h'))).toBe('-PT1H');
  });
});
