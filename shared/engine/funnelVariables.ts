import { DEFAULT_CURRENCY } from '../format/currency.ts';
import { nodeDef } from '../nodes/registry.ts';

export type FunnelVariables = Record<string, Record<string, unknown>>;

const cache = new WeakMap<readonly unknown[], Map<string, FunnelVariables>>();

/**
 * The variables a funnel's nodes give all its templates (`sharedVariables` of their types: each
 * stage's product under `stages`), by root and key; the first node with a key keeps it. Worked
 * out once per node list and currency (a published version's nodes never change).
 */
export function funnelVariables(nodes: readonly { type: string; data?: unknown }[], currency = DEFAULT_CURRENCY): FunnelVariables {
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
