import { afterEach, describe, expect, it } from 'vitest';
import type { PathEntryDto } from '../../../shared/api/types.ts';
import { publishFunnel, startServer, type Harness } from './helpers.ts';

/** A message step in a run's path says when the message was not sent, or held back — not only that the run passed it. */
describe('run paths: messages not sent or held back', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('marks a marketing message skipped for lack of consent and one held by quiet hours with when it goes out', async () => {
    h = await startServer(); // the clock stands at 06:00 UTC
    const funnel = {
      format: 'voronka/funnel@1',
      id: 'remind',
      name: 'Reminders',
      settings: { timezone: 'UTC', quietHours: { from: '22:00', to: '09:00' } },
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'webinar.registered' } },
        { id: 'tg', type: 'message', data: { channel: 'telegram', body: 'Starting in an hour', marketing: true } },
        { id: 'mail', type: 'message', data: { channel: 'email', subject: 'The recording', body: 'Here it is', marketing: true } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'tg' },
        { id: 'e2', source: 'tg', target: 'mail' },
      ],
    };
    await publishFunnel(h, funnel);
    await h.api('POST', '/api/contacts', { id: 'nina', attributes: { firstName: 'Nina', email: 'nina@example.com' }, consents: { email: true } });
    await h.api('POST', '/api/events', { id: 'r-1', type: 'webinar.registered', contactId: 'nina' });
    await h.settle();
    const [run] = (await h.api('GET', '/api/runs?contactId=nina&funnelId=remind')).body;
    const byNode = Object.fromEntries((run.path as PathEntryDto[]).map((p) => [p.node, p]));
    expect(byNode.tg).toMatchObject({ skipped: 'telegram' });
    expect(byNode.mail).toMatchObject({ postponedTo: '2026-03-02T09:00:00.000Z' });
    expect(byNode.mail.skipped).toBeUndefined();
    expect(byNode.start.skipped).toBeUndefined();
    // the messages themselves agree: the Telegram one withheld (listed, never to go), the email due at 09:00
    const rows = (await h.api('GET', '/api/outbox?contactId=nina')).body as { node: string; dueAt: number; status: string }[];
    expect(rows.map((m) => [m.node, m.status]).sort()).toEqual([
      ['mail', 'pending'],
      ['tg', 'withheld'],
    ]);
    expect(new Date(rows.find((m) => m.node === 'mail')!.dueAt).toISOString()).toBe('2026-03-02T09:00:00.000Z');

    // she withdraws her consent to email before 09:00: the held email is withheld when it falls due, and says why
    await h.api('POST', '/api/contacts', { id: 'nina', attributes: { firstName: 'Nina', email: 'nina@example.com' }, consents: { email: false } });
    await h.api('POST', '/api/clock/advance', { by: 'PT4H' });
    const mail = ((await h.api('GET', '/api/outbox?contactId=nina')).body as { node: string; status: string; lastError: string; sentAt: number | null }[]).find((m) => m.node === 'mail');
    expect(mail).toMatchObject({ status: 'withheld', lastError: 'no consent for email at send time', sentAt: null });
    // and her path says the email did not go, and why (no longer «held until 09:00»)
    const [after] = (await h.api('GET', '/api/runs?contactId=nina&funnelId=remind')).body as { path: PathEntryDto[] }[];
    const step = after.path.find((p) => p.node === 'mail')!;
    expect(step).toMatchObject({ withdrawn: 'no consent for email at send time' });
    expect(step.postponedTo).toBeUndefined();
    expect(after.path.find((p) => p.node === 'tg')).toMatchObject({ skipped: 'telegram' });
    expect(after.path.find((p) => p.node === 'tg')!.withdrawn).toBeUndefined();
  });
});
