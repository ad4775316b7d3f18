import { z } from 'zod';
import { OffsetText, TimeOfDayText } from '../format/common.ts';
import { readDateAttribute, resolveDateSpec } from '../format/time.ts';
import { amountValue } from '../format/currency.ts';
import { getPath, isDateFilter, isDateValue, templateVariables } from '../engine/template.ts';
import type { NodeDef, StepEnv } from './types.ts';

/**
 * A moment read from a date: a contact attribute (`birthday`), the run's start event
 * (`event.data.webinarAt`) or its latest event (`lastEvent.data.callAt`), or the run's start itself
 * (`run.startedAt`), plus an offset (`-P1D`,
 * `PT3H`), at a time of day. Shared by the delay's `untilDate` and the wait's `until`.
 */
export const UntilDate = z.object({
  attribute: z.string().min(1, { error: 'must name the date attribute' }).refine((a) => !/^(event|lastEvent)\./.test(a) || /^(event|lastEvent)\.data(\.[\w$-]+)+$/.test(a), { error: 'a date from an event is written event.data.<key> (the start event) or lastEvent.data.<key> (the latest one)' }),
  offset: OffsetText.optional(),
  at: TimeOfDayText.optional(),
});
export type UntilDate = z.infer<typeof UntilDate>;

/** The date source that is the run's own start. */
export const RUN_START = 'run.startedAt';

/** The moment `spec` points at for this run and contact, or null when the date is empty or invalid. */
export function untilDateMoment(spec: UntilDate, env: StepEnv): number | null {
  const a = spec.attribute;
  const events = { event: env.run.startEvent, lastEvent: env.run.lastEvent ?? env.run.startEvent };
  // `run.startedAt`: when the run began — «a trial ends 14 days after the start» needs no date in the event
  const source = a === RUN_START ? { [a]: new Date(env.run.startedAt).toISOString() } : /^(event|lastEvent)\./.test(a) ? { [a]: getPath(events, a) } : env.contact.attributes;
  return resolveDateSpec(spec, source, env.zone);
}

/**
 * Why `spec` gives this run no moment ahead: no date (`{}`), a value that is not one (`{ value: "завтра" }`), or a
 * moment already past (`{ passed }`, when it was); null when it gives one still to come.
 */
export function untilDateGap(spec: UntilDate, env: StepEnv): DateGap | null {
  const due = untilDateMoment(spec, env);
  if (due !== null) return due > env.now ? null : { passed: due };
  const a = spec.attribute;
  const events = { event: env.run.startEvent, lastEvent: env.run.lastEvent ?? env.run.startEvent };
  const raw = a === RUN_START ? undefined : /^(event|lastEvent)\./.test(a) ? getPath(events, a) : env.contact.attributes[a];
  return raw === undefined || raw === null || raw === '' ? {} : { value: (typeof raw === 'string' ? raw : JSON.stringify(raw)).slice(0, 60) };
}

/** Why a date step did not wait: `value` — what stood for the date and is not one; `passed` — when the moment was. */
export interface DateGap {
  value?: string;
  passed?: number;
}

/**
 * The dates a funnel's steps read from events (`event.data.startsAt`, `lastEvent.data.callAt`): each node's settings
 * shaped as an `UntilDate` (a delay's `untilDate`, a wait's `until`), found by shape, not by node type.
 */
export function eventDatePaths(nodes: readonly { data?: unknown }[]): string[] {
  const out = new Set<string>();
  for (const n of nodes)
    for (const v of Object.values((n.data ?? {}) as Record<string, unknown>)) {
      const a = (v as { attribute?: unknown } | null)?.attribute;
      if (typeof a === 'string' && /^(event|lastEvent)\.data\./.test(a)) out.add(a);
    }
  return [...out];
}

/**
 * The dates an event brings that a funnel's steps would read and cannot (`"Nov 28, 7pm"`): such a step does not wait
 * (an empty or past date), so the sender is told. `[path, value]` pairs, the path as the funnel writes it.
 */
export function unreadableEventDates(paths: readonly string[], data: Record<string, unknown> | undefined): [string, unknown][] {
  return paths.flatMap((p): [string, unknown][] => {
    const v = getPath({ data: data ?? {} }, p.replace(/^(event|lastEvent)\./, ''));
    return v !== undefined && v !== null && v !== '' && readDateAttribute(v, 'UTC') === null ? [[p, v]] : [];
  });
}

/**
 * The event values a funnel's texts write through a `money` or date filter (`{{event.data.visitAt | time}}`), found
 * through each node type's `texts`: a message that meets one it cannot write is not sent, so the sender is told.
 */
export function eventFilteredPaths(nodes: Iterable<{ def: NodeDef; data: unknown }>): { path: string; filter: string }[] {
  const out = new Map<string, { path: string; filter: string }>();
  for (const n of nodes)
    for (const t of n.def.texts?.(n.data as never) ?? [])
      for (const v of templateVariables(t.text)) {
        if (!v.valid || (v.root !== 'event' && v.root !== 'lastEvent') || !v.path.startsWith(`${v.root}.data.`)) continue;
        // the first filter that reads the value (a later one reads what it wrote)
        const filter = v.filters.find((f) => f === 'money' || isDateFilter(f));
        if (filter && v.filters[0] === filter) out.set(`${v.path}|${filter}`, { path: v.path, filter });
      }
  return [...out.values()];
}

/** The values an event brings that the funnel's texts would write and cannot (`"завтра" | time`): `[path, filter, value]`. */
export function unwritableEventValues(paths: readonly { path: string; filter: string }[], data: Record<string, unknown> | undefined): [string, string, unknown][] {
  return paths.flatMap(({ path, filter }): [string, string, unknown][] => {
    const v = getPath({ data: data ?? {} }, path.replace(/^(event|lastEvent)\./, ''));
    if (v === undefined || v === null || v === '') return [];
    return (filter === 'money' ? Number.isFinite(amountValue(v)) : isDateValue(v)) ? [] : [[path, filter, v]];
  });
}
