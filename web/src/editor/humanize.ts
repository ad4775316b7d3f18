import { parseDuration } from '../../../shared/format/duration.ts';
import type { Lang } from '../i18n/i18n.ts';

const UNITS: Record<Lang, Record<string, [string, string, string]>> = {
  // [one, few, many] for Russian; [one, other, other] for English
  ru: {
    years: ['год', 'года', 'лет'],
    months: ['месяц', 'месяца', 'месяцев'],
    weeks: ['неделя', 'недели', 'недель'],
    days: ['день', 'дня', 'дней'],
    hours: ['час', 'часа', 'часов'],
    minutes: ['минута', 'минуты', 'минут'],
    seconds: ['секунда', 'секунды', 'секунд'],
  },
  en: {
    years: ['year', 'years', 'years'],
    months: ['month', 'months', 'months'],
    weeks: ['week', 'weeks', 'weeks'],
    days: ['day', 'days', 'days'],
    hours: ['hour', 'hours', 'hours'],
    minutes: ['minute', 'minutes', 'minutes'],
    seconds: ['second', 'seconds', 'seconds'],
  },
};

const rules: Record<Lang, Intl.PluralRules> = { ru: new Intl.PluralRules('ru'), en: new Intl.PluralRules('en') };

/** "3 дня", "2 hours" — a count with the right plural form. */
export function plural(lang: Lang, n: number, unit: keyof (typeof UNITS)['ru']): string {
  const [one, few, many] = UNITS[lang][unit];
  const cat = rules[lang].select(n);
  return `${n} ${cat === 'one' ? one : cat === 'few' ? few : many}`;
}

/**
 * An ISO 8601 duration in words: `P3D` → «3 дня» / "3 days", `PT1H30M` → «1 час 30 минут».
 * Returns null when the text is not a duration. The sign is dropped (see `humanOffset`).
 */
export function humanDuration(iso: unknown, lang: Lang): string | null {
  const d = parseDuration(iso);
  // a negative length of time is no length at all: shown as typed, next to its error
  return d && d.sign >= 0 ? lengthText(d, lang) : null;
}

/** The parts of a (sign-less) duration in words. */
function lengthText(d: NonNullable<ReturnType<typeof parseDuration>>, lang: Lang): string {
  const parts = (['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const)
    .filter((k) => d[k] > 0)
    .map((k) => plural(lang, d[k], k));
  return parts.length ? parts.join(' ') : lang === 'ru' ? '0 минут' : '0 minutes';
}

/** A date offset: `-P3D` → «за 3 дня до» / "3 days before", `P1D` → «через 1 день» / "1 day after". */
export function humanOffset(iso: unknown, lang: Lang): string | null {
  const d = parseDuration(iso);
  if (!d) return null;
  const text = lengthText(d, lang);
  if (d.sign < 0) return lang === 'ru' ? `за ${text} до` : `${text} before`;
  return lang === 'ru' ? `через ${text} после` : `${text} after`;
}

const SHORT = /^\s*(-?)\s*(\d+)\s*([a-zа-яё]+)\.?\s*$/i;
const UNIT_CODES: [RegExp, string, boolean][] = [
  [/^(m|min|mins|minutes?|м|мин|минут[аы]?)$/, 'M', true],
  [/^(h|hr|hours?|ч|час(а|ов)?)$/, 'H', true],
  [/^(d|days?|д|дн|дн(я|ей)|день)$/, 'D', false],
  [/^(w|weeks?|н|нед|недел[ьия]|недель)$/, 'W', false],
  [/^(mo|months?|мес|месяц(а|ев)?)$/, 'M', false],
  [/^(y|years?|г|год(а)?|лет)$/, 'Y', false],
];

/**
 * Turns shorthand a marketer may type into ISO: «3д», "3 days", «2 ч», "30m" → `P3D`, `PT2H`, `PT30M`;
 * with a minus (an offset before a date), "-1h" → `-PT1H`. Returns the text unchanged when it is
 * not shorthand.
 */
export function toIsoDuration(text: string): string {
  const m = SHORT.exec(text.toLowerCase());
  if (!m) return text;
  const [, minus, n, unit] = m;
  for (const [re, code, time] of UNIT_CODES) if (re.test(unit)) return `${minus}${time ? 'PT' : 'P'}${Number(n)}${code}`;
  return text;
}

/** What a duration field keeps while the user types: ISO is upper-cased (`p3d` → `P3D`), shorthand is left alone. */
export const typedDuration = (text: string): string => (/^\s*-?\s*p/i.test(text) ? text.toUpperCase() : text);
