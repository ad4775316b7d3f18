import { describe, expect, it } from 'vitest';
import { IDLE } from '../../../shared/compiler/machineConfig.ts';
import { validateFunnel } from '../../../shared/validate/validateFunnel.ts';
import { DATE_REACHED, SEGMENT_ENTERED, withDateAttribute } from '../../../shared/nodes/trigger.ts';
import { DAY, T0, compiled, contact, edge, funnel, next, node, path, sim, start, stateOf, trigger } from '../helpers.ts';

const simple = (data: Record<string, unknown>) =>
  funnel([trigger(data), node('w', 'wait', { event: 'never.happens', timeout: 'P1D' })], [edge('start', 'next', 'w')]);

describe('trigger: compile', () => {
  it('an event trigger listens in @idle for its event, with its where as the guard, and goes on by next', () => {
    const where = { '==': [{ var: 'event.data.source' }, 'site'] };
    const cf = compiled(simple({ event: 'lead.created', where }));
    const idle = cf.config.states[IDLE];
    expect(Object.keys(idle.on)).toEqual(['lead.created']);
    expect(idle.on['lead.created']).toEqual([{ target: 'start', guard: { type: 'eventWhere', params: { where } }, actions: [] }]);
    const st = stateOf(cf, 'start');
    expect(st.entry).toEqual([{ type: 'enter', params: { node: 'start' } }]);
    expect(st.always).toHaveLength(1);
    expect(st.always[0].target).toBe('w');
    expect(st.always[0].guard).toBeUndefined();
    expect(st.always[0].actions).toEqual([{ type: 'leave', params: { node: 'start', exit: 'next' } }]);
    expect(st.on).toBeUndefined();
    expect(st.after).toBeUndefined();
  });

  it('a segment trigger listens for segment.entered of that segment', () => {
    const cf = compiled(simple({ segment: 'sleeping' }));
    const t = cf.config.states[IDLE].on[SEGMENT_ENTERED];
    expect(t).toHaveLength(1);
    expect(t[0].target).toBe('start');
    expect(t[0].guard.params.where).toEqual({ '==': [{ var: 'event.data.segment' }, 'sleeping'] });
  });

  it('a date trigger listens for the date event naming this trigger', () => {
    const cf = compiled(simple({ date: { attribute: 'birthday', offset: '-P3D', at: '10:00', every: 'year' } }));
    const t = cf.config.states[IDLE].on[DATE_REACHED];
    expect(t[0].guard.params.where).toEqual({ '==': [{ var: 'event.data.trigger' }, 'start'] });
  });

  it('several triggers each get an @idle transition; a trigger with no edge ends the run', () => {
    const cf = compiled(funnel([trigger({ event: 'a' }, 's1'), trigger({ event: 'b' }, 's2'), node('x', 'exit')], [edge('s2', 'next', 'x')]));
    expect(cf.config.states[IDLE].on.a[0].target).toBe('s1');
    expect(cf.config.states[IDLE].on.b[0].target).toBe('s2');
    expect(stateOf(cf, 's1').always[0].target).toBe('@completed');
  });

  it('records the correlation key path of a keyed trigger', () => {
    const cf = compiled(simple({ event: 'cart.abandoned', key: 'data.cartId' }));
    expect(cf.keyPaths.get('start')).toBe('data.cartId');
  });
});

describe('trigger: runtime', () => {
  it('starts a run on its event and not on another event', () => {
    const cf = compiled(simple({ event: 'lead.created' }));
    const other = start(cf, { type: 'lead.updated' });
    expect(other.snapshot).toBeNull();
    expect(other.changed).toBe(false);
    expect(other.effects).toEqual([]);
    const r = start(cf, { type: 'lead.created' });
    expect(r.changed).toBe(true);
    expect(r.status).toBe('waiting');
    expect(r.at).toBe('w');
    expect(r.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['start', 'w']);
    expect(r.journal[0]).toMatchObject({ at: T0, kind: 'entered', node: 'start', cause: 'lead.created' });
    expect(r.snapshot!.run.startEvent.type).toBe('lead.created');
    expect(r.snapshot!.run.startedAt).toBe(T0);
  });

  it('a where filter on the event decides whether the run starts', () => {
    const cf = compiled(simple({ event: 'lead.created', where: { '==': [{ var: 'event.data.source' }, 'site'] } }));
    expect(start(cf, { type: 'lead.created', data: { source: 'ads' } }).snapshot).toBeNull();
    expect(start(cf, { type: 'lead.created', data: { source: 'site' } }).at).toBe('w');
  });

  it('the where filter can read the contact', () => {
    const cf = compiled(simple({ event: 'lead.created', where: { '==': [{ var: 'contact.city' }, 'Kazan'] } }));
    expect(start(cf, { type: 'lead.created' }, contact({ city: 'Omsk' })).snapshot).toBeNull();
    expect(start(cf, { type: 'lead.created' }, contact({ city: 'Kazan' })).at).toBe('w');
  });

  it('a segment trigger starts when the contact enters that segment only', () => {
    const s = sim(simple({ segment: 'sleeping' }));
    s.event({ type: SEGMENT_ENTERED, data: { segment: 'loyal' } });
    expect(s.runs).toHaveLength(0);
    s.event({ type: SEGMENT_ENTERED, data: { segment: 'sleeping' } });
    expect(s.runs).toHaveLength(1);
    expect(s.current!.at).toBe('w');
  });

  it('a date trigger starts on the attribute date plus offset, at `at`, in the contact zone', () => {
    const f = simple({ date: { attribute: 'birthday', offset: '-P3D', at: '10:00', every: 'year' } });
    const s = sim(f, contact({ birthday: '1990-03-10', timezone: 'Asia/Yekaterinburg' }));
    s.advance('P3D');
    expect(s.runs).toHaveLength(0);
    s.advance('P3D');
    expect(s.runs).toHaveLength(1);
    expect(s.log[0]).toMatchObject({ kind: 'entered', node: 'start', at: Date.parse('2026-03-07T10:00:00+05:00') });
  });

  it('a trigger with no edge out ends the run at once, completed', () => {
    // (the funnel's other trigger leads somewhere: a funnel none of whose triggers does is an error)
    const r = start(compiled(funnel([trigger(), trigger({ event: 'other' }, 's2'), node('x', 'exit')], [edge('s2', 'next', 'x')])));
    expect(r.status).toBe('completed');
    expect(r.at).toBeNull();
    expect(r.effects).toContainEqual({ kind: 'end', status: 'completed' });
  });

  describe('reentry', () => {
    const shortRun = (reentry: unknown) => funnel([trigger({ event: 'go', reentry }), node('x', 'exit')], [edge('start', 'next', 'x')]);

    it('"never" (and the default) starts one run only', () => {
      for (const f of [shortRun('never'), funnel([trigger({ event: 'go' }), node('x', 'exit')], [edge('start', 'next', 'x')])]) {
        const s = sim(f);
        s.event({ type: 'go' });
        s.advance('P30D');
        s.event({ type: 'go' });
        expect(s.runs).toHaveLength(1);
      }
    });

    it('"always" starts again once no run is live', () => {
      const s = sim(shortRun('always'));
      s.event({ type: 'go' });
      s.event({ type: 'go' });
      expect(s.runs).toHaveLength(2);
      expect(s.runs.map((r) => r.status)).toEqual(['completed', 'completed']);
    });

    it('"always" does not start a second run while one is live', () => {
      const s = sim(funnel([trigger({ event: 'go', reentry: 'always' }), node('w', 'wait', { event: 'x', timeout: 'P1D' })], [edge('start', 'next', 'w')]));
      s.event({ type: 'go' });
      s.event({ type: 'go' });
      expect(s.runs).toHaveLength(1);
    });

    it('{ after } starts again only when that long has passed since the last start', () => {
      const s = sim(shortRun({ after: 'P1D' }));
      s.event({ type: 'go' });
      s.advance('PT23H');
      s.event({ type: 'go' });
      expect(s.runs).toHaveLength(1);
      s.advance('PT1H');
      s.event({ type: 'go' });
      expect(s.runs).toHaveLength(2);
      expect(s.runs[1].startedAt).toBe(T0 + DAY);
    });
  });

  describe('correlation key', () => {
    const cart = funnel(
      [
        trigger({ event: 'cart.abandoned', key: 'data.cartId', reentry: 'always' }),
        node('w', 'wait', { event: 'order.paid', timeout: 'P1D' }),
        node('paid', 'goal', { name: 'paid' }),
        node('lost', 'exit'),
      ],
      [edge('start', 'next', 'w'), edge('w', 'received', 'paid'), edge('w', 'timeout', 'lost')],
    );

    it('the run keeps the key value of its start event', () => {
      const r = start(compiled(cart), { type: 'cart.abandoned', data: { cartId: 'A-1' } });
      expect(r.snapshot!.run.keyPath).toBe('data.cartId');
      expect(r.snapshot!.run.key).toBe('A-1');
    });

    it('a wait ignores an event with another key value and receives one with the same value', () => {
      const cf = compiled(cart);
      const r = start(cf, { type: 'cart.abandoned', data: { cartId: 'A-1' } });
      const other = next(cf, r.snapshot, { type: 'order.paid', data: { cartId: 'B-2' } });
      expect(other.changed).toBe(false);
      expect(other.at).toBe('w');
      expect(other.effects).toEqual([]);
      const none = next(cf, r.snapshot, { type: 'order.paid', data: {} });
      expect(none.changed).toBe(false);
      const same = next(cf, r.snapshot, { type: 'order.paid', data: { cartId: 'A-1' } });
      expect(same.changed).toBe(true);
      expect(same.status).toBe('completed');
      expect(same.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['paid']);
    });

    it('with reentry "never" (the default) the rule is per key value', () => {
      const f = funnel([trigger({ event: 'cart.abandoned', key: 'data.cartId' }), node('x', 'exit')], [edge('start', 'next', 'x')]);
      const s = sim(f);
      s.event({ type: 'cart.abandoned', data: { cartId: 'A-1' } });
      s.event({ type: 'cart.abandoned', data: { cartId: 'B-2' } });
      s.event({ type: 'cart.abandoned', data: { cartId: 'A-1' } });
      expect(s.runs.map((r) => r.key)).toEqual(['A-1', 'B-2']);
    });

    it('one run per key value: another cart starts its own run, the same cart does not start a second', () => {
      const s = sim(cart);
      s.event({ type: 'cart.abandoned', data: { cartId: 'A-1' } });
      s.event({ type: 'cart.abandoned', data: { cartId: 'A-1' } });
      expect(s.runs).toHaveLength(1);
      s.event({ type: 'cart.abandoned', data: { cartId: 'B-2' } });
      expect(s.runs.map((r) => r.key)).toEqual(['A-1', 'B-2']);
      s.event({ type: 'order.paid', data: { cartId: 'B-2' } });
      expect(s.runs.map((r) => r.status)).toEqual(['waiting', 'completed']);
      expect(s.goals.map((g) => g.runId)).toEqual([s.runs[1].id]);
      s.advance('P1D');
      expect(s.runs.map((r) => r.status)).toEqual(['completed', 'completed']);
      expect(path(s)).toEqual(['start', 'w', 'start', 'w', 'paid', 'lost']);
    });
  });
});

describe('trigger: validation', () => {
  const issues = (f: unknown) => validateFunnel(f).issues;
  it('a funnel whose triggers lead nowhere is an error naming the trigger (it would take every lead and finish them at once); one such trigger among others is a warning', () => {
    expect(issues(funnel([trigger()], []))).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'start', code: 'trigger-leads-nowhere' })]);
    const two = issues(funnel([trigger(), trigger({ event: 'other' }, 's2'), node('x', 'exit')], [edge('start', 'next', 'x')]));
    expect(two).toEqual([expect.objectContaining({ severity: 'warning', nodeId: 's2', code: 'trigger-leads-nowhere' })]);
    expect(two[0].message).toContain('or delete it');
  });

  it('a mistyped life-cycle segment is an error naming the one meant (the funnel would never start); a real one or a CRM\'s own is fine', () => {
    const typo = (segment: string) => issues(simple({ segment })).filter((i) => i.code === 'trigger-unknown-lifecycle');
    expect(typo('lifecycle:sleeping-loyl')).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'start', field: 'segment' })]);
    expect(typo('lifecycle:sleeping-loyl')[0].message).toContain('did you mean "lifecycle:sleeping-loyal"');
    expect(typo('lifecycle:sleping-repeat')[0].message).toContain('"lifecycle:sleeping-repeat"');
    expect(typo('Lifecycle:Sleeping')[0].message).toContain('"lifecycle:sleeping"');
    expect(typo('lifecycle:xyz')).toHaveLength(1);
    for (const fine of ['lifecycle:sleeping-loyal', 'lifecycle:lost', 'lifecycle:repeat', 'sleeping', 'vip']) expect(typo(fine), fine).toEqual([]);
    expect(validateFunnel(simple({ segment: 'lifecycle:sleeping-loyl' }), { lang: 'ru' }).issues.find((i) => i.code === 'trigger-unknown-lifecycle')?.message).toContain('может быть, «lifecycle:sleeping-loyal»?');
  });
});

describe('trigger: a date\'s «every year» follows its name', () => {
  it('on for a birthday, off for a last visit, while it is what the old name suggested', () => {
    expect(withDateAttribute({ attribute: 'birthday', every: 'year', at: '10:00' }, 'lastVisit')).toEqual({ attribute: 'lastVisit', at: '10:00' });
    expect(withDateAttribute({ attribute: 'lastVisit', offset: 'P6M' }, 'anniversary')).toEqual({ attribute: 'anniversary', offset: 'P6M', every: 'year' });
    expect(withDateAttribute(undefined, 'dob')).toEqual({ attribute: 'dob', every: 'year' });
    expect(withDateAttribute({ attribute: 'birthday', every: 'year' }, 'день_рождения')).toEqual({ attribute: 'день_рождения', every: 'year' });
  });

  it('a choice made against the name is kept', () => {
    expect(withDateAttribute({ attribute: 'lastVisit', every: 'year' }, 'lastOrder')).toEqual({ attribute: 'lastOrder', every: 'year' });
    expect(withDateAttribute({ attribute: 'birthday' }, 'birthDate')).toEqual({ attribute: 'birthDate' });
  });
});

describe('trigger: a yearly date', () => {
  it('recurs from the year after a date that has come (a purchase today is no anniversary), and on a date still ahead first', async () => {
    const { resolveDateSpec } = await import('../../../shared/format/time.ts');
    const today = Date.parse('2026-12-03T12:00:00Z');
    const spec = { attribute: 'purchasedAt', at: '10:00', every: 'year' as const };
    const at = (d: string) => new Date(resolveDateSpec(spec, { purchasedAt: d }, 'UTC', today)!).toISOString();
    expect(at('2026-12-03')).toBe('2027-12-03T10:00:00.000Z'); // bought today: the first anniversary is in a year
    expect(at('2025-12-03')).toBe('2027-12-03T10:00:00.000Z'); // today's 10:00 has passed by noon: next year's
    expect(at('2025-12-04')).toBe('2026-12-04T10:00:00.000Z'); // a year ago tomorrow: tomorrow
    expect(at('1990-12-05')).toBe('2026-12-05T10:00:00.000Z'); // a birthday
    expect(at('2027-03-01')).toBe('2027-03-01T10:00:00.000Z'); // a renewal still ahead: on its day
    const early = Date.parse('2026-12-03T06:00:00Z');
    expect(new Date(resolveDateSpec(spec, { purchasedAt: '2025-12-03' }, 'UTC', early)!).toISOString()).toBe('2026-12-03T10:00:00.000Z'); // a year ago today: today at 10
    expect(new Date(resolveDateSpec(spec, { purchasedAt: '2026-12-03' }, 'UTC', early)!).toISOString()).toBe('2027-12-03T10:00:00.000Z');
  });
});
