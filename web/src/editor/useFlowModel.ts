import { NODE_LABEL } from '../nodes/nodeLabel.ts';
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type { FunnelEdge, FunnelNode } from '../../../shared/format/funnel.ts';
import { edgeExit } from '../../../shared/format/funnel.ts';
import { nodeTypes } from '../nodes/index.ts';
import type { FunnelEdgeData } from './FunnelEdge.tsx';
import type { Selection } from './store.ts';

export type Size = { width: number; height: number };
export type XY = { x: number; y: number };
type CachedNode = { src: FunnelNode; selected: boolean; size: Size | undefined; moved: XY | undefined; node: Node };
type CachedEdge = { src: FunnelEdge; selected: boolean; reconnectable: boolean; edgeLabel: unknown; edge: Edge<FunnelEdgeData> };

/** One marker object for every edge, so React Flow sees the same marker and never re-derives it. */
const MARKER_END = { type: MarkerType.ArrowClosed, width: 18, height: 18 };
const ORIGIN: XY = { x: 0, y: 0 };
const NONE: ReadonlySet<string> = new Set();
/**
 * The size React Flow is given for a node it has not measured yet. React Flow hides nodes without
 * a size until its first measurement and then shows them all (one more style pass over every
 * node); a node's box comes from its content, not from this, so it can be drawn at once. No node
 * is 1×1, so the first measurement always reports the real size (see `sizes` in FunnelCanvas).
 */
const UNMEASURED: Size = { width: 1, height: 1 };

/**
 * React Flow nodes and edges derived from the document. A node (edge) object is reused while its
 * document node (edge), selection, measured size (and, for a node being dragged, its position
 * under the pointer) are the same, so React Flow and the memoised canvas components skip it.
 * `moved` holds the positions of the nodes being dragged: they go into the document on drop.
 */
export function useFlowModel(
  docNodes: readonly FunnelNode[],
  docEdges: readonly FunnelEdge[],
  selection: Selection,
  sizes: Record<string, Size>,
  moved: Record<string, XY> | null,
  readOnly: boolean,
  hoveredEdge: string | null = null,
  /** The words a screen reader says for an edge (React Flow's own are English). */
  edgeLabel: (source: string, target: string) => string = (a, b) => `${a} → ${b}`,
) {
  const nodeCache = useRef(new Map<string, CachedNode>());
  const edgeCache = useRef(new Map<string, CachedEdge>());
  const selectedNodes = useMemo(() => (selection.nodes.length ? new Set(selection.nodes) : NONE), [selection.nodes]);
  const selectedEdges = useMemo(() => (selection.edges.length ? new Set(selection.edges) : NONE), [selection.edges]);

  const nodes = useMemo(() => {
    const next = new Map<string, CachedNode>();
    const out = docNodes.map((src) => {
      const selected = selectedNodes.has(src.id);
      const size = sizes[src.id];
      const at = moved?.[src.id];
      const old = nodeCache.current.get(src.id);
      if (old && old.src === src && old.selected === selected && old.size === size && old.moved === at) {
        next.set(src.id, old);
        return old.node;
      }
      const node: Node = {
        id: src.id,
        type: src.type in nodeTypes ? src.type : 'unknown',
        position: at ?? src.position ?? ORIGIN,
        // a node's name for people rides along in its data under a key no node type uses
        data: (src.label ? { ...src.data, [NODE_LABEL]: src.label } : (src.data ?? {})) as Record<string, unknown>,
        selected,
        measured: size ?? UNMEASURED,
      };
      next.set(src.id, { src, selected, size, moved: at, node });
      return node;
    });
    nodeCache.current = next;
    return out;
  }, [docNodes, selectedNodes, sizes, moved]);

  const edges = useMemo(() => {
    const next = new Map<string, CachedEdge>();
    const out = docEdges.map((src) => {
      const selected = selectedEdges.has(src.id);
      // an edge's ends can be dragged to another handle while it is selected or under the pointer:
      // React Flow draws two reconnect anchors for every reconnectable edge (1,600 elements more
      // on a 500-node funnel), so the others are not reconnectable
      const reconnectable = !readOnly && (selected || src.id === hoveredEdge);
      const old = edgeCache.current.get(src.id);
      if (old && old.src === src && old.selected === selected && old.reconnectable === reconnectable && old.edgeLabel === edgeLabel) {
        next.set(src.id, old);
        return old.edge;
      }
      const exit = edgeExit(src);
      const edge: Edge<FunnelEdgeData> = {
        id: src.id,
        source: src.source,
        target: src.target,
        sourceHandle: exit,
        targetHandle: 'in',
        type: 'funnel',
        data: { exit },
        selected,
        reconnectable,
        markerEnd: MARKER_END,
        ariaLabel: edgeLabel(src.source, src.target),
      };
      next.set(src.id, { src, selected, reconnectable, edgeLabel, edge });
      return edge;
    });
    edgeCache.current = next;
    return out;
  }, [docEdges, selectedEdges, readOnly, hoveredEdge, edgeLabel]);
  return { nodes, edges };
}
