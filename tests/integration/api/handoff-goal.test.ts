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
});
