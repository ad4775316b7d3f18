import dagre from '@dagrejs/dagre';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { edgeExit } from '../../../shared/format/funnel.ts';
import { nodeExits } from './docOps.ts';
import { DEFAULT_SIZE } from './layout.ts';

// dagre is loaded with this module, on the first auto-layout (not with the editor)

/**
 * Lays the funnel out left to right with dagre; returns the new top-left position of every node.
 * Edges are ordered by their exit so a node's first exit's target lands above its second's.
 */
export function autoLayout(doc: Funnel, sizes: Record<string, { width: number; height: number }>): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) g.setNode(n.id, { ...(sizes[n.id] ?? DEFAULT_SIZE) });
  // each node's exits once (the first node of an id, as `find` would pick)
  const exitsOf = new Map<string, string[]>();
  for (const n of doc.nodes) if (!exitsOf.has(n.id)) exitsOf.set(n.id, nodeExits(n));
  const order = (id: string, exit: string) => {
    const exits = exitsOf.get(id);
    return exits ? exits.indexOf(exit) : 0;
  };
  const edges = [...doc.edges].sort((a, b) => (a.source === b.source ? order(a.source, edgeExit(a)) - order(b.source, edgeExit(b)) : 0));
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target) && e.source !== e.target) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of doc.nodes) {
    const p = g.node(n.id);
    const size = sizes[n.id] ?? DEFAULT_SIZE;
    if (p) out[n.id] = { x: Math.round(p.x - size.width / 2), y: Math.round(p.y - size.height / 2) };
  }
  return out;
}

