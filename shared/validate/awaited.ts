import { edgeExit, type FunnelEdge, type FunnelNode } from '../format/funnel.ts';
import { nodeDef } from '../nodes/registry.ts';
import { awaitedEvents } from './rules.ts';

/**
 * The nodes a run can reach after a node that waits for an outside event took it (a wait's
 * "received", a stage's "converted", a task's outcome), each with the node(s) whose event is the
 * run's latest there: where `{{lastEvent.…}}` may be another event than `{{event.…}}` (the start
 * event). Passing another such node by its awaited exit makes that node's event the latest, so a
 * step after the tripwire's purchase hears of `order.paid`, not of the lead magnet's event before
 * it; a step reached from several such nodes lists each (`event` and `by` joined by " / ").
 * Reads a draft defensively: a node whose settings are incomplete is skipped.
 */
export function afterAwaitedEvent(nodes: readonly Pick<FunnelNode, 'id' | 'type' | 'data'>[], edges: readonly FunnelEdge[]): Map<string, { by: string; event: string }> {
  const from = new Map<string, FunnelEdge[]>();
  for (const e of edges) {
    const list = from.get(e.source);
    if (list) list.push(e);
    else from.set(e.source, [e]);
  }
  // each node's awaited events and the exits they leave by
  const awaits = new Map<string, { event: string; exits: string[] }[]>();
  for (const n of nodes) {
    const def = nodeDef(n.type);
    if (!def) continue;
    try {
      const a = awaitedEvents(n.id, def, n.data);
      if (a.length) awaits.set(n.id, a);
    } catch {
      // settings not complete yet
    }
  }
  const awaitedExits = new Map([...awaits].map(([id, list]) => [id, new Set(list.flatMap((a) => a.exits))]));
  const found = new Map<string, { by: string; event: string }[]>();
  for (const [by, list] of awaits)
    for (const { event, exits } of list) {
      // from the awaited exits on, up to (not past) another node's awaited exits
      const seen = new Set<string>();
      const stack = (from.get(by) ?? []).filter((e) => exits.includes(edgeExit(e))).map((e) => e.target);
      while (stack.length) {
        const id = stack.pop()!;
        if (seen.has(id)) continue;
        seen.add(id);
        const blocked = awaitedExits.get(id);
        for (const e of from.get(id) ?? []) if (!blocked?.has(edgeExit(e))) stack.push(e.target);
      }
      for (const id of seen) {
        const at = found.get(id) ?? [];
        if (!at.some((x) => x.by === by && x.event === event)) at.push({ by, event });
        found.set(id, at);
      }
    }
  const out = new Map<string, { by: string; event: string }>();
  for (const n of nodes) {
    const at = found.get(n.id);
    if (at) out.set(n.id, { by: [...new Set(at.map((x) => x.by))].join(' / '), event: [...new Set(at.map((x) => x.event))].join(' / ') });
  }
  return out;
}
