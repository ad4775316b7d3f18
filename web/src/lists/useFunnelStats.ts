import { useQueries } from '@tanstack/react-query';
import type { FunnelDto } from '../../../shared/api/types.ts';
import { api } from '../api/client.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';

export interface FunnelTotals {
  entered: number;
  converted: number;
}

/**
 * Entered and converted counts per published funnel (drafts have no runs, so none are fetched):
 * entered = the trigger nodes' entered sum; converted = the server's count (`StatsDto.converted`):
 * the runs that reached a goal beyond the stages, each once, or, in a funnel without such goals,
 * the conversions of its last stage. Not the sum over stages: a buyer who went through four
 * stages is one conversion, not four.
 */
export function useFunnelStats(funnels: FunnelDto[]): Map<string, FunnelTotals> {
  const published = funnels.filter((f) => f.status !== 'draft');
  const results = useQueries({
    queries: published.map((f) => ({
      queryKey: ['stats', f.id],
      queryFn: () => api.stats(f.id),
      staleTime: 10_000,
    })),
  });
  const out = new Map<string, FunnelTotals>();
  published.forEach((f, i) => {
    const s = results[i]?.data;
    if (!s) return;
    const triggers = new Set(f.draft.nodes.filter((n) => nodeDef(n.type)?.group === 'entry').map((n) => n.id));
    out.set(f.id, { entered: s.nodes.filter((n) => triggers.has(n.node)).reduce((sum, n) => sum + n.entered, 0), converted: s.converted });
  });
  return out;
}
