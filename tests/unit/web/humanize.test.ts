import { describe, expect, it } from 'vitest';
import { humanDuration, humanOffset, typedClock } from '../../../web/src/editor/humanize.ts';

describe('durations in words', () => {
  it('a length of time in words; a negative one is not shown as if it were valid', () => {
    expect(humanDuration('P1D', 'ru')).toBe('1 день');
    expect(humanDuration('PT90M', 'en')).toBe('90 minutes');
    expect(humanDuration('-P1D', 'ru')).toBeNull();
    expect(humanDuration('soon', 'en')).toBeNull();
  });

  it('an offset keeps its direction', () => {
    expect(humanOffset('-P3D', 'ru')).toBe('за 3 дня до');
    expect(humanOffset('PT1H', 'en')).toBe('1 hour after');
  });
});

describe('a time of day as typed', () => {
  it('becomes HH:MM, 24-hour, from the ways people write it', () => {
    expect(typedClock('9:30')).toBe('09:30');
    expect(typedClock('930')).toBe('09:30');
    expect(typedClock('9.30')).toBe('09:30');
    expect(typedClock('21:00')).toBe('21:00');
    expect(typedClock('9 PM')).toBe('21:00');
    expect(typedClock('9:30 pm')).toBe('21:30');
    expect(typedClock('10 p.m.')).toBe('22:00');
    expect(typedClock('12 AM')).toBe('00:00');
    expect(typedClock('12:15 PM')).toBe('12:15');
  });

  it('is not one when it cannot be', () => {
    for (const bad of ['9', '24:00', '9:75', '13 PM', '0 AM', 'noon', '']) expect(typedClock(bad)).toBeNull();
  });
});
