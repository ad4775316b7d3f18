import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { parseMail, smtpReceiver } from '../channels/helpers.ts';
import { ENV, closeAfterEach, publishFunnel, startServer, type Harness } from '../api/helpers.ts';

/** A funnel that emails at once on its own event, in the given language. */
const mailer = (id: string, locale: string) => ({
  format: 'voronka/funnel@1',
  id,
  name: `Mailer ${id}`,
  settings: { locale },
  nodes: [
    { id: 'start', type: 'trigger', data: { event: `${id}.go` } },
    { id: 'mail', type: 'message', data: { channel: 'email', subject: 'Скидка', body: 'Загляните в каталог', marketing: true } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'mail' }],
});

/** The app on a real port: the unsubscribe page as a mail reader's browser gets it. */
async function listen(h: Harness): Promise<{ base: string; close: () => Promise<void> }> {
  let port = 0;
  const server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const srv = serve({ fetch: h.s.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port;
      ok(srv);
    });
  });
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe('the unsubscribe page over real HTTP', () => {
  const closers = closeAfterEach();

  it('names the sender of the email channel, says what happens, records the opt-out and confirms it', async () => {
    const smtp = await smtpReceiver();
    closers.push(smtp.close);
    const h = await startServer();
    closers.push(h.close);
    const web = await listen(h);
    closers.push(web.close);
    // the admin sets the channel up in the settings, as a shop does
    expect((await h.api('PUT', '/api/settings/channels', { email: { smtpUrl: smtp.url, from: 'Лаванда <hello@lavanda.test>' } })).status).toBe(200);
    await publishFunnel(h, mailer('lv-mail', 'ru-RU'));
    await h.api('POST', '/api/contacts', { id: 'lv-003', attributes: { firstName: 'Ольга', email: 'olga@example.com' }, consents: { email: true, sms: true } });
    expect((await h.api('POST', '/api/events', { id: 'go-1', type: 'lv-mail.go', contactId: 'lv-003' })).status).toBe(202);
    await h.settle();
    expect(smtp.raw).toHaveLength(1);
    const link = new URL(/<([^>]+)>/.exec(parseMail(smtp.raw[0]).headers['list-unsubscribe'] ?? '')![1]);
    const url = `${web.base}${link.pathname}${link.search}`;

    const asked = await fetch(url);
    expect(asked.status).toBe(200);
    expect(asked.headers.get('content-type')).toMatch(/text\/html/);
    const page = await asked.text();
    // a page of its own: styled inline, for a phone too, nothing fetched from elsewhere
    expect(page).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    expect(page).toMatch(/<style>[^<]+<\/style>/);
    expect(page).not.toMatch(/<link\b|<script\b|src=|url\(/i);
    expect(page).toContain('<html lang="ru">');
    // who the mail came from, and what pressing the button does
    expect(page).toContain('<h1>Отписаться от рассылки «Лаванда»?</h1>');
    expect(page).toContain('Вы больше не будете получать письма рассылки от «Лаванда».');
    expect(page).not.toContain('hello@lavanda.test'); // the name, not the address, when there is one
    expect(page).not.toContain('Unsubscribe'); // a Russian funnel's page speaks Russian only
    expect(page).toContain('<form method="post">');
    expect((await h.api('GET', '/api/contacts/lv-003')).body.consents.email).toBe(true); // asking records nothing

    const done = await fetch(url, { method: 'POST', body: 'confirm=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(done.status).toBe(200);
    const confirmed = await done.text();
    expect(confirmed).toContain('Вы отписались от рассылки.');
    expect(confirmed).toContain('Письма рассылки от «Лаванда» больше не будут приходить.');
    const contact = (await h.api('GET', '/api/contacts/lv-003')).body;
    expect(contact.consents).toEqual({ email: false, sms: true });
    const events = (await h.api('GET', '/api/contacts/lv-003/events')).body;
    expect(JSON.stringify(events)).toContain('"unsubscribed"');

    // the page names the sender as it is set now; an English funnel's link gets an English page
    expect((await h.api('PUT', '/api/settings/channels', { email: { smtpUrl: smtp.url, from: 'shop@lavanda.test' } })).status).toBe(200);
    const en = await (await fetch(`${web.base}${link.pathname}?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<h1>Unsubscribe from the emails of shop@lavanda.test?</h1>');
    expect(en).toContain('You will no longer receive marketing emails from shop@lavanda.test.');
  });

  it('escapes a sender name with markup, and says it plainly with no sender at all', async () => {
    const h = await startServer({ env: { ...ENV, VORONKA_SMTP_URL: 'smtp://127.0.0.1:2', VORONKA_SMTP_FROM: '"<script>alert(1)</script> & Co" <shop@x.test>' } });
    closers.push(h.close);
    const web = await listen(h);
    closers.push(web.close);
    await h.api('POST', '/api/contacts', { id: 'c-1', attributes: { email: 'c1@example.com' }, consents: { email: true } });
    const link = new URL(h.s.ctx.unsubscribe.url('c-1', 'email'));
    const page = await (await fetch(`${web.base}${link.pathname}?lang=ru`)).text();
    expect(page).not.toContain('<script>');
    expect(page).toContain('Отписаться от рассылки «&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co»?');
    const done = await (await fetch(`${web.base}${link.pathname}?lang=ru`, { method: 'POST', body: 'confirm=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).text();
    expect(done).not.toContain('<script>');
    expect(done).toContain('«&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co»');
    expect((await h.api('GET', '/api/contacts/c-1')).body.consents.email).toBe(false);

    // a channel with no sender set (SMS here names none): the page still asks, without a name
    const sms = new URL(h.s.ctx.unsubscribe.url('c-1', 'sms'));
    const plain = await (await fetch(`${web.base}${sms.pathname}?lang=ru`)).text();
    expect(plain).toContain('<h1>Отписаться от этой рассылки?</h1>');
    expect(plain).not.toContain('«');
  });
});
