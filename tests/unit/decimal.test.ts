import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../shared/format/decimal.ts';
import { amountValue, formatMoney, paidAmount, readableSign, wholeAverage } from '../../shared/format/currency.ts';
import { dealAmount } from '../../web/src/lists/dealAmount.ts';

describe('numbers as people type them', () => {
  it.each([
    ['24 900,50', 24900.5],
    ['24\u00a0900,50', 24900.5],
    ['24900.50', 24900.5],
    ['24,900.50', 24900.5],
    ['24.900,50', 24900.5],
    ['24 900', 24900],
    ['1,5', 1.5],
    [',5', 0.5],
    ['1.000.000', 1000000],
    ['-5', -5],
    ['0', 0],
  ])('%s is %d', (text, n) => expect(parseDecimal(text)).toBe(n));

  it.each(['', '   ', 'abc', '1,2,3', '24,900.50.1', '1e5', '24 900,50 ₽', '12-5', '1.00,5', '.'])('%j is not a number (refused, never misread)', (text) => expect(parseDecimal(text)).toBeNull());

  it('a deal amount is a number of zero or more; a comma is the decimal mark, not dropped', () => {
    expect(dealAmount('19 920,50')).toBe(19920.5);
    expect(dealAmount('-1')).toBeUndefined();
    expect(dealAmount('abc')).toBeUndefined();
  });

  it('a deal amount may carry its currency, and in English a comma groups thousands', () => {
    expect(dealAmount('19 920,50 руб')).toBe(19920.5);
    expect(dealAmount('1 497 ₽')).toBe(1497);
    expect(dealAmount('$1,497', 'en')).toBe(1497);
    expect(dealAmount('USD 1,497.50', 'en')).toBe(1497.5);
    expect(dealAmount('497', 'en')).toBe(497);
    expect(dealAmount('$ lots', 'en')).toBeUndefined();
    expect(dealAmount('1,5')).toBe(1.5); // Russian: a decimal comma
  });
});

describe('money as people read it', () => {
  it('whole amounts without kopecks, others with two digits, never rounded to a whole one', () => {
    expect(formatMoney(29_900, 'RUB')).toBe('29\u00a0900\u00a0₽');
    expect(formatMoney(1490.5, 'RUB')).toBe('1\u00a0490,50\u00a0₽');
    // the som sign (⃀, too new for common fonts) is written as a word
    expect(formatMoney(1500, 'KGS')).toBe('1\u00a0500\u00a0сом');
    expect(formatMoney(1490.5, 'USD', 'en-GB')).toBe('$1,490.50');
    expect(() => formatMoney(1, 'NOPE1')).toThrow(RangeError);
  });
});

describe('an average amount', () => {
  it('is whole from 100 up, as people quote one; to the kopeck below', () => {
    expect(wholeAverage(1_865_000 / 3)).toBe(621_667);
    expect(wholeAverage(99.456)).toBe(99.46);
    expect(wholeAverage(-250.4)).toBe(-250);
  });

  it("a currency whose sign reads as another's, or as a letter, gets its own sign", () => {
    const plain = (x: string) => x.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(formatMoney(1500, 'BYN'))).toBe('1 500 Br'); // not «1 500 р.», the Russian rouble's old sign
    expect(plain(formatMoney(1500, 'GEL', 'en-US'))).toBe('₾1,500');
    expect(plain(formatMoney(1500, 'GEL'))).toBe('1 500 ₾');
    expect(readableSign('р.', 'BYN')).toBe('Br');
    expect(plain(formatMoney(1500, 'RUB'))).toBe('1 500 ₽');
  });
});

describe('an amount in event data', () => {
  it('is read when written as text the way people write it', () => {
    expect(amountValue(24900)).toBe(24900);
    expect(amountValue('24900.5')).toBe(24900.5);
    expect(amountValue('120 000')).toBe(120000);
    expect(amountValue('24 900,50')).toBe(24900.5);
    expect(amountValue('1,234.50')).toBe(1234.5);
    expect(amountValue('1.500')).toBe(1.5); // a decimal point, as JSON writes one
  });

  it('is not guessed when it could be either, and is no amount when it is words', () => {
    expect(amountValue('1,500')).toBeNaN(); // a thousand and a half, or one and a half
    expect(amountValue('много')).toBeNaN();
    expect(amountValue('12 abc')).toBeNaN();
    expect(amountValue(null)).toBeNaN();
    expect(paidAmount('-5')).toBeUndefined();
    expect(paidAmount('120 000')).toBe(120000);
  });
});
