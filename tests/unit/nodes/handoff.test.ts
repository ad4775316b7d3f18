import { describe, expect, it } from 'vitest';
import { DAY, HOUR, T0, compiled, contact, edge, funnel, next, node, path, sim, start, stateOf, trigger } from '../helpers.ts';

const outcomes = [{ id: 'won', label: 'Bought' }, { id: 'lost', label: 'Refused' }];
const handoffFunnel = (data: Record<string, unknown> = {}, opts: { overdueEdge?: boolean; settings?: Record<string, unknown> } = {}) =>
  funnel(
    [
      trigger(),
      node('h', 'handoff', { title: 'Call {{contact.firstName}}', description: 'Source: {{event.data.src}}', assignee: { role: 'manager' }, outcomes, dueIn: 'P1D', ...data }),
      node('to_won', 'goal', { name: 'sale' }),
      node('to_lost', 'exit'),
      ...(opts.overdueEdge ? [node('to_overdue', 'exit', { reason: 'SLA missed' })] : []),
    ],
    [edge('start', 'next', 'h'), edge('h', 'won', 'to_won'), edge('h', 'lost', 'to_lost'), ...(opts.overdueEdge ? [edge('h', 'overdue', 'to_overdue')] : [])],
    opts.settings ?? { timezone: 'Europe/Moscow' },
  );

describe('handoff: compile', () => {
  it('enters with a task action; task.completed transitions per outcome, guarded by the outcome, closing the task', () => {
    const st = stateOf(compiled(handoffFunnel({}, { overdueEdge: true })), 'h');
    expect(st.entry).toEqual([
      { type: 'enter', params: { node: 'h' } },
      { type: 'task', params: { node: 'h', title: 'Call {{contact.firstName}}', description: 'Source: {{event.data.src}}', assignee: { role: 'manager' }, outcomes, dueIn: 'P1D' } },
    ]);
    expect(Object.keys(st.on)).toEqual(['task.completed']);
    expect(st.on['task.completed']).toEqual([
      {
        target: 'to_won',
        guard: { type: 'taskOutcome', params: { outcome: 'won' } },
        actions: [{ type: 'leave', params: { node: 'h', exit: 'won' } }, { type: 'closeTask', params: { node: 'h', status: 'done' } }],
      },
      {
        target: 'to_lost',
        guard: { type: 'taskOutcome', params: { outcome: 'lost' } },
        actions: [{ type: 'leave', params: { node: 'h', exit: 'lost' } }, { type: 'closeTask', params: { node: 'h', status: 'done' } }],
      },
    ]);
    expect(st.after).toEqual({
      t_h: { target: 'to_overdue', actions: [{ type: 'leave', params: { node: 'h', exit: 'overdue' } }, { type: 'closeTask', params: { node: 'h', status: 'overdue' } }] },
    });
  });

  it('no `after` without an overdue edge (nor without dueIn)', () => {
    expect(stateOf(compiled(handoffFunnel()), 'h').after).toBeUndefined();
    expect(stateOf(compiled(handoffFunnel({ dueIn: undefined })), 'h').after).toBeUndefined();
  });
});

describe('handoff: runtime', () => {
  it('creates a task with the rendered title/description, the assignee, the outcomes and dueAt = now + dueIn', () => {
    const r = start(compiled(handoffFunnel()), { type: 'go', data: { src: 'webinar' } });
    expect(r.at).toBe('h');
    const tasks = r.effects.filter((e) => e.kind === 'createTask');
    expect(tasks).toEqual([
      { kind: 'createTask', taskId: 'r1:h:1', node: 'h', title: 'Call Anna', description: 'Source: webinar', assignee: { role: 'manager' }, outcomes, dueAt: T0 + DAY },
    ]);
    expect(r.snapshot!.run.task).toEqual({ id: 'r1:h:1', node: 'h' });
  });

  it('a task names the variables of its title and description that filled in as nothing (in the description a dash, not a gap)', () => {
    const f = handoffFunnel({ title: 'Позвонить {{contact.firstName}}', description: 'Бюджет: {{contact.budget}}, комнат: {{contact.rooms}}, ипотека: {{contact.mortgage | default:не указано}}' });
    const task = start(compiled(f), { type: 'go' }).effects.find((e) => e.kind === 'createTask');
    expect(task).toMatchObject({ description: 'Бюджет: —, комнат: —, ипотека: не указано', empty: ['contact.budget', 'contact.rooms'] });
    const s = sim(f);
    s.event({ type: 'go' });
    expect(s.tasks[0].empty).toEqual(['contact.budget', 'contact.rooms']);
    // all filled in: nothing to say
    expect(start(compiled(f), { type: 'go' }, contact({ budget: 9000000, rooms: 2 })).effects.find((e) => e.kind === 'createTask')).not.toHaveProperty('empty');
  });

  it("the contact's phone reads in the task as people write it; a message gets it as stored", () => {
    const f = handoffFunnel({ title: 'Позвонить {{contact.firstName}} {{contact.phone}}', description: 'Телефон: {{contact.phone}}' });
    const r = start(compiled(f), { type: 'go' }, contact({ phone: '89161234567' }));
    expect(r.effects.find((e) => e.kind === 'createTask')).toMatchObject({ title: 'Позвонить Anna +7 916 123-45-67', description: 'Телефон: +7 916 123-45-67' });
    const sms = funnel([trigger(), node('m', 'message', { channel: 'sms', body: 'Ваш номер {{contact.phone}}', marketing: false })], [edge('start', 'next', 'm')]);
    expect(start(compiled(sms), { type: 'go' }, contact({ phone: '89161234567' })).effects.find((e) => e.kind === 'send')).toMatchObject({ body: 'Ваш номер 89161234567' });
  });

  it('with the managers\' working hours in the settings, the time limit counts only them (the task and its overdue timer)', () => {
    // T0 is Monday 09:00 in Moscow: ten working hours are the nine of Monday and one of Tuesday
    const settings = { timezone: 'Europe/Moscow', workingHours: { from: '09:00', to: '18:00' } };
    const r = start(compiled(handoffFunnel({ dueIn: 'PT10H' }, { overdueEdge: true, settings })));
    expect(r.effects.find((e) => e.kind === 'createTask')).toMatchObject({ dueAt: T0 + DAY + HOUR });
    expect(r.effects.find((e) => e.kind === 'schedule')).toMatchObject({ dueAt: T0 + DAY + HOUR });
    // without them: on the calendar, Monday 19:00
    const plain = start(compiled(handoffFunnel({ dueIn: 'PT10H' }, { overdueEdge: true })));
    expect(plain.effects.find((e) => e.kind === 'createTask')).toMatchObject({ dueAt: T0 + 10 * HOUR });
  });

  it('a user assignee and no dueIn: no dueAt', () => {
    const r = start(compiled(handoffFunnel({ assignee: { user: 'u-7' }, dueIn: undefined, description: undefined })));
    const t = r.effects.find((e) => e.kind === 'createTask')!;
    expect(t).toMatchObject({ assignee: { user: 'u-7' } });
    expect('dueAt' in t).toBe(false);
    expect('description' in t).toBe(false);
  });

  it('completing the task with an outcome resumes that branch and closes the task', () => {
    const cf = compiled(handoffFunnel());
    const r = start(cf);
    const done = next(cf, r.snapshot, { type: 'task.completed', data: { taskId: 'r1:h:1', outcome: 'lost' } }, contact(), T0 + HOUR);
    expect(done.effects).toContainEqual({ kind: 'closeTask', taskId: 'r1:h:1', node: 'h', status: 'done', outcome: 'lost' });
    expect(done.journal).toContainEqual({ at: T0 + HOUR, kind: 'left', node: 'h', exit: 'lost', cause: 'task.completed' });
    expect(done.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['to_lost']);
    expect(done.status).toBe('completed');
    expect(done.snapshot!.run.task).toBeNull();
  });

  it('in the simulator: completeTask("won") goes on by won, the task is done with outcome won', () => {
    const s = sim(handoffFunnel());
    s.event({ type: 'go' });
    expect(s.tasks).toHaveLength(1);
    expect(s.tasks[0]).toMatchObject({ node: 'h', status: 'open', title: 'Call Anna', dueAt: T0 + DAY, createdAt: T0 });
    s.advance('PT2H');
    expect(s.completeTask('won')).toBeNull();
    expect(path(s)).toEqual(['start', 'h', 'to_won']);
    expect(s.tasks[0]).toMatchObject({ status: 'done', outcome: 'won' });
    expect(s.goals).toEqual([{ runId: 'run-1', node: 'to_won', name: 'sale', at: T0 + 2 * HOUR }]);
  });

  it('a wrong task id or an unknown outcome does nothing', () => {
    const cf = compiled(handoffFunnel());
    const r = start(cf);
    for (const data of [{ taskId: 'other-task', outcome: 'won' }, { taskId: 'r1:h:1', outcome: 'maybe' }, { outcome: 'won' }, {}]) {
      const x = next(cf, r.snapshot, { type: 'task.completed', data });
      expect(x.changed).toBe(false);
      expect(x.at).toBe('h');
      expect(x.effects).toEqual([]);
    }
    const s = sim(handoffFunnel());
    s.event({ type: 'go' });
    expect(s.completeTask('maybe')).toMatch(/maybe/);
    expect(s.tasks[0].status).toBe('open');
    expect(s.current!.at).toBe('h');
  });

  it('with an overdue edge: when the SLA passes the run takes overdue and the task is marked overdue', () => {
    const s = sim(handoffFunnel({}, { overdueEdge: true }));
    s.event({ type: 'go' });
    s.advance('PT23H59M');
    expect(s.current!.at).toBe('h');
    expect(s.tasks[0].status).toBe('open');
    s.advance('PT1M');
    expect(path(s)).toEqual(['start', 'h', 'to_overdue']);
    expect(s.log.find((j) => j.kind === 'left' && j.node === 'h')).toMatchObject({ exit: 'overdue', cause: 'timer', at: T0 + DAY });
    expect(s.tasks[0].status).toBe('overdue');
    expect(s.current!.status).toBe('completed');
    expect(s.completeTask('won')).not.toBeNull();
  });

  it('an overdue step returns the closeTask effect', () => {
    const cf = compiled(handoffFunnel({}, { overdueEdge: true }));
    const r = start(cf);
    const sched = r.effects.find((e) => e.kind === 'schedule') as { event: { type: string }; dueAt: number };
    expect(sched.dueAt).toBe(T0 + DAY);
    const o = next(cf, r.snapshot, sched.event, contact(), sched.dueAt);
    expect(o.effects).toContainEqual({ kind: 'closeTask', taskId: 'r1:h:1', node: 'h', status: 'overdue' });
  });

  it('without an overdue edge the run keeps waiting past the SLA, and the task can still be completed', () => {
    const s = sim(handoffFunnel());
    s.event({ type: 'go' });
    s.advance('P5D');
    expect(s.current!.status).toBe('waiting');
    expect(s.current!.at).toBe('h');
    expect(path(s)).toEqual(['start', 'h']);
    expect(s.completeTask('lost')).toBeNull();
    expect(path(s)).toEqual(['start', 'h', 'to_lost']);
  });

  it('exitWhen cancels the open task and leaves no timer', () => {
    const s = sim(handoffFunnel({}, { overdueEdge: true, settings: { exitWhen: [{ event: 'unsubscribed' }] } }));
    s.event({ type: 'go' });
    s.event({ type: 'unsubscribed' });
    expect(s.current!.status).toBe('exited');
    expect(s.tasks[0].status).toBe('cancelled');
    expect(s.nextDue()).toBeNull();
    const n = s.log.length;
    s.advance('P400D');
    expect(s.log.length).toBe(n);
    expect(s.tasks[0].status).toBe('cancelled');
  });

  it('exitWhen returns a cancelled closeTask effect from step', () => {
    const cf = compiled(handoffFunnel({}, { settings: { exitWhen: [{ event: 'unsubscribed' }] } }));
    const x = next(cf, start(cf).snapshot, { type: 'unsubscribed' });
    expect(x.status).toBe('exited');
    expect(x.effects).toContainEqual({ kind: 'closeTask', taskId: 'r1:h:1', node: 'h', status: 'cancelled' });
  });
});

describe('handoff: an outcome that counts as a conversion', () => {
  it('choosing an outcome marked goal records a goal named after it; the others record none', () => {
    const marked = [{ id: 'won', label: 'Bought', goal: true }, { id: 'lost', label: 'Refused' }];
    for (const [outcome, goals] of [['won', [{ node: 'h', name: 'won' }]], ['lost', []]] as const) {
      const s = sim(handoffFunnel({ outcomes: marked }));
      s.event({ type: 'go' });
      expect(s.completeTask(outcome)).toBeNull();
      expect(s.goals.filter((g) => g.node === 'h').map(({ node, name }) => ({ node, name }))).toEqual(goals);
    }
  });

  it('the deal amount entered with a conversion outcome is its goal\'s value; an outcome that is not one refuses an amount', () => {
    const marked = [{ id: 'won', label: 'Bought', goal: true }, { id: 'lost', label: 'Refused' }];
    const s = sim(handoffFunnel({ outcomes: marked }));
    s.event({ type: 'go' });
    expect(s.completeTask('lost', 'en', 500)).toBe('outcome "lost" does not count as a conversion, so it takes no amount');
    expect(s.completeTask('lost', 'ru', 500)).toBe('исход «lost» не считается конверсией, у него не бывает суммы');
    expect(s.tasks[0].status).toBe('open');
    expect(s.completeTask('won', 'en', 29_900)).toBeNull();
    expect(s.goals.filter((g) => g.node === 'h').map(({ node, name, value }) => ({ node, name, value }))).toEqual([{ node: 'h', name: 'won', value: 29_900 }]);
    // without an amount the goal has no value (not 0, not the event's other data)
    const t = sim(handoffFunnel({ outcomes: marked }));
    t.event({ type: 'go' });
    expect(t.completeTask('won')).toBeNull();
    expect(t.goals[0].value).toBeUndefined();
  });

  it('a scenario step completes a task with the deal amount', async () => {
    const { runScenario } = await import('../../../shared/simulator/runScenario.ts');
    const f = handoffFunnel({ outcomes: [{ id: 'won', label: 'Bought', goal: true }, { id: 'lost', label: 'Refused' }] });
    const { Scenario } = await import('../../../shared/format/scenario.ts');
    const scenario = Scenario.parse({ format: 'voronka/scenario@1', name: 'won by phone', funnel: f.id, start: '2026-03-02T09:00:00Z', contact: { id: 'c1' }, steps: [{ event: { type: 'go' } }, { task: { outcome: 'won', amount: 990 } }], expect: { tasks: [{ node: 'h', outcome: 'won' }] } });
    const { trace, sim: s } = runScenario(compiled(f), scenario);
    expect(trace.failures).toEqual([]);
    expect(s.goals.find((g) => g.node === 'h')?.value).toBe(990);
    expect(Scenario.safeParse({ ...scenario, steps: [{ task: { outcome: 'won', amount: -1 } }] }).success).toBe(false);
  });

  it('a new manager task counts nothing by itself: a funnel whose stages sell keeps counting their sales', async () => {
    const { handoff } = await import('../../../shared/nodes/handoff.ts');
    expect(handoff.defaults('ru').outcomes.some((o) => o.goal)).toBe(false);
    // and it starts with no warning: its outcomes are not worded as a sale that goes uncounted
    const { validateFunnel } = await import('../../../shared/validate/validateFunnel.ts');
    for (const lang of ['ru', 'en'] as const) {
      const f = { format: 'voronka/funnel@1', id: 'f', name: 'f', nodes: [{ id: 'start', type: 'trigger', data: { event: 'go' } }, { id: 'call', type: 'handoff', data: handoff.defaults(lang) }], edges: [{ id: 'e', source: 'start', target: 'call' }] };
      expect(validateFunnel(f as never).issues.filter((i) => i.nodeId === 'call').map((i) => i.code)).toEqual([]);
    }
    // a Russian name is not declined: the default title reads right with it as written, and without one
    const title = handoff.defaults('ru').title;
    expect(title).toBe('Звонок: {{contact.firstName | default:клиент}}');
    const { renderTemplate } = await import('../../../shared/engine/template.ts');
    expect(renderTemplate(title, { contact: { firstName: 'Нина' } })).toBe('Звонок: Нина');
    expect(renderTemplate(title, { contact: {} })).toBe('Звонок: клиент');
  });
});
