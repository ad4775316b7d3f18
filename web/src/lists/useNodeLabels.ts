import { useQuery } from '@tanstack/react-query';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { api } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';

/**
 * Human words for a funnel's node ids (for path chips): an offer's product, a message's subject,
 * a task's title, a goal's name — else the node type's name. Empty while the funnel loads.
 */
export function useNodeLabels(funnelId: string | undefined): Record<string, string> {
  const { lang } = useT();
  const q = useQuery({ queryKey: ['funnel', funnelId], queryFn: () => api.funnel(funnelId!), enabled: !!funnelId, staleTime: 60_000 });
  const labels: Record<string, string> = {};
  for (const n of q.data?.draft.nodes ?? []) {
    const d = (n.data ?? {}) as Record<string, any>;
    const specific = d.product?.name ?? d.subject ?? d.title ?? (n.type === 'goal' ? d.name : undefined);
    labels[n.id] = typeof specific === 'string' && specific ? specific : (nodeDef(n.type)?.label[lang] ?? n.type);
  }
  return labels;
}
