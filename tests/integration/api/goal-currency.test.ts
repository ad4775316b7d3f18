import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFunnel, startServer, type Harness } from './helpers.ts';
import type { StatsDto } from '../../../shared/api/types.ts';

/** A rouble funnel whose goal takes its value from the payment the run waited for. */
const paid = {
  format: 'voronka/funnel@1',
  id: 'paid-any',
  name: 'Paid in any currency',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'cart.abandoned' } },
    { id: 'wait', type: 'wait', data: { event: 'order.paid', timeout: 'P1D' } },
    { id: 'paid', type: 'goal', data: { name: 'Оплата', valueFrom: 'lastEvent.data.amount' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'wait' },
    { id: 'e2', source: 'wait', exit: 'received', target: 'paid' },
  ],
};

describe("a goal's value in another currency than the funnel's", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
    await publishFunnel(h, paid);
  });
  afterAll(() => h.close());

  it('counts as a conversion but not in the revenue, and the stats say how much was left out, per currency', async () => {
    for (const [id, amount, currency] of [['mr', 2500, 'RUB'], ['mu', 50, 'USD'], ['mu2', 25.5, 'usd'], ['mk', 6000, 'KZT']] as const) {
      await h.api('POST', '/api/contacts', { id });
      await h.api('POST', '/api/events', { type: 'cart.abandoned', contactId: id });
      await h.api('POST', '/api/events', { type: 'order.paid', contactId: id, data: { amount, currency } });
    }
    const stats = (await h.api<StatsDto>('GET', '/api/funnels/paid-any/stats')).body;
    expect(stats.converted).toBe(4);
    const goal = stats.goals.find((g) => g.node === 'paid')!;
    expect(goal).toMatchObject({ count: 4, revenue: 2500 });
    expect(goal.foreign?.sort((a, b) => a.currency.localeCompare(b.currency))).toEqual([
      { currency: 'KZT', amount: 6000, count: 1 },
      { currency: 'USD', amount: 75.5, count: 2 },
    ]);
  });
});
