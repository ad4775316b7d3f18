import type { CompiledFunnel } from '../../shared/compiler/compileFunnel.ts';
import { eventDataLiterals } from '../../shared/engine/conditions.ts';
import { getPath } from '../../shared/engine/template.ts';
import type { FunnelEvent } from '../../shared/format/funnel.ts';
import { awaitedConditions, awaitedEvents } from '../../shared/validate/rules.ts';
import type { RunRow } from '../store/types.ts';

/**
 * Why `event` did not move a keyed `run` whose step waits for its type: it carries no value at the
 * run's key path. Undefined when that is not the reason (the step waits for another event, or the
 * event has a key — another cart's payment is none of this run's business).
 */
export function missingKey(cf: CompiledFunnel, run: RunRow, event: FunnelEvent): string | undefined {
  const path = run.snapshot.run.keyPath;
  if (run.key === null || !path || !run.node) return undefined;
  const v = getPath(event, path);
  if (v !== undefined && v !== null && v !== '') return undefined;
  const n = cf.nodes.get(run.node);
  if (!n || !awaitedEvents(run.node, n.def, n.data).some((a) => a.event === event.type)) return undefined;
  return `run ${run.id} of funnel "${run.funnelId}" waits at "${run.node}" for "${event.type}" with ${path} = "${run.key}"; this event has no ${path}, so it did not move it`;
}

/** What each node of a (never changing) version waits for, by node and event type: its conditions. */
const conditions = new WeakMap<CompiledFunnel, Map<string, unknown[]>>();

/**
 * Why `event` did not move a `run` whose step waits for its type with a condition on its data
 * (a stage's `order.paid` for another product's sku): which values differ from those it waits for.
 * Undefined when the step does not wait for this type, or the event is for another key of a keyed
 * run (none of this run's business).
 */
export function unmetCondition(cf: CompiledFunnel, run: RunRow, event: FunnelEvent): string | undefined {
  const n = run.node ? cf.nodes.get(run.node) : undefined;
  if (!n || !run.node) return undefined;
  const path = run.snapshot.run.keyPath;
  if (run.key !== null && path && String(getPath(event, path)) !== run.key) return undefined;
  let known = conditions.get(cf);
  if (!known) conditions.set(cf, (known = new Map()));
  const at = `${run.node}\u0000${event.type}`;
  if (!known.has(at)) known.set(at, awaitedConditions(run.node, n.def, n.data, event.type));
  const wheres = known.get(at)!;
  if (wheres.length === 0) return undefined;
  const data = (event.data ?? {}) as Record<string, unknown>;
  const wanted = Object.assign({}, ...wheres.map((w) => eventDataLiterals(w))) as Record<string, unknown>;
  const diffs = Object.entries(wanted)
    .filter(([k, v]) => data[k] !== v)
    .map(([k, v]) => {
      const got = data[k];
      const caseOnly = typeof got === 'string' && typeof v === 'string' && got.toLowerCase() === v.toLowerCase();
      return `data.${k} is ${got === undefined ? 'missing' : JSON.stringify(got)} where it waits for ${JSON.stringify(v)}${caseOnly ? ' (they differ only in letter case)' : ''}`;
    });
  const why = diffs.length ? diffs.join('; ') : 'its condition (where) does not hold for this event';
  return `run ${run.id} of funnel "${run.funnelId}" waits at "${run.node}" for "${event.type}", but ${why}, so it did not move it`;
}
