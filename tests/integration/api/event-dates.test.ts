import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFunnel, startServer, type Harness } from './helpers.ts';

/** A webinar funnel: a reminder a day before the start the registration brings, then a message. */
const webinar = {
  format: 'voronka/funnel@1',
  id: 'webinar-dates',
  name: 'Webinar',
  settings: { timezone: 'America/Chicago' },
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'webinar.registered' } },
    { id: 'dayBefore', type: 'delay', data: { untilDate: { attribute: 'event.data.startsAt', offset: '-P1D' } } },
    { id: 'remind', type: 'message', data: { channel: 'email', subject: 'Tomorrow', body: 'See you', marketing: false } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'dayBefore' },
    { id: 'e2', source: 'dayBefore', exit: 'next', target: 'remind' },
  ],
};

/** A trial visit: an SMS that writes the visit's time and the contact's birthday, then a 3-day wait. */
const visit = {
  format: 'voronka/funnel@1',
  id: 'visit-times',
  name: 'Visit',
  settings: { timezone: 'Europe/Moscow' },
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'trial.booked' } },
    { id: 'sms', type: 'message', data: { channel: 'sms', body: 'Ждём вас {{event.data.visitAt | datetime}}. С днём рождения {{contact.birthday | date}}!', marketing: false } },
    { id: 'pause', type: 'delay', data: { for: 'P3D' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'sms' },
    { id: 'e2', source: 'sms', exit: 'next', target: 'pause' },
  ],
};

describe('a date an event brings that the funnel reads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
    await publishFunnel(h, webinar);
    await publishFunnel(h, visit);
  });
  afterAll(() => h.close());

  it('when it is not a date, the answer says so: the steps waiting for it will not wait', async () => {
    await h.api('POST', '/api/contacts', { id: 'mo' });
    await h.api('POST', '/api/contacts', { id: 'al' });
    const bad = await h.api('POST', '/api/events', { id: 'reg-mo', type: 'webinar.registered', contactId: 'mo', data: { startsAt: 'Nov 28, 7pm' } });
    expect(bad.status).toBe(202);
    expect(bad.body.warnings).toEqual([
      { id: 'reg-mo', type: 'webinar.registered', reason: 'funnel "webinar-dates" reads event.data.startsAt as a date, and "Nov 28, 7pm" is not one (write it like 2026-11-28T19:00:00-06:00): the steps waiting for it will not wait' },
    ]);
    // a readable date, or none at all (nothing to read), is nothing to say
    const good = await h.api('POST', '/api/events', { id: 'reg-al', type: 'webinar.registered', contactId: 'al', data: { startsAt: '2026-12-28T19:00:00-06:00' } });
    expect(good.body.warnings).toBeUndefined();
    // the path says why the reminder step did not wait; the one with a date ahead waits, with nothing to say
    const path = async (id: string) => ((await h.api('GET', `/api/runs?contactId=${id}&funnelId=webinar-dates`)).body[0].path as { node: string; exit?: string; noDate?: unknown }[]).find((p) => p.node === 'dayBefore');
    expect(await path('mo')).toMatchObject({ exit: 'next', noDate: { value: 'Nov 28, 7pm' } });
    expect((await path('al'))?.noDate).toBeUndefined();
    await h.api('POST', '/api/contacts', { id: 'ed' });
    await h.api('POST', '/api/events', { id: 'reg-ed', type: 'webinar.registered', contactId: 'ed', data: { startsAt: '2020-01-10T19:00:00-06:00' } });
    expect(await path('ed')).toMatchObject({ exit: 'next', noDate: { passed: Date.parse('2020-01-09T19:00:00-06:00') } });
  });

  it('a message that would print a value its filter cannot write is not sent: the answer, the delivery log, the node and the path say why', async () => {
    await h.api('POST', '/api/contacts', { id: 'v1', attributes: { phone: '+79161000001', birthday: '1990-05-17' } });
    await h.api('POST', '/api/contacts', { id: 'v2', attributes: { phone: '+79161000002', birthday: '1990-05-17' } });
    await h.api('POST', '/api/contacts', { id: 'v3', attributes: { phone: '+79161000003', birthday: 'весной' } });
    const bad = await h.api('POST', '/api/events', { id: 'tb-1', type: 'trial.booked', contactId: 'v1', data: { visitAt: 'завтра' } });
    expect(bad.status).toBe(202);
    expect(bad.body.warnings).toEqual([
      { id: 'tb-1', type: 'trial.booked', reason: 'funnel "visit-times" writes {{event.data.visitAt | datetime}} in its messages, and "завтра" is not a date (write it like 2026-11-28T19:00:00+03:00): the messages that write it will not be sent' },
    ]);
    const good = await h.api('POST', '/api/events', { id: 'tb-2', type: 'trial.booked', contactId: 'v2', data: { visitAt: '2026-03-03T19:00:00+03:00' } });
    expect(good.body.warnings).toBeUndefined();
    // a contact's own value the message cannot write: said for the message
    const own = await h.api('POST', '/api/events', { id: 'tb-3', type: 'trial.booked', contactId: 'v3', data: { visitAt: '2026-03-03T19:00:00+03:00' } });
    expect(own.body.warnings).toEqual([
      { id: 'tb-3', type: 'trial.booked', reason: 'funnel "visit-times", message (node sms): contact.birthday "весной" is not a date, and {{contact.birthday | date}} would print it as it is — the message was not sent' },
    ]);

    const rows = (await h.api('GET', '/api/outbox?funnelId=visit-times')).body as { contactId: string; status: string; lastError: string | null; payload: { body: string } }[];
    const of = (c: string) => rows.find((r) => r.contactId === c)!;
    expect(of('v1')).toMatchObject({ status: 'withheld', lastError: 'unreadable: event.data.visitAt "завтра" is not a date', payload: { body: 'Ждём вас завтра. С днём рождения 17 мая 1990 г.!' } });
    expect(of('v3')).toMatchObject({ status: 'withheld', lastError: 'unreadable: contact.birthday "весной" is not a date' });
    expect(of('v2').status).not.toBe('withheld');
    expect(of('v2').payload.body).toContain('3 марта 2026 г. в 19:00');

    // the runs go on to their pause: a message not sent does not hold a contact
    const runs = (await h.api('GET', '/api/runs?funnelId=visit-times')).body as { contactId: string; node: string; path: { node: string; withdrawn?: string; skipped?: string }[] }[];
    expect(runs.map((r) => r.node).sort()).toEqual(['pause', 'pause', 'pause']);
    const v1 = runs.find((r) => r.contactId === 'v1')!;
    expect(v1.path.find((p) => p.node === 'sms')).toMatchObject({ withdrawn: 'unreadable: event.data.visitAt "завтра" is not a date' });
    expect(v1.path.find((p) => p.node === 'sms')?.skipped).toBeUndefined();

    // the node counts them apart from those without consent
    const stats = (await h.api('GET', '/api/funnels/visit-times/stats')).body;
    const sms = stats.nodes.find((n: { node: string }) => n.node === 'sms');
    expect(sms.unreadable).toBe(2);
    expect(sms.skipped).toBeUndefined();
  });
});
