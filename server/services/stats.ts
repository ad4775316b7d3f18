import { compileFunnel } from '../../shared/compiler/compileFunnel.ts';
import { STAGES } from '../../shared/nodes/offer.ts';
import { HttpError } from '../http/errors.ts';
import type { NodeStats, Store } from '../store/types.ts';

export interface StageStats {
  node: string;
  stage: string;
  product: string;
  entered: number;
  converted: number;
  conversion: number;
  revenue: number;
}

/** Per node: entered, waiting now, left by each exit; per stage: conversions and revenue. */
export async function funnelStats(store: Store, funnelId: string): Promise<{ nodes: NodeStats[]; stages: StageStats[]; goals: { node: string; name: string; count: number; revenue: number }[] }> {
  const f = await store.read.getFunnel(funnelId);
  if (!f) throw new HttpError(404, `no funnel "${funnelId}"`);
  const [nodes, goals] = await Promise.all([store.read.nodeStats(funnelId), store.read.goalStats(funnelId)]);
  const v = f.version ? await store.read.getVersion(funnelId, f.version) : null;
  const compiled = compileFunnel(v?.definition ?? f.draft);
  const byNode = new Map(nodes.map((n) => [n.node, n]));
  const stages: StageStats[] = [];
  if (compiled.ok)
    for (const [id, c] of compiled.compiled.nodes) {
      if (c.node.type !== 'offer') continue;
      const s = byNode.get(id);
      const entered = s?.entered ?? 0;
      const converted = s?.exits.converted ?? 0;
      const revenue = goals.filter((g) => g.node === id).reduce((sum, g) => sum + g.revenue, 0);
      stages.push({ node: id, stage: c.data.stage, product: c.data.product.name, entered, converted, conversion: entered ? converted / entered : 0, revenue });
    }
  stages.sort((a, b) => STAGES.indexOf(a.stage as never) - STAGES.indexOf(b.stage as never));
  return { nodes, stages, goals };
}
