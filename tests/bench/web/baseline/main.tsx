/**
 * The web benchmark's baseline: a plain React Flow canvas with default nodes and edges, laid out
 * like the generated funnel (`graph.json`, written next to the built page by web.bench.ts).
 */
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';
import type { BenchGraph } from '../graph.ts';

async function main() {
  const graph = (await (await fetch('./graph.json')).json()) as BenchGraph;
  const nodes: Node[] = graph.nodes.map((n) => ({ id: n.id, position: n.position, data: { label: `${n.type} · ${n.id}` } }));
  const edges: Edge[] = graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));
  // uncontrolled (defaultNodes) so that dragging moves the node, as in any real canvas. fitView
  // stops at React Flow's default minimum zoom (0.5), the zoom the editor opens a big funnel at.
  createRoot(document.getElementById('root')!).render(<ReactFlow defaultNodes={nodes} defaultEdges={edges} fitView />);
}
void main();
