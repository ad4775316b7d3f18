import { edgeExit, type FunnelEdge, type FunnelNode } from '../format/funnel.ts';
import { nodeDef } from '../nodes/registry.ts';
import { reachable } from './graph.ts';
import { awaitedEvents } from './rules.ts';

/**
 * The nodes a run can reach after a node that waits for an outside event took it (a wait's
 * "received", a stage's "converted", a task's outcome), each with the first such node and its
 * event: where `{{lastEvent.…}}` may be another event than `{{event.…}}` (the start event).
 * Reads a draft defensively: a node whose settings are incomplete is skipped.
 */
export function afterAwaitedEvent(nodes: readonly Pick<FunnelNode, 'id' | 'type' | 'data'>[], edges: readonly FunnelEdge[]): Map<string, { by: string; event: string }> {
  const from = new Map<string, FunnelEdge[]>();
  for (const e of edges) {
    const list = from.get(e.source);
    if (list) list.push(e);
    else from.set(e.source, [e]);
  }
  const next = (id: string) => (from.get(id) ?? []).map((e) => e.target);
  const out = new Map<string, { by: string; event: string }>();
  for (const n of nodes) {
    const def = nodeDef(n.type);
    if (!def) continue;
    let awaited: { event: string; exits: string[] }[] = [];
    try {
      awaited = awaitedEvents(n.id, def, n.data);
    } catch {
      continue; // settings not complete yet
    }
    for (const { event, exits } of awaited) {
      const starts = (from.get(n.id) ?? []).filter((e) => exits.includes(edgeExit(e))).map((e) => e.target);
      for (const id of reachable(starts, next)) if (!out.has(id)) out.set(id, { by: n.id, event });
    }
  }
  return out;
}
