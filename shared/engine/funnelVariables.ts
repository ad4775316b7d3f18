import { funnelCurrency, funnelLocale } from '../format/funnel.ts';
import { nodeDef } from '../nodes/registry.ts';

export type FunnelVariables = Record<string, Record<string, unknown>>;

const cache = new WeakMap<readonly unknown[], Map<string, FunnelVariables>>();

interface FunnelLike {
  id: string;
  nodes: readonly { type: string; data?: unknown }[];
  settings?: { currency?: string; locale?: string };
}

/**
 * The funnel's part of every template's data: `funnel` (its id; its currency and locale when it
 * names them: `money` writes amounts in that currency, the way that locale's readers write them,
 * and the date filters write dates so too) and what its nodes give all templates (`funnelVariables`).
 */
export function funnelTemplateData(funnel: FunnelLike): Record<string, unknown> {
  const { currency, locale } = funnel.settings ?? {};
  return { funnel: { id: funnel.id, ...(currency ? { currency } : {}), ...(locale ? { locale } : {}) }, ...funnelVariables(funnel) };
}

/**
 * The variables a funnel's nodes give all its templates (`sharedVariables` of their types: each
 * stage's product under `stages`, priced in the funnel's currency and written for its locale), by
 * root and key; the first node with a key keeps it. Worked out once per node list, currency and
 * locale (a published version's nodes never change).
 */
export function funnelVariables(funnel: Omit<FunnelLike, 'id'>): FunnelVariables {
  const { nodes } = funnel;
  const currency = funnelCurrency(funnel);
  const locale = funnelLocale(funnel);
  const key = `${currency}\u0000${locale}`;
  let byCurrency = cache.get(nodes);
  if (!byCurrency) cache.set(nodes, (byCurrency = new Map()));
  let out = byCurrency.get(key);
  if (out) return out;
  out = {};
  for (const n of nodes) {
    let v: ReturnType<NonNullable<NonNullable<ReturnType<typeof nodeDef>>['sharedVariables']>>;
    try {
      v = nodeDef(n.type)?.sharedVariables?.((n.data ?? {}) as never, currency, locale);
    } catch {
      continue; // a half-edited node whose data is not readable yet
    }
    if (!v) continue;
    const root = (out[v.root] ??= {});
    if (!(v.key in root)) root[v.key] = v.value;
  }
  byCurrency.set(key, out);
  return out;
}
