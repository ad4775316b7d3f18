import { useQueryClient } from '@tanstack/react-query';
import { hourStyle, uiLocale, useT } from '../i18n/i18n.ts';

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
  const locale = uiLocale(i18n.lang);
  // «this year» is the server clock's (the QA clock may be months ahead): its offset as last read, without asking for it
  const skew = useQueryClient().getQueryData<{ skew: number }>(['clock'])?.skew ?? 0;
  return {
    ...i18n,
    /** `22 нояб., 14:05` — short enough for a chip; with the year when it is another year's than the server clock's. */
    short: (at: number | string) => {
      const d = new Date(at);
      const yearOf = (x: Date) => new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: i18n.viewZone }).format(x);
      const year = yearOf(d) !== yearOf(new Date(Date.now() + skew)) ? { year: 'numeric' as const } : {};
      return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...year, hour: hourStyle(locale), minute: '2-digit', timeZone: i18n.viewZone }).format(d);
    },
    /** The distance from `now` to `at`, rounded in the largest unit it reaches, e.g. `через 3 часа`. */
    relative: (at: number, now: number) => relativeTime(locale, at, now),
    /** A length of time in words, e.g. `3 дня`, `1 день 13 часов`, `45 минут` (see `timeSpan`). */
    span: (ms: number) => timeSpan(locale, ms),
  };
}

/**
 * A length of time in words, to the minute: in the largest unit it reaches, with the next one under
 * ten of it («1 день 13 часов», not «2 дня» for 37 hours; «12 дней»).
 */
export function timeSpan(locale: string, ms: number): string {
  const say = (n: number, unit: Intl.RelativeTimeFormatUnit) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
  const at = Math.round(Math.abs(ms) / 60_000) * 60_000;
  for (let i = 0; i < UNITS.length; i++) {
    const [unit, size] = UNITS[i];
    if (at < size) continue;
    const whole = Math.floor(at / size);
    const next = UNITS[i + 1];
    const rest = next ? Math.round((at - whole * size) / next[1]) : 0;
    if (whole < 10 && next && rest > 0 && rest * next[1] < size) return `${say(whole, unit)} ${say(rest, next[0])}`;
    return say(Math.round(at / size), unit);
  }
  return say(0, 'minute');
}

/**
 * The distance from `now` to `at` in words, in the largest unit it reaches (with the next one under ten of it, in
 * Russian and English). A unit is used once the distance rounds to it in the unit below: 59 min 40 s is «через 1 час»,
 * not «через 60 минут».
 */
export function relativeTime(locale: string, at: number, now: number): string {
  const diff = at - now;
  // under ten of a unit, the next one too, as a length of time is said: «через 2 часа 31 минуту», not «через 3 часа»
  const span = timeSpan(locale, diff);
  const lang = locale.slice(0, 2);
  if (/\d\D+\d/.test(span) && (lang === 'ru' || lang === 'en')) {
    const words = lang === 'ru' ? span.replace(/ минута$/, ' минуту') : span; // «через 1 минуту», «1 минуту назад»
    if (lang === 'ru') return diff > 0 ? `через ${words}` : `${words} назад`;
    return diff > 0 ? `in ${words}` : `${words} ago`;
  }
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'long' });
  for (let i = 0; i < UNITS.length; i++) {
    const [unit, ms] = UNITS[i];
    const below = UNITS[i + 1]?.[1] ?? 0;
    if (Math.abs(diff) >= ms - below / 2) return rtf.format(Math.round(diff / ms), unit);
  }
  // under half a minute away: «в эту минуту», not «через 0 минут» (or «0 минут назад» beside «просрочено»)
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' }).format(0, 'minute');
}
