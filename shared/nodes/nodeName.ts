import type { Lang } from '../validate/i18n.ts';
import { nodeDef } from './registry.ts';

/** A name in the quotes of the language: «…» in Russian, “…” in English. */
export const quoted = (s: string, lang: Lang): string => (lang === 'ru' ? `«${s}»` : `“${s}”`);

/** A node's kind as people say it: a stage by the stage it sells at («Трипваер»), else its type's name. */
export function nodeKind(type: string, data: unknown, lang: Lang): string {
  const def = nodeDef(type);
  if (!def) return type;
  let kind;
  try {
    kind = def.kind?.(data as never);
  } catch {
    kind = undefined; // a draft's data not yet complete
  }
  return kind?.[lang] ?? def.label[lang];
}

/** A node's own words (a stage's product, a message's subject, a task's title), variables as «…», cut short; undefined when it has none. */
export function nodeOwnWords(type: string, data: unknown, max = 40): string | undefined {
  const def = nodeDef(type);
  if (!def?.title) return undefined;
  const parsed = def.schema.safeParse(data ?? {});
  const own = parsed.success ? def.title(parsed.data as never)?.replace(/\{\{[^}]*\}\}/g, '…').trim() : undefined;
  if (!own) return undefined;
  return own.length > max ? `${own.slice(0, max - 1).trimEnd()}…` : own;
}

/**
 * A node as a list, a failure or a change names it, with its id (what files and the canvas's
 * tooltips hold): the name given it, «Напоминание» (remind); else its kind and own words,
 * Трипваер «Intensive» (trip); else its kind, Выход (done). `brief` leaves out the own words (a
 * chain of nodes in one line). An id not in the funnel, as it is.
 */
export function nodeName(node: { type: string; data?: unknown; label?: string } | undefined, id: string, lang: Lang, opts: { brief?: boolean } = {}): string {
  if (!node) return quoted(id, lang);
  if (node.label?.trim()) return `${quoted(node.label.trim(), lang)} (${id})`;
  const own = opts.brief ? undefined : nodeOwnWords(node.type, node.data);
  const kind = nodeKind(node.type, node.data, lang);
  return own ? `${kind} ${quoted(own, lang)} (${id})` : `${kind} (${id})`;
}
