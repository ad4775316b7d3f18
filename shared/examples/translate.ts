import type { Funnel } from '../format/funnel.ts';
import type { Scenario } from '../format/scenario.ts';

/**
 * An example funnel's texts in another language: its name, per node id a part laid over the
 * node's data, and its saved scenarios' names (by file name without `.scenario.json`).
 */
export interface TemplateTranslation {
  name: string;
  nodes: Record<string, Texts>;
  scenarios?: Record<string, string>;
}
export type Texts = { [field: string]: string | Texts | Texts[] };

/** `over` laid over `data`: objects field by field, lists item by item, texts replaced. */
function overlay(data: unknown, over: Texts | Texts[] | string): unknown {
  if (typeof over === 'string') return over;
  if (Array.isArray(over)) return Array.isArray(data) ? data.map((item, i) => (i < over.length ? overlay(item, over[i]) : item)) : data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = overlay(out[k], v);
  return out;
}

/** A funnel with its texts translated (nodes that the translation does not name stay as they are). */
export const translateTemplate = (f: Funnel, tr: TemplateTranslation | undefined): Funnel =>
  tr ? { ...f, name: tr.name, nodes: f.nodes.map((n) => (tr.nodes[n.id] ? { ...n, data: overlay(n.data, tr.nodes[n.id]) as typeof n.data } : n)) } : f;

/** A saved scenario of an example in another language: its name, and its test contact's first name from `names`. */
export function translateScenario(s: Scenario, file: string, tr: TemplateTranslation | undefined, names: Record<string, string>): Scenario {
  const name = tr?.scenarios?.[file];
  const first = s.contact?.attributes?.firstName;
  const translatedFirst = typeof first === 'string' ? names[first] : undefined;
  return {
    ...s,
    ...(name ? { name } : {}),
    ...(s.contact && translatedFirst ? { contact: { ...s.contact, attributes: { ...s.contact.attributes, firstName: translatedFirst } } } : {}),
  };
}
