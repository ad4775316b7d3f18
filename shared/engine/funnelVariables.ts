import { funnelCurrency } from '../format/funnel.ts';
import { nodeDef } from '../nodes/registry.ts';

export type FunnelVariables = Record<string, Record<string, unknown>>;

const cache = new WeakMap<readonly unknown[], Map<string, FunnelVariables>>();

interface FunnelLike {
  id: string;
  nodes: readonly { type: string; data?: unknown }[];
  settings?: { currency?: string };
}

/**
 * The funnel's part of every template's data: `funnel` (its id, and its currency when it names
 * one: `money` writes amounts in it) and what its nodes give all templates (`funnelVariables`).
 */
export function funnelTemplateData(funnel: FunnelLike): Record<string, unknown> {
  const currency = funnel.settings?.currency;
  return { funnel: currency ? { id: funnel.id, currency } : { id: funnel.id }, ...funnelVariables(funnel) };
}

/**
 * The variables a funnel's nodes give all its templates (`sharedVariables` of their types: each
 * stage's product under `stages`, priced in the funnel's currency), by root and key; the first
 * node with a key keeps it. Worked out once per node list and currency (a published version's
 * nodes never change).
 */
export function funnelVariables(funnel: Omit<FunnelLike, 'id'>): FunnelVariables {
  const { nodes } = funnel;
  const currency = funnelCurrency(funnel);
  let byCurrency = cache.get(nodes);
  if (!byCurrency) cache.set(nodes, (byCurrency = new Map()));
  let out = byCurrency.get(currency);
  if (out) return out;
  out = {};
  for (const n of nodes) {
    let v: ReturnType<NonNullable<NonNullable<ReturnType<typeof nodeDef>>['sharedVariables']>>;
    try {
      v = nodeDef(n.type)?.sharedVariables?.((n.data ?? {}) as never, currency);
    } catch {
      continue; // a half-edited node whose data is not readable yet
    }
    if (!v) continue;
    const root = (out[v.root] ??= {});
    if (!(v.key in root)) root[v.key] = v.value;
  }
  byCurrency.set(currency, out);
  return out;
}
