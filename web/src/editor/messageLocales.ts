import { formatMoney } from '../../../shared/format/currency.ts';
import { browserKnows } from './browserLocale.ts';

/** How a funnel's messages may write amounts and dates, besides Russian (the default). */
export const MESSAGE_LOCALES = ['en-US', 'en-GB', 'kk-KZ', 'uk-UA', 'de-DE'];

/** How a locale writes an amount in the funnel's currency and a date, as the option's example (null where this browser cannot show it). */
export const localeExample = (locale: string, currency: string): string | null =>
  browserKnows(locale) ? `${formatMoney(725_000, currency, locale)}, ${new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 24))}` : null;
