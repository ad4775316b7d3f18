import { describe, expect, it } from 'vitest';
import { addIsoDuration, parseDuration } from '../../../shared/format/duration.ts';
import { durationBetween, formatIsoDuration } from '../../../web/src/simulator/isoDuration.ts';
import { humanDuration, shownDuration, typedDuration } from '../../../web/src/editor/humanize.ts';
import { toIsoDuration } from '../../../shared/format/durationWords.ts';

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
    ['1 день 2 часа', 'P1DT2H'],
    ['1h 30m', 'PT1H30M'],
    ['2h30m', 'PT2H30M'],
    ['1 неделя 2 дня', 'P9D'],
    ['1 год 2 месяца', 'P1Y2M'],
    ['45 секунд', 'PT45S'],
    ['3 дня потом', '3 дня потом'],
    ['3 дня 4', '3 дня 4'],
  ])('%s → %s', (typed, iso) => expect(toIsoDuration(typed)).toBe(iso));

  it('upper-cases ISO while typing and leaves shorthand alone, so "-1h" can still become -PT1H', () => {
    expect(typedDuration('p3d')).toBe('P3D');
    expect(typedDuration('-pt1h')).toBe('-PT1H');
    expect(typedDuration('-1h')).toBe('-1h');
    expect(typedDuration('3д')).toBe('3д');
    expect(toIsoDuration(typedDuration('-1h'))).toBe('-PT1H');
  });
});

describe('a duration field shows words that read back as the stored value', () => {
  it.each(['PT30M', 'PT1H', 'P1D', 'P3D', 'P7D', 'P1W', 'P2W', 'P1M', 'P1Y', 'P1DT2H', 'PT1H30M', 'P1Y2M3DT4H5M6S', 'PT90M', 'P21D', 'PT0M'])('%s', (iso) => {
    for (const lang of ['ru', 'en'] as const) {
      const shown = shownDuration(iso, lang);
      expect(shown).toBe(humanDuration(iso, lang));
      expect(toIsoDuration(shown)).toBe(iso);
    }
  });

  it('shows what is not a plain length as stored', () => {
    expect(shownDuration('P1W2D', 'ru')).toBe('P1W2D'); // its words read back as P9D
    expect(shownDuration('-P3D', 'ru')).toBe('-P3D');
    expect(shownDuration('soon', 'en')).toBe('soon');
  });

  it('takes a fraction of a unit and a half in words: «1,5 часа», «полчаса», «полтора дня»', () => {
    expect(toIsoDuration('1,5 часа')).toBe('PT1H30M');
    expect(toIsoDuration('1.5h')).toBe('PT1H30M');
    expect(toIsoDuration('2,5 дня')).toBe('P2DT12H');
    expect(toIsoDuration('0,5 недели')).toBe('P3DT12H');
    expect(toIsoDuration('полчаса')).toBe('PT30M');
    expect(toIsoDuration('Полтора часа')).toBe('PT1H30M');
    expect(toIsoDuration('полтора дня')).toBe('P1DT12H');
    expect(toIsoDuration('полгода')).toBe('P6M');
    expect(toIsoDuration('1,3 минуты')).toBe('PT1M18S');
    // months and years have no fixed length, and a fraction of a second is not kept: not guessed
    expect(toIsoDuration('1,5 месяца')).toBe('1,5 месяца');
    expect(toIsoDuration('1,5 секунды')).toBe('1,5 секунды');
    expect(toIsoDuration('полчасика')).toBe('полчасика');
  });
});
