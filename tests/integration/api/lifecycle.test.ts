import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFunnel, startServer, type Harness } from './helpers.ts';

/** A win-back chain for sleeping repeat customers: starts on entering the life-cycle cell. */
const winBack = {
  format: 'voronka/funnel@1',
  id: 'win-back',
  name: 'Win back sleeping repeat customers',
  nodes: [
    { id: 'start', type: 'trigger', data: { segment: 'lifecycle:sleeping-repeat', reentry: 'always' } },
    { id: 'mail', type: 'message', data: { channel: 'email', subject: 'Мы скучаем', body: 'Скидка 10%', marketing: false } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'mail' }],
};

describe('life-cycle segments: worked out from paid orders, moved on by time, and starting funnels', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
    await publishFunnel(h, winBack);
  });
  afterAll(() => h.close());

  const segments = async (id: string) => (await h.api('GET', `/api/contacts/${id}`)).body.segments as string[];
  const advance = async (days: number) => expect((await h.api('POST', '/api/clock/advance', { by: `P${days}D` })).status).toBe(200);
  const winBackRuns = async (id: string) => (await h.api('GET', `/api/runs?contactId=${id}&funnelId=win-back`)).body as { status: string }[];

  it('a payment puts a buyer in the matrix; a second makes them repeat; 90 days without one, sleeping — which starts the win-back', async () => {
    await h.api('POST', '/api/contacts', { id: 'olga', attributes: { firstName: 'Ольга', email: 'olga@example.com' }, segments: ['vip'] });
    expect(await segments('olga')).toEqual(['vip']);
    expect((await h.api('POST', '/api/orders', { id: 'o-1', contactId: 'olga', amount: 1500 })).status).toBe(201);
    expect(await segments('olga')).toEqual(['vip', 'lifecycle:active', 'lifecycle:single', 'lifecycle:active-single']);
    // a paid order reported as an event counts the same
    expect((await h.api('POST', '/api/events', { id: 'pay-2', type: 'order.paid', contactId: 'olga', data: { orderId: 'o-2', amount: 900 } })).status).toBe(202);
    expect(await segments('olga')).toEqual(['vip', 'lifecycle:active', 'lifecycle:repeat', 'lifecycle:active-repeat']);
    await advance(89);
    expect(await segments('olga')).toContain('lifecycle:active-repeat');
    expect(await winBackRuns('olga')).toEqual([]);
    await advance(2);
    expect(await segments('olga')).toEqual(['vip', 'lifecycle:sleeping', 'lifecycle:repeat', 'lifecycle:sleeping-repeat']);
    expect((await winBackRuns('olga')).map((r) => r.status)).toEqual(['completed']);
    // entering a segment is kept with her events, dated the day she entered it
    const events = ((await h.api('GET', '/api/contacts/olga/events')).body as { type: string; data: { segment: string }; at: number }[]).filter((e) => e.type === 'segment.entered');
    expect(events.map((e) => e.data.segment)).toContain('lifecycle:sleeping-repeat');
    const now = Date.parse((await h.api('GET', '/api/clock')).body.now);
    // (on the day she fell asleep, as the clock passed it: not when the clock stopped two days on)
    const at = events.find((e) => e.data.segment === 'lifecycle:sleeping-repeat')!.at;
    expect(at).toBeLessThan(now);
    expect(now - at).toBeLessThan(2 * 86_400_000);
    const sent = (await h.api('GET', '/api/outbox?contactId=olga')).body as { node: string }[];
    expect(sent.map((m) => m.node)).toEqual(['mail']);
    // 180 days after the last payment: lost
    await advance(90);
    expect(await segments('olga')).toEqual(['vip', 'lifecycle:lost', 'lifecycle:repeat', 'lifecycle:lost-repeat']);
    // a new payment wins her back: active again, and no timer is left from before
    expect((await h.api('POST', '/api/orders', { id: 'o-3', contactId: 'olga', amount: 500 })).status).toBe(201);
    expect(await segments('olga')).toEqual(['vip', 'lifecycle:active', 'lifecycle:repeat', 'lifecycle:active-repeat']);
  });

  it("a deal a manager closes with an amount is a payment too: the buyer leaves «sleeping» at once, as the customer figures count her", async () => {
    const vipCall = {
      format: 'voronka/funnel@1',
      id: 'vip-call',
      name: 'Call sleeping buyers',
      nodes: [
        { id: 'start', type: 'trigger', data: { segment: 'lifecycle:sleeping', reentry: 'always' } },
        { id: 'call', type: 'handoff', data: { title: 'Call {{contact.firstName}}', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Ordered', goal: true }, { id: 'lost', label: 'No' }] } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'call' }],
    };
    await publishFunnel(h, vipCall);
    await h.api('POST', '/api/contacts', { id: 'nata', attributes: { firstName: 'Наталья' } });
    expect((await h.api('POST', '/api/orders', { id: 'n-1', contactId: 'nata', amount: 4000 })).status).toBe(201);
    await advance(91);
    expect(await segments('nata')).toEqual(['lifecycle:sleeping', 'lifecycle:single', 'lifecycle:sleeping-single']);
    const [task] = (await h.api('GET', '/api/tasks?status=open')).body.filter((t: { contactId: string }) => t.contactId === 'nata') as { id: string }[];
    expect((await h.api('POST', `/api/tasks/${task.id}/complete`, { outcome: 'won', amount: 6500 })).status).toBe(200);
    expect(await segments('nata')).toEqual(['lifecycle:active', 'lifecycle:repeat', 'lifecycle:active-repeat']);
    // and she is updated then: the list and her page say when she last changed
    const clock = Date.parse((await h.api('GET', '/api/clock')).body.now);
    expect((await h.api('GET', '/api/contacts/nata')).body.updatedAt).toBe(clock);
    const figures = (await h.api('GET', '/api/metrics/customers')).body;
    expect(figures.lifecycle['lifecycle:active']).toBe(1);
    expect(figures.currencies.find((c: { currency: string }) => c.currency === 'RUB').activeBuyers).toBe(1);
    // her next check is 90 days after the deal, not after the old order
    await advance(89);
    expect(await segments('nata')).toContain('lifecycle:active');
  });

  it('an order history sent later places the buyer where they are now, entering nothing on the way (no funnel starts, no event)', async () => {
    const now = Date.parse((await h.api('GET', '/api/clock')).body.now);
    const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();
    await h.api('POST', '/api/contacts', { id: 'grace', attributes: { firstName: 'Grace' } });
    // oldest first, as a shop backfills: the first alone would make her «lost», the second «sleeping repeat»
    for (const [id, days] of [['g-1', 200], ['g-2', 100]] as const) expect((await h.api('POST', '/api/orders', { id, contactId: 'grace', amount: 50, at: ago(days) })).status).toBe(201);
    expect(await segments('grace')).toEqual(['lifecycle:sleeping', 'lifecycle:repeat', 'lifecycle:sleeping-repeat']);
    expect(await winBackRuns('grace')).toEqual([]);
    const entered = ((await h.api('GET', '/api/contacts/grace/events')).body as { type: string }[]).filter((e) => e.type === 'segment.entered');
    expect(entered).toEqual([]);
    // a payment of a few hours ago is news: it moves her, and what she enters is recorded
    expect((await h.api('POST', '/api/orders', { id: 'g-3', contactId: 'grace', amount: 50, at: ago(0.1) })).status).toBe(201);
    expect(await segments('grace')).toEqual(['lifecycle:active', 'lifecycle:repeat', 'lifecycle:active-repeat']);
    const now2 = ((await h.api('GET', '/api/contacts/grace/events')).body as { type: string; data: { segment?: string } }[]).filter((e) => e.type === 'segment.entered');
    expect(now2.map((e) => e.data.segment).sort()).toEqual(['lifecycle:active', 'lifecycle:active-repeat']);
  });

  it('segments sent by an integration keep the computed ones (a CRM cannot put a contact in a life-cycle cell by hand)', async () => {
    await h.api('POST', '/api/contacts', { id: 'ivan', attributes: { firstName: 'Иван' } });
    await h.api('POST', '/api/orders', { id: 'i-1', contactId: 'ivan', amount: 100 });
    const r = await h.api('POST', '/api/contacts', { id: 'ivan', segments: ['newsletter', 'lifecycle:lost-loyal'] });
    expect(r.status).toBe(200);
    expect(await segments('ivan')).toEqual(['newsletter', 'lifecycle:active', 'lifecycle:single', 'lifecycle:active-single']);
    // not silently: the answer says which was left out, and why
    expect(r.body.segments).toEqual(['newsletter', 'lifecycle:active', 'lifecycle:single', 'lifecycle:active-single']);
    expect(r.body.warnings).toEqual([{ field: 'segments', code: 'lifecycle-segment', value: 'lifecycle:lost-loyal', message: '"lifecycle:lost-loyal" is a life-cycle segment: worked out from the contact\'s paid orders, never set by hand — left out' }]);
    // the contact as read, sent back (an integration's round trip): taken, with nothing to say
    const read = (await h.api('GET', '/api/contacts/ivan')).body;
    const back = await h.api('POST', '/api/contacts', { id: read.id, attributes: read.attributes, consents: read.consents, tags: read.tags, segments: read.segments });
    expect(back.status).toBe(200);
    expect(back.body.warnings).toBeUndefined();
    // an order not paid (pending) moves nothing
    await h.api('POST', '/api/orders', { id: 'i-2', contactId: 'ivan', amount: 100, status: 'pending' });
    expect(await segments('ivan')).toContain('lifecycle:single');
  });

  it("the workspace's lines move every buyer at once: sleeping after 10 days starts the win-back for a repeat buyer 20 days out", async () => {
    await h.api('POST', '/api/contacts', { id: 'anna', attributes: { firstName: 'Анна' } });
    for (const id of ['a-1', 'a-2']) await h.api('POST', '/api/orders', { id, contactId: 'anna', amount: 100 });
    await advance(20);
    expect(await segments('anna')).toContain('lifecycle:active-repeat');
    const bad = await h.api('PUT', '/api/settings/workspace', { currency: 'RUB', lifecycle: { sleepingAfterDays: 30, lostAfterDays: 20, repeatFrom: 2, loyalFrom: 4 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('lifecycle.lostAfterDays');
    // before saving, the admin is told what the lines would do — and nothing moves yet
    const lines = { sleepingAfterDays: 10, lostAfterDays: 60, repeatFrom: 2, loyalFrom: 3 };
    const all = async () => new Map(((await h.api('GET', '/api/contacts?limit=500')).body as { id: string; segments: string[] }[]).map((c) => [c.id, c.segments.join(' ')]));
    const before = await all();
    const preview = (await h.api('POST', '/api/settings/workspace/lifecycle-preview', { lifecycle: lines })).body;
    expect(preview.entered).toContainEqual({ segment: 'lifecycle:sleeping-repeat', contacts: 1 });
    const sleeping = preview.entered.find((e: { segment: string }) => e.segment === 'lifecycle:sleeping').contacts;
    expect(preview.funnels).toEqual([
      { id: 'win-back', name: 'Win back sleeping repeat customers', contacts: 1 },
      { id: 'vip-call', name: 'Call sleeping buyers', contacts: sleeping },
    ]);
    expect(await all()).toEqual(before);
    expect((await winBackRuns('anna')).length).toBe(0);
    expect((await h.api('POST', '/api/settings/workspace/lifecycle-preview', { lifecycle: { ...lines, lostAfterDays: 5 } })).status).toBe(400);
    const saved = await h.api('PUT', '/api/settings/workspace', { currency: 'RUB', lifecycle: lines });
    expect(saved.status).toBe(200);
    const after = await all();
    expect([...after].filter(([id, segs]) => before.get(id) !== segs).length).toBe(preview.moved);
    expect(saved.body.lifecycle).toEqual({ sleepingAfterDays: 10, lostAfterDays: 60, repeatFrom: 2, loyalFrom: 3 });
    expect(await segments('anna')).toContain('lifecycle:sleeping-repeat');
    expect((await winBackRuns('anna')).length).toBe(1);
    // another save with the same lines moves no one again
    await h.api('PUT', '/api/settings/workspace', { currency: 'RUB' });
    expect((await winBackRuns('anna')).length).toBe(1);
  });
});
