import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserKnows } from '../../../web/src/editor/browserLocale.ts';

describe('whether the browser (here: Node with full ICU) has a locale\'s data', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a language it has is known; one it falls back from, or a tag it cannot read, is not', () => {
    expect(browserKnows('ru-RU')).toBe(true);
    expect(browserKnows('kk-KZ')).toBe(true);
    expect(browserKnows('xx-XX')).toBe(false);
    expect(browserKnows('not a tag')).toBe(false);
  });

  it('a browser that resolves Kazakh but has no Kazakh months (Debian Chromium: «M11») does not know it', () => {
    const Real = Intl.DateTimeFormat;
    // what Chromium built with fewer languages answers: the locale resolved, the month from the root locale
    vi.spyOn(Intl, 'DateTimeFormat').mockImplementation((function (locale: string, opts?: Intl.DateTimeFormatOptions) {
      const real = new Real(locale, opts);
      if (!String(locale).startsWith('kk')) return real;
      return { resolvedOptions: () => real.resolvedOptions(), format: () => 'M11' } as unknown as Intl.DateTimeFormat;
    } as unknown) as never);
    expect(browserKnows('kk-KZ')).toBe(false);
    expect(browserKnows('uk-UA')).toBe(true);
  });
});
