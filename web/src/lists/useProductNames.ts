import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { api } from '../api/client.ts';

/**
 * The names of the products the workspace's funnels sell, by sku in any letter case (a shop may
 * send `clean-pro` for the stage's `CLEAN-PRO`): orders are named by them, the sku beside.
 */
export function useProductNames(): (sku: string | null | undefined) => string | undefined {
  const funnels = useQuery({ queryKey: ['funnels'], queryFn: api.funnels, staleTime: 60_000 }).data;
  // worked out once per funnel list, not on every render of a card
  const names = useMemo(() => {
    const out = new Map<string, string>();
    for (const f of funnels ?? [])
      for (const n of f.draft.nodes) {
        const def = nodeDef(n.type);
        const parsed = def?.products && def.schema.safeParse(n.data ?? {});
        if (parsed?.success) for (const p of def!.products!(parsed.data as never)) if (!out.has(p.sku.toLowerCase())) out.set(p.sku.toLowerCase(), p.name);
      }
    return out;
  }, [funnels]);
  return (sku) => (sku ? names.get(sku.toLowerCase()) : undefined);
}
