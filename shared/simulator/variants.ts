import type { Funnel } from '../format/funnel.ts';
import { nodeDef } from '../nodes/registry.ts';

export interface ExperimentAt {
  node: string;
  /** Its variants (exits), in order. */
  variants: string[];
  /** The variant a contact with this id gets there: the engine's own choice. */
  variantOf(contactId: string): string | null;
}

/** The funnel's experiment nodes (A/B splits) and the variant a contact id gets at each. */
export function experimentsOf(funnel: Pick<Funnel, 'id' | 'nodes'>): ExperimentAt[] {
  const out: ExperimentAt[] = [];
  for (const n of funnel.nodes) {
    const def = nodeDef(n.type);
    if (!def?.variantFor) continue;
    const parsed = def.schema.safeParse(n.data ?? {});
    if (!parsed.success) continue;
    const data = parsed.data;
    out.push({ node: n.id, variants: def.exits(data), variantOf: (id) => def.variantFor!(data, id, funnel.id, n.id) });
  }
  return out;
}

/**
 * A contact id like `base` (`base`, then `base-2`, `base-3`…) that gets `variant` at the experiment,
 * so QA walks each branch with a contact the engine really sends there; null when none of the
 * first 1,000 does (a variant with weight 0 gets nobody).
 */
export function contactIdForVariant(exp: ExperimentAt, variant: string, base: string): string | null {
  const stem = base.replace(/-\d+$/, '') || 'test';
  for (let k = 1; k <= 1000; k++) {
    const id = k === 1 ? stem : `${stem}-${k}`;
    if (exp.variantOf(id) === variant) return id;
  }
  return null;
}
