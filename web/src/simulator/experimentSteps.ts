import type { Funnel } from '../../../shared/format/funnel.ts';

/** Where each variant of an A/B split leads: its exit's first node (absent while not connected). */
export function variantTargets(doc: Pick<Funnel, 'edges'>, split: string): Map<string, string> {
  return new Map(doc.edges.filter((e) => e.source === split && e.exit).map((e) => [e.exit!, e.target]));
}

/**
 * The steps after a split that a variant can be judged by: those two variants or more can reach.
 * A step only one variant leads to (its own message) would read 100 % against 0 %.
 */
export function sharedSteps(doc: Pick<Funnel, 'edges'>, split: string): Set<string> {
  const reachedBy = new Map<string, number>();
  for (const start of new Set(variantTargets(doc, split).values())) {
    const seen = new Set<string>([start]);
    for (const queue = [start]; queue.length; ) {
      const from = queue.pop()!;
      for (const e of doc.edges)
        if (e.source === from && e.target !== split && !seen.has(e.target)) {
          seen.add(e.target);
          queue.push(e.target);
        }
    }
    for (const n of seen) reachedBy.set(n, (reachedBy.get(n) ?? 0) + 1);
  }
  return new Set([...reachedBy].filter(([, n]) => n >= 2).map(([node]) => node));
}
