import { describe, expect, it } from 'vitest';
import { createMachine, initialTransition, transition } from 'xstate';
import { compileFunnel } from '../../shared/compiler/compileFunnel.ts';
import { COMPLETED, EXITED, IDLE } from '../../shared/compiler/machineConfig.ts';
import { exampleFunnels } from './examples.ts';
import { HOUR, T0, compiled, edge, funnel, next, node, start, trigger } from './helpers.ts';

/** Every transition config in a machine config, with the state it leaves. */
function transitionsOf(config: Record<string, any>): { from: string; target: string }[] {
  const out: { from: string; target: string }[] = [];
  const add = (from: string, ts: unknown) => {
    for (const t of ([] as any[]).concat(ts ?? [])) out.push({ from, target: t.target });
  };
  for (const [key, st] of Object.entries<any>(config.states)) {
    for (const ts of Object.values(st.on ?? {})) add(key, ts);
    for (const ts of Object.values(st.after ?? {})) add(key, ts);
    add(key, st.always);
  }
  for (const ts of Object.values(config.on ?? {})) add('(root)', ts);
  return out;
}

describe('compileFunnel: examples', () => {
  const examples = exampleFunnels();

  describe.each(examples.map((e) => [e.name, e.json] as const))('examples/%s', (_name, json) => {
    const r = compileFunnel(json);

    it('compiles', () => {
      expect(r.ok).toBe(true);
    });

    it('the config is plain JSON (round-trips through JSON.stringify)', () => {
      if (!r.ok) throw new Error('did not compile');
      const text = JSON.stringify(r.compiled.config);
      expect(JSON.parse(text)).toEqual(r.compiled.config);
      expect(text).not.toContain('undefined');
    });

    it('the config loads with xstate createMachine as it is', () => {
      if (!r.ok) throw new Error('did not compile');
      const config = JSON.parse(JSON.stringify(r.compiled.config));
      expect(() => createMachine(config)).not.toThrow();
      const m = createMachine(config);
      expect(m.id).toBe('funnel');
      expect(Object.keys(m.root.states).sort()).toEqual(Object.keys(config.states).sort());
    });

    it('has one state per node plus @idle/@completed/@exited, and every target exists', () => {
      if (!r.ok) throw new Error('did not compile');
      const { config, stateKey } = r.compiled;
      const f = json as { nodes: { id: string }[] };
      expect([...stateKey.keys()].sort()).toEqual(f.nodes.map((n) => n.id).sort());
      expect(Object.keys(config.states).sort()).toEqual([...stateKey.values(), IDLE, COMPLETED, EXITED].sort());
      expect(config.initial).toBe(IDLE);
      expect(config.states[COMPLETED]).toEqual({ type: 'final' });
      expect(config.states[EXITED]).toEqual({ type: 'final' });
      for (const t of transitionsOf(config)) {
        const key = t.target.startsWith('.') ? t.target.slice(1) : t.target;
        expect(Object.keys(config.states), `${t.from} → ${t.target}`).toContain(key);
      }
    });

    it('every named delay belongs to a node', () => {
      if (!r.ok) throw new Error('did not compile');
      const { config, timerNode, stateKey } = r.compiled;
      for (const [key, st] of Object.entries<any>(config.states))
        for (const timer of Object.keys(st.after ?? {})) {
          expect(timer).toBe(`t_${key}`);
          expect(stateKey.get(timerNode.get(timer)!)).toBe(key);
        }
    });
  });
});

describe('compileFunnel: invalid input', () => {
  it('returns { ok: false, issues } for a funnel with errors', () => {
    const r = compileFunnel(funnel([trigger(), node('o', 'offer', { stage: 'offer', product: { sku: 'a', name: 'b' }, window: '3 days' })], [edge('start', 'next', 'o')]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([expect.objectContaining({ code: 'invalid-field', nodeId: 'o', field: 'window', severity: 'error' })]);
  });

  it('returns { ok: false } for garbage without throwing', () => {
    for (const x of [null, 42, {}, { format: 'voronka/funnel@1', id: 'f', name: 'x', nodes: 'no', edges: [] }]) {
      const r = compileFunnel(x);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
    }
  });

  it('compiles despite warnings, and keeps them', () => {
    const r = compileFunnel(funnel([trigger(), node('m', 'message', { channel: 'email', body: 'no subject' })], [edge('start', 'next', 'm')]));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.compiled.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'email-subject' })]);
  });

  it('node ids that are not safe state keys get safe keys, mapped both ways', () => {
    const cf = compiled(funnel([trigger(), node('send mail!', 'exit')], [edge('start', 'next', 'send mail!')]));
    const key = cf.stateKey.get('send mail!')!;
    expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cf.nodeOf.get(key)).toBe('send mail!');
    const r = start(cf);
    expect(r.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['start', 'send mail!']);
  });
});

describe('compiled machine and timers: trigger → delay PT1H → message', () => {
  const f = funnel(
    [trigger(), node('wait1h', 'delay', { for: 'PT1H' }), node('m', 'message', { channel: 'sms', body: 'Hi {{contact.firstName}}' })],
    [edge('start', 'next', 'wait1h'), edge('wait1h', 'next', 'm')],
  );
  const cf = compiled(f);

  it('the delay is an `after` keyed by the named delay t_<id>', () => {
    expect(Object.keys(cf.config.states.wait1h.after)).toEqual(['t_wait1h']);
    expect(cf.config.states.wait1h.after.t_wait1h).toMatchObject({ target: 'm' });
  });

  it("XState's own initialTransition starts in @idle; a guarded transition needs the engine's live step", () => {
    const [snap] = initialTransition(cf.machine);
    expect(snap.value).toBe(IDLE);
    expect(() => transition(cf.machine, snap, { type: 'go' })).toThrow(/outside the engine/);
  });

  it('step returns a schedule effect for xstate.after.t_<id>.funnel.<id> due in one hour; delivering it moves the run on', () => {
    const r = start(cf);
    expect(r.status).toBe('waiting');
    expect(r.at).toBe('wait1h');
    const schedules = r.effects.filter((e) => e.kind === 'schedule');
    expect(schedules).toEqual([
      { kind: 'schedule', timerId: 'xstate.after.t_wait1h.funnel.wait1h', event: { type: 'xstate.after.t_wait1h.funnel.wait1h' }, dueAt: T0 + HOUR, node: 'wait1h' },
    ]);
    expect(r.effects.some((e) => e.kind === 'send')).toBe(false);
    // the persisted snapshot is plain JSON
    expect(JSON.parse(JSON.stringify(r.snapshot))).toEqual(r.snapshot);
    const fired = next(cf, JSON.parse(JSON.stringify(r.snapshot)), schedules[0].event as { type: string }, undefined, T0 + HOUR);
    expect(fired.changed).toBe(true);
    expect(fired.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['m']);
    expect(fired.journal[0]).toMatchObject({ kind: 'left', node: 'wait1h', exit: 'next', cause: 'timer' });
    expect(fired.effects.filter((e) => e.kind === 'send')).toEqual([expect.objectContaining({ node: 'm', body: 'Hi Anna', at: T0 + HOUR })]);
    expect(fired.status).toBe('completed');
  });

  it('step is pure: the same input gives the same output', () => {
    const a = start(cf);
    const b = start(cf);
    expect(b).toEqual(a);
  });
});
