import { describe, expect, it } from 'vitest';
import { browserKnows } from '../../../web/src/editor/browserLocale.ts';

describe('whether the browser (here: Node with full ICU) has a locale\'s data', () => {
  it('a language it has is known; one it falls back from, or a tag it cannot read, is not', () => {
    expect(browserKnows('ru-RU')).toBe(true);
    expect(browserKnows('kk-KZ')).toBe(true);
    expect(browserKnows('xx-XX')).toBe(false);
    expect(browserKnows('not a tag')).toBe(false);
  });
});
