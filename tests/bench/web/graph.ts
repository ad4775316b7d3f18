import { nodeDef } from '../../../shared/nodes/registry.ts';

/** The part of a funnel the baseline canvas needs. */
export interface BenchGraph {
  nodes: { id: string; type: string; position: { x: number; y: number } }[];
  edges: { id: string; source: string; target: string }[];
}

const TYPES = ['offer', 'message', 'delay', 'wait', 'branch', 'handoff', 'split', 'action', 'message', 'goal'];
export const COLUMNS = 25;
export const DX = 320;
export const DY = 280;

/**
 * A funnel of `n` nodes of every kind (default data of each type) on a grid of `COLUMNS` columns,
 * each node wired by all of its exits to the next one (a snake through the grid). The grid is
 * wide enough that the editor keeps these positions (it re-lays out overlapping nodes).
 */
export function benchFunnel(n: number, id = 'bench-500') {
  const nodes = Array.from({ length: n }, (_, i) => {
    const type = i === 0 ? 'trigger' : i === n - 1 ? 'exit' : TYPES[(i - 1) % TYPES.length];
    const row = Math.floor(i / COLUMNS);
    const col = row % 2 === 0 ? i % COLUMNS : COLUMNS - 1 - (i % COLUMNS);
    const def = nodeDef(type);
    if (!def) throw new Error(`unknown node type ${type}`);
    return { id: `n${i}`, type, position: { x: col * DX, y: row * DY }, data: def.defaults() as Record<string, unknown> };
  });
  const edges: { id: string; source: string; exit: string; target: string }[] = [];
  for (let i = 0; i < n - 1; i++) {
    const def = nodeDef(nodes[i].type)!;
    for (const exit of def.exits(nodes[i].data as never)) edges.push({ id: `e${i}-${exit}`, source: nodes[i].id, exit, target: nodes[i + 1].id });
  }
  return { format: 'voronka/funnel@1' as const, id, name: `Benchmark: ${n} nodes`, nodes, edges };
}

export const toGraph = (f: ReturnType<typeof benchFunnel>): BenchGraph => ({
  nodes: f.nodes.map(({ id, type, position }) => ({ id, type, position })),
  edges: f.edges.map(({ id, source, target }) => ({ id, source, target })),
});
