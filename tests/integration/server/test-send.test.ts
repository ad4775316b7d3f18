import { afterEach, describe, expect, it } from 'vitest';
import { parseMail, smtpReceiver } from '../channels/helpers.ts';
import { ENV, expectUnchanged, login, startServer, type Harness } from '../api/helpers.ts';

/** A draft with an offer (entry email about its product), a message and a delay. */
const draft = {
  format: 'voronka/funnel@1',
  id: 'promo',
  name: 'Promo',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
    {
      id: 'offer',
      type: 'offer',
      data: {
        stage: 'tripwire',
        product: { sku: 'MINI', name: 'Мини-курс', price: 1490, currency: 'RUB' },
        message: { channel: 'email', subject: '{{product.name}} для {{contact.firstName}}', body: 'Всего {{product.price}} ₽, {{contact.firstName}}' },
        window: 'P3D',
      },
    },
    { id: 'sms', type: 'message', data: { channel: 'sms', body: 'Привет, {{contact.firstName}}!' } },
    { id: 'wait', type: 'delay', data: { for: 'P1D' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'offer' },
    { id: 'e2', source: 'offer', exit: 'converted', target: 'sms' },
    { id: 'e3', source: 'sms', target: 'wait' },
  ],
};

describe('test sends from the editor', () => {
  let h: Harness | null = null;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await h?.close();
    h = null;
    for (const c of closers.splice(0)) await c();
  });

  it("sends a node's email at once to the given address, filled in with the contact's data, and keeps it in the outbox", async () => {
    const smtp = await smtpReceiver();
    closers.push(smtp.close);
    h = await startServer({ env: { ...ENV, VORONKA_SMTP_URL: smtp.url, VORONKA_SMTP_FROM: 'Voronka <noreply@voronka.test>' } });
    expect((await h.api('POST', '/api/funnels', draft)).status).toBe(201);
    // the contact has given no consent: a test goes out anyway, to the tester's address, not theirs
    await h.api('POST', '/api/contacts', { id: 'olga', attributes: { firstName: 'Оля & Ко', email: 'olga@example.com' } });
    const r = await h.api('POST', '/api/funnels/promo/nodes/offer/test-send', { contactId: 'olga', to: 'tester@voronka.test' });
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    expect(r.body[0]).toMatchObject({ runId: 'test', node: 'offer', channel: 'email', status: 'sent', contactId: 'olga', payload: { subject: 'Мини-курс для Оля & Ко', test: true, to: 'tester@voronka.test' } });
    expect(smtp.raw).toHaveLength(1);
    // the editor is told which channels send for real
    expect((await h.api('GET', '/api/channels')).body).toEqual({ configured: ['email', 'webhook'], checkable: ['email'], canCheck: ['email', 'telegram'] });
    const mail = parseMail(smtp.raw[0]);
    expect(mail.headers.to).toBe('tester@voronka.test');
    const html = mail.parts.find((p) => p.type === 'text/html')!.body;
    expect(html).toContain('Всего 1490 ₽, Оля &amp; Ко'); // the contact's data HTML-escaped like in any email
    // its unsubscribe link records nothing
    const link = /href="([^"]+\/u\/[^"]+)"/.exec(html)![1];
    const page = await h.s.app.request(new URL(link).pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('тестовое сообщение');
    expect((await h.api('GET', '/api/contacts/olga')).body.consents).toEqual({});
    // the Messages page lists it; nothing else happened: no run, no event
    const outbox = await h.api('GET', '/api/outbox');
    expect(outbox.body.map((m: { id: string }) => m.id)).toContain(r.body[0].id);
    expect((await h.api('GET', '/api/runs?contactId=olga')).body).toEqual([]);
  });

  it('without a contact the sender fills the message and receives it; with no channel it goes to the dev outbox', async () => {
    h = await startServer();
    expect((await h.api('POST', '/api/funnels', draft)).status).toBe(201);
    const cookie = await login(h, 'marketer@voronka.local');
    const r = await h.api('POST', '/api/funnels/promo/nodes/offer/test-send', {}, { cookie });
    expect(r.status).toBe(200);
    const me = (await h.api('GET', '/api/auth/me', undefined, { cookie })).body;
    // no channel set up (webhooks always go out): the editor warns that email stays in the dev outbox
    expect((await h.api('GET', '/api/channels', undefined, { cookie })).body).toEqual({ configured: ['webhook'], checkable: [], canCheck: ['email', 'telegram'] });
    expect(r.body[0]).toMatchObject({ status: 'dev', reply: 'dev outbox: no channel configured', payload: { to: me.email, subject: `Мини-курс для ${me.name.split(' ')[0]}` } });
    // an SMS needs a phone number: the sender has none, so the request names the field
    const sms = await h.api('POST', '/api/funnels/promo/nodes/sms/test-send', {}, { cookie });
    expect(sms.status).toBe(422);
    expect(sms.body.error).toMatch(/^to: give a phone number/);
    // a webhook message goes to the URL given (here a receiver that is not there: failed, with the reason)
    const hook = await h.api('PUT', '/api/funnels/promo', { ...draft, nodes: draft.nodes.map((n) => (n.id === 'sms' ? { ...n, data: { channel: 'webhook', body: '{"hi":"{{contact.firstName}}"}' } } : n)) });
    expect(hook.status).toBe(200);
    expect((await h.api('POST', '/api/funnels/promo/nodes/sms/test-send', {}, { cookie })).body.error).toMatch(/^to: give a webhook URL/);
    const sent = await h.api('POST', '/api/funnels/promo/nodes/sms/test-send', { to: 'http://127.0.0.1:1/hook' }, { cookie });
    expect(sent.body[0]).toMatchObject({ channel: 'webhook', status: 'failed', payload: { to: 'http://127.0.0.1:1/hook' } });
    expect(sent.body[0].lastError).toMatch(/network error/);
    expect((await h.api('PUT', '/api/funnels/promo', draft)).status).toBe(200);
    const ok = await h.api('POST', '/api/funnels/promo/nodes/sms/test-send', { to: '+7 900 000-00-00' }, { cookie });
    expect(ok.body[0]).toMatchObject({ channel: 'sms', status: 'dev', payload: { body: `Привет, ${me.name.split(' ')[0]}!`, to: '+7 900 000-00-00' } });
  });

  it("an example of the start event's data fills {{event.data.…}}, dates written in the contact's zone", async () => {
    h = await startServer();
    const withEvent = { ...draft, nodes: draft.nodes.map((n) => (n.id === 'sms' ? { ...n, data: { channel: 'sms', body: 'Вебинар {{event.data.startsAt | datetime}}: {{event.data.link}}' } } : n)) };
    expect((await h.api('POST', '/api/funnels', withEvent)).status).toBe(201);
    await h.api('POST', '/api/contacts', { id: 'ural', attributes: { firstName: 'Урал', phone: '+79000000001', timezone: 'Asia/Yekaterinburg' } });
    const r = await h.api('POST', '/api/funnels/promo/nodes/sms/test-send', { contactId: 'ural', eventData: { startsAt: '2026-03-05T16:00:00Z', link: 'https://w.example/1' } });
    expect(r.status).toBe(200);
    expect(r.body[0].payload.body).toBe('Вебинар 5 марта 2026 г. в 21:00: https://w.example/1');
    const bad = await h.api('POST', '/api/funnels/promo/nodes/sms/test-send', { contactId: 'ural', eventData: 'link=x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('eventData');
  });

  it('refuses what cannot be sent, naming the field, and stores nothing', async () => {
    h = await startServer();
    expect((await h.api('POST', '/api/funnels', draft)).status).toBe(201);
    const hh = h;
    const cookie = await login(hh, 'manager@voronka.local');
    await expectUnchanged(hh, async () => {
      const cases: [string, unknown, number, RegExp][] = [
        ['/api/funnels/promo/nodes/wait/test-send', {}, 422, /^node: "wait" sends no message/],
        ['/api/funnels/promo/nodes/nope/test-send', {}, 404, /^node: no node "nope"/],
        ['/api/funnels/nope/nodes/offer/test-send', {}, 404, /no funnel "nope"/],
        ['/api/funnels/promo/nodes/offer/test-send', { contactId: 'ghost' }, 404, /^contactId: no contact "ghost"/],
        ['/api/funnels/promo/nodes/offer/test-send', { to: 42 }, 400, /to/],
        ['/api/funnels/promo/nodes/offer/test-send', { address: 'x@y.z' }, 400, /address/],
      ];
      for (const [path, body, status, error] of cases) {
        const r = await hh.api('POST', path, body);
        expect(r.status, path + JSON.stringify(body)).toBe(status);
        expect(r.body.error).toMatch(error);
      }
      // a manager cannot send tests
      expect((await hh.api('POST', '/api/funnels/promo/nodes/offer/test-send', {}, { cookie })).status).toBe(403);
    });
  });
});
