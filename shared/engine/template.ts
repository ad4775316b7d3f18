import { DEFAULT_CURRENCY, amountValue, formatMoney, isCurrencyCode } from '../format/currency.ts';
import { DEFAULT_LOCALE, isLocale } from '../format/funnel.ts';

/** `{{ path.to.value }}` placeholders in message bodies, subjects, task titles and webhook fields. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VALID_PATH = /^[A-Za-z_$][\w$]*(\.[\w$-]+)*$/;

/** Roots every template may use; node types may allow more (offers add `product`). */
export const TEMPLATE_ROOTS = ['contact', 'event', 'lastEvent', 'run', 'funnel'] as const;

/**
 * Filters a placeholder may pass its value through, `{{ path | filter:arg }}`, left to right:
 * `date`, `time`, `datetime` write an ISO time (or epoch ms) for a reader in the contact's time
 * zone (`:en` for English, `:ru` for Russian, else as the funnel's locale writes them — Russian by
 * default); `money` writes an amount with its currency as the funnel's locale writes it (`24 900 ₽`
 * in Russian, `$725,000` in en-US; in `money:USD`, else the currency written next to the amount —
 * `event.data.currency` for `event.data.total`, as a payment in dollars carries it — else the
 * funnel's); `default:text` stands in
 * for an empty value.
 */
export const TEMPLATE_FILTERS = ['date', 'time', 'datetime', 'money', 'default', 'list'] as const;

export interface TemplateVariable {
  path: string;
  root: string;
  valid: boolean;
  /** The filters after the path, by name (`{{ x | date:en }}` → `['date']`). */
  filters: string[];
  /** The first filter that is not one of TEMPLATE_FILTERS, if any. */
  unknownFilter?: string;
}

interface Filter {
  name: string;
  arg?: string;
}

/** `path | name:arg | …` → the path and its filters (an argument may be quoted). */
function parsePlaceholder(inner: string): { path: string; filters: Filter[] } {
  // the same few placeholders are filled in for every run: each is read once
  let parsed = placeholders.get(inner);
  if (!parsed) {
    if (placeholders.size > 10_000) placeholders.clear();
    placeholders.set(inner, (parsed = readPlaceholder(inner)));
  }
  return parsed;
}
const placeholders = new Map<string, { path: string; filters: Filter[] }>();

function readPlaceholder(inner: string): { path: string; filters: Filter[] } {
  const [path, ...rest] = inner.split('|');
  const filters = rest.map((f) => {
    const [name, ...arg] = f.split(':');
    const a = arg.join(':').trim().replace(/^(["'«])(.*)(["'»])$/, '$2');
    return arg.length ? { name: name.trim(), arg: a } : { name: name.trim() };
  });
  return { path: path.trim(), filters };
}

/** The placeholders in a template, with whether each is a well-formed path and which filters it uses. */
export function templateVariables(text: string): TemplateVariable[] {
  const out: TemplateVariable[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const { path, filters } = parsePlaceholder(m[1]);
    const unknown = filters.find((f) => !(TEMPLATE_FILTERS as readonly string[]).includes(f.name));
    out.push({ path, root: path.split('.')[0], valid: VALID_PATH.test(path), filters: filters.map((f) => f.name), ...(unknown ? { unknownFilter: unknown.name } : {}) });
  }
  return out;
}

/** Unbalanced braces, e.g. `{{contact.name}` — a typo that would print raw braces to the contact. */
export function hasBrokenBraces(text: string): boolean {
  const stripped = text.replace(PLACEHOLDER, '');
  return stripped.includes('{{') || stripped.includes('}}');
}

/** Reads `a.b.c` from an object; undefined when any step is missing. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** A value inside a JSON string: quotes, backslashes and line breaks escaped (`ООО "Ромашка"` → `ООО \"Ромашка\"`). */
export const escapeJson = (s: string): string => JSON.stringify(s).slice(1, -1);

/** A webhook body written as JSON (it opens with `{` or `[`): its values are filled in as JSON text, so it stays JSON. */
export const jsonEscapeFor = (body: string): ((s: string) => string) | undefined => (/^\s*[[{]/.test(body) ? escapeJson : undefined);

/** One item of a list in words: a thing with a name (a cart's product) by its name, else as it is. */
function itemText(x: unknown, key?: string): string {
  if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
    const o = x as Record<string, unknown>;
    const named = key ? o[key] : (o.name ?? o.title);
    if (named !== undefined && named !== null && typeof named !== 'object') return String(named);
    return key ? '' : JSON.stringify(x);
  }
  return x === undefined || x === null ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x);
}

/** A list in words, its items separated by commas (a cart's items by their names: «Маска, Бальзам»), empty ones left out. */
function listText(v: readonly unknown[], key?: string): string {
  return v
    .map((x) => itemText(x, key))
    .filter((s) => s !== '')
    .join(', ');
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return listText(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const DATE_PARTS: Record<string, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
  datetime: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
};

/** The moment a template value stands for (an ISO time or epoch ms), else NaN. */
const dateValue = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN);

/** Whether a date filter can write `v` (an empty value is no date either, but prints as nothing). */
export const isDateValue = (v: unknown): boolean => Number.isFinite(dateValue(v));

/** A date filter's name (`date`, `time`, `datetime`). */
export const isDateFilter = (name: string): boolean => name in DATE_PARTS;

/** Whether `locale` tells the time on a 12-hour clock (en-US), worked out once per locale. */
function twelveHour(locale: string): boolean {
  let h12 = clocks.get(locale);
  if (h12 === undefined) {
    const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
    clocks.set(locale, (h12 = cycle === 'h11' || cycle === 'h12'));
  }
  return h12;
}
const clocks = new Map<string, boolean>();

/** An ISO time or epoch ms written for a reader; anything else is left as it was. */
function formatDate(v: unknown, kind: string, lang: string | undefined, zone: string, funnelLocale: string): unknown {
  const dateOnly = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
  const ms = dateValue(v);
  if (!Number.isFinite(ms)) return v;
  // a calendar date has no time zone: it is that day everywhere
  const timeZone = dateOnly ? 'UTC' : zone;
  const locale = lang === 'en' ? 'en-GB' : lang === 'ru' ? 'ru-RU' : funnelLocale;
  // on a 12-hour clock the hour is not padded: «3:00 AM», not «03:00 AM»
  const parts = DATE_PARTS[kind].hour && twelveHour(locale) ? { ...DATE_PARTS[kind], hour: 'numeric' as const } : DATE_PARTS[kind];
  try {
    return new Intl.DateTimeFormat(locale, { ...parts, timeZone }).format(new Date(ms));
  } catch {
    return new Intl.DateTimeFormat(locale, { ...parts, timeZone: 'UTC' }).format(new Date(ms));
  }
}

/** An amount (a number, or a number written as text: `24900`, `24900.5`) with its currency; anything else as it was. */
function formatAmount(v: unknown, arg: string | undefined, currency: string | undefined, locale: string): unknown {
  const n = amountValue(v);
  if (!Number.isFinite(n)) return v;
  const code = arg?.toUpperCase();
  return formatMoney(n, code && isCurrencyCode(code) ? code : isCurrencyCode(currency) ? currency : DEFAULT_CURRENCY, locale);
}

/** The currency written next to an amount (`event.data.currency` for `event.data.total`), when it is a currency code (any case). */
export function currencyNextTo(data: Record<string, unknown>, path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  const c = getPath(data, `${path.slice(0, dot)}.currency`);
  const code = typeof c === 'string' ? c.trim().toUpperCase() : undefined;
  return isCurrencyCode(code) ? code : undefined;
}

/** The funnel's money and how its messages write amounts and dates, from the template data. */
interface Writing {
  currency: string | undefined;
  locale: string;
}

/** What filling a template noticed, for the simulator to point out before a contact reads it. */
export interface TemplateNotes {
  /** Variables that filled in as nothing (a contact without `company`). */
  empty: string[];
  /** Values a `money` or date filter could not write (`"abc" | money`): printed as they were. */
  unformatted: { path: string; filter: string; value: string }[];
}

export const templateNotes = (): TemplateNotes => ({ empty: [], unformatted: [] });

/** Whether `v` is a value a `money` or date filter leaves as it was (an empty one prints as nothing, noted as empty). */
function unformattable(v: unknown, f: Filter): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (f.name === 'money') return !Number.isFinite(amountValue(v));
  return f.name in DATE_PARTS && !isDateValue(v);
}

function applyFilter(v: unknown, f: Filter, zone: string, w: Writing): unknown {
  if (f.name === 'default') return v === undefined || v === null || v === '' ? (f.arg ?? '') : v;
  if (f.name in DATE_PARTS) return formatDate(v, f.name, f.arg, zone, w.locale);
  if (f.name === 'money') return formatAmount(v, f.arg, w.currency, w.locale);
  // `list:name` — each item's field (`{{event.data.items | list:name}}` → «Маска, Бальзам»)
  if (f.name === 'list') return Array.isArray(v) ? listText(v, f.arg) : v;
  return v;
}

/**
 * Fills a template from `data`. Missing values become empty text. `encode` escapes each value
 * (HTML for email bodies, URI components for URLs) — the template's own text is left as written.
 * `zone` is the time zone dates are written in (the contact's). `notes`, when given, collects the
 * variables that filled in as nothing (a contact without `company`) and the values a `money` or date
 * filter could not write (left as they were), for the simulator to point out.
 *
 * @example renderTemplate('Hi {{contact.firstName}}', { contact: { firstName: 'Anna' } }) // 'Hi Anna'
 * @example renderTemplate('{{event.data.amount | money}}', { event: { data: { amount: 24900 } } }) // '24 900 ₽'
 * @example renderTemplate('{{event.data.items | list:name}}', { event: { data: { items: [{ name: 'Маска' }, { name: 'Бальзам' }] } } }) // 'Маска, Бальзам'
 * @example renderTemplate('{{event.data.at | datetime}}', { event: { data: { at: '2026-11-24T16:00:00Z' } } }, undefined, 'Europe/Moscow') // '24 ноября 2026 г. в 19:00'
 */
export function renderTemplate(text: string, data: Record<string, unknown>, encode?: (s: string) => string, zone = 'UTC', notes?: TemplateNotes): string {
  // `money` without a currency writes the funnel's, both as the funnel's locale writes them (its settings, in the template data)
  const funnel = data.funnel as { currency?: string; locale?: string } | undefined;
  const w: Writing = { currency: funnel?.currency, locale: isLocale(funnel?.locale) ? funnel.locale : DEFAULT_LOCALE };
  return text.replace(PLACEHOLDER, (match: string, inner: string, offset: number) => {
    const { path, filters } = parsePlaceholder(inner);
    const own = filters.some((f) => f.name === 'money') ? currencyNextTo(data, path) : undefined;
    const wv = own ? { ...w, currency: own } : w;
    let v = show(
      filters.reduce((x, f) => {
        if (notes && unformattable(x, f) && !notes.unformatted.some((u) => u.path === path && u.filter === f.name)) notes.unformatted.push({ path, filter: f.name, value: show(x) });
        return applyFilter(x, f, zone, wv);
      }, getPath(data, path)),
    );
    if (notes && v === '' && !notes.empty.includes(path)) notes.empty.push(path);
    // a value ending in a full stop («8 декабря 2026 г.») before the sentence's own: one stop, not two
    if (v.endsWith('.') && text[offset + match.length] === '.') v = v.slice(0, -1);
    return encode ? encode(v) : v;
  });
}

/**
 * An offer's product as its message's templates see it: its own fields, plus `priceText`, the
 * price written with its currency the way the funnel's readers expect it (`29 900 ₽`, `19,90 $` for a
 * Russian reader, `$19.90` in en-US), so a message need not print a bare `29900`.
 */
export function productVariables(product: unknown, fallbackCurrency = DEFAULT_CURRENCY, locale = DEFAULT_LOCALE): unknown {
  if (typeof product !== 'object' || product === null) return product;
  // a stage's product is the same object for every run of its funnel version: worked out once
  let byCurrency = products.get(product);
  if (!byCurrency) products.set(product, (byCurrency = new Map()));
  const key = `${fallbackCurrency}\u0000${locale}`;
  if (!byCurrency.has(key)) byCurrency.set(key, withPriceText(product, fallbackCurrency, locale));
  return byCurrency.get(key);
}
const products = new WeakMap<object, Map<string, unknown>>();

function withPriceText(product: object, fallbackCurrency: string, locale: string): unknown {
  const p = product as { price?: unknown; currency?: unknown };
  if (typeof p.price !== 'number' || !Number.isFinite(p.price)) return product;
  const currency = isCurrencyCode(p.currency) ? p.currency : fallbackCurrency;
  try {
    const priceText = formatMoney(p.price, currency, isLocale(locale) ? locale : DEFAULT_LOCALE);
    return { ...product, priceText };
  } catch {
    return product;
  }
}

/**
 * A node's own words in a run's path (its type's `title`: a task's title, a message's subject, an
 * exit's reason…) filled in with the run's template data; undefined when the type has none.
 */
export function nodeTitle(title: string | undefined, data: Record<string, unknown>, zone?: string): string | undefined {
  if (!title) return undefined;
  const text = tidyLine(renderTemplate(title, data, undefined, zone));
  return text || undefined;
}

/**
 * A one-line text (a task's title) after its variables were filled in, without what an empty one
 * leaves behind: «Позвонить Ольга () и записать» → «Позвонить Ольга и записать», «, привет» → «привет».
 */
export function tidyLine(text: string): string {
  return text
    .replace(/\(\s*\)|\[\s*\]|«\s*»|“\s*”|"\s*"/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([,.;:!?)])/g, '$1')
    .replace(/^[\s,;:.]+/, '')
    .trim();
}
