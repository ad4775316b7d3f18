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

describe('a date an event brings that the funnel reads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
    await publishFunnel(h, webinar);
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
  });
});
