import { describe, expect, it } from 'vitest';
import { compiled, contact, edge, funnel, node, path, sim, start, stateOf, trigger } from '../helpers.ts';

const rules = [
  { id: 'moscow', when: { '==': [{ var: 'contact.city' }, 'Moscow'] } },
  { id: 'big', when: { '>=': [{ var: 'event.data.total' }, 10000] } },
  { id: 'vip', when: { in: ['vip', { var: 'segments' }] } },
];
const branchFunnel = (r: unknown[] = rules, before: 'none' | 'wait' = 'none') => {
  const leaves = [...(r as { id: string }[]).map((x) => x.id), 'else'].map((id) => node(`to_${id}`, 'exit'));
  const pre = before === 'wait' ? [node('w', 'wait', { event: 'order.paid', timeout: 'P1D' })] : [];
  return funnel(
    [trigger(), ...pre, node('b', 'branch', { rules: r }), ...leaves],
    [
      ...(before === 'wait' ? [edge('start', 'next', 'w'), edge('w', 'received', 'b')] : [edge('start', 'next', 'b')]),
      ...(r as { id: string }[]).map((x) => edge('b', x.id, `to_${x.id}`)),
      edge('b', 'else', 'to_else'),
    ],
  );
};
const taken = (r: ReturnType<typeof start>) => r.journal.find((j) => j.kind === 'left' && j.node === 'b')?.exit;

describe('branch: compile', () => {
  it('compiles to eventless transitions guarded by each rule in order, then an unguarded else', () => {
    const st = stateOf(compiled(branchFunnel()), 'b');
    expect(st.always.map((t: { target: string }) => t.target)).toEqual(['to_moscow', 'to_big', 'to_vip', 'to_else']);
    expect(st.always.slice(0, 3).map((t: { guard: unknown }) => t.guard)).toEqual(rules.map((x) => ({ type: 'rule', params: { when: x.when } })));
    expect(st.always[3].guard).toBeUndefined();
    expect(st.always[1].actions).toEqual([{ type: 'leave', params: { node: 'b', exit: 'big' } }]);
    expect(st.on).toBeUndefined();
    expect(st.after).toBeUndefined();
  });

  it('a rule or else with no edge ends the run', () => {
    const f = funnel([trigger(), node('b', 'branch', { rules: [{ id: 'yes', when: true }] })], [edge('start', 'next', 'b')]);
    expect(stateOf(compiled(f), 'b').always.map((t: { target: string }) => t.target)).toEqual(['@completed', '@completed']);
  });
});

describe('branch: runtime', () => {
  it('takes the first rule that holds over the contact attributes', () => {
    const cf = compiled(branchFunnel());
    expect(taken(start(cf, { type: 'go' }, contact({ city: 'Moscow' })))).toBe('moscow');
  });

  it('rules are tried in order: the first one wins even when a later one also holds', () => {
    const cf = compiled(branchFunnel());
    const r = start(cf, { type: 'go', data: { total: 50000 } }, contact({ city: 'Moscow' }, { segments: ['vip'] }));
    expect(taken(r)).toBe('moscow');
    expect(r.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['start', 'b', 'to_moscow']);
  });

  it('reads the start event data', () => {
    const cf = compiled(branchFunnel());
    expect(taken(start(cf, { type: 'go', data: { total: 10000 } }, contact({ city: 'Omsk' })))).toBe('big');
    expect(taken(start(cf, { type: 'go', data: { total: 9999 } }, contact({ city: 'Omsk' })))).toBe('else');
  });

  it('reads the segments', () => {
    const cf = compiled(branchFunnel());
    expect(taken(start(cf, { type: 'go' }, contact({}, { segments: ['vip'] })))).toBe('vip');
  });

  it('takes else when no rule holds', () => {
    const r = start(compiled(branchFunnel()), { type: 'go' }, contact({ city: 'Kazan' }));
    expect(taken(r)).toBe('else');
    expect(r.status).toBe('completed');
  });

  it('the event in a branch rule is the START event, even after a wait received another event', () => {
    const s = sim(branchFunnel(rules, 'wait'), contact({ city: 'Omsk' }));
    s.event({ type: 'go', data: { total: 100 } });
    s.event({ type: 'order.paid', data: { total: 99999 } });
    expect(path(s)).toEqual(['start', 'w', 'b', 'to_else']);
    const s2 = sim(branchFunnel(rules, 'wait'), contact({ city: 'Omsk' }));
    s2.event({ type: 'go', data: { total: 20000 } });
    s2.event({ type: 'order.paid', data: { total: 1 } });
    expect(path(s2)).toEqual(['start', 'w', 'b', 'to_big']);
  });

  it('sees the contact as it is when the run reaches the branch (set later in the simulator)', () => {
    const s = sim(branchFunnel(rules, 'wait'), contact({ city: 'Omsk' }));
    s.event({ type: 'go' });
    s.set({ city: 'Moscow' });
    s.event({ type: 'order.paid' });
    expect(path(s)).toEqual(['start', 'w', 'b', 'to_moscow']);
  });

  it('contact.id is available to rules', () => {
    const r = [{ id: 'c1only', when: { '==': [{ var: 'contact.id' }, 'c1'] } }];
    const cf = compiled(branchFunnel(r));
    expect(taken(start(cf))).toBe('c1only');
    expect(taken(start(cf, { type: 'go' }, contact({}, { id: 'c2' })))).toBe('else');
  });
});
