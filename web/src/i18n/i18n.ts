import { readableSign } from '../../../shared/format/currency.ts';
import { create } from 'zustand';
import { formatMoney } from '../../../shared/format/currency.ts';
import { common } from './messages/common.ts';
import { useViewZone } from './viewZone.ts';

export type Lang = 'ru' | 'en';
type Dict = Record<string, string>;

/** Every area's messages; add an area by importing its `{ ru, en }` here. */
const AREAS: { ru: Dict; en: Dict }[] = [common];
const registered: { ru: Dict; en: Dict }[] = [];

/** Lets an area register its messages (e.g. the editor) without editing this file. */
export function registerMessages(m: { ru: Dict; en: Dict }): void {
  registered.push(m);
  merged.clear();
}

/** The merged dictionary per language, built once (and again after an area registers). */
const merged = new Map<Lang, Dict>();
function dict(lang: Lang): Dict {
  let d = merged.get(lang);
  if (!d) {
    d = Object.assign({}, ...AREAS.map((a) => a[lang]), ...registered.map((a) => a[lang])) as Dict;
    merged.set(lang, d);
  }
  return d;
}

/** The browser's first language (`en-US`, `ru`), when there is a browser. */
const browserLanguage = (): string => (typeof navigator === 'undefined' ? '' : (navigator.languages?.[0] ?? navigator.language ?? ''));

/** How English is written for this user: their browser's English (`en-GB`, `en-AU`…), else American. */
export function englishLocale(): string {
  const mine = browserLanguage();
  try {
    return /^en-[A-Z]{2}$/.test(mine) && Intl.DateTimeFormat.supportedLocalesOf(mine).length ? mine : 'en-US';
  } catch {
    return 'en-US';
  }
}

/** The locale dates, numbers and money are written in for a UI language. */
export const uiLocale = (lang: Lang): string => (lang === 'ru' ? 'ru-RU' : englishLocale());

/** How the hour is written: «09:05» in Russian, "9:05 AM" (not "09:05 AM") in US English, "09:05" in British. */
export const hourStyle = (locale: string): '2-digit' | 'numeric' => (locale.startsWith('en-US') ? 'numeric' : '2-digit');

/** A time of day stored as `HH:MM` as the locale writes it: «22:00» in Russian, "10:00 PM" in US English; anything else as it is. */
export function clockTime(hhmm: string, locale: string): string {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) return hhmm;
  return new Intl.DateTimeFormat(locale, { hour: hourStyle(locale), minute: '2-digit', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2])));
}

/** Whether the locale writes the time of day with AM/PM. */
export const twelveHour = (locale: string): boolean => new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hour12 === true;

// the language chosen before; on a first visit, English for an English browser, Russian for everyone else
const initial = ((): Lang => {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('voronka.lang') : null;
  return saved === 'en' || saved === 'ru' ? saved : browserLanguage().toLowerCase().startsWith('en') ? 'en' : 'ru';
})();
if (typeof document !== 'undefined') document.documentElement.lang = initial;

interface I18nState {
  lang: Lang;
  setLang(l: Lang): void;
}
export const useLang = create<I18nState>((set) => ({
  lang: initial,
  setLang: (lang) => {
    localStorage.setItem('voronka.lang', lang);
    document.documentElement.lang = lang;
    set({ lang });
  },
}));

const pluralRules = { ru: new Intl.PluralRules('ru-RU'), en: new Intl.PluralRules('en-GB') };
/** The order of the word forms in `{n|…}`: English one|other, Russian one|few|many. */
const PLURAL_ORDER: Record<Lang, string[]> = { en: ['one', 'other'], ru: ['one', 'few', 'many'] };

/** The form of a word for a count: `{n|node|nodes}` → «node» for 1, «nodes» otherwise (ru: `{n|узел|узла|узлов}`). */
function pluralForm(lang: Lang, count: number, forms: string[]): string {
  const i = PLURAL_ORDER[lang].indexOf(pluralRules[lang].select(count));
  return forms[i >= 0 ? i : forms.length - 1] ?? forms[forms.length - 1];
}

/**
 * Translates a key, filling `{name}` placeholders and `{name|form|form…}` word forms for a count;
 * falls back to the key itself.
 */
export function translate(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const text = dict(lang)[key] ?? dict('en')[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)((?:\|[^|{}]*)*)\}/g, (_, k: string, forms: string) => (forms ? pluralForm(lang, Number(vars[k]), forms.slice(1).split('|')) : String(vars[k] ?? '')));
}

const locale = uiLocale;

/** The translation function and locale-aware formatters for the current language. */
export function useT() {
  const lang = useLang((s) => s.lang);
  const viewZone = useViewZone();
  return {
    lang,
    /** The zone times are written in when no other is named (the workspace's, or the user's own as they chose). */
    viewZone,
    t: (key: string, vars?: Record<string, string | number>) => translate(lang, key, vars),
    /** The translation of `key` when there is one, else `fallback` (e.g. an unknown channel's or team's own name). */
    maybe: (key: string, fallback: string) => {
      const text = translate(lang, key);
      return text === key ? fallback : text;
    },
    /** A date-time in the zone the UI writes times in (see `viewZone`), or in `zone` when given. */
    date: (ms: number | string, zone?: string) => new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: zone || viewZone }).format(new Date(ms)),
    money: (amount: number, currency = 'RUB') => formatMoney(amount, currency, locale(lang)),
    /** A currency's sign as this language writes it (₽, $, €, ₸), or its code when it has none. */
    currencySign: (currency = 'RUB') => readableSign(new Intl.NumberFormat(locale(lang), { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency, currency),
    number: (n: number) => new Intl.NumberFormat(locale(lang)).format(n),
    percent: (x: number) => new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(x),
  };
}
