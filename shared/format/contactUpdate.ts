import { parseDecimal } from './decimal.ts';

/** What an action does to a contact: attributes written, points added to numeric ones, tags added or removed. */
export interface ContactUpdate {
  set?: Record<string, string>;
  /** Points added to each attribute (negative to take away): a lead score. */
  add?: Record<string, number>;
  addTags?: string[];
  removeTags?: string[];
}

/**
 * The number an attribute holds, for adding points to it: a number, or text that is one («15», «1 000,5»);
 * 0 when it is empty or not a number — a first score starts from nothing.
 */
export function pointsOf(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : 0;
  return typeof v === 'string' ? (parseDecimal(v) ?? 0) : 0;
}

/** Points as a node shows them: «+10», «−5» (a true minus). */
export const signedPoints = (n: number): string => `${n < 0 ? '−' : '+'}${Math.abs(n)}`;

/**
 * A contact's attributes and tags after an update: the same for the engine, the server and the simulator, so a
 * score a branch reads in a step is the one stored. Points are added to what the attribute holds (rounded to
 * hundredths, so 0.1 + 0.2 stays 0.3).
 */
export function applyContactUpdate(attributes: Record<string, unknown>, tags: readonly string[] | undefined, u: ContactUpdate): { attributes: Record<string, unknown>; tags: string[] } {
  const next: Record<string, unknown> = { ...attributes, ...(u.set ?? {}) };
  for (const [k, n] of Object.entries(u.add ?? {})) next[k] = Math.round((pointsOf(next[k]) + n) * 100) / 100;
  const t = new Set(tags ?? []);
  u.addTags?.forEach((x) => t.add(x));
  u.removeTags?.forEach((x) => t.delete(x));
  return { attributes: next, tags: [...t] };
}
