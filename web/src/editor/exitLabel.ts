import { nodeDef } from '../../../shared/nodes/registry.ts';
import type { Lang } from '../i18n/i18n.ts';

/** The words shown for an exit on a node's handle, in the user's language: the node type's own, else the exit's generic words. */
export function exitLabel(type: string, data: Record<string, unknown> | undefined, exit: string, t: (k: string, v?: Record<string, string | number>) => string, lang: Lang): string {
  const own = nodeDef(type)?.exitLabel?.((data ?? {}) as never, exit);
  if (typeof own === 'string') return own;
  if (own) return own[lang];
  const key = `exit.${exit}`;
  const text = t(key);
  return text === key ? exit : text;
}
