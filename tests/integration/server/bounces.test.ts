import { describe, expect, it } from 'vitest';
import { httpReceiver, smtpReceiver } from '../channels/helpers.ts';
import { ENV, closeAfterEach, expectUnchanged, startServer, type Harness } from '../api/helpers.ts';
import type { OutboxDto, PathEntryDto, SuppressionDto } from '../../../shared/api/types.ts';

/** Emails on `signup`; if that email bounces within a day, an SMS instead. */
const news = {
  format: 'voronka/funnel@1',
  id: 'news',
  name: 'News',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'signup' } },
    { id: 'hello', type: 'message', data: { channel: 'email', subject: 'Welcome', body: 'Hi {{contact.firstName}}' } },
    { id: 'bounce', type: 'wait', data: { event: 'message.bounced', where: { '==': [{ var: 'event.data.node' }, 'hello'] }, timeout: 'P1D' } },
    { id: 'sms', type: 'message', data: { channel: 'sms', body: 'Hi {{contact.firstName}}, your email did not arrive' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'hello' },
    { id: 'e2', source: 'hello', target: 'bounce' },
    { id: 'e3', source: 'bounce', exit: 'received', target: 'sms' },
  ],
};

/** One more email on `again` (reentry always): what goes to an address after it bounced. */
const again = {
  format: 'voronka/funnel@1',
  id: 'again',
  name: 'Again',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'again', reentry: 'always' } },
    { id: 'mail', type: 'message', data: { channel: 'email', subject: 'Again', body: 'Once more' } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'mail' }],
};

describe('bounces: a provider says a sent message did not arrive', () => {
  const closers = closeAfterEach();
  let h: Harness;

  async function setUp() {
    const smtp = await smtpReceiver();
    closers.push(smtp.close);
    const sms = await httpReceiver((_, res) => res.end('{"status":"queued"}'));
    closers.push(sms.close);
    h = await startServer({ env: { ...ENV, VORONKA_SMTP_URL: smtp.url, VORONKA_SMTP_FROM: 'noreply@voronka.test', VORONKA_SMS_URL: sms.url, VORONKA_SMS_TOKEN: 't' } });
    closers.push(h.close);
    for (const f of [news, again]) {
      expect((await h.api('POST', '/api/funnels', f)).status).toBe(201);
      expect((await h.api('POST', `/api/funnels/${f.id}/publish`, {})).status).toBe(201);
    }
    await h.api('POST', '/api/contacts', { id: 'ira', attributes: { firstName: 'Ира', email: 'Ira@Example.com', phone: '+7 916 000-00-01' }, consents: { email: true, sms: true } });
    return { h, smtp, sms };
  }
  const messages = async (contactId: string) => (await h.api<OutboxDto[]>('GET', `/api/outbox?contactId=${contactId}`)).body;

  it('a hard bounce: the message is bounced, the funnel hears it (an SMS instead), its node counts it, the path says why, the address is suppressed', async () => {
    const { h, smtp, sms } = await setUp();
    await h.api('POST', '/api/events', { id: 's-1', type: 'signup', contactId: 'ira' });
    await h.settle();
    expect(smtp.raw).toHaveLength(1);
    const [hello] = await messages('ira');
    expect(hello).toMatchObject({ node: 'hello', status: 'sent' });

    const r = await h.api<OutboxDto>('POST', `/api/outbox/${encodeURIComponent(hello.id)}/bounce`, { reason: '550 5.1.1 user unknown' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: hello.id, status: 'bounced', lastError: 'bounced (hard): 550 5.1.1 user unknown' });
    await h.settle();
    // the run waiting for the bounce went on: the SMS went out
    expect(sms.seen).toHaveLength(1);
    expect(JSON.parse(sms.seen[0].body).text).toBe('Hi Ира, your email did not arrive');
    const events = (await h.api<{ type: string; data: Record<string, unknown> }[]>('GET', '/api/contacts/ira/events')).body;
    expect(events.find((e) => e.type === 'message.bounced')?.data).toMatchObject({ messageId: hello.id, funnelId: 'news', node: 'hello', channel: 'email', hard: true, reason: '550 5.1.1 user unknown' });
    const stats = (await h.api<{ nodes: { node: string; bounced?: number }[] }>('GET', '/api/funnels/news/stats')).body;
    expect(stats.nodes.find((n) => n.node === 'hello')?.bounced).toBe(1);
    const [run] = (await h.api<{ path: PathEntryDto[] }[]>('GET', '/api/runs?contactId=ira&funnelId=news')).body;
    expect(run.path.find((p) => p.node === 'hello')?.failed).toBe('bounced (hard): 550 5.1.1 user unknown');
    // the contact's address is suppressed (lower-cased, as addresses compare)
    const contact = (await h.api<{ suppressed?: SuppressionDto[] }>('GET', '/api/contacts/ira')).body;
    expect(contact.suppressed).toEqual([{ channel: 'email', address: 'ira@example.com', reason: '550 5.1.1 user unknown', messageId: hello.id, at: expect.any(Number) }]);

    // told again (the ESP retries its webhook): nothing changes, nothing is counted twice
    await expectUnchanged(h, async () => expect((await h.api('POST', `/api/outbox/${encodeURIComponent(hello.id)}/bounce`, { reason: 'again' })).status).toBe(200));

    // the next email to that address is held back, and says why; nothing reaches the mail server
    await h.api('POST', '/api/events', { id: 'a-1', type: 'again', contactId: 'ira' });
    await h.settle();
    expect(smtp.raw).toHaveLength(1);
    const held = (await messages('ira')).find((m) => m.node === 'mail')!;
    expect(held).toMatchObject({ status: 'withheld', lastError: 'suppressed: ira@example.com bounced before (550 5.1.1 user unknown)' });
    // its node counts it, so the canvas does not read it as delivered
    const againStats = (await h.api<{ nodes: { node: string; blocked?: number }[] }>('GET', '/api/funnels/again/stats')).body;
    expect(againStats.nodes.find((n) => n.node === 'mail')?.blocked).toBe(1);
    // another contact with the same address, written differently, is not sent to either
    await h.api('POST', '/api/contacts', { id: 'twin', attributes: { email: ' IRA@example.com' }, consents: { email: true } });
    await h.api('POST', '/api/events', { id: 'a-2', type: 'again', contactId: 'twin' });
    await h.settle();
    expect(smtp.raw).toHaveLength(1);
    expect((await messages('twin'))[0]).toMatchObject({ status: 'withheld' });

    // lifted (the person fixed their mailbox): sent to again
    expect((await h.api('DELETE', '/api/contacts/ira/suppressions/email')).status).toBe(204);
    expect((await h.api<{ suppressed?: unknown }>('GET', '/api/contacts/ira')).body.suppressed).toBeUndefined();
    await h.api('POST', '/api/events', { id: 'a-3', type: 'again', contactId: 'ira' });
    await h.settle();
    expect(smtp.raw).toHaveLength(2);
    const lift = await h.api('DELETE', '/api/contacts/ira/suppressions/email');
    expect(lift.status).toBe(404);
    expect(lift.body.error).toMatch(/no suppressed email address/);
  });

  it('a soft bounce marks the message and tells the funnel, but suppresses nothing; a changed address is sent to', async () => {
    const { h, smtp, sms } = await setUp();
    await h.api('POST', '/api/events', { id: 's-1', type: 'signup', contactId: 'ira' });
    await h.settle();
    const [hello] = await messages('ira');
    const r = await h.api<OutboxDto>('POST', `/api/outbox/${encodeURIComponent(hello.id)}/bounce`, { hard: false, reason: '452 mailbox full' });
    expect(r.body).toMatchObject({ status: 'bounced', lastError: 'bounced (soft): 452 mailbox full' });
    await h.settle();
    expect(sms.seen).toHaveLength(1);
    expect((await h.api<{ suppressed?: unknown }>('GET', '/api/contacts/ira')).body.suppressed).toBeUndefined();
    await h.api('POST', '/api/events', { id: 'a-1', type: 'again', contactId: 'ira' });
    await h.settle();
    expect(smtp.raw).toHaveLength(2);

    // the provider's permanent verdict after its retries: the same message turns hard, and the address is blocked
    const hard = await h.api<OutboxDto>('POST', `/api/outbox/${encodeURIComponent(hello.id)}/bounce`, { hard: true, reason: '550 gave up' });
    expect(hard.body).toMatchObject({ status: 'bounced', lastError: 'bounced (hard): 550 gave up' });
    expect((await h.api<{ suppressed?: SuppressionDto[] }>('GET', '/api/contacts/ira')).body.suppressed).toMatchObject([{ channel: 'email', address: 'ira@example.com', reason: '550 gave up' }]);
    expect((await h.api('DELETE', '/api/contacts/ira/suppressions/email')).status).toBe(204);

    // the contact moves to a new address; the old one's hard bounce arrives after: it blocks the address the
    // message went to (the delivery log keeps it), and the new one is sent to
    const mail = (await messages('ira')).find((m) => m.node === 'mail')!;
    await h.api('POST', '/api/contacts', { id: 'ira', attributes: { email: 'ira@new.example' } });
    expect((await messages('ira')).find((m) => m.id === mail.id)?.address).toBe('Ira@Example.com');
    expect((await h.api('POST', `/api/outbox/${encodeURIComponent(mail.id)}/bounce`, {})).body.status).toBe('bounced');
    expect((await h.api<{ suppressed?: unknown }>('GET', '/api/contacts/ira')).body.suppressed).toBeUndefined();
    await h.api('POST', '/api/contacts', { id: 'old-ira', attributes: { email: 'ira@example.com' }, consents: { email: true } });
    expect((await h.api<{ suppressed?: SuppressionDto[] }>('GET', '/api/contacts/old-ira')).body.suppressed).toMatchObject([{ address: 'ira@example.com' }]);
    await h.api('POST', '/api/events', { id: 'a-2', type: 'again', contactId: 'ira' });
    await h.settle();
    expect(smtp.raw).toHaveLength(3);
  });

  it('refuses what cannot bounce, and bad input, changing nothing; an ingest key may pass bounces on', async () => {
    const { h } = await setUp();
    await h.api('POST', '/api/contacts', { id: 'nobody', attributes: { email: 'n@example.com' }, consents: {} });
    await h.api('POST', '/api/events', { id: 'a-1', type: 'again', contactId: 'nobody' }); // no consent: withheld
    await h.api('POST', '/api/events', { id: 's-1', type: 'signup', contactId: 'ira' });
    await h.settle();
    const withheld = (await messages('nobody'))[0];
    const sent = (await messages('ira'))[0];
    expect(withheld.status).toBe('withheld');
    await expectUnchanged(h, async () => {
      const missing = await h.api('POST', '/api/outbox/no-such/bounce', {});
      expect(missing.status).toBe(404);
      expect(missing.body.error).toBe('no message "no-such"');
      const notSent = await h.api('POST', `/api/outbox/${encodeURIComponent(withheld.id)}/bounce`, {});
      expect(notSent.status).toBe(409);
      expect(notSent.body.error).toBe(`message "${withheld.id}" was not sent (held back): only a message that went out can bounce`);
      const badType = await h.api('POST', `/api/outbox/${encodeURIComponent(sent.id)}/bounce`, { hard: 'yes' });
      expect(badType.status).toBe(400);
      expect(JSON.stringify(badType.body)).toContain('hard');
      const unknown = await h.api('POST', `/api/outbox/${encodeURIComponent(sent.id)}/bounce`, { hard: true, kind: 'x' });
      expect(unknown.status).toBe(400);
      expect(JSON.stringify(unknown.body)).toContain('kind');
    });
    const key = (await h.api<{ key: string }>('POST', '/api/api-keys', { name: 'esp webhook', scope: 'ingest' })).body.key;
    const bearer = { authorization: `Bearer ${key}` };
    expect((await h.api('POST', `/api/outbox/${encodeURIComponent(sent.id)}/bounce`, { reason: 'user unknown' }, bearer)).status).toBe(200);
    expect((await h.api('GET', '/api/outbox', undefined, bearer)).status).toBe(403);
  });
});
