import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type Harness } from './helpers.ts';

/** A tripwire (1 490 ₽, converts on a paid order for its SKU) and a goal node, in Moscow time. */
const funnel = {
  format: 'voronka/funnel@1',
  id: 'trend',
  name: 'Trend',
  settings: { timezone: 'Europe/Moscow' },
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'lead', reentry: 'always' } },
    { id: 'trip', type: 'offer', data: { stage: 'tripwire', product: { sku: 'MINI', name: 'Мини-курс', price: 1490, currency: 'RUB' }, window: 'P7D' } },
    { id: 'won', type: 'goal', data: { name: 'purchase' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'trip' },
    { id: 'e2', source: 'trip', exit: 'converted', target: 'won' },
  ],
};

describe('GET /api/funnels/:id/trend', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it("counts runs started and stage conversions with revenue per day of the funnel's zone", async () => {
    h = await startServer();
    expect((await h.api('POST', '/api/funnels', funnel)).status).toBe(201);
    expect((await h.api('POST', '/api/funnels/trend/publish', {})).status).toBe(201);
    for (const id of ['a', 'b']) await h.api('POST', '/api/contacts', { id, attributes: { firstName: id } });
    // what a conversion is comes from the graph: the goal node, before anyone has reached it
    // (the tripwire is its only stage, so its main sale: a purchase there or the goal, each run once)
    expect((await h.api('GET', '/api/funnels/trend/stats')).body).toMatchObject({ conversions: 'stageAndGoals', mainStage: 'tripwire', goalNodes: ['won'], converted: 0 });
    const event = async (id: string, type: string, contactId: string, data?: unknown) => expect((await h!.api('POST', '/api/events', { id, type, contactId, data })).status).toBe(202);
    const advance = async (by: string) => expect((await h!.api('POST', '/api/clock/advance', { by })).status).toBe(200);

    // 2 March, 09:00 in Moscow: a enters
    await event('l-a', 'lead', 'a');
    await advance('P1D');
    // 3 March, 09:00: b enters, a pays 1 000 ₽ (the amount paid wins over the price)
    await event('l-b', 'lead', 'b');
    await event('p-a', 'order.paid', 'a', { sku: 'MINI', amount: 1000 });
    await advance('PT16H');
    // 4 March, 01:00 in Moscow (still 3 March in UTC): b pays the price
    await event('p-b', 'order.paid', 'b', { sku: 'MINI' });

    const r = await h.api('GET', '/api/funnels/trend/trend?days=4');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      zone: 'Europe/Moscow',
      // the funnel has a goal beyond its stages: its conversions are that goal's, as the headline's
      stages: false,
      days: [
        { date: '2026-03-01', entered: 0, converted: 0, revenue: 0 },
        { date: '2026-03-02', entered: 1, converted: 0, revenue: 0 },
        // a run's stage sale and the goal node after it are one conversion; the revenue is the sale's
        { date: '2026-03-03', entered: 1, converted: 1, revenue: 1000 },
        { date: '2026-03-04', entered: 0, converted: 1, revenue: 1490 },
      ],
    });
    // 30 days by default, ending today
    const d = (await h.api('GET', '/api/funnels/trend/trend')).body.days;
    expect(d).toHaveLength(30);
    expect(d.at(-1).date).toBe('2026-03-04');
  });

  it('a funnel with stages and no goal beyond them counts its stages\' sales, as its headline does', async () => {
    h = await startServer();
    const stagesOnly = { ...funnel, id: 'stages-only', nodes: funnel.nodes.filter((n) => n.id !== 'won'), edges: funnel.edges.filter((e) => e.target !== 'won') };
    expect((await h.api('POST', '/api/funnels', stagesOnly)).status).toBe(201);
    expect((await h.api('POST', '/api/funnels/stages-only/publish', {})).status).toBe(201);
    await h.api('POST', '/api/contacts', { id: 'a', attributes: { firstName: 'a' } });
    expect((await h.api('GET', '/api/funnels/stages-only/stats')).body).toMatchObject({ conversions: 'lastStage', goalNodes: [] });
    await h.api('POST', '/api/events', { id: 'l-a', type: 'lead', contactId: 'a' });
    await h.api('POST', '/api/events', { id: 'p-a', type: 'order.paid', contactId: 'a', data: { sku: 'MINI' } });
    const r = (await h.api('GET', '/api/funnels/stages-only/trend?days=1')).body;
    expect(r).toMatchObject({ stages: true, days: [{ date: '2026-03-02', entered: 1, converted: 1, revenue: 1490 }] });
    expect((await h.api('GET', '/api/funnels/stages-only/stats')).body).toMatchObject({ conversions: 'lastStage', converted: 1 });
  });

  it('refuses a bad number of days naming the field, and an unknown funnel', async () => {
    h = await startServer();
    expect((await h.api('POST', '/api/funnels', funnel)).status).toBe(201);
    for (const q of ['days=0', 'days=400', 'days=abc', 'days=1.5', 'day=3']) {
      const r = await h.api('GET', `/api/funnels/trend/trend?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error, q).toMatch(/days?/);
    }
    expect((await h.api('GET', '/api/funnels/nope/trend')).status).toBe(404);
  });
});
