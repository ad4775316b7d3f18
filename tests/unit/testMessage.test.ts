import { describe, expect, it } from 'vitest';
import type { Funnel } from '../../shared/format/funnel.ts';
import { testMessages } from '../../shared/engine/testMessage.ts';
import { productVariables } from '../../shared/engine/template.ts';

const funnel = {
  format: 'voronka/funnel@1',
  id: 'webinar',
  name: 'Вебинар',
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'webinar.registered' } },
    { id: 'hello', type: 'message', position: { x: 300, y: 0 }, data: { channel: 'email', subject: '{{contact.firstName}}, вы записаны', body: 'Начало: {{event.data.startsAt}}. Город: {{contact.city}}. Ещё раз, {{contact.firstName}}: {{event.data.startsAt}}' } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'hello' }],
} as Funnel;

describe('a test message names the template variables that print as nothing', () => {
  it('lists each empty variable once; filled ones are not listed', () => {
    const r = testMessages(funnel, 'hello', { id: 'anna', attributes: { firstName: 'Анна' }, consents: {} }, Date.parse('2026-03-02T09:00:00Z'));
    if (!r.ok) throw new Error(r.code);
    expect(r.messages[0].subject).toBe('Анна, вы записаны');
    expect(r.messages[0].empty).toEqual(['event.data.startsAt', 'contact.city']);
  });
  it('a variable with a default is never empty; a date is written in the contact\'s zone', () => {
    const f = { ...funnel, nodes: [funnel.nodes[0], { ...funnel.nodes[1], data: { channel: 'sms', body: 'Привет, {{contact.city | default:друг}}! {{run.startedAt | datetime}}' } }] } as Funnel;
    const r = testMessages(f, 'hello', { id: 'anna', attributes: { timezone: 'Asia/Yekaterinburg' }, consents: {} }, Date.parse('2026-03-02T09:00:00Z'));
    if (!r.ok) throw new Error(r.code);
    expect(r.messages[0].body).toBe('Привет, друг! 2 марта 2026 г. в 14:00');
    expect(r.messages[0].empty).toEqual([]);
  });

  it('a value that a date or money filter cannot write is named with what it is', () => {
    const f = { ...funnel, nodes: [funnel.nodes[0], { ...funnel.nodes[1], data: { channel: 'sms', body: '{{event.data.startsAt | datetime}} / {{event.data.day | date}} / {{event.data.none | date}} / {{event.data.sum | money}} / {{event.data.ok | money}}' } }] } as Funnel;
    const r = testMessages(f, 'hello', { id: 'anna', attributes: {}, consents: {} }, 0, { startsAt: 'tomorrow 7pm', day: '2026-11-24', sum: 'пять тысяч', ok: '4990' });
    if (!r.ok) throw new Error(r.code);
    expect(r.messages[0].unformatted).toEqual([
      { path: 'event.data.startsAt', filter: 'datetime', value: 'tomorrow 7pm' },
      { path: 'event.data.sum', filter: 'money', value: 'пять тысяч' },
    ]);
    expect(r.messages[0].body).toBe('tomorrow 7pm / 24 ноября 2026 г. /  / пять тысяч / 4\u00a0990\u00a0₽');
  });

  it('an attribute with a value is not empty', () => {
    const r = testMessages(funnel, 'hello', { id: 'anna', attributes: { firstName: 'Анна', city: 'Казань' }, consents: {} }, 0);
    if (!r.ok) throw new Error(r.code);
    expect(r.messages[0].empty).toEqual(['event.data.startsAt']);
  });
});

describe('an offer message prints its price with the currency', () => {
  const offer = {
    ...funnel,
    nodes: [
      funnel.nodes[0],
      { id: 'trip', type: 'offer', position: { x: 300, y: 0 }, data: { stage: 'tripwire', product: { sku: 'T-1', name: 'Мини-курс', price: 29900, currency: 'RUB' }, window: 'P3D', message: { channel: 'telegram', subject: 'x', body: '{{product.name}} за {{product.priceText}} (было {{product.price}})' } } },
    ],
  } as Funnel;
  it('priceText is the price in Russian style with the currency sign; price stays the bare number', () => {
    const r = testMessages(offer, 'trip', { id: 'anna', attributes: {}, consents: {} }, 0);
    if (!r.ok) throw new Error(r.code);
    expect(r.messages[0].body).toBe('Мини-курс за 29\u00a0900\u00a0₽ (было 29900)');
    expect(r.messages[0].empty).toEqual([]);
  });
  it('other currencies and fractions', () => {
    expect(productVariables({ price: 19.9, currency: 'USD' })).toMatchObject({ priceText: '19,90\u00a0$' });
    expect(productVariables({ name: 'Без цены' })).toEqual({ name: 'Без цены' });
    expect(productVariables({ price: 5, currency: 'bad' })).toMatchObject({ priceText: '5\u00a0₽' });
    // no currency of its own: the funnel's
    expect(productVariables({ price: 5 }, 'EUR')).toMatchObject({ priceText: '5\u00a0€' });
  });
});
