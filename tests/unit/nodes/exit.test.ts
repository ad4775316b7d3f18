import { describe, expect, it } from 'vitest';
import { DAY, T0, compiled, edge, funnel, next, node, sim, start, stateOf, trigger } from '../helpers.ts';

describe('exit: compile', () => {
  it('compiles to an eventless transition to @completed with a finish action', () => {
    const cf = compiled(funnel([trigger(), node('x', 'exit', { reason: 'done here' })], [edge('start', 'next', 'x')]));
    expect(stateOf(cf, 'x')).toEqual({
      entry: [{ type: 'enter', params: { node: 'x' } }],
      always: [{ target: '@completed', actions: [{ type: 'finish', params: { node: 'x', reason: 'done here' } }] }],
    });
    expect(cf.config.states['@completed']).toEqual({ type: 'final' });
  });
});

describe('exit: runtime', () => {
  it('an exit node ends the run, status completed, with an end effect and the reason journaled', () => {
    const cf = compiled(funnel([trigger(), node('x', 'exit', { reason: 'done here' })], [edge('start', 'next', 'x')]));
    const r = start(cf);
    expect(r.status).toBe('completed');
    expect(r.at).toBeNull();
    expect(r.snapshot!.machine.status).toBe('done');
    expect(r.effects).toEqual([{ kind: 'end', status: 'completed' }]);
    expect(r.journal).toContainEqual({ at: T0, kind: 'left', node: 'x', reason: 'done here' });
    expect(r.journal[r.journal.length - 1]).toEqual({ at: T0, kind: 'ended', reason: 'completed' });
  });

  it('an exit with no edge ends the run there, completed', () => {
    const f = funnel(
      [trigger(), node('w', 'wait', { event: 'order.paid', timeout: 'P1D' }), node('x', 'exit')],
      [edge('start', 'next', 'w'), edge('w', 'received', 'x')], // the timeout exit has no edge
    );
    const s = sim(f);
    s.event({ type: 'go' });
    s.advance('P1D');
    expect(s.current!.status).toBe('completed');
    expect(s.current!.at).toBeNull();
    expect(s.log.map((j) => j.kind)).toEqual(['entered', 'left', 'entered', 'left', 'ended']);
    expect(s.log[s.log.length - 1]).toMatchObject({ kind: 'ended', reason: 'completed', at: T0 + DAY });
  });

  it('a run that is done ignores further events (changed: false, nothing)', () => {
    const cf = compiled(funnel([trigger(), node('x', 'exit')], [edge('start', 'next', 'x')], { exitWhen: [{ event: 'unsubscribed' }] }));
    const done = start(cf);
    for (const type of ['go', 'unsubscribed', 'voronka.exit', 'anything']) {
      const r = next(cf, done.snapshot, { type }, undefined, T0 + DAY);
      expect(r.changed).toBe(false);
      expect(r.status).toBe('completed');
      expect(r.effects).toEqual([]);
      expect(r.journal).toEqual([]);
      expect(r.snapshot).toBe(done.snapshot);
    }
  });

  it('an exited run stays exited and ignores events', () => {
    const cf = compiled(funnel([trigger(), node('w', 'wait', { event: 'a', timeout: 'P1D' })], [edge('start', 'next', 'w')], { exitWhen: [{ event: 'unsubscribed' }] }));
    const exited = next(cf, start(cf).snapshot, { type: 'unsubscribed' });
    expect(exited.status).toBe('exited');
    const again = next(cf, exited.snapshot, { type: 'a' });
    expect(again.changed).toBe(false);
    expect(again.status).toBe('exited');
  });

  it('the operator exit event ends a waiting run as exited', () => {
    const cf = compiled(funnel([trigger(), node('w', 'wait', { event: 'a', timeout: 'P1D' })], [edge('start', 'next', 'w')]));
    const r = next(cf, start(cf).snapshot, { type: 'voronka.exit' });
    expect(r.status).toBe('exited');
    expect(r.effects).toContainEqual(expect.objectContaining({ kind: 'end', status: 'exited' }));
  });
});
