import { afterEach, describe, expect, it } from 'vitest';
import { login, publishFunnel, startServer, type Harness } from './helpers.ts';

/** «Перезвонить позже» → a delay → the same task again: the call back goes to the same manager, who sees the first call's note. */
describe('a call back in the same run', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('goes to the manager who took the first call, and the task shows what came of it', async () => {
    h = await startServer();
    // two managers in the role, so the rotation would hand the call back to the other one
    expect((await h.api('POST', '/api/users', { email: 'sveta@voronka.local', name: 'Света', role: 'manager', password: 'sveta-pass-1' })).status).toBe(201);
    const funnel = {
      format: 'voronka/funnel@1',
      id: 'cb',
      name: 'Call back',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'cb.start' } },
        { id: 'call', type: 'handoff', data: { title: 'Call {{contact.firstName}}', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Won' }, { id: 'later', label: 'Call back later' }] } },
        { id: 'pause', type: 'delay', data: { for: 'PT1H' } },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'call' },
        { id: 'e2', source: 'call', exit: 'later', target: 'pause' },
        { id: 'e3', source: 'pause', target: 'call' },
        { id: 'e4', source: 'call', exit: 'won', target: 'done' },
      ],
    };
    await publishFunnel(h, funnel);
    const users = (await h.api('GET', '/api/users')).body as { id: string; email: string }[];
    const email = (id: string) => users.find((u) => u.id === id)!.email;
    // one contact at a time: the rotation moves on between the first call and the call back
    for (const id of ['d1', 'd2']) {
      await h.api('POST', '/api/contacts', { id, attributes: { firstName: id } });
      await h.api('POST', '/api/events', { id: `e-${id}`, type: 'cb.start', contactId: id });
      await h.settle();
      const [first] = (await h.api('GET', `/api/tasks?status=open&contactId=${id}`)).body;
      const cookie = await login(h, email(first.userId), first.userId === users.find((u) => u.email === 'sveta@voronka.local')!.id ? 'sveta-pass-1' : undefined);
      const done = await h.api('POST', `/api/tasks/${first.id}/complete`, { outcome: 'later', note: `no answer (${id})` }, { cookie });
      expect(done.status).toBe(200);
      expect((await h.api('POST', '/api/clock/advance', { by: 'PT1H' })).status).toBe(200);
      await h.settle();
      const [again] = (await h.api('GET', `/api/tasks?status=open&contactId=${id}`)).body;
      expect(again.id).not.toBe(first.id);
      expect(again.userId, id).toBe(first.userId);
      const detail = (await h.api('GET', `/api/tasks/${again.id}`)).body;
      expect(detail.earlier).toEqual([expect.objectContaining({ id: first.id, outcome: 'later', note: `no answer (${id})`, status: 'done' })]);
    }
  });
});
