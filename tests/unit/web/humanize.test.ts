import { describe, expect, it } from 'vitest';
import { humanDuration, humanOffset } from '../../../web/src/editor/humanize.ts';

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
