import { describe, expect, it } from 'vitest';
import { parseMail, smtpReceiver } from '../channels/helpers.ts';
import { ENV, START, closeAfterEach, startServer } from '../api/helpers.ts';
import type { OutboxDto } from '../../../shared/api/types.ts';

/** Emails on `go`, then again after a day. */
const funnel = {
  format: 'voronka/funnel@1',
  id: 'twice',
  name: 'Twice',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'go' } },
    { id: 'first', type: 'message', data: { channel: 'email', subject: 'First', body: 'one', marketing: false } },
    { id: 'wait', type: 'delay', data: { for: 'P1D' } },
    { id: 'second', type: 'message', data: { channel: 'email', subject: 'Second', body: 'two', marketing: false } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'first' },
    { id: 'e2', source: 'first', target: 'wait' },
    { id: 'e3', source: 'wait', target: 'second' },
  ],
};

describe('the QA clock moved while a message is being sent (the server running its loops, as `voronka serve` does)', () => {
  const closers = closeAfterEach();

  it('sends each message once, at the time it was due: moving the clock does not expire the claim of a send in flight', async () => {
    const smtp = await smtpReceiver({}, undefined, 400); // a slow mail server: each message takes 0.4 s to be accepted
    closers.push(smtp.close);
    const h = await startServer({ env: { ...ENV, VORONKA_SMTP_URL: smtp.url, VORONKA_SMTP_FROM: 'noreply@voronka.test' } });
    closers.push(h.close); // stops its loops too
    expect((await h.api('POST', '/api/funnels', funnel)).status).toBe(201);
    expect((await h.api('POST', '/api/funnels/twice/publish', {})).status).toBe(201);
    for (const id of ['a', 'b', 'c']) await h.api('POST', '/api/contacts', { id, attributes: { email: `${id}@example.com` } });
    h.s.ctx.worker.start();
    await h.api('POST', '/api/events', { events: ['a', 'b', 'c'].map((id) => ({ id: `go-${id}`, type: 'go', contactId: id })) });
    // the loop is sending the first emails now; QA moves the clock by two days meanwhile
    await new Promise((r) => setTimeout(r, 100));
    expect((await h.api('POST', '/api/clock/advance', { by: 'P2D' })).status).toBe(200);
    const sent = async () => (await h.api<OutboxDto[]>('GET', '/api/outbox?status=sent')).body;
    for (let i = 0; i < 100 && (await sent()).length < 6; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500)); // time for a second, duplicate send to arrive
    expect(smtp.raw).toHaveLength(6);
    const rows = await sent();
    expect(rows).toHaveLength(6);
    // each went when it was due: the first emails at the start, the second ones a day later
    for (const r of rows) expect(r.sentAt).toBe(r.node === 'first' ? START : START + 86_400_000);
    // and says so in its Date header, as the messages page does (the QA clock's time, not the machine's)
    const dates = smtp.raw.map((raw) => Date.parse(parseMail(raw).headers.date ?? '')).sort((a, b) => a - b);
    expect(dates).toEqual([START, START, START, START + 86_400_000, START + 86_400_000, START + 86_400_000]);
  });
});
