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
  });
});
