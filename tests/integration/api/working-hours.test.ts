import { afterEach, describe, expect, it } from 'vitest';
import { handoffFunnel, publishFunnel, START, startServer, type Harness } from './helpers.ts';

describe("a hand-off task's time limit in the managers' working hours", () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('made on Monday 9:00 with ten working hours (9–18 in Moscow), it is due Tuesday 10:00 and goes overdue only then', async () => {
    h = await startServer(); // the clock starts at START: Monday 2026-03-02, 09:00 in Moscow
    const f = handoffFunnel('wh', { role: 'manager' }) as ReturnType<typeof handoffFunnel> & { settings?: unknown };
    f.settings = { timezone: 'Europe/Moscow', workingHours: { from: '09:00', to: '18:00' } };
    (f.nodes[1].data as { dueIn?: string }).dueIn = 'PT10H';
    f.nodes.push({ id: 'late', type: 'exit', data: { reason: 'SLA missed' } } as never);
    f.edges.push({ id: 'e3', source: 'call', exit: 'overdue', target: 'late' } as never);
    await publishFunnel(h, f);
    await h.api('POST', '/api/contacts', { id: 'wh-1', attributes: { firstName: 'Вера' } });
    await h.api('POST', '/api/events', { id: 'wh-ev', type: 'wh.start', contactId: 'wh-1' });
    await h.settle();
    const [task] = (await h.api('GET', '/api/tasks?status=open&contactId=wh-1')).body;
    expect(new Date(task.dueAt).toISOString()).toBe('2026-03-03T07:00:00.000Z'); // Tuesday 10:00 in Moscow
    expect(task.dueAt - START).toBe(25 * 3_600_000);
    // Monday 22:00: ten calendar hours have passed, not ten working ones
    await h.api('POST', '/api/clock/advance', { by: 'PT13H' });
    expect((await h.api('GET', `/api/tasks/${task.id}`)).body.status).toBe('open');
    // Tuesday 10:00: overdue, and the run took the «overdue» exit
    await h.api('POST', '/api/clock/advance', { by: 'PT12H' });
    expect((await h.api('GET', `/api/tasks/${task.id}`)).body.status).toBe('overdue');
    const [run] = (await h.api('GET', '/api/runs?contactId=wh-1')).body;
    expect(run.status).toBe('completed');
  });
});
