import { describe, expect, it } from 'vitest';
import { timelineItems } from '../../../web/src/simulator/timeline.ts';
import { deliveryReason } from '../../../web/src/lists/deliveryReason.ts';
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
  });

  it('does not send a message whose money or date filter meets a value it cannot write: it is kept as written, with why', () => {
    const s = sim(
      funnel(
        [trigger({ event: 'order.created' }), node('hi', 'message', { channel: 'sms', body: 'Сумма {{event.data.total | money}}, доставка {{event.data.at | date}}, оплата до {{event.data.until | date}}', marketing: false })],
        [edge('start', 'next', 'hi')],
      ),
    );
    s.event({ type: 'order.created', data: { total: 'около 5 тыс', at: 'завтра', until: '2026-12-01' } });
    expect(s.messages).toEqual([]);
    expect(s.withdrawn).toHaveLength(1);
    expect(s.withdrawn[0].body).toBe('Сумма около 5 тыс, доставка завтра, оплата до 1 декабря 2026 г.');
    expect(s.withdrawn[0].reason).toBe('unreadable: event.data.total "около 5 тыс" is not an amount');
    const items = timelineItems(s);
    const skipped = items.find((i) => i.kind === 'skipped')!;
    expect(skipped.node).toBe('hi');
    expect(skipped.message?.body).toBe(s.withdrawn[0].body);
    // the run goes on: a message not sent does not hold the contact
    expect(s.runs[0].status).toBe('completed');
    // readable values are written, and the message goes
    const ok = sim(funnel([trigger({ event: 'order.created' }), node('hi', 'message', { channel: 'sms', body: 'Сумма {{event.data.total | money}}, доставка {{event.data.at | date}}', marketing: false })], [edge('start', 'next', 'hi')]));
    ok.event({ type: 'order.created', data: { total: '4990', at: '2026-11-30' } });
    expect(ok.messages.map((m) => m.body.replace(/\s/g, ' '))).toEqual(['Сумма 4 990 ₽, доставка 30 ноября 2026 г.']);
    expect(ok.withdrawn).toEqual([]);
  });

  it('says in words why such a message did not go', () => {
    expect(deliveryReason('unreadable: event.data.visitAt "завтра" is not a date', 'ru')).toBe('в тексте {{event.data.visitAt}} — «завтра», а это не дата: сообщение ушло бы с ним как есть');
    expect(deliveryReason('unreadable: event.data.total "a \\"lot\\"" is not an amount', 'en')).toBe('{{event.data.total}} in the text is "a "lot"", which is not an amount: the message would have shown it as it is');
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
