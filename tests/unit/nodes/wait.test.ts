import { describe, expect, it } from 'vitest';
import { HOUR, T0, compiled, contact, edge, funnel, next, node, path, sim, start, stateOf, trigger } from '../helpers.ts';
import { validateFunnel } from '../../../shared/validate/validateFunnel.ts';

const waitFunnel = (data: Record<string, unknown>, settings?: Record<string, unknown>, triggerData: Record<string, unknown> = { event: 'go' }) =>
  funnel(
    [trigger(triggerData), node('w', 'wait', data), node('got', 'goal', { name: 'got' }), node('late', 'exit', { reason: 'no answer' })],
    [edge('start', 'next', 'w'), edge('w', 'received', 'got'), edge('w', 'timeout', 'late')],
    settings,
  );

describe('wait: compile', () => {
  it('listens for its event with a keyed where guard, and has a timeout timer', () => {
    const where = { '>': [{ var: 'event.data.amount' }, 0] };
    const st = stateOf(compiled(waitFunnel({ event: 'order.paid', where, timeout: 'PT1H' })), 'w');
    expect(st.on).toEqual({
      'order.paid': [{ target: 'got', guard: { type: 'eventWhere', params: { where, keyed: true } }, actions: [{ type: 'leave', params: { node: 'w', exit: 'received' } }] }],
    });
    expect(st.after).toEqual({ t_w: { target: 'late', actions: [{ type: 'leave', params: { node: 'w', exit: 'timeout' } }] } });
    expect(st.always).toBeUndefined();
  });

  it('exitWhen for the same event goes first in the node’s listener', () => {
    const st = stateOf(compiled(waitFunnel({ event: 'unsubscribed', timeout: 'PT1H' }, { exitWhen: [{ event: 'unsubscribed' }] })), 'w');
    expect(st.on.unsubscribed.map((t: { target: string }) => t.target)).toEqual(['@exited', 'got']);
  });
});

describe('wait: runtime', () => {
  it('receives the event inside the timeout: received exit, timer cancelled', () => {
    const cf = compiled(waitFunnel({ event: 'order.paid', timeout: 'PT1H' }));
    const r = start(cf);
    expect(r.effects).toEqual([{ kind: 'schedule', timerId: 'xstate.after.t_w.funnel.w', event: { type: 'xstate.after.t_w.funnel.w' }, dueAt: T0 + HOUR, node: 'w' }]);
    const got = next(cf, r.snapshot, { type: 'order.paid' }, contact(), T0 + 30 * 60_000);
    expect(got.journal[0]).toEqual({ at: T0 + 30 * 60_000, kind: 'left', node: 'w', exit: 'received', cause: 'order.paid' });
    expect(got.effects[0]).toEqual({ kind: 'cancel', timerId: 'xstate.after.t_w.funnel.w' });
    expect(got.status).toBe('completed');
  });

  it('times out when nothing comes', () => {
    const s = sim(waitFunnel({ event: 'order.paid', timeout: 'PT1H' }));
    s.event({ type: 'go' });
    s.advance('PT59M');
    expect(s.current!.at).toBe('w');
    s.advance('PT1M');
    expect(path(s)).toEqual(['start', 'w', 'late']);
    expect(s.log).toContainEqual(expect.objectContaining({ kind: 'left', node: 'late', reason: 'no answer' }));
    expect(s.current!.status).toBe('completed');
    s.event({ type: 'order.paid' });
    expect(path(s)).toEqual(['start', 'w', 'late']);
  });

  it('the where filter sees the event being waited for and the contact', () => {
    const cf = compiled(
      waitFunnel({ event: 'order.paid', where: { and: [{ '>=': [{ var: 'event.data.amount' }, 1000] }, { '==': [{ var: 'contact.vip' }, true] }] }, timeout: 'P1D' }),
    );
    const vip = contact({ vip: true });
    const r = start(cf, { type: 'go' }, vip);
    expect(next(cf, r.snapshot, { type: 'order.paid', data: { amount: 999 } }, vip).changed).toBe(false);
    expect(next(cf, r.snapshot, { type: 'order.paid', data: { amount: 1000 } }, contact({ vip: false })).changed).toBe(false);
    expect(next(cf, r.snapshot, { type: 'order.paid', data: { amount: 1000 } }, vip).changed).toBe(true);
  });

  it('with a correlation key: an event with another key is ignored, the same key is received', () => {
    const s = sim(waitFunnel({ event: 'order.paid', timeout: 'P1D' }, undefined, { event: 'cart.abandoned', key: 'data.cartId' }));
    s.event({ type: 'cart.abandoned', data: { cartId: 'c-1' } });
    s.event({ type: 'order.paid', data: { cartId: 'c-2' } });
    expect(s.current!.at).toBe('w');
    s.event({ type: 'order.paid', data: { cartId: 'c-1' } });
    expect(path(s)).toEqual(['start', 'w', 'got']);
  });

  it('a numeric key matches its text form', () => {
    const cf = compiled(waitFunnel({ event: 'order.paid', timeout: 'P1D' }, undefined, { event: 'cart.abandoned', key: 'data.cartId' }));
    const r = start(cf, { type: 'cart.abandoned', data: { cartId: 17 } });
    expect(next(cf, r.snapshot, { type: 'order.paid', data: { cartId: 18 } }).changed).toBe(false);
    expect(next(cf, r.snapshot, { type: 'order.paid', data: { cartId: 17 } }).changed).toBe(true);
  });

  it('exitWhen wins over the wait’s own listener for the same event', () => {
    const cf = compiled(waitFunnel({ event: 'unsubscribed', timeout: 'P1D' }, { exitWhen: [{ event: 'unsubscribed' }] }));
    const r = next(cf, start(cf).snapshot, { type: 'unsubscribed' });
    expect(r.status).toBe('exited');
    expect(r.effects.some((e) => e.kind === 'goal')).toBe(false);
  });

  it('exitWhen while waiting ends the run and the timeout never fires', () => {
    const s = sim(waitFunnel({ event: 'order.paid', timeout: 'P1D' }, { exitWhen: [{ event: 'unsubscribed' }] }));
    s.event({ type: 'go' });
    s.event({ type: 'unsubscribed' });
    expect(s.current!.status).toBe('exited');
    expect(s.nextDue()).toBeNull();
    s.advance('P2D');
    expect(path(s)).toEqual(['start', 'w']);
  });
});

describe('wait: until a date (an addition)', () => {
  const webinarAt = new Date(T0 + 5 * HOUR).toISOString(); // the webinar starts 5 h after registering
  const f = waitFunnel({ event: 'webinar.attended', timeout: 'P7D', until: { attribute: 'event.data.webinarAt', offset: 'PT3H' } }, { timezone: 'Europe/Moscow' });
  const dueOf = (event: Record<string, unknown>) => (start(compiled(f), { type: 'go', ...event }).effects.find((e) => e.kind === 'schedule') as { dueAt: number }).dueAt;

  it('ends by timeout at the date when it comes before the timeout (webinar start + 3 h)', () => {
    expect(dueOf({ data: { webinarAt } })).toBe(T0 + 8 * HOUR);
  });

  it('keeps the timeout when it is sooner, or when the date is empty', () => {
    const later = new Date(T0 + 30 * 24 * HOUR).toISOString();
    expect(dueOf({ data: { webinarAt: later } })).toBe(T0 + 7 * 24 * HOUR);
    expect(dueOf({})).toBe(T0 + 7 * 24 * HOUR);
  });

  it('a date already past ends the wait at once, by timeout; an event in time still goes by received', () => {
    const s = sim(f);
    s.event({ type: 'go', data: { webinarAt: new Date(T0 - 10 * HOUR).toISOString() } });
    expect(path(s)).toEqual(['start', 'w', 'late']);
    const t = sim(f);
    t.event({ type: 'go', data: { webinarAt } });
    t.advance('PT6H');
    t.event({ type: 'webinar.attended' });
    expect(path(t)).toEqual(['start', 'w', 'got']);
  });

  it('run.startedAt: the run\'s own start, so «a trial ends 14 days after the start» needs no date in the event', () => {
    const trial = waitFunnel({ event: 'subscription.paid', timeout: 'P30D', until: { attribute: 'run.startedAt', offset: 'P14D' } }, { timezone: 'Europe/Moscow' });
    expect((start(compiled(trial), { type: 'go' }).effects.find((e) => e.kind === 'schedule') as { dueAt: number }).dueAt).toBe(T0 + 14 * 24 * HOUR);
    expect(validateFunnel(trial).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('a date from an event is written as for a delay (event.data.<key>)', () => {
    const bad = waitFunnel({ event: 'x', timeout: 'P1D', until: { attribute: 'event.webinarAt' } });
    expect(() => compiled(bad)).toThrow(/event\.data/);
  });
});
