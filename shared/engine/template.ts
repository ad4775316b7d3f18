/** `{{ path.to.value }}` placeholders in message bodies, subjects, task titles and webhook fields. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VALID_PATH = /^[A-Za-z_$][\w$]*(\.[\w$-]+)*$/;

/** Roots every template may use; node types may allow more (offers add `product`). */
export const TEMPLATE_ROOTS = ['contact', 'event', 'run', 'funnel'] as const;

export interface TemplateVariable {
  path: string;
  root: string;
  valid: boolean;
}

/** The placeholders in a template, with whether each is a well-formed path. */
export function templateVariables(text: string): TemplateVariable[] {
  const out: TemplateVariable[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const path = m[1];
    out.push({ path, root: path.split('.')[0], valid: VALID_PATH.test(path) });
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

function show(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * Fills a template from `data`. Missing values become empty text. `encode` escapes each value
 * (HTML for email bodies, URI components for URLs) — the template's own text is left as written.
 *
 * @example renderTemplate('Hi {{contact.firstName}}', { contact: { firstName: 'Anna' } }) // 'Hi Anna'
 */
export function renderTemplate(text: string, data: Record<string, unknown>, encode?: (s: string) => string): string {
  return text.replace(PLACEHOLDER, (_, path: string) => {
    const v = show(getPath(data, path));
    return encode ? encode(v) : v;
  });
}

/**
 * An offer's product as its message's templates see it: its own fields, plus `priceText`, the
 * price written with its currency the way a Russian reader expects it (`29 900 ₽`, `19,90 $`), so
 * a message need not print a bare `29900`.
 */
export function productVariables(product: unknown): unknown {
  if (typeof product !== 'object' || product === null) return product;
  const p = product as { price?: unknown; currency?: unknown };
  if (typeof p.price !== 'number' || !Number.isFinite(p.price)) return product;
  const currency = typeof p.currency === 'string' && /^[A-Z]{3}$/.test(p.currency) ? p.currency : 'RUB';
  try {
    const priceText = new Intl.NumberFormat('ru-RU', { style: 'currency', currency, maximumFractionDigits: Number.isInteger(p.price) ? 0 : 2 }).format(p.price);
    return { ...product, priceText };
  } catch {
    return product;
  }
}

/**
 * A node's own words in a run's path (its type's `title`: a task's title, a message's subject, an
 * exit's reason…) filled in with the run's template data; undefined when the type has none.
 */
export function nodeTitle(title: string | undefined, data: Record<string, unknown>): string | undefined {
  if (!title) return undefined;
  const text = renderTemplate(title, data).trim();
  return text || undefined;
}
