import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type { Funnel, FunnelNode } from '../../../shared/format/funnel.ts';
import { edgeExit } from '../../../shared/format/funnel.ts';
import { nodeTypes } from '../nodes/index.ts';
import type { FunnelEdgeData } from './FunnelEdge.tsx';
import type { Selection } from './store.ts';

export type Size = { width: number; height: number };
type Cached = { src: FunnelNode; selected: boolean; size: Size | undefined; node: Node };

/**
 * React Flow nodes and edges derived from the document. A node object is reused while its
 * document node, selection and measured size are the same, so memoised node components do not
 * re-render for unrelated edits.
 */
export function useFlowModel(doc: Funnel, selection: Selection, sizes: Record<string, Size>, readOnly: boolean) {
  const cache = useRef(new Map<string, Cached>());
  const nodes = useMemo(() => {
    const sel = new Set(selection.nodes);
    const next = new Map<string, Cached>();
    const out = doc.nodes.map((src) => {
      const selected = sel.has(src.id);
      const size = sizes[src.id];
      const old = cache.current.get(src.id);
      if (old && old.src === src && old.selected === selected && old.size === size) {
        next.set(src.id, old);
        return old.node;
      }
      const node: Node = {
        id: src.id,
        type: src.type in nodeTypes ? src.type : 'unknown',
        position: src.position ?? { x: 0, y: 0 },
        data: (src.data ?? {}) as Record<string, unknown>,
        selected,
        ...(size ? { measured: size } : {}),
      };
      next.set(src.id, { src, selected, size, node });
      return node;
    });
    cache.current = next;
    return out;
  }, [doc.nodes, selection.nodes, sizes]);

  const edges = useMemo(() => {
    const sel = new Set(selection.edges);
    return doc.edges.map(
      (e): Edge<FunnelEdgeData> => ({
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: edgeExit(e),
        targetHandle: 'in',
        type: 'funnel',
        data: { exit: edgeExit(e) },
        selected: sel.has(e.id),
        reconnectable: !readOnly,
        markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
      }),
    );
  }, [doc.edges, selection.edges, readOnly]);
  return { nodes, edges };
}
