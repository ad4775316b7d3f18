import { useMemo } from 'react';
import { afterAwaitedEvent } from '../../../shared/validate/awaited.ts';
import { useEditor } from '../editor/store.ts';

/**
 * Whether the node stands after an awaited event (a wait's "received", a stage's conversion, a
 * task's outcome): that event and the node that takes it, null before any. There `lastEvent` may
 * differ from `event` (the start event), so the inspector offers it and says which it is.
 */
export function useAwaitedBefore(nodeId: string): { by: string; event: string } | null {
  const nodes = useEditor((s) => s.doc?.nodes);
  const edges = useEditor((s) => s.doc?.edges);
  return useMemo(() => (nodes && edges ? (afterAwaitedEvent(nodes, edges).get(nodeId) ?? null) : null), [nodes, edges, nodeId]);
}
