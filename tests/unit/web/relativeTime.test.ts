import { describe, expect, it } from 'vitest';
import { relativeTime, timeSpan } from '../../../web/src/lists/format.ts';

const MIN = 60_000;

describe('a due time in words', () => {
  it('moves to the next unit once the distance rounds to it: never «через 60 минут»', () => {
    expect(relativeTime('ru-RU', 59 * MIN + 40_000, 0)).toBe('через 1 час');
    expect(relativeTime('ru-RU', 59 * MIN, 0)).toBe('через 59 минут');
    expect(relativeTime('ru-RU', 0, 23 * 60 * MIN + 45 * MIN)).toBe('1 день назад');
    expect(relativeTime('en-GB', 4 * 60 * MIN, 0)).toBe('in 4 hours');
    // right at the due time: «в эту минуту», never «через 0 минут»
    expect(relativeTime('ru-RU', 10_000, 0)).toBe('в эту минуту');
    expect(relativeTime('ru-RU', 0, 20_000)).toBe('в эту минуту');
    expect(relativeTime('en-GB', 0, 20_000)).toBe('this minute');
  });

  it('under ten of a unit says the next one too, so that a due time is not rounded up or down by an hour', () => {
    expect(relativeTime('ru-RU', 2 * 60 * MIN + 31 * MIN, 0)).toBe('через 2 часа 31 минуту');
    expect(relativeTime('ru-RU', 0, 3 * 60 * MIN + 21 * MIN)).toBe('3 часа 21 минуту назад');
    expect(relativeTime('ru-RU', 3 * 60 * MIN + 5 * MIN, 0)).toBe('через 3 часа 5 минут');
    expect(relativeTime('en-US', 3 * 60 * MIN + 29 * MIN, 0)).toBe('in 3 hours 29 minutes');
    expect(relativeTime('en-US', 0, 26 * 60 * MIN)).toBe('1 day 2 hours ago');
    expect(relativeTime('ru-RU', 3 * 60 * MIN, 0)).toBe('через 3 часа');
  });
});

describe('a length of time in words', () => {
  it('is said in the largest unit it reaches, with the word in the right form', () => {
    expect(timeSpan('ru-RU', 3 * 24 * 60 * MIN)).toBe('3 дня');
    expect(timeSpan('ru-RU', 5 * 24 * 60 * MIN)).toBe('5 дней');
    expect(timeSpan('ru-RU', 59 * MIN + 40_000)).toBe('1 час');
    expect(timeSpan('ru-RU', 45 * MIN)).toBe('45 минут');
    expect(timeSpan('en-GB', 2 * 60 * MIN)).toBe('2 hours');
    expect(timeSpan('ru-RU', 20_000)).toBe('0 минут');
    // under ten of the unit, the next one too: 37 hours is not «2 дня»
    expect(timeSpan('ru-RU', 37 * 60 * MIN)).toBe('1 день 13 часов');
    expect(timeSpan('ru-RU', 2 * 60 * MIN + 5 * MIN)).toBe('2 часа 5 минут');
    expect(timeSpan('ru-RU', 12 * 24 * 60 * MIN + 5 * 60 * MIN)).toBe('12 дней');
    expect(timeSpan('en-GB', 25 * 60 * MIN)).toBe('1 day 1 hour');
  });
});
