import type { Funnel } from '../../../shared/format/funnel.ts';
import type { Simulator } from '../../../shared/simulator/Simulator.ts';

/** An event the user may send now, with data prefilled so that it matches what waits for it. */
export interface EventChoice {
  type: string;
  data: Record<string, unknown>;
}

type Data = Record<string, any>;

/** Literal values a JSON Logic `where` asks of `event.data.*` (`{"==":[{"var":"event.data.sku"},"TRIP-1"]}` → `{ sku: "TRIP-1" }`). */
export function literalsIn(where: unknown, out: Record<string, unknown> = {}): Record<string, unknown> {
  if (!where || typeof where !== 'object') return out;
  if (Array.isArray(where)) {
    where.forEach((w) => literalsIn(w, out));
    return out;
  }
  for (const [op, args] of Object.entries(where as Data)) {
    if ((op === '==' || op === '===') && Array.isArray(args) && args.length === 2) {
      const [a, b] = args;
      const v = typeof a === 'object' && a && 'var' in a ? [a.var, b] : typeof b === 'object' && b && 'var' in b ? [b.var, a] : null;
      const m = v && typeof v[0] === 'string' ? /^event\.data\.(\w+)$/.exec(v[0]) : null;
      if (m && (v![1] === null || typeof v![1] !== 'object')) out[m[1]] = v![1];
    } else literalsIn(args, out);
  }
  return out;
}

const keyField = (path: unknown): string | null => (typeof path === 'string' ? (/^data\.(\w+)$/.exec(path)?.[1] ?? null) : null);

/**
 * The events that start this funnel: each trigger's `event` (with the literals of its `where`
 * and a sample correlation key) and `segment.entered` for segment triggers. One per type.
 */
export function triggerEvents(funnel: Funnel): EventChoice[] {
  const out: EventChoice[] = [];
  for (const n of funnel.nodes) {
    if (n.type !== 'trigger' || !n.data) continue;
    const d = n.data as Data;
    let choice: EventChoice | null = null;
    if (typeof d.event === 'string' && d.event) {
      const key = keyField(d.key);
      choice = { type: d.event, data: { ...literalsIn(d.where), ...(key ? { [key]: `${key.replace(/Id$/, '')}-1` } : {}) } };
    } else if (typeof d.segment === 'string' && d.segment) choice = { type: 'segment.entered', data: { segment: d.segment } };
    if (choice && !out.some((c) => c.type === choice.type)) out.push(choice);
  }
  return out;
}

/** Data that makes `type` match what the node where the run stands waits for (offer sku and price, wait `where`, the run's key). */
export function suggestData(funnel: Funnel, sim: Simulator | null, type: string): Record<string, unknown> {
  const run = sim?.current;
  if (!run || run.status !== 'waiting') return triggerEvents(funnel).find((c) => c.type === type)?.data ?? {};
  const out: Record<string, unknown> = {};
  const node = funnel.nodes.find((n) => n.id === run.at);
  const d = (node?.data ?? {}) as Data;
  if (node?.type === 'offer') {
    const on = d.convertOn as Data | undefined;
    if (on?.event === type) Object.assign(out, literalsIn(on.where));
    else if (!on && type === 'order.paid' && d.product) Object.assign(out, { sku: d.product.sku, ...(typeof d.product.price === 'number' ? { amount: d.product.price } : {}) });
  }
  if (node?.type === 'wait' && d.event === type) Object.assign(out, literalsIn(d.where));
  const key = keyField(run.snapshot.run.keyPath);
  if (key && run.key !== null && run.key !== undefined) out[key] = run.key;
  return out;
}
