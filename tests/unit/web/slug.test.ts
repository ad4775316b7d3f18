import { describe, expect, it } from 'vitest';
import { slugify, uniqueId } from '../../../web/src/lists/slug.ts';

describe('slugify (a funnel id from its name)', () => {
  it('transliterates Cyrillic and joins words with -', () => {
    expect(slugify('Брошенная корзина 2')).toBe('broshennaya-korzina-2');
    expect(slugify('  Щедрый — Ёжик! ')).toBe('shchedryy-ezhik');
  });

  it('cuts a long name between words, never inside one, at most 60 characters', () => {
    const id = slugify('Вебинар для юристов: бесплатная консультация и разбор договоров аренды');
    expect(id.length).toBeLessThanOrEqual(60);
    expect('vebinar-dlya-yuristov-besplatnaya-konsultatsiya-i-razbor-dogovorov-arendy'.startsWith(id)).toBe(true);
    expect(id).toBe('vebinar-dlya-yuristov-besplatnaya-konsultatsiya-i-razbor');
    expect(slugify('a'.repeat(80))).toBe('a'.repeat(60)); // one word longer than the limit
  });

  it('uniqueId adds -2, -3… to a taken id', () => {
    expect(uniqueId('x', new Set(['x', 'x-2']))).toBe('x-3');
    expect(uniqueId('y', new Set(['x']))).toBe('y');
  });
});
