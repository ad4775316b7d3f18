import { describe, expect, it } from 'vitest';
import { emailHtml, linkify } from '../../server/channels/email.ts';
import { escapeHtml } from '../../shared/engine/template.ts';

describe('the addresses in an email\'s text are links in its HTML part', () => {
  it('links a bare address to itself; the punctuation after it stays outside', () => {
    expect(linkify('Загляните: https://lavanda-nsk.ru/catalog')).toBe('Загляните: <a href="https://lavanda-nsk.ru/catalog">https://lavanda-nsk.ru/catalog</a>');
    expect(linkify('См. https://a.example/x. Или (http://b.example/y), «https://c.example/z»!')).toBe(
      'См. <a href="https://a.example/x">https://a.example/x</a>. Или (<a href="http://b.example/y">http://b.example/y</a>), «<a href="https://c.example/z">https://c.example/z</a>»!',
    );
  });

  it('links after escaping: an escaped value stays escaped, and its address keeps its query', () => {
    const value = escapeHtml('https://shop.example/?a=1&b=<2> "x"');
    expect(linkify(`Ваш заказ: ${value}`)).toBe('Ваш заказ: <a href="https://shop.example/?a=1&amp;b=&lt;2&gt;">https://shop.example/?a=1&amp;b=&lt;2&gt;</a> &quot;x&quot;');
    expect(linkify(escapeHtml('<script>https://x.example</script>'))).not.toContain('<script>');
  });

  it('leaves a link the template wrote, an address in a tag and the words of a tracked link as they are', () => {
    const written = 'Каталог: <a href="https://lavanda-nsk.ru/catalog">https://lavanda-nsk.ru/catalog</a>, <img src="https://cdn.example/l.png" alt="">';
    expect(linkify(written)).toBe(written);
    const tracked = 'See <a href="https://voronka.example/c/abc.def">https://shop.example/offer</a>. <A HREF="https://x.example"><b>https://x.example</b></A>';
    expect(linkify(tracked)).toBe(tracked);
    // after a link ends, the text is linked again; a style's contents never are
    expect(linkify('<a href="https://a.example">a</a> и https://b.example')).toBe('<a href="https://a.example">a</a> и <a href="https://b.example">https://b.example</a>');
    expect(linkify('<style>.x{background:url(https://a.example/i.png)}</style>')).toBe('<style>.x{background:url(https://a.example/i.png)}</style>');
    expect(linkify('no address, www.example.com, mailto:me@x.example')).toBe('no address, www.example.com, mailto:me@x.example');
  });

  it('builds the HTML part with the links, line breaks kept', () => {
    const html = emailHtml('Привет!\nЗагляните: https://lavanda-nsk.ru/catalog\nДо встречи', 'https://v.example/u/t');
    expect(html).toContain('Загляните: <a href="https://lavanda-nsk.ru/catalog">https://lavanda-nsk.ru/catalog</a><br>\nДо встречи');
  });
});
