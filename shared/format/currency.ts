/** The currencies offered in the app (funnels, orders, the workspace default): the markets our marketers sell in first. */
export const CURRENCIES = ['RUB', 'KZT', 'BYN', 'UZS', 'KGS', 'AMD', 'GEL', 'AZN', 'USD', 'EUR', 'TRY', 'AED', 'CNY'] as const;

/** Money with no currency said: roubles, unless the workspace chose another. */
export const DEFAULT_CURRENCY = 'RUB';

export const isCurrencyCode = (c: unknown): c is string => typeof c === 'string' && /^[A-Z]{3}$/.test(c);
