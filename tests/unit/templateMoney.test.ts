import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../shared/engine/template.ts';

/** Intl's no-break spaces as plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const render = (text: string, data: Record<string, unknown>, funnel: Record<string, unknown> = { currency: 'RUB' }) => plain(renderTemplate(text, { funnel, ...data }));

describe('`money`: the currency an amount is written in', () => {
  it('the currency written next to the amount (a payment in dollars, an order in tenge), in any case', () => {
    expect(render('{{event.data.total | money}}', { event: { data: { total: 45, currency: 'USD' } } })).toBe('45 $');
    expect(render('{{lastEvent.data.amount | money}}', { lastEvent: { data: { amount: 6000, currency: 'kzt' } } })).toBe('6 000 ₸');
  });

  it('else the funnel\'s; `money:XXX` wins over both; a word where the currency belongs is not one', () => {
    expect(render('{{event.data.total | money}}', { event: { data: { total: 2480 } } })).toBe('2 480 ₽');
    expect(render('{{event.data.total | money:EUR}}', { event: { data: { total: 45, currency: 'USD' } } })).toBe('45 €');
    expect(render('{{event.data.total | money}}', { event: { data: { total: 45, currency: 'dollars' } } })).toBe('45 ₽');
    expect(render('{{event.data.total | money}}', { event: { data: { total: 45, currency: 'USD' } } }, { currency: 'USD', locale: 'en-US' })).toBe('$45');
  });
});
