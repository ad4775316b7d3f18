import { useQuery } from '@tanstack/react-query';
import type { PathEntryDto } from '../../../shared/api/types.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { api } from '../api/client.ts';
import { exitLabel } from '../editor/exitLabel.ts';
import { useT } from '../i18n/i18n.ts';

/**
 * A path entry in words: the name the marketer gave its node («Ждём визит (3 дня)») with its own
 * title as the server filled it in for the run (a task's title, a message's subject, an exit's
 * reason…), else that title alone, else its node type's name, else its id.
 */
export function usePathLabel(): (p: PathEntryDto) => string {
  const { lang } = useT();
  return (p) => pathLabel(p, lang);
}

/** The first letters of each word: «пробной» and «пробная» are one word here. */
const stems = (text: string) => new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2).map((w) => w.slice(0, 5)));

/**
 * A named node keeps its words for this run beside the name («Звонок по заявке: Перезвонить Льву»),
 * unless they mostly repeat the name («Звонок после пробной» for «Позвонить после пробной: Ирина»):
 * then the run's own words alone.
 */
export function pathLabel(p: PathEntryDto, lang: 'ru' | 'en'): string {
  if (!p.label) return p.title ?? (p.type ? nodeDef(p.type)?.label[lang] : undefined) ?? p.node;
  if (!p.title || p.title === p.label) return p.label;
  const name = stems(p.label);
  const shared = [...stems(p.title)].filter((w) => name.has(w)).length;
  return name.size > 0 && shared * 2 >= name.size ? p.title : `${p.label}: ${p.title}`;
}

/** An exit of a funnel's node in words (an outcome's or a rule's own label, else the exit's name); its id while the funnel loads. */
export function useExitWords(funnelId: string | undefined): (node: string, exit: string) => string {
  const { t, lang, maybe } = useT();
  const q = useQuery({ queryKey: ['funnel', funnelId], queryFn: () => api.funnel(funnelId!), enabled: !!funnelId, staleTime: 60_000 });
  const nodes = new Map((q.data?.draft.nodes ?? []).map((n) => [n.id, n]));
  return (node, exit) => {
    const n = nodes.get(node);
    return n ? exitLabel(n.type, n.data as Record<string, unknown>, exit, t, lang) : maybe(`exit.${exit}`, exit);
  };
}
