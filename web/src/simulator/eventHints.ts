import type { Funnel } from '../../../shared/format/funnel.ts';
import { eventDataLiterals } from '../../../shared/engine/conditions.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import type { Simulator } from '../../../shared/simulator/Simulator.ts';

/** An event the user may send now, with data prefilled so that it matches what waits for it. */
export interface EventChoice {
  type: string;
  data: Record<string, unknown>;
}


const keyField = (path: unknown): string | null => (typeof path === 'string' ? (/^data\.(\w+)$/.exec(path)?.[1] ?? null) : null);

/**
 * The events that start this funnel: each entry node's event (with the literals of its filter and
 * a sample correlation key — for a segment trigger, `segment.entered` with the segment). One per
 * type; the runtime's own events (`voronka.*`, e.g. a date coming) are not offered.
 */
export function triggerEvents(funnel: Funnel): EventChoice[] {
  const out: EventChoice[] = [];
  for (const n of funnel.nodes) {
    const start = nodeDef(n.type)?.startsOn?.((n.data ?? {}) as never, n.id);
    if (!start?.event || start.event.startsWith('voronka.')) continue;
    const key = keyField(start.key);
    const choice = { type: start.event, data: { ...eventDataLiterals(start.where), ...(key ? { [key]: `${key.replace(/Id$/, '')}-1` } : {}) } };
    if (!out.some((c) => c.type === choice.type)) out.push(choice);
  }
  return out;
}

/** Data that makes `type` match what the node where the run stands waits for (an offer's sku and price, a wait's filter, the run's key). */
export function suggestData(funnel: Funnel, sim: Simulator | null, type: string): Record<string, unknown> {
  const run = sim?.current;
  if (!run || run.status !== 'waiting') return triggerEvents(funnel).find((c) => c.type === type)?.data ?? {};
  const node = funnel.nodes.find((n) => n.id === run.at);
  const out: Record<string, unknown> = node ? { ...nodeDef(node.type)?.expects?.((node.data ?? {}) as never, type) } : {};
  const key = keyField(run.snapshot.run.keyPath);
  if (key && run.key !== null && run.key !== undefined) out[key] = run.key;
  return out;
}
