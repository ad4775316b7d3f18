import { describe, expect, it } from 'vitest';
import { amountsWithoutCurrency } from '../../../web/src/inspector/amountRule.ts';

describe('a branch rule comparing an amount without its currency', () => {
  it('names the amount compared; nothing when the rule also looks at a currency, or compares no amount', () => {
    expect(amountsWithoutCurrency({ '>=': [{ var: 'event.data.amount' }, 5000] })).toEqual(['event.data.amount']);
    expect(amountsWithoutCurrency({ and: [{ '>=': [{ var: 'lastEvent.data.total' }, 5000] }, { '==': [{ var: 'contact.city' }, 'Москва'] }] })).toEqual(['lastEvent.data.total']);
    expect(amountsWithoutCurrency({ and: [{ '>=': [{ var: 'event.data.amount' }, 5000] }, { '==': [{ var: 'event.data.currency' }, 'RUB'] }] })).toEqual([]);
    expect(amountsWithoutCurrency({ '==': [{ var: 'contact.city' }, 'Москва'] })).toEqual([]);
    expect(amountsWithoutCurrency({ '!!': [{ var: 'event.data.amount' }] })).toEqual([]);
  });
});
