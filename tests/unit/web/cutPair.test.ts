import { describe, expect, it } from 'vitest';
import { cutPair } from '../../../web/src/editor/cutPair.ts';

describe('a changed text, cut so that the change shows', () => {
  it('short texts, or a change early on, are cut at the end as before', () => {
    expect(cutPair('Скидка 10%', 'Скидка 15%')).toEqual(['Скидка 10%', 'Скидка 15%']);
    const long = 'a'.repeat(60);
    expect(cutPair(`b${long}`, `c${long}`)).toEqual([`b${'a'.repeat(46)}…`, `c${'a'.repeat(46)}…`]);
  });

  it('two long texts that differ past the cut are shown from a little before the difference', () => {
    const before = '{{contact.firstName}}, товары ждут вас в корзине';
    const after = '{{contact.firstName}}, товары ждут вас в корзине — ждём!';
    const [b, a] = cutPair(before, after, 40);
    expect(b).not.toBe(a);
    expect(a).toContain('ждём!');
    expect(b.startsWith('…') && a.startsWith('…')).toBe(true);
  });
});
