import { describe, expect, it } from 'vitest';
import { afterAwaitedEvent } from '../../shared/validate/awaited.ts';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';
import { T0, compiled, contact, edge, funnel, next, node, start, trigger } from './helpers.ts';

/** lead.created → wait quiz.completed → branch on the quiz score → a message per branch; a timeout path too. */
const quiz = () =>
  funnel(
    [
      trigger({ event: 'lead.created' }),
      node('w', 'wait', { event: 'quiz.completed', timeout: 'P1D' }),
      node('score', 'branch', { rules: [{ id: 'high', label: 'high', when: { '>=': [{ var: 'lastEvent.data.score' }, 8] } }] }),
      node('hot', 'message', { channel: 'sms', body: 'from {{event.data.source}}, score {{lastEvent.data.score}}' }),
      node('cold', 'message', { channel: 'sms', body: 'from {{event.data.source}}, last {{lastEvent.type}}' }),
    ],
    [edge('start', 'next', 'w'), edge('w', 'received', 'score'), edge('w', 'timeout', 'cold'), edge('score', 'high', 'hot'), edge('score', 'else', 'cold')],
  );
const sent = (r: { effects: { kind: string }[] }) => r.effects.filter((e) => e.kind === 'send').map((e) => (e as unknown as { body: string }).body);

describe('lastEvent: the latest outside event a run took', () => {
  it('after a wait, templates and branch rules read the awaited event as lastEvent; event stays the start event', () => {
    const cf = compiled(quiz());
    const r0 = start(cf, { type: 'lead.created', data: { source: 'ads' } });
    expect(r0.snapshot!.run.lastEvent).toBeUndefined();
    const r1 = next(cf, r0.snapshot, { type: 'quiz.completed', data: { score: 9 } }, contact(), T0 + 1000);
    expect(sent(r1)).toEqual(['from ads, score 9']);
    expect(r1.snapshot!.run.lastEvent).toMatchObject({ type: 'quiz.completed', data: { score: 9 } });
    const low = next(cf, r0.snapshot, { type: 'quiz.completed', data: { score: 3 } }, contact(), T0 + 1000);
    expect(sent(low)).toEqual(['from ads, last quiz.completed']);
  });

  it('a timer is not an event from outside: after a timeout lastEvent is still the start event', () => {
    const cf = compiled(quiz());
    const r0 = start(cf, { type: 'lead.created', data: { source: 'ads' } });
    const timer = r0.effects.find((e) => e.kind === 'schedule') as { event: { type: string }; dueAt: number };
    const r1 = next(cf, r0.snapshot, timer.event, contact(), timer.dueAt);
    expect(sent(r1)).toEqual(['from ads, last lead.created']);
    expect(r1.snapshot!.run.lastEvent).toBeUndefined();
  });

  it('an event the run does not take leaves it as it was', () => {
    const cf = compiled(quiz());
    const r0 = start(cf, { type: 'lead.created', data: { source: 'ads' } });
    const r1 = next(cf, r0.snapshot, { type: 'page.viewed', data: {} }, contact(), T0 + 1000);
    expect(r1.changed).toBe(false);
    expect(r1.snapshot!.run.lastEvent).toBeUndefined();
  });

  it('a delay until a date the awaited event brought (a booked call)', () => {
    const cf = compiled(
      funnel(
        [trigger({ event: 'lead.created' }), node('w', 'wait', { event: 'call.booked', timeout: 'P7D' }), node('d', 'delay', { untilDate: { attribute: 'lastEvent.data.callAt', offset: '-PT1H' } }), node('remind', 'message', { channel: 'sms', body: 'call at {{lastEvent.data.callAt | time}}' })],
        [edge('start', 'next', 'w'), edge('w', 'received', 'd'), edge('d', 'next', 'remind')],
      ),
    );
    const r0 = start(cf, { type: 'lead.created' });
    const callAt = '2026-03-05T15:00:00+03:00';
    const r1 = next(cf, r0.snapshot, { type: 'call.booked', data: { callAt } }, contact(), T0 + 1000);
    const due = r1.effects.find((e) => e.kind === 'schedule') as { dueAt: number };
    expect(due.dueAt).toBe(Date.parse(callAt) - 3_600_000);
  });

  it('is a known template root and a valid date source; an awaited event is found after waits, stages and tasks', () => {
    expect(validateFunnel(quiz()).issues.filter((i) => i.severity === 'error')).toEqual([]);
    const f = quiz();
    expect([...afterAwaitedEvent(f.nodes, f.edges)].sort()).toEqual([
      ['cold', { by: 'w', event: 'quiz.completed' }],
      ['hot', { by: 'w', event: 'quiz.completed' }],
      ['score', { by: 'w', event: 'quiz.completed' }],
    ]);
    // the timeout alone leads nowhere new: cold is reached by "received" → else as well
    const onlyTimeout = funnel([trigger({ event: 'go' }), node('w', 'wait', { event: 'x', timeout: 'P1D' }), node('m', 'message', { channel: 'sms', body: 'b' })], [edge('start', 'next', 'w'), edge('w', 'timeout', 'm')]);
    expect(afterAwaitedEvent(onlyTimeout.nodes, onlyTimeout.edges).size).toBe(0);
    const task = funnel(
      [trigger({ event: 'go' }), node('t', 'handoff', { title: 'Call', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Won' }] }), node('m', 'message', { channel: 'sms', body: 'b' })],
      [edge('start', 'next', 't'), edge('t', 'won', 'm')],
    );
    expect(afterAwaitedEvent(task.nodes, task.edges).get('m')).toEqual({ by: 't', event: 'task.completed' });
  });
});

describe('the latest awaited event before a step', () => {
  it('is the nearest one on each path in: a purchase after the lead magnet hides the lead magnet’s event; a timeout does not', () => {
    const f = funnel(
      [
        trigger({ event: 'lead.created' }),
        node('lm', 'offer', { stage: 'leadMagnet', product: { sku: 'LM', name: 'Консультация' }, convertOn: { event: 'leadMagnet.claimed' }, window: 'P2D' }),
        node('w', 'wait', { event: 'visit.booked', timeout: 'P1D' }),
        node('call', 'handoff', { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Записан' }] }),
        node('trip', 'offer', { stage: 'tripwire', product: { sku: 'CLEAN', name: 'Чистка', price: 2990 }, window: 'P7D' }),
        node('b', 'branch', { rules: [{ id: 'older', where: { '>=': [{ var: 'contact.age' }, 35] } }] }),
        node('sms', 'message', { channel: 'sms', body: 'Напоминание' }),
      ],
      [
        edge('start', 'next', 'lm'),
        edge('lm', 'converted', 'w'),
        edge('lm', 'timeout', 'sms'),
        edge('w', 'received', 'trip'),
        edge('w', 'timeout', 'call'),
        edge('call', 'won', 'trip'),
        edge('trip', 'converted', 'b'),
      ],
    );
    const m = afterAwaitedEvent(f.nodes, f.edges);
    expect(m.get('w')).toEqual({ by: 'lm', event: 'leadMagnet.claimed' });
    // the wait's timeout leads on with the lead magnet's event still the latest
    expect(m.get('call')).toEqual({ by: 'lm', event: 'leadMagnet.claimed' });
    // the tripwire is reached by the booked visit or by the manager's call
    expect(m.get('trip')).toEqual({ by: 'w / call', event: 'visit.booked / task.completed' });
    // after the purchase, the purchase
    expect(m.get('b')).toEqual({ by: 'trip', event: 'order.paid' });
    expect(m.has('sms')).toBe(false);
  });
});
