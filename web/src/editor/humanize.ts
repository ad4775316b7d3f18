import { parseDuration } from '../../../shared/format/duration.ts';
import { toIsoDuration } from '../../../shared/format/durationWords.ts';

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

/** When a contact's date comes, in words: «через 6 месяцев после lastVisit» / "6 months after lastVisit", «в день birthday». */
export function dateWhen(spec: { attribute?: unknown; offset?: unknown } | undefined, lang: Lang): string {
  const attribute = typeof spec?.attribute === 'string' && spec.attribute ? spec.attribute : lang === 'ru' ? 'дата контакта' : "the contact's date";
  const offset = humanOffset(spec?.offset, lang);
  return offset ? `${offset} ${attribute}` : lang === 'ru' ? `в день ${attribute}` : `on ${attribute}`;
}

/**
 * What a duration field shows for a stored value: the words it means when typing them back gives
 * the same value (`P3D` → «3 дня», `P1DT2H` → «1 день 2 часа»), else the value as stored.
 */
export function shownDuration(iso: string, lang: Lang): string {
  const words = humanDuration(iso, lang);
  return words !== null && toIsoDuration(words) === iso ? words : iso;
}

/** What a duration field keeps while the user types: ISO is upper-cased (`p3d` → `P3D`), shorthand is left alone. */
export const typedDuration = (text: string): string => (/^\s*-?\s*p/i.test(text) ? text.toUpperCase() : text);

/**
 * A time of day as typed, as stored (`HH:MM`, 24-hour): «9:30», «930», «9.30» → `09:30`; "9 PM", "9:30 pm", "12 AM" →
 * `21:00`, `21:30`, `00:00`. Null when it is not one (left as typed, for the field's error to say).
 */
export function typedClock(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?\s*([ap])?\.?\s*m?\.?$/i.exec(text.trim());
  if (!m || (m[2] === undefined && !m[3])) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (minute > 59) return null;
  if (m[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[3].toLowerCase() === 'p' ? 12 : 0);
  } else if (hour > 23) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
