import { afterEach, describe, expect, it } from 'vitest';
import { handoffFunnel, publishFunnel, startServer, type Harness } from './helpers.ts';

describe('a hand-off outcome that counts as a conversion', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('records one goal when the manager chooses it, and none for the other outcome', async () => {
    h = await startServer();
    const f = handoffFunnel('deal', { role: 'manager' });
    (f.nodes[1].data as { outcomes: object[] }).outcomes = [{ id: 'won', label: 'Won', goal: true }, { id: 'lost', label: 'Lost' }];
    await publishFunnel(h, f);
    for (const id of ['p1', 'p2']) {
      await h.api('POST', '/api/contacts', { id, attributes: { firstName: id } });
      await h.api('POST', '/api/events', { id: `e-${id}`, type: 'deal.start', contactId: id });
    }
    await h.settle();
    for (const [id, outcome] of [['p1', 'won'], ['p2', 'lost']]) {
      const [task] = (await h.api('GET', `/api/tasks?status=open&contactId=${id}`)).body;
      expect((await h.api('POST', `/api/tasks/${task.id}/complete`, { outcome })).status).toBe(200);
    }
    await h.settle();
    const stats = (await h.api('GET', '/api/funnels/deal/stats')).body;
    expect(stats.goals).toEqual([expect.objectContaining({ node: 'call', name: 'won', count: 1 })]);
  });

  it('the deal amount entered with a conversion outcome is the goal\'s revenue; a wrong amount is refused and changes nothing', async () => {
    h = await startServer();
    const f = handoffFunnel('deal', { role: 'manager' });
    (f.nodes[1].data as { outcomes: object[] }).outcomes = [{ id: 'won', label: 'Won', goal: true }, { id: 'lost', label: 'Lost' }];
    await publishFunnel(h, f);
    for (const id of ['a1', 'a2']) {
      await h.api('POST', '/api/contacts', { id, attributes: { firstName: id } });
      await h.api('POST', '/api/events', { id: `e-${id}`, type: 'deal.start', contactId: id });
    }
    await h.settle();
    const [t1] = (await h.api('GET', '/api/tasks?status=open&contactId=a1')).body;
    // the amount is in the funnel's currency (RUB unless its settings say otherwise), told with the task
    expect(t1.currency).toBe('RUB');
    expect((await h.api('GET', `/api/tasks/${t1.id}`)).body.currency).toBe('RUB');
    const [t2] = (await h.api('GET', '/api/tasks?status=open&contactId=a2')).body;
    // refused, naming the field; the task stays open
    const wrongOutcome = await h.api('POST', `/api/tasks/${t1.id}/complete`, { outcome: 'lost', amount: 100 });
    expect(wrongOutcome.status).toBe(422);
    expect(wrongOutcome.body.error).toMatch(/^amount: outcome "lost" does not count as a conversion, so it takes no amount \(only "won" do\)/);
    for (const amount of [-5, '100', null]) {
      const r = await h.api('POST', `/api/tasks/${t1.id}/complete`, { outcome: 'won', amount });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/amount/);
    }
    expect((await h.api('GET', `/api/tasks/${t1.id}`)).body.status).toBe('open');

    const done = await h.api('POST', `/api/tasks/${t1.id}/complete`, { outcome: 'won', amount: 29_900 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', outcome: 'won', amount: 29_900 });
    expect((await h.api('POST', `/api/tasks/${t2.id}/complete`, { outcome: 'won' })).body.amount).toBeNull();
    await h.settle();
    const stats = (await h.api('GET', '/api/funnels/deal/stats')).body;
    expect(stats.goals).toEqual([expect.objectContaining({ node: 'call', name: 'won', count: 2, revenue: 29_900 })]);
    // the deal is her paid order too, so the contact page and the customer figures count the same money
    // (and only once: the funnel's revenue is still the deal's); a deal without an amount is no order
    expect((await h.api('GET', '/api/contacts/a1')).body.orders).toEqual([expect.objectContaining({ id: `task:${t1.id}`, amount: 29_900, currency: 'RUB', status: 'paid', sku: null, data: expect.objectContaining({ taskId: t1.id, outcome: 'won', funnelId: 'deal' }) })]);
    expect((await h.api('GET', '/api/contacts/a2')).body.orders).toEqual([]);
    expect((await h.api('GET', '/api/funnels/deal/stats')).body.revenue).toEqual(stats.revenue);
  });

  it('a deal counted by its outcome and again by a goal node is one conversion for the funnel, each day and in all', async () => {
    h = await startServer();
    const f = handoffFunnel('twice', { role: 'manager' });
    (f.nodes[1].data as { outcomes: object[] }).outcomes = [{ id: 'won', label: 'Won', goal: true }, { id: 'lost', label: 'Lost' }];
    f.nodes.push({ id: 'booked', type: 'goal', data: { name: 'booked', value: 100 } } as never);
    f.edges[1] = { id: 'e2', source: 'call', exit: 'won', target: 'booked' } as never;
    f.edges.push({ id: 'e3', source: 'booked', target: 'thanks' } as never);
    await publishFunnel(h, f);
    for (const id of ['t1', 't2', 't3']) {
      await h.api('POST', '/api/contacts', { id, attributes: { firstName: id } });
      await h.api('POST', '/api/events', { id: `e-${id}`, type: 'twice.start', contactId: id });
    }
    await h.settle();
    for (const [id, outcome] of [['t1', 'won'], ['t2', 'won'], ['t3', 'lost']]) {
      const [task] = (await h.api('GET', `/api/tasks?status=open&contactId=${id}`)).body;
      expect((await h.api('POST', `/api/tasks/${task.id}/complete`, { outcome, ...(id === 't1' ? { amount: 500 } : {}) })).status).toBe(200);
    }
    await h.settle();
    const stats = (await h.api('GET', '/api/funnels/twice/stats')).body;
    // both goals are listed, but two contacts converted, not four
    expect(stats.goals).toEqual(expect.arrayContaining([expect.objectContaining({ node: 'call', count: 2, revenue: 500 }), expect.objectContaining({ node: 'booked', count: 2, revenue: 200 })]));
    expect(stats.converted).toBe(2);
    const trend = (await h.api('GET', '/api/funnels/twice/trend?days=7')).body;
    expect(trend.stages).toBe(false);
    expect(trend.days.reduce((n: number, d: { converted: number }) => n + d.converted, 0)).toBe(2);
    expect(trend.days.reduce((n: number, d: { revenue: number }) => n + d.revenue, 0)).toBe(700);
  });

  it('a task that went overdue takes one outcome afterwards: a late deal counts with its amount, the run stays on the overdue branch', async () => {
    h = await startServer();
    const f = handoffFunnel('late', { role: 'manager' });
    const data = f.nodes[1].data as { outcomes: object[]; dueIn?: string };
    data.outcomes = [{ id: 'won', label: 'Won', goal: true }, { id: 'lost', label: 'Lost' }];
    data.dueIn = 'PT2H';
    f.nodes.push({ id: 'late-mail', type: 'message', data: { channel: 'email', subject: 'Sorry we missed you', body: 'We will call', marketing: false } } as never);
    f.edges.push({ id: 'e3', source: 'call', exit: 'overdue', target: 'late-mail' } as never);
    await publishFunnel(h, f);
    for (const id of ['l1', 'l2']) {
      await h.api('POST', '/api/contacts', { id, attributes: { firstName: id } });
      await h.api('POST', '/api/events', { id: `e-${id}`, type: 'late.start', contactId: id });
    }
    await h.settle();
    expect((await h.api('POST', '/api/clock/advance', { by: 'PT3H' })).status).toBe(200);
    await h.settle();
    const [t1] = (await h.api('GET', '/api/tasks?status=overdue&contactId=l1')).body;
    const [t2] = (await h.api('GET', '/api/tasks?status=overdue&contactId=l2')).body;
    expect(t1).toMatchObject({ status: 'overdue', outcome: null, lateAt: null });
    const runBefore = (await h.api('GET', `/api/runs/${t1.runId}`)).body;
    expect(runBefore.status).toBe('completed');

    // the same checks as on time: an amount only with a conversion outcome, nothing changed when refused
    expect((await h.api('POST', `/api/tasks/${t1.id}/complete`, { outcome: 'lost', amount: 5 })).status).toBe(422);
    expect((await h.api('POST', `/api/tasks/${t1.id}/complete`, { outcome: 'nope' })).status).toBe(422);
    expect((await h.api('GET', `/api/tasks/${t1.id}`)).body).toMatchObject({ status: 'overdue', outcome: null, lateAt: null });

    const late = await h.api('POST', `/api/tasks/${t1.id}/complete`, { outcome: 'won', amount: 49_000, note: 'Closed on Friday' });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ status: 'overdue', outcome: 'won', amount: 49_000, note: 'Closed on Friday', lateAt: h.s.ctx.clock.now() });
    expect((await h.api('POST', `/api/tasks/${t2.id}/complete`, { outcome: 'lost' })).body).toMatchObject({ status: 'overdue', outcome: 'lost', amount: null });
    // once only
    const again = await h.api('POST', `/api/tasks/${t1.id}/complete`, { outcome: 'lost' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/overdue .*"won"/);
    await h.settle();

    // the run did not move: same status, same path, no second message
    const runAfter = (await h.api('GET', `/api/runs/${t1.runId}`)).body;
    expect(runAfter.status).toBe('completed');
    // (the late deal's conversion now shows on the task's step)
    const withoutGoal = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'goal'));
    expect(runAfter.path.map(withoutGoal)).toEqual(runBefore.path);
    expect(runAfter.path.find((p: { node: string }) => p.node === 'call').goal).toEqual({ value: 49_000, currency: 'RUB' });
    const stats = (await h.api('GET', '/api/funnels/late/stats')).body;
    expect(stats.goals).toEqual([expect.objectContaining({ node: 'call', name: 'won', count: 1, revenue: 49_000 })]);
    expect(stats.converted).toBe(1);
    expect(stats.nodes.find((n: { node: string }) => n.node === 'call').exits).toEqual({ overdue: 2 });
  });
});

describe('a hand-off task past its time in a funnel without an «overdue» exit', () => {
  it('keeps its run waiting and is counted late on its node in the stats, until it is done', async () => {
    const h = await startServer();
    try {
      const f = handoffFunnel('slow', { role: 'manager' });
      (f.nodes[1].data as { dueIn?: string }).dueIn = 'PT2H';
      await publishFunnel(h, f);
      for (const id of ['s1', 's2']) {
        await h.api('POST', '/api/contacts', { id, attributes: { firstName: id } });
        await h.api('POST', '/api/events', { id: `e-${id}`, type: 'slow.start', contactId: id });
      }
      await h.settle();
      const call = async () => (await h.api('GET', '/api/funnels/slow/stats')).body.nodes.find((n: { node: string }) => n.node === 'call');
      expect((await call()).late).toBeUndefined();
      await h.api('POST', '/api/clock/advance', { by: 'PT3H' });
      await h.settle();
      expect(await call()).toMatchObject({ waiting: 2, late: 2 });
      const [task] = (await h.api('GET', '/api/tasks?status=open&contactId=s1')).body;
      const outcome = (task.outcomes as { id: string }[])[0].id;
      expect((await h.api('POST', `/api/tasks/${task.id}/complete`, { outcome })).status).toBe(200);
      await h.settle();
      expect(await call()).toMatchObject({ late: 1 });
    } finally {
      await h.close();
    }
  });
});
