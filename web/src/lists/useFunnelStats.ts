import { useQueries } from '@tanstack/react-query';
import type { FunnelDto, StatsDto } from '../../../shared/api/types.ts';
import type { FunnelNode } from '../../../shared/format/funnel.ts';
import { api } from '../api/client.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';

export interface FunnelTotals {
  entered: number;
  converted: number;
  /** Every goal's value (the stages' sales and the goals beyond them), in the funnel's currency. */
  revenue: number;
}

/**
 * Entered and converted counts per published funnel (drafts have no runs, so none are fetched):
 * entered = the trigger nodes' entered sum; converted = the server's count (`StatsDto.converted`):
 * the runs that reached a goal beyond the stages, each once, or, in a funnel without such goals,
 * the conversions of its last stage. Not the sum over stages: a buyer who went through four
 * stages is one conversion, not four.
 */
/** A funnel's totals from its stats: the runs its entry nodes started, and its conversions (as above). */
export function funnelTotals(nodes: readonly FunnelNode[], s: Pick<StatsDto, 'nodes' | 'converted' | 'goals'>): FunnelTotals {
  const triggers = new Set(nodes.filter((n) => nodeDef(n.type)?.group === 'entry').map((n) => n.id));
  return {
    entered: s.nodes.filter((n) => triggers.has(n.node)).reduce((sum, n) => sum + n.entered, 0),
    converted: s.converted,
    revenue: s.goals.reduce((sum, g) => sum + g.revenue, 0),
  };
}

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
    out.set(f.id, funnelTotals(f.draft.nodes, s));
  });
  return out;
}
