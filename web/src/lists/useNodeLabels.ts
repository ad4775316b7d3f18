import { useQuery } from '@tanstack/react-query';
import { renderTemplate } from '../../../shared/engine/template.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { api } from '../api/client.ts';
import { exitLabel } from '../editor/exitLabel.ts';
import { useT } from '../i18n/i18n.ts';

/** The contact a path belongs to: its variables fill the labels' templates ({{contact.firstName}}). */
export interface LabelContact {
  id: string;
  attributes: Record<string, unknown>;
}

/**
 * Human words for a funnel's node ids (for path chips): an offer's product, a message's subject,
 * a task's title, a goal's name — else the node type's name; with the contact's data filled in
 * when the contact is known. Empty while the funnel loads.
 */
export function useNodeLabels(funnelId: string | undefined, contact?: LabelContact | null): Record<string, string> {
  const { lang } = useT();
  const q = useQuery({ queryKey: ['funnel', funnelId], queryFn: () => api.funnel(funnelId!), enabled: !!funnelId, staleTime: 60_000 });
  const labels: Record<string, string> = {};
  for (const n of q.data?.draft.nodes ?? []) {
    const d = (n.data ?? {}) as Record<string, any>;
    const def = nodeDef(n.type);
    const specific = def?.title?.(d as never);
    const text = typeof specific === 'string' && specific ? specific : (def?.label[lang] ?? n.type);
    labels[n.id] = contact ? renderTemplate(text, { contact: { ...contact.attributes, id: contact.id }, product: d.product ?? {} }) : text;
  }
  return labels;
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
