import { describe, expect, it } from 'vitest';
import { timelineItems } from '../../../web/src/simulator/timeline.ts';
import { edge, funnel, node, sim, trigger } from '../helpers.ts';

describe('the timeline of a walk', () => {
  it('shows what an action node wrote on the contact, on the line where the run entered it', () => {
    const s = sim(
      funnel(
        [trigger({ event: 'app.activated' }), node('mark', 'action', { set: { stage: 'Триал активирован', plan: '{{event.data.plan}}' }, tags: { add: ['trial-active'], remove: ['cold'] } }), node('pause', 'delay', { for: 'P1D' })],
        [edge('start', 'next', 'mark'), edge('mark', 'next', 'pause')],
      ),
    );
    s.event({ type: 'app.activated', data: { plan: 'pro' } });
    const items = timelineItems(s);
    const mark = items.find((i) => i.kind === 'entered' && i.node === 'mark');
    expect(mark?.update).toMatchObject({ node: 'mark', set: { stage: 'Триал активирован', plan: 'pro' }, addTags: ['trial-active'], removeTags: ['cold'] });
    // only there: the other lines carry none
    expect(items.filter((i) => i.update)).toHaveLength(1);
  });
});

describe('a simulated message', () => {
  it('names the variables that filled in as nothing, not those with a fallback', () => {
    const s = sim(
      funnel(
        [trigger({ event: 'trial.started' }), node('hi', 'message', { channel: 'email', subject: '{{contact.firstName}}, триал', body: 'Триал для {{contact.company}} на тарифе {{event.data.plan}}, {{contact.city | default:ваш город}}', marketing: false })],
        [edge('start', 'next', 'hi')],
      ),
    );
    s.event({ type: 'trial.started', data: { plan: 'pro' } });
    expect(s.messages[0].empty).toEqual(['contact.company']);
    expect(s.messages[0].body).toBe('Триал для  на тарифе pro, ваш город');
    expect(s.messages[0].unformatted).toBeUndefined();
  });

  it('names a value its money or date filter could not write (printed as it was), once per variable and filter', () => {
    const s = sim(
      funnel(
        [trigger({ event: 'order.created' }), node('hi', 'message', { channel: 'sms', body: 'Сумма {{event.data.total | money}} ({{event.data.total | money}}), доставка {{event.data.at | date}}, оплата до {{event.data.until | date}}', marketing: false })],
        [edge('start', 'next', 'hi')],
      ),
    );
    s.event({ type: 'order.created', data: { total: 'около 5 тыс', at: 'завтра', until: '2026-12-01' } });
    expect(s.messages[0].unformatted).toEqual([
      { path: 'event.data.total', filter: 'money', value: 'около 5 тыс' },
      { path: 'event.data.at', filter: 'date', value: 'завтра' },
    ]);
    expect(s.messages[0].body).toBe('Сумма около 5 тыс (около 5 тыс), доставка завтра, оплата до 1 декабря 2026 г.');
  });
});

describe('coverage', () => {
  it('does not ask to cover a hand-off «overdue» left unconnected: it holds the run, nothing can take it', async () => {
    const { coverageOf } = await import('../../../web/src/simulator/coverage.ts');
    const { compiled } = await import('../helpers.ts');
    const call = node('call', 'handoff', { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'ok', label: 'Ок' }], dueIn: 'PT1H' });
    const open = compiled(funnel([trigger(), call], [edge('start', 'next', 'call')]));
    expect(coverageOf(open, []).missingExits).toEqual(['start:next', 'call:ok']);
    // connected, it is an exit like any other
    const led = compiled(funnel([trigger(), call, node('late', 'exit', {})], [edge('start', 'next', 'call'), edge('call', 'overdue', 'late')]));
    expect(coverageOf(led, []).missingExits).toContain('call:overdue');
  });
});
