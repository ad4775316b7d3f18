import type { Funnel } from '../../../shared/format/funnel.ts';

/** Where each variant of an A/B split leads: its exit's first node (absent while not connected). */
export function variantTargets(doc: Pick<Funnel, 'edges'>, split: string): Map<string, string> {
  return new Map(doc.edges.filter((e) => e.source === split && e.exit).map((e) => [e.exit!, e.target]));
}

/** Each step after a split, with the variants that can reach it. */
export function variantsReaching(doc: Pick<Funnel, 'edges'>, split: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [variant, start] of variantTargets(doc, split)) {
    const seen = new Set<string>([start]);
    for (const queue = [start]; queue.length; ) {
      const from = queue.pop()!;
      for (const e of doc.edges)
        if (e.source === from && e.target !== split && !seen.has(e.target)) {
          seen.add(e.target);
          queue.push(e.target);
        }
    }
    for (const n of seen) out.set(n, (out.get(n) ?? new Set()).add(variant));
  }
  return out;
}

/**
 * The steps after a split that a variant can be judged by: those two variants or more can reach.
 * A step only one variant leads to (its own message) would read 100 % against 0 %.
 */
export function sharedSteps(doc: Pick<Funnel, 'edges'>, split: string): Set<string> {
  return new Set([...variantsReaching(doc, split)].filter(([, v]) => v.size >= 2).map(([node]) => node));
}

/** The funnel's goals (`goalNodes`) that only one variant of a split can reach: judged by them, that variant wins by construction. */
export function oneSidedGoals(doc: Pick<Funnel, 'edges'>, split: string, goalNodes: string[]): { node: string; variant: string }[] {
  const reaching = variantsReaching(doc, split);
  return goalNodes.flatMap((node) => {
    const v = reaching.get(node);
    return v && v.size === 1 ? [{ node, variant: [...v][0] }] : [];
  });
}
