import { zoneFor } from '../../shared/compiler/compileFunnel.ts';
import { DEFAULT_LIFECYCLE, LifecycleRules, lifecycleOf, withLifecycle } from '../../shared/format/lifecycle.ts';
import { resolveDateSpec } from '../../shared/format/time.ts';
import { DATE_REACHED } from '../../shared/nodes/trigger.ts';
import type { ContactRow, TimerRow, Tx } from '../store/types.ts';
import type { FunnelCache } from './FunnelCache.ts';

/**
 * A contact's own timers (not a run's): date triggers (run id `@date:<contact>`, one per live
 * funnel and trigger) and the life-cycle timer (`@lifecycle:<contact>`).
 */
export const DATE_RUN = (contactId: string): string => `@date:${contactId}`;
export const contactTimerOf = (runId: string): { kind: 'date' | 'lifecycle'; contactId: string } | null =>
  runId.startsWith('@date:') ? { kind: 'date', contactId: runId.slice('@date:'.length) } : runId.startsWith('@lifecycle:') ? { kind: 'lifecycle', contactId: runId.slice('@lifecycle:'.length) } : null;

/** Plans the contact's next date-trigger moments for every live funnel (after a change or a firing). */
export async function planDateTriggers(tx: Tx, funnels: FunnelCache, contact: ContactRow, notBefore: number): Promise<void> {
  await tx.deleteRunTimers(DATE_RUN(contact.id));
  const rows: TimerRow[] = [];
  for (const live of await funnels.liveVersions(tx))
    for (const [id, c] of live.cf.nodes) {
      const spec = c.def.startsOnDate?.(c.data);
      if (!spec) continue;
      const at = resolveDateSpec(spec, contact.attributes, zoneFor(live.cf, contact.attributes), notBefore);
      if (at !== null && at >= notBefore)
        rows.push({ runId: DATE_RUN(contact.id), timerId: `${live.funnelId}\u0000${id}`, funnelId: live.funnelId, event: { type: DATE_REACHED }, dueAt: at });
    }
  if (rows.length) await tx.insertTimers(rows);
}

/** Synthetic run id of a contact's life-cycle timer: when time alone moves them on (active → sleeping → lost). */
export const LIFECYCLE_RUN = (contactId: string): string => `@lifecycle:${contactId}`;

/** The workspace's lines of the matrix (`settings/workspace` → `lifecycle`), the defaults where none are saved. */
export async function lifecycleRules(tx: Tx): Promise<LifecycleRules> {
  const saved = LifecycleRules.safeParse((await tx.getSetting<{ lifecycle?: unknown }>('workspace'))?.lifecycle);
  return saved.success ? saved.data : DEFAULT_LIFECYCLE;
}

/**
 * The contact with their life-cycle segments as of `now` (from their paid orders), and their timer
 * re-planned for the next change by time alone. The same object when nothing changed; saving the
 * new one (`Runtime.saveContact` with the old as `before`) enters the new segments.
 */
export async function refreshLifecycle(tx: Tx, contact: ContactRow, now: number, rules?: LifecycleRules): Promise<ContactRow> {
  const { segments, nextChangeAt } = lifecycleOf(await tx.paidOrders(contact.id), now, rules ?? (await lifecycleRules(tx)));
  await tx.deleteRunTimers(LIFECYCLE_RUN(contact.id));
  if (nextChangeAt !== null) await tx.insertTimers([{ runId: LIFECYCLE_RUN(contact.id), timerId: 'next', funnelId: '', event: { type: 'lifecycle.check' }, dueAt: Math.max(nextChangeAt, now) }]);
  const next = withLifecycle(contact.segments, segments);
  return next.length === contact.segments.length && next.every((s, i) => s === contact.segments[i]) ? contact : { ...contact, segments: next };
}
