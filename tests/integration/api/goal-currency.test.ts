import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFunnel, startServer, type Harness } from './helpers.ts';
import type { StatsDto } from '../../../shared/api/types.ts';

/** A rouble funnel whose goal takes its value from the payment the run waited for (or the trial's conversion). */
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

const trial = {
  format: 'voronka/funnel@1',
  id: 'trial-goal',
  name: 'Trial',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'trial.started' } },
    { id: 'wait', type: 'wait', data: { event: 'trial.converted', timeout: 'P14D' } },
    { id: 'won', type: 'goal', data: { name: 'После триала', valueFrom: 'lastEvent.data.amount' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'wait' },
    { id: 'e2', source: 'wait', exit: 'received', target: 'won' },
  ],
};

describe("a goal's value in another currency than the funnel's", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
    await publishFunnel(h, paid);
    await publishFunnel(h, trial);
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
    // each run's path shows its conversion with what was paid, in the currency it was paid in
    const goalOf = async (id: string) => (await h.api('GET', `/api/runs?contactId=${id}&funnelId=paid-any`)).body[0].path.find((p: { node: string }) => p.node === 'paid').goal;
    expect(await goalOf('mr')).toEqual({ value: 2500, currency: 'RUB' });
    expect(await goalOf('mu')).toEqual({ value: 50, currency: 'USD' });
    // the other steps carry none
    const [run] = (await h.api('GET', '/api/runs?contactId=mr&funnelId=paid-any')).body;
    expect(run.path.filter((p: { goal?: unknown }) => p.goal)).toHaveLength(1);
  });

  it('an amount written as people write it is read; one that is not an amount counts the conversion without revenue, and the sender is told', async () => {
    const sends: Record<string, unknown>[] = [];
    for (const [id, amount] of [['t1', '120 000'], ['t2', '24 900,50'], ['t3', 'много'], ['t4', undefined]] as const) {
      await h.api('POST', '/api/contacts', { id });
      await h.api('POST', '/api/events', { type: 'trial.started', contactId: id });
      sends.push((await h.api('POST', '/api/events', { id: `conv-${id}`, type: 'trial.converted', contactId: id, data: amount === undefined ? {} : { amount } })).body);
    }
    expect(sends.slice(0, 2).map((b) => b.warnings)).toEqual([undefined, undefined]);
    expect(sends[2]).toMatchObject({ accepted: 1, warnings: [{ id: 'conv-t3', type: 'trial.converted', reason: 'funnel "trial-goal", goal "После триала" (node won): lastEvent.data.amount "много" is not an amount — the conversion counts, without revenue' }] });
    expect(sends[3].warnings).toBeUndefined(); // no amount at all is nothing to warn of
    const goal = (await h.api<StatsDto>('GET', '/api/funnels/trial-goal/stats')).body.goals.find((g) => g.node === 'won')!;
    expect(goal).toMatchObject({ count: 4, revenue: 144_900.5, valueless: 2 });
  });

  it('a goal that reads no amount is not said to be reached «without an amount»', async () => {
    const plain = { format: 'voronka/funnel@1', id: 'plain-goal', name: 'Plain', nodes: [{ id: 'start', type: 'trigger', data: { event: 'trial.booked' } }, { id: 'booked', type: 'goal', data: { name: 'Записался' } }], edges: [{ id: 'e1', source: 'start', target: 'booked' }] };
    await publishFunnel(h, plain);
    await h.api('POST', '/api/contacts', { id: 'p1' });
    await h.api('POST', '/api/events', { type: 'trial.booked', contactId: 'p1' });
    const [goal] = (await h.api<StatsDto>('GET', '/api/funnels/plain-goal/stats')).body.goals;
    expect(goal).toMatchObject({ node: 'booked', count: 1, revenue: 0 });
    expect(goal.valueless).toBeUndefined();
  });
});
