/** The attributes shown first on a contact card, in this order; the rest follow alphabetically. */
export const MAIN_ATTRIBUTES = ['firstName', 'lastName', 'email', 'phone', 'timezone', 'birthday', 'city', 'company'];

import { fullName } from '../../../shared/format/contactName.ts';

export { fullName };

/** The contact's full name, else its id (or `fallback` when there is no contact). */
export function contactName(c: { id: string; attributes: Record<string, unknown> } | null | undefined, fallback = ''): string {
  if (!c) return fallback;
  return fullName(c.attributes) || c.id;
}

/** An attribute value as text: strings as they are, other values as JSON. */
export const attrText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** The attributes in display order: the main ones first, then the rest by name. */
export function sortedAttributes(attrs: Record<string, unknown>): [string, unknown][] {
  const rank = (k: string) => (MAIN_ATTRIBUTES.includes(k) ? MAIN_ATTRIBUTES.indexOf(k) : MAIN_ATTRIBUTES.length);
  return Object.entries(attrs).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}
