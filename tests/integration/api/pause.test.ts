import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START, publishFunnel, startServer, type Harness } from './helpers.ts';

const HOUR = 3_600_000;

/** A cart reminder held by quiet hours, then a call for a manager with a 4-hour limit. */
const cart = {
  format: 'voronka/funnel@1',
  id: 'cart-pause',
  name: 'Cart',
  settings: { timezone: 'UTC', quietHours: { from: '22:00', to: '09:00' } },
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'cart.abandoned' } },
    { id: 'remind', type: 'message', data: { channel: 'email', subject: 'Корзина', body: 'Вы забыли корзину' } },
    { id: 'call', type: 'handoff', data: { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Купил' }], dueIn: 'PT4H' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'remind' },
    { id: 'e2', source: 'remind', target: 'call' },
  ],
};

describe('a paused funnel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
    await publishFunnel(h, cart);
  });
  afterAll(() => h.close());

  it('sends nothing, stops its task limits, and tells the sender of a start event that it let no one in; the resume moves them on by the pause', async () => {
    await h.api('POST', '/api/contacts', { id: 'ira', attributes: { email: 'ira@example.com' }, consents: { email: true } });
    await h.api('POST', '/api/contacts', { id: 'oleg', attributes: { email: 'oleg@example.com' }, consents: { email: true } });
    // 23:00: the reminder is held to 09:00; the call is due at 03:00
    await h.api('POST', '/api/clock/advance', { by: 'PT17H' });
    expect((await h.api('POST', '/api/events', { id: 'c-ira', type: 'cart.abandoned', contactId: 'ira' })).status).toBe(202);
    const [held] = (await h.api('GET', '/api/outbox?contactId=ira')).body;
    expect(held).toMatchObject({ status: 'pending', dueAt: START + 27 * HOUR });
    const [task] = (await h.api('GET', '/api/tasks?status=open')).body.filter((t: { contactId: string }) => t.contactId === 'ira');
    expect(task.dueAt).toBe(START + 21 * HOUR);

    const edited = (await h.api('GET', '/api/funnels/cart-pause')).body.updatedAt;
    expect(edited).toEqual(expect.any(Number));
    expect((await h.api('POST', '/api/funnels/cart-pause/pause')).status).toBe(200);
    // a start event while paused: kept, and the answer says it started nothing
    expect((await h.api('POST', '/api/events', { id: 'c-oleg', type: 'cart.abandoned', contactId: 'oleg' })).body).toEqual({
      accepted: 1,
      duplicate: 0,
      ignored: [{ id: 'c-oleg', type: 'cart.abandoned', reason: 'funnel "cart-pause" is paused: its trigger lets no one in until it is resumed' }],
    });

    // a day later, still paused: 09:00 came and went, and the reminder did not go
    await h.api('POST', '/api/clock/advance', { by: 'P1D' });
    expect((await h.api('GET', '/api/outbox?contactId=ira')).body[0]).toMatchObject({ id: held.id, status: 'pending' });

    const resumed = (await h.api('POST', '/api/funnels/cart-pause/resume')).body;
    expect(resumed).toMatchObject({ status: 'live', shiftedMessages: 1, shiftedTasks: 1 });
    // a pause is no edit: the funnel list's «changed» stays the last edit
    expect((await h.api('GET', '/api/funnels/cart-pause')).body.updatedAt).toBe(edited);
    // each keeps the time it had left: 10 hours to the reminder, 4 hours to the call's limit
    expect((await h.api('GET', '/api/outbox?contactId=ira')).body[0]).toMatchObject({ status: 'pending', dueAt: START + 51 * HOUR });
    const moved = (await h.api('GET', '/api/tasks?status=open')).body.find((t: { id: string }) => t.id === task.id);
    expect(moved.dueAt).toBe(START + 45 * HOUR);
    expect(moved.overdue).toBe(false);

    await h.api('POST', '/api/clock/advance', { by: 'PT9H59M' });
    expect((await h.api('GET', '/api/outbox?contactId=ira')).body[0].status).toBe('pending');
    await h.api('POST', '/api/clock/advance', { by: 'PT1M' });
    await h.settle();
    expect((await h.api('GET', '/api/outbox?contactId=ira')).body[0]).toMatchObject({ status: 'dev', sentAt: START + 51 * HOUR });
  });
});
