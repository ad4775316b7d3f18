import { describe, expect, it } from 'vitest';
import { linksOf, mapLinks } from '../../shared/engine/links.ts';
import { escapeHtml } from '../../shared/engine/template.ts';

describe('the links of a message body (what click tracking rewrites)', () => {
  const body = 'Hi! See https://shop.example/offer?a=1&amp;b=2. Then <a href="https://shop.example/guide">the guide</a>, or (http://x.example/a), mailto:me@x.example';

  it('finds bare links and hrefs in order; punctuation that ends a sentence stays out; entities are decoded', () => {
    expect(linksOf(body)).toEqual(['https://shop.example/offer?a=1&b=2', 'https://shop.example/guide', 'http://x.example/a']);
  });

  it('replaces each link by position and keeps everything else as it was', () => {
    const out = mapLinks(body, (_url, i) => `T${i}`);
    expect(out).toBe('Hi! See T0. Then <a href="T1">the guide</a>, or (T2), mailto:me@x.example');
    // the numbering is the order linksOf gives, so a link's position names its target
    expect(mapLinks(body, (u, i) => `${i}=${linksOf(body)[i] === u.replace(/&amp;/g, '&')}`)).toBe('Hi! See 0=true. Then <a href="1=true">the guide</a>, or (2=true), mailto:me@x.example');
  });

  it('a body without links is left alone', () => {
    expect(mapLinks('Nothing here, www.example.com is not a link', () => 'X')).toBe('Nothing here, www.example.com is not a link');
    expect(linksOf('')).toEqual([]);
  });

  it('a link holding an escaped character (a value with <, > or a quote, in an email) keeps its entity whole, and resolves to the link as written', () => {
    const email = `Your cart: ${escapeHtml('https://lavka.example/cart/I1?a=1&b=<2>&c="x"')}; see you`;
    expect(mapLinks(email, (u) => `[${u}]`)).toBe('Your cart: [https://lavka.example/cart/I1?a=1&amp;b=&lt;2&gt;&amp;c=&quot;x&quot;]; see you');
    expect(linksOf(email)).toEqual(['https://lavka.example/cart/I1?a=1&b=<2>&c="x"']);
    // a sentence's own semicolon after a link stays outside it
    expect(linksOf('See https://lavka.example/a; then')).toEqual(['https://lavka.example/a']);
  });
});
