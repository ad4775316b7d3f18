import { parseDecimal } from './decimal.ts';
/** The currencies offered in the app (funnels, orders, the workspace default): the markets our marketers sell in first. */
export const CURRENCIES = ['RUB', 'KZT', 'BYN', 'UZS', 'KGS', 'AMD', 'GEL', 'AZN', 'USD', 'EUR', 'TRY', 'AED', 'CNY'] as const;

/** Money with no currency said: roubles, unless the workspace chose another. */
export const DEFAULT_CURRENCY = 'RUB';

/** ISO 4217 codes in use, as this runtime's Intl knows them (`RUR`, the rouble before 1998, is not one). */
const KNOWN: ReadonlySet<string> | null = (() => {
  try {
    return new Set(Intl.supportedValuesOf('currency'));
  } catch {
    return null; // a runtime without the list: any three capital letters
  }
})();

export const isCurrencyCode = (c: unknown): c is string => typeof c === 'string' && /^[A-Z]{3}$/.test(c) && (KNOWN === null || KNOWN.has(c));

/** How many decimals an amount in `currency` may have: 2 for roubles and dollars, 0 for yen, 3 for Bahraini dinars. */
export function currencyDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The largest amount the API takes (a trillion): anything above is a typo or a test value, and would swamp every sum. */
export const MAX_AMOUNT = 1e12;

/**
 * An amount: a number, or a number written as text as event data often carries it — `24900`, `24900.5`, `-5`, and as
 * people write it, `120 000`, `24 900,50`, `1,234.50`; else NaN. `1,500` (a thousand and a half, or one and a half) is
 * not guessed.
 */
export function amountValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return NaN;
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  if (/^\s*-?\d{1,3},\d{3}\s*$/.test(v)) return NaN;
  return parseDecimal(v) ?? NaN;
}

/** An event type that says money came in (`order.paid`, `subscription.paid`, `payment.succeeded`), not a cart's total or a refund. */
const PAYMENT_TYPE = /(^|[._-])(paid|payments?|purchased?|charged)([._-]|$)/i;
/** …but not one that says it did not, or went back (`payment.failed`, `payment.refunded`). */
const NOT_PAID = /refund|fail|declin|cancel|revers|chargeback/i;
export const isPaymentType = (type: string): boolean => PAYMENT_TYPE.test(type) && !NOT_PAID.test(type);

/** A payment's amount: `amountValue` when it is a finite number not below zero; else undefined. */
export function paidAmount(v: unknown): number | undefined {
  const n = amountValue(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Signs too new for common fonts (the som sign ⃀, Unicode 14, shows as an empty box): their words instead. */
const UNREADABLE_SIGNS: Record<string, string> = { '\u20c0': 'сом' };

/**
 * Signs that read as another currency or as a letter in some locales: the Belarusian rouble is «р.»
 * in Russian (the Russian rouble's old sign), the lari «ლ» (a Georgian letter). Their own signs instead.
 */
const OWN_SIGNS: Record<string, string> = { BYN: 'Br', GEL: '₾' };

/** An average amount as people quote one: whole from 100 up (621 667 ₽, not 621 666,67 ₽), to the kopeck below. */
export const wholeAverage = (x: number): number => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100);

/** A currency sign as fonts can draw it, and as its own currency's (`currency`, when given). */
export const readableSign = (text: string, currency?: string): string => (currency && OWN_SIGNS[currency]) || text.replace(/[\u20c0]/g, (c) => UNREADABLE_SIGNS[c] ?? c);

/**
 * Money as people read it: whole amounts without kopecks (`29 900 ₽`), others with two digits
 * (`1 490,50 ₽`, never rounded to 1 491). One formatter per locale, currency and precision, made
 * once: building an `Intl.NumberFormat` costs more than a whole engine step. Throws on a currency
 * code `Intl` does not know, as `Intl` does.
 */
export function formatMoney(amount: number, currency: string = DEFAULT_CURRENCY, locale = 'ru-RU'): string {
  const digits = Number.isInteger(amount) ? 0 : 2;
  const key = `${locale}\u0000${currency}\u0000${digits}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits });
    moneyFormats.set(key, f);
  }
  if (!OWN_SIGNS[currency]) return readableSign(f.format(amount));
  return f
    .formatToParts(amount)
    .map((p) => (p.type === 'currency' ? OWN_SIGNS[currency] : p.value))
    .join('');
}

