import type { FunnelNode } from '../../../shared/format/funnel.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { DATE_REACHED, SEGMENT_ENTERED } from '../../../shared/nodes/trigger.ts';

/**
 * The outside events a funnel's entry nodes start on (`lead.created`), each once: what an
 * integration — or a marketer putting a contact in by hand — sends. Segment and date entries start
 * by themselves and are left out.
 */
export function startEvents(nodes: readonly FunnelNode[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    const def = nodeDef(n.type);
    const parsed = def?.startsOn ? def.schema.safeParse(n.data ?? {}) : undefined;
    const event = parsed?.success ? def!.startsOn!(parsed.data as never, n.id).event : '';
    if (event && event !== SEGMENT_ENTERED && event !== DATE_REACHED && !out.includes(event)) out.push(event);
  }
  return out;
}
