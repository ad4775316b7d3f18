import { describe, expect, it } from 'vitest';
import { NODE_TYPES, nodeDef } from '../../../shared/nodes/registry.ts';
import { triggerEvents } from '../../../web/src/simulator/eventHints.ts';

const def = (type: string) => nodeDef(type)!;
const product = { sku: 'TRIP-1', name: 'Мини-курс', price: 1490 };

describe('what a node type says about itself on the canvas and in paths', () => {
  it('exit words: a rule’s or an outcome’s own label, a variant’s share, a stage’s conversion; else the generic words', () => {
    const branch = { rules: [{ id: 'msk', label: 'Москва', when: {} }, { id: 'spb', when: {} }] };
    expect(def('branch').exitLabel!(branch, 'msk')).toBe('Москва');
    expect(def('branch').exitLabel!(branch, 'spb')).toBe('spb');
    expect(def('branch').exitLabel!(branch, 'else')).toBeUndefined();
    expect(def('split').exitLabel!({ variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 3 }] }, 'B')).toBe('B · 75%');
    const task = { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Купил' }] };
    expect(def('handoff').exitLabel!(task, 'won')).toBe('Купил');
    expect(def('handoff').exitLabel!(task, 'overdue')).toBeUndefined();
    expect(def('offer').exitLabel!({ stage: 'leadMagnet', product, window: 'P1D' }, 'converted')).toEqual({ en: 'converted', ru: 'конверсия' });
    expect(def('offer').exitLabel!({ stage: 'tripwire', product, window: 'P1D' }, 'converted')).toEqual({ en: 'bought', ru: 'купил' });
    expect(def('offer').exitLabel!({ stage: 'tripwire', product, window: 'P1D' }, 'timeout')).toBeUndefined();
    expect(def('delay').exitLabel).toBeUndefined();
  });

  it('a draft’s incomplete data does not break them', () => {
    expect(def('branch').exitLabel!({} as never, 'x')).toBe('x');
    expect(def('split').exitLabel!({} as never, 'A')).toBe('A');
    expect(def('handoff').exitLabel!({} as never, 'won')).toBe('won');
    expect(def('offer').title!({} as never)).toBeUndefined();
    expect(def('offer').expects!({} as never, 'order.paid')).toEqual({});
    expect(def('wait').expects!({} as never, 'order.paid')).toEqual({});
  });

  it('titles: the product, the subject (chats: the first line of text), the task, the goal', () => {
    expect(def('offer').title!({ stage: 'tripwire', product, window: 'P1D' })).toBe('Мини-курс');
    expect(def('message').title!({ channel: 'email', subject: 'Привет', body: 'x' })).toBe('Привет');
    expect(def('message').title!({ channel: 'email', subject: '', body: '\n  Текст письма\nещё' })).toBe('Текст письма');
    expect(def('message').title!({ channel: 'sms', body: 'x' })).toBe('x');
    // a chat message's heading is often the same greeting in every A/B variant: the text tells them apart
    expect(def('message').title!({ channel: 'telegram', subject: 'Здравствуйте!', body: 'Вариант Б: скидка 20%\nподробнее…' })).toBe('Вариант Б: скидка 20%');
    expect(def('message').title!({ channel: 'telegram', subject: 'Здравствуйте!', body: ' ' })).toBe('Здравствуйте!');
    expect(def('handoff').title!({ title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [] })).toBe('Позвонить');
    expect(def('goal').title!({ name: 'purchase' })).toBe('purchase');
  });

  it('expected event data: what a wait’s filter asks, a stage’s own purchase with its price', () => {
    expect(def('wait').expects!({ event: 'order.paid', where: { and: [{ '==': [{ var: 'event.data.sku' }, 'A'] }, { '>': [{ var: 'event.data.amount' }, 0] }] }, timeout: 'P1D' }, 'order.paid')).toEqual({ sku: 'A' });
    expect(def('wait').expects!({ event: 'order.paid', timeout: 'P1D' }, 'cart.updated')).toEqual({});
    expect(def('offer').expects!({ stage: 'tripwire', product, window: 'P1D' }, 'order.paid')).toEqual({ sku: 'TRIP-1', amount: 1490 });
    expect(def('offer').expects!({ stage: 'tripwire', product, window: 'P1D', convertOn: { event: 'deal.won', where: { '==': ['X', { var: 'event.data.deal' }] } } }, 'deal.won')).toEqual({ deal: 'X' });
    expect(def('offer').expects!({ stage: 'leadMagnet', product, window: 'P1D' }, 'order.paid')).toEqual({});
  });

  it('the simulator offers each trigger’s event with its filter’s data and a sample key; never the runtime’s own date event', () => {
    const funnel = {
      format: 'voronka/funnel@1',
      id: 'f',
      name: 'f',
      nodes: [
        { id: 'a', type: 'trigger', data: { event: 'cart.abandoned', key: 'data.cartId', where: { '==': [{ var: 'event.data.source' }, 'site'] } } },
        { id: 'b', type: 'trigger', data: { segment: 'sleeping' } },
        { id: 'c', type: 'trigger', data: { date: { attribute: 'birthday' } } },
        { id: 'd', type: 'trigger', data: { event: 'cart.abandoned' } },
      ],
      edges: [],
    } as never;
    expect(triggerEvents(funnel)).toEqual([
      { type: 'cart.abandoned', data: { source: 'site', cartId: 'cart-1' } },
      { type: 'segment.entered', data: { segment: 'sleeping' } },
    ]);
  });

  it('a new node’s defaults are valid and in the UI’s language', () => {
    for (const d of NODE_TYPES) {
      for (const lang of ['ru', 'en'] as const) expect(d.schema.safeParse(d.defaults(lang)).success, `${d.type} ${lang}`).toBe(true);
      expect(JSON.stringify(d.defaults('en')), d.type).not.toMatch(/[а-яё]/i);
    }
    expect(JSON.stringify(def('message').defaults())).toMatch(/Здравствуйте/);
  });
});
