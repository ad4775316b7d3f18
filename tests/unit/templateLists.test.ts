import { describe, expect, it } from 'vitest';
import { renderTemplate, tidyLine } from '../../shared/engine/template.ts';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';
import { edge, funnel, node, trigger } from './helpers.ts';

const cart = { event: { data: { items: [{ name: 'Маска', qty: 1, price: 700 }, { name: 'Бальзам', qty: 2, price: 500 }], tags: ['новинка', 'хит'], total: 1700 } } };

describe('lists in templates', () => {
  it('a list is written as its items by name, separated by commas, never as raw JSON', () => {
    expect(renderTemplate('В корзине: {{event.data.items}}.', cart)).toBe('В корзине: Маска, Бальзам.');
    expect(renderTemplate('{{event.data.tags}}', cart)).toBe('новинка, хит');
    // `list:field` takes another field of each item; items without it are left out
    expect(renderTemplate('{{event.data.items | list:qty}}', cart)).toBe('1, 2');
    expect(renderTemplate('{{event.data.items | list:color}}', cart)).toBe('');
    // in an email the list's text is escaped like any value
    expect(renderTemplate('{{event.data.items}}', { event: { data: { items: [{ name: '<b>' }] } } }, (s) => s.replace(/</g, '&lt;'))).toBe('&lt;b>');
    // a list of things without names: each as it is
    expect(renderTemplate('{{event.data.items}}', { event: { data: { items: [{ sku: 'A' }] } } })).toBe('{"sku":"A"}');
    // not a list: as before
    expect(renderTemplate('{{event.data.total | list}}', cart)).toBe('1700');
  });

  it('validation knows the list filter', () => {
    const f = funnel([trigger(), node('m', 'message', { channel: 'sms', body: 'В корзине: {{event.data.items | list:name}}', marketing: false })], [edge('start', 'next', 'm')]);
    expect(validateFunnel(f).issues.filter((i) => i.code === 'unknown-filter')).toEqual([]);
  });
});

describe('a one-line text after its variables were filled in', () => {
  it('loses what an empty variable leaves behind, and nothing else', () => {
    expect(tidyLine('Позвонить Ольга () и записать')).toBe('Позвонить Ольга и записать');
    expect(tidyLine(', ваш подарок готов')).toBe('ваш подарок готов');
    expect(tidyLine('Курс «» для Анны , скидка')).toBe('Курс для Анны, скидка');
    expect(tidyLine('Позвонить Ольге (+7 917 123-45-67): запись на 10:00')).toBe('Позвонить Ольге (+7 917 123-45-67): запись на 10:00');
  });
});

describe('a value that ends a sentence', () => {
  it('keeps one full stop when a date written with «г.» ends the sentence', () => {
    const data = { event: { data: { ends: '2026-12-08T09:00:00Z' } }, funnel: { locale: 'ru-RU' } };
    expect(renderTemplate('Пробный период заканчивается {{event.data.ends | date}}. Оформите подписку', data, undefined, 'Europe/Moscow')).toBe('Пробный период заканчивается 8 декабря 2026 г. Оформите подписку');
    expect(renderTemplate('До {{event.data.ends | date}}!', data, undefined, 'Europe/Moscow')).toBe('До 8 декабря 2026 г.!');
    expect(renderTemplate('Итого {{n}}.', { n: 5 })).toBe('Итого 5.');
  });
});
