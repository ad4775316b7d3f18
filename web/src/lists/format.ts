import { useT } from '../i18n/i18n.ts';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * Formatters the list pages need beyond `useT()`: a compact date-time for timeline chips and a
 * relative time («через 3 часа», «2 days ago») measured from `now` (the server's clock, see
 * `useServerNow`).
 */
export function useFormat() {
  const i18n = useT();
  const locale = i18n.lang === 'ru' ? 'ru-RU' : 'en-GB';
  return {
    ...i18n,
    /** `22 нояб., 14:05` — short enough for a chip. */
    short: (at: number | string) =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(at)),
    /** The distance from `now` to `at`, rounded in the largest unit it reaches, e.g. `через 3 часа`. */
    relative: (at: number, now: number) => {
      const diff = at - now;
      const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'long' });
      for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
      return rtf.format(0, 'minute');
    },
  };
}
