import { describe, expect, it } from 'vitest';
import { HOUR, T0, compiled, edge, funnel, node, path, sim, start, stateOf, trigger } from '../helpers.ts';

const goalFunnel = (data: Record<string, unknown>) =>
  funnel(
    [trigger(), node('d', 'delay', { for: 'PT1H' }), node('g', 'goal', data), node('w', 'wait', { event: 'x', timeout: 'P1D' })],
    [edge('start', 'next', 'd'), edge('d', 'next', 'g'), edge('g', 'next', 'w')],
  );

describe('goal: compile', () => {
  it('enters with a goal action (name, value) and goes on by next', () => {
    const st = stateOf(compiled(goalFunnel({ name: 'purchase', value: 1500 })), 'g');
    expect(st.entry).toEqual([
      { type: 'enter', params: { node: 'g' } },
      { type: 'goal', params: { node: 'g', name: 'purchase', value: 1500 } },
    ]);
    expect(st.always).toEqual([{ target: 'w', actions: [{ type: 'leave', params: { node: 'g', exit: 'next' } }] }]);
  });
});

describe('goal: runtime', () => {
  it('returns a goal effect with name and value and goes on', () => {
    const cf = compiled(funnel([trigger(), node('g', 'goal', { name: 'purchase', value: 1500 })], [edge('start', 'next', 'g')]));
    const r = start(cf);
    expect(r.effects.filter((e) => e.kind === 'goal')).toEqual([{ kind: 'goal', node: 'g', name: 'purchase', value: 1500 }]);
    expect(r.status).toBe('completed');
  });

  it('without value: a goal effect without value', () => {
    const r = start(compiled(funnel([trigger(), node('g', 'goal', { name: 'lead' })], [edge('start', 'next', 'g')])));
    expect(r.effects.filter((e) => e.kind === 'goal')).toEqual([{ kind: 'goal', node: 'g', name: 'lead' }]);
  });

  it('the simulator records the goal at the time it is reached', () => {
    const s = sim(goalFunnel({ name: 'purchase', value: 990 }));
    s.event({ type: 'go' });
    expect(s.goals).toEqual([]);
    s.advance('PT1H');
    expect(s.goals).toEqual([{ runId: 'run-1', node: 'g', name: 'purchase', value: 990, at: T0 + HOUR }]);
    expect(path(s)).toEqual(['start', 'd', 'g', 'w']);
    expect(s.current!.at).toBe('w');
  });
});

describe('goal: revenue from the run\'s data (valueFrom)', () => {
  const recovered = (valueFrom: string, value?: number) =>
    funnel(
      [trigger({ event: 'cart.abandoned' }), node('paid', 'wait', { event: 'order.paid', timeout: 'P1D' }), node('g', 'goal', { name: 'Покупка', valueFrom, ...(value !== undefined ? { value } : {}) })],
      [edge('start', 'next', 'paid'), edge('paid', 'received', 'g')],
    );

  it('takes the amount of the payment the run waited for; text that is a number counts; without a number there, the fixed value', () => {
    const s = sim(recovered('lastEvent.data.amount'));
    s.event({ type: 'cart.abandoned', data: { total: 3490 } });
    s.event({ type: 'order.paid', data: { amount: 3490.5 } });
    expect(s.goals.map((g) => [g.name, g.value])).toEqual([['Покупка', 3490.5]]);

    const t = sim(recovered('lastEvent.data.amount', 100));
    t.event({ type: 'cart.abandoned' });
    t.event({ type: 'order.paid', data: { amount: 'n/a' } });
    expect(t.goals.map((g) => g.value)).toEqual([100]);

    const u = sim(recovered('event.data.total'));
    u.event({ type: 'cart.abandoned', data: { total: '1200' } });
    u.event({ type: 'order.paid' });
    expect(u.goals.map((g) => g.value)).toEqual([1200]);
  });

  it('an amount as people write it is read; something else there is said to be no amount (the conversion counts, without revenue)', () => {
    const s = sim(recovered('lastEvent.data.amount'));
    s.event({ type: 'cart.abandoned' });
    s.event({ type: 'order.paid', data: { amount: '120 000' } });
    expect(s.goals.map((g) => [g.value, g.unread])).toEqual([[120000, undefined]]);
    const t = sim(recovered('lastEvent.data.amount'));
    t.event({ type: 'cart.abandoned' });
    t.event({ type: 'order.paid', data: { amount: 'много' } });
    expect(t.goals.map((g) => [g.value, g.unread])).toEqual([[undefined, { path: 'lastEvent.data.amount', value: 'много' }]]);
    const u = sim(recovered('lastEvent.data.amount'));
    u.event({ type: 'cart.abandoned' });
    u.event({ type: 'order.paid' });
    expect(u.goals.map((g) => [g.value, g.unread])).toEqual([[undefined, undefined]]); // nothing there: nothing to say
  });

  it("a payment in another currency than the funnel's counts as the conversion but not in its revenue, and says so; its own currency (any case) counts", () => {
    const s = sim(recovered('lastEvent.data.amount'));
    s.event({ type: 'cart.abandoned' });
    s.event({ type: 'order.paid', data: { amount: 45, currency: 'USD' } });
    expect(s.goals.map((g) => [g.name, g.value, g.foreign])).toEqual([['Покупка', undefined, { amount: 45, currency: 'USD' }]]);
    const t = sim(recovered('lastEvent.data.amount'));
    t.event({ type: 'cart.abandoned' });
    t.event({ type: 'order.paid', data: { amount: 2480, currency: 'rub' } });
    expect(t.goals.map((g) => [g.value, g.foreign])).toEqual([[2480, undefined]]);
  });

  it('validation: a variable with an unknown root, or not a variable at all, is an error on the field', async () => {
    const { validateFunnel } = await import('../../../shared/validate/validateFunnel.ts');
    const errs = (f: unknown) => validateFunnel(f).issues.filter((i) => i.severity === 'error').map((i) => [i.nodeId, i.field, i.code]);
    expect(errs(recovered('lastEvent.data.amount'))).toEqual([]);
    expect(errs(recovered('order.amount'))).toEqual([['g', 'valueFrom', 'unknown-variable']]);
    expect(errs(recovered('amount'))).toEqual([['g', 'valueFrom', expect.any(String)]]);
  });
});

describe('goal: a negative value', () => {
  it('is a warning on the value: it would take revenue off the funnel', async () => {
    const { validateFunnel } = await import('../../../shared/validate/validateFunnel.ts');
    const { edge, funnel, node, trigger } = await import('../helpers.ts');
    const f = (value: number) => funnel([trigger(), node('g', 'goal', { name: 'Покупка', value })], [edge('start', 'next', 'g')]);
    expect(validateFunnel(f(-100), { lang: 'ru' }).issues.filter((i) => i.code === 'goal-negative-value')).toEqual([expect.objectContaining({ severity: 'warning', nodeId: 'g', field: 'value', message: expect.stringContaining('уменьшит выручку') })]);
    expect(validateFunnel(f(100)).issues.filter((i) => i.code === 'goal-negative-value')).toEqual([]);
  });
});
