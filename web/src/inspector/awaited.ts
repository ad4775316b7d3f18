import { afterAwaitedEvent } from '../../../shared/validate/awaited.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { useShallow } from 'zustand/shallow';
import { useEditor } from '../editor/store.ts';

/** The map for the current document, worked out once per edit however many fields ask for it. */
let last: { nodes: Funnel['nodes']; edges: Funnel['edges']; map: ReturnType<typeof afterAwaitedEvent> } | null = null;
function awaitedMap(nodes: Funnel['nodes'], edges: Funnel['edges']): ReturnType<typeof afterAwaitedEvent> {
  if (last?.nodes !== nodes || last.edges !== edges) last = { nodes, edges, map: afterAwaitedEvent(nodes, edges) };
  return last.map;
}

/**
 * Whether the node stands after an awaited event (a wait's "received", a stage's conversion, a
 * task's outcome): that event and the node that takes it, null before any. There `lastEvent` may
 * differ from `event` (the start event), so the inspector offers it and says which it is.
 */
export function useAwaitedBefore(nodeId: string): { by: string; event: string } | null {
  // shallow: an edit elsewhere gives an equal answer, which must not re-render the field
  return useEditor(useShallow((s) => (s.doc ? (awaitedMap(s.doc.nodes, s.doc.edges).get(nodeId) ?? null) : null)));
}
