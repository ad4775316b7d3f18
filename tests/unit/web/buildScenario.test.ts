import { useLang } from '../../../web/src/i18n/i18n.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { compileFunnel } from '../../../shared/compiler/compileFunnel.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { Scenario } from '../../../shared/format/scenario.ts';
import { runScenario, traceOf } from '../../../shared/simulator/runScenario.ts';
import { useOverlay } from '../../../web/src/editor/overlay.ts';
import { buildScenario } from '../../../web/src/simulator/buildScenario.ts';
import { draftFromContact } from '../../../web/src/simulator/contactDraft.ts';
import { startEventData, suggestData, triggerEvents } from '../../../web/src/simulator/eventHints.ts';
import { parseValue, rowsToRecord } from '../../../web/src/simulator/kv.ts';
import { runAll } from '../../../web/src/simulator/runAll.ts';
import { timelineItems } from '../../../web/src/simulator/timeline.ts';
import { replay, useSimulation } from '../../../web/src/simulator/useSimulation.ts';
import { EXAMPLES } from '../examples.ts';

const read = (...p: string[]) => JSON.parse(readFileSync(join(EXAMPLES, ...p), 'utf8'));
const classic = read('classic', 'funnel.json') as Funnel;
const anna = { id: 'qa-anna', attributes: { firstName: 'Анна', email: 'anna@example.com', timezone: 'Europe/Moscow' }, consents: { email: true } };

/** Walks the classic funnel through the simulator store, as the panel's buttons do. */
function walkClassic() {
  const s = useSimulation.getState();
  s.reset();
  s.setDraft(draftFromContact(anna, '2026-03-02T10:00'));
  s.start(classic);
  const act = useSimulation.getState().act;
  act({ event: { type: 'lead.created' } });
  act({ advance: 'PT2H' });
  act({ event: { type: 'offer.accepted' } });
  act({ nextTimer: true }); // the lead magnet's window runs out: reminder, then wait
  act({ event: { type: 'leadMagnet.claimed' } });
  act({ event: { type: 'order.paid', data: suggestData(classic, useSimulation.getState().session!.sim, 'order.paid') } });
  act({ task: { outcome: 'won' } });
  act({ advance: 'P1D' });
  return useSimulation.getState().session!;
}

describe('a walk in the simulator becomes a scenario', () => {
  beforeEach(() => useOverlay.getState().clear());

  it('records "next timer" as the exact advance and lights the path up on the canvas', () => {
    const session = walkClassic();
    expect(session.steps[3]).toEqual({ advance: 'P3D' });
    expect(session.steps[5]).toEqual({ event: { type: 'order.paid', data: { sku: 'TRIP-1', amount: 990 } } });
    expect(session.sim.current?.at).toBe('core');
    const o = useOverlay.getState();
    expect(o.mode).toBe('sim');
    expect(o.path.map((p) => p.node)).toEqual(['start', 'offer', 'lm', 'lm_reminder', 'lm_wait', 'trip', 'call', 'core']);
    expect(o.path[2].at).toBe('2026-03-02T12:00:00+03:00');
    expect(o.current).toBe('core');
  });

  it('builds a valid scenario@1 whose expectations pass on the same funnel and fail on a changed one', () => {
    const session = walkClassic();
    const sc = buildScenario('  walk  ', { funnelId: 'classic', contact: session.contact, start: session.start, zone: session.sim.zone, steps: session.steps }, traceOf(session.sim));
    expect(Scenario.safeParse(sc).success).toBe(true);
    expect(sc.name).toBe('walk');
    expect(sc.start).toBe('2026-03-02T10:00:00+03:00');
    expect(sc.expect).toMatchObject({ status: 'waiting', at: 'core', tasks: [{ node: 'call', status: 'done', outcome: 'won' }] });
    expect(sc.expect!.messages!.map((m) => m.node)).toEqual(['offer', 'lm', 'lm_reminder', 'trip', 'core']);
    expect(sc.expect!.messages![2].at).toBe('2026-03-05T12:00:00+03:00');

    const cf = compileFunnel(classic);
    if (!cf.ok) throw new Error('classic does not compile');
    const { trace } = runScenario(cf.compiled, JSON.parse(JSON.stringify(sc)));
    expect(trace.failures).toEqual([]);
    expect(trace.ok).toBe(true);

    const changed = structuredClone(classic);
    changed.nodes.find((n) => n.id === 'lm')!.data!.window = 'P2D';
    const cf2 = compileFunnel(changed);
    if (!cf2.ok) throw new Error('changed classic does not compile');
    expect(runScenario(cf2.compiled, sc).trace.ok).toBe(false);
  });

  it('steps back by replaying all but the last step', () => {
    walkClassic();
    useSimulation.getState().stepBack();
    const s = useSimulation.getState().session!;
    expect(s.steps).toHaveLength(7);
    expect(s.sim.current?.at).toBe('core');
    expect(s.sim.clock).toBe(Date.parse('2026-03-05T12:00:00+03:00'));
    useSimulation.getState().stepBack();
    const back = useSimulation.getState().session!;
    expect(back.sim.current?.at).toBe('call');
    expect(back.sim.tasks[0].status).toBe('open');
    expect(useOverlay.getState().current).toBe('call');
    expect(traceOf(back.sim)).toEqual(traceOf(replay(back.compiled, back.contact, back.start, back.steps)));
  });

  it('keeps a failed task step out of the walk and says why', () => {
    walkClassic();
    useSimulation.getState().act({ task: { outcome: 'won' } });
    const st = useSimulation.getState();
    expect(st.error).toMatch(/нет открытой задачи/); // in the UI's language
    expect(st.session!.steps).toHaveLength(8);
    useLang.setState({ lang: 'en' });
    useSimulation.getState().act({ task: { outcome: 'won' } });
    expect(useSimulation.getState().error).toMatch(/no open task/);
    useLang.setState({ lang: 'ru' });
  });

  it('shows compile issues instead of starting an invalid funnel', () => {
    const broken = { ...classic, edges: [...classic.edges, { id: 'bad', source: 'start', exit: 'next', target: 'nowhere' }] };
    useSimulation.getState().reset();
    useSimulation.getState().start(broken);
    expect(useSimulation.getState().session).toBeNull();
    expect(useSimulation.getState().issues?.some((i) => i.severity === 'error')).toBe(true);
  });
});

describe('the timeline', () => {
  it('attaches each message and task to its line and shows a postponed message again when it goes out', () => {
    walkClassic();
    const s = useSimulation.getState();
    const walk = s.session!;
    // the same walk starting in the evening: the lead magnet's email falls into quiet hours (21:00–09:00)
    const evening = replay(walk.compiled, walk.contact, Date.parse('2026-03-02T20:00:00+03:00'), [
      { event: { type: 'lead.created' } },
      { advance: 'PT2H' },
      { event: { type: 'offer.accepted' } },
      { advance: 'P1D' },
    ]);
    const night = timelineItems(evening);
    const postponed = night.find((i) => i.kind === 'postponed' && i.node === 'lm')!;
    const delivered = night.find((i) => i.kind === 'delivered' && i.node === 'lm')!;
    expect(postponed.message).toBe(delivered.message);
    expect(evening.isoTime(delivered.at)).toBe('2026-03-03T09:00:00+03:00');
    expect(night.indexOf(delivered)).toBeGreaterThan(night.indexOf(postponed));
    expect(night.map((i) => i.at)).toEqual([...night.map((i) => i.at)].sort((a, b) => a - b));

    const items = timelineItems(walk.sim);
    expect(items.find((i) => i.kind === 'sent' && i.node === 'lm_reminder')?.message?.subject).toBe('Анна, вы не забрали чек-лист');
    expect(items.find((i) => i.kind === 'sent' && i.node === 'trip')?.message?.subject).toContain('Мини-курс');
    expect(items.find((i) => i.kind === 'entered' && i.node === 'call')?.task?.outcome).toBe('won');
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort((a, b) => a - b));
    // each conversion follows the line where its node was left, with its value
    const goals = items.filter((i) => i.kind === 'goal');
    expect(goals.map((g) => [g.node, g.goal])).toEqual(walk.sim.goals.map((g) => [g.node, { name: g.name, ...(g.value !== undefined ? { value: g.value } : {}) }]));
    const trip = goals.find((g) => g.node === 'trip')!;
    expect(trip.goal).toEqual({ name: 'tripwire', value: 990 });
    expect(items[items.indexOf(trip) - 1]).toMatchObject({ kind: 'left', node: 'trip', exit: 'converted' });
    // the timer moved the lead magnet's wait; the reminder sent right after it does not claim the timer too
    const leftBy = (node: string) => items.filter((i) => i.kind === 'left' && i.node === node).map((i) => i.cause);
    expect(leftBy('lm')[0]).toBe('timer');
    expect(leftBy('lm_reminder')).toEqual([undefined]);
  });
});

describe('running all saved scenarios', () => {
  it('passes the examples and reports the nodes and exits they cover', () => {
    const names = ['happy-path', 'lead-magnet-reminder-quiet-hours', 'manager-overdue', 'unsubscribes'];
    const cf = compileFunnel(classic);
    if (!cf.ok) throw new Error('classic does not compile');
    const { results, coverage } = runAll(cf.compiled, [...names.map((n) => read('classic', `${n}.scenario.json`)), { name: 'broken' }]);
    expect(results.slice(0, 4).map((r) => [r.name, r.ok, r.failures])).toEqual(results.slice(0, 4).map((r) => [r.name, true, []]));
    expect(results[4]).toMatchObject({ name: 'broken', ok: false });
    expect(coverage.totalNodes).toBe(classic.nodes.length);
    expect(coverage.nodes).toEqual(expect.arrayContaining(['start', 'offer', 'lm', 'trip', 'call', 'core', 'sale']));
    expect(coverage.exits).toEqual(expect.arrayContaining(['offer:converted', 'call:won', 'call:overdue']));
    expect(coverage.exits.every((e) => /^[\w-]+:\w+$/.test(e) && !e.endsWith(':exited'))).toBe(true);
    expect(coverage.totalExits).toBe(16); // 4 offers × 2, trigger, reminder, goal, wait × 2, handoff × 3
    // what is left out is named: every node and exit either covered or missing, none both
    expect(coverage.nodes.length + coverage.missingNodes.length).toBe(coverage.totalNodes);
    expect(coverage.exits.length + coverage.missingExits.length).toBe(coverage.totalExits);
    expect(coverage.missingExits.filter((k) => coverage.exits.includes(k))).toEqual([]);
    // only the happy path: the lead magnet's timeout and the call's other outcomes are not walked
    // a misspelt field is named, in the UI's language, rather than quietly turning a check off
    const happy = read('classic', 'happy-path.scenario.json');
    const typo = runAll(cf.compiled, [{ ...happy, expect: { ...happy.expect, stauts: 'exited' } }], 'ru').results[0];
    expect(typo).toMatchObject({ ok: false, failures: ['expect.stauts: такого поля нет в формате'] });
    const one = runAll(cf.compiled, [read('classic', 'happy-path.scenario.json')]).coverage;
    expect(one.missingExits).toEqual(expect.arrayContaining(['lm:timeout', 'call:lost', 'call:overdue']));
    expect(one.missingExits).not.toContain('offer:converted');
  });
});

describe('event hints and values', () => {
  it('prefills trigger data: segment, where literals, correlation key', () => {
    expect(triggerEvents(read('reactivation', 'funnel.json'))).toEqual([{ type: 'segment.entered', data: { segment: 'sleeping' } }]);
    expect(triggerEvents(read('car-dealer', 'funnel.json'))).toEqual([{ type: 'order.paid', data: { category: 'car' } }]);
    expect(triggerEvents(read('abandoned-cart', 'funnel.json'))).toEqual([{ type: 'cart.abandoned', data: { cartId: 'cart-1' } }]);
  });

  it("a starting event is offered with samples of the data the funnel reads from it (texts, a delay until its date), not a later event's", () => {
    const webinar = {
      format: 'voronka/funnel@1',
      id: 'w',
      name: 'w',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'webinar.registered' } },
        { id: 'hi', type: 'message', data: { channel: 'email', subject: 'До встречи {{ event.data.startsAt | datetime }}', body: 'Ссылка: {{event.data.link}}, {{event.data.room.name}}' } },
        { id: 'before', type: 'delay', data: { untilDate: { attribute: 'event.data.remindAt', offset: '-PT1H' } } },
        { id: 'came', type: 'wait', data: { event: 'webinar.attended', where: { '==': [{ var: 'event.data.minutes' }, 60] }, timeout: 'P1D' } },
      ],
      edges: [],
    } as unknown as Funnel;
    const now = Date.parse('2026-03-02T09:00:00Z');
    // a date a day ahead and an hour more: the reminder an hour before it waits in the walk
    expect(startEventData(webinar, now)).toEqual({ startsAt: '2026-03-03T10:00:00.000Z', link: 'https://example.com/', room: 'room-1', remindAt: '2026-03-03T10:00:00.000Z' });
    expect(suggestData(webinar, null, 'webinar.registered')).toMatchObject({ startsAt: expect.any(String), link: 'https://example.com/' });
    expect(suggestData(webinar, null, 'webinar.attended')).toEqual({});
    // samples of the kind the texts use: a list of products, an amount, a count, a time by its filter
    const cart = { ...webinar, nodes: [webinar.nodes[0], { id: 'm', type: 'message', data: { channel: 'email', subject: 'Корзина', body: '{{event.data.items | list:name}} на {{event.data.total | money}} ({{event.data.qty}} шт.), до {{event.data.until | date}}, {{event.data.bonus | money}}' } }] } as Funnel;
    expect(startEventData(cart, now)).toEqual({ items: [expect.objectContaining({ name: 'Товар 1' }), expect.objectContaining({ name: 'Товар 2' })], total: 1970, qty: 2, until: '2026-03-03T09:00:00.000Z', bonus: 1970 });
  });

  it('parses typed values as JSON when they are JSON, else keeps the text', () => {
    expect(rowsToRecord([{ key: 'amount', value: '990' }, { key: 'sku', value: 'TRIP-1' }, { key: 'ok', value: 'true' }, { key: '', value: 'x' }, { key: 'phone', value: '+79990001122' }])).toEqual({
      amount: 990,
      sku: 'TRIP-1',
      ok: true,
      phone: '+79990001122',
    });
    expect(parseValue('{"a":[1]}')).toEqual({ a: [1] });
    expect(parseValue('007')).toBe('007');
  });
});
