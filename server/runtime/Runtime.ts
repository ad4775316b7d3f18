import { randomUUID } from 'node:crypto';
import { zoneFor, type CompiledFunnel } from '../../shared/compiler/compileFunnel.ts';
import { EXIT_EVENT } from '../../shared/compiler/machineConfig.ts';
import type { FunnelEvent } from '../../shared/format/funnel.ts';
import { inZone } from '../../shared/format/zones.ts';
import { mayReenter, type Reentry } from '../../shared/engine/reentry.ts';
import { step } from '../../shared/engine/step.ts';
import type { Effect } from '../../shared/engine/types.ts';
import { lateOutcomeGoal } from '../../shared/nodes/handoff.ts';
import { DATE_REACHED, SEGMENT_ENTERED } from '../../shared/nodes/trigger.ts';
import { recordDeal } from './deals.ts';
import { missingKey, unmetCondition } from './ignoredWhy.ts';
import { contactTimerOf, DATE_RUN, LIFECYCLE_RUN, planDateTriggers, refreshLifecycle } from './contactTimers.ts';
import { eventDatePaths, eventFilteredPaths, unreadableEventDates, unwritableEventValues } from '../../shared/nodes/untilDate.ts';
import type { ContactRow, RunRow, Store, TimerRow, Tx } from '../store/types.ts';
import { applyStep, type ContactRef } from './applyStep.ts';
import type { Clock } from './clock.ts';
import { FunnelCache } from './FunnelCache.ts';
import { timeId } from './ids.ts';

/** A problem with the request itself (unknown contact, a task that is not open…): a 4xx. */
export class RuntimeInputError extends Error {
  constructor(readonly status: 404 | 409 | 422, message: string, readonly field?: string) {
    super(message);
  }
}

/** Called in the ingesting transaction for each event seen for the first time (not a duplicate). */
export type OnFresh = (tx: Tx, event: FunnelEvent) => Promise<void>;

export interface IngestResult {
  accepted: number;
  duplicate: number;
  /**
   * Events a keyed run was waiting for but that did not move it because they lack its key
   * (`viewing.done` without `data.listingId`): said, since nothing else would show it. Absent when none.
   */
  ignored?: { id: string; type: string; reason: string }[];
  /** Accepted events with something the sender should know (an `order.paid` whose amount is not one: no order recorded). Absent when none. */
  warnings?: { id: string; type: string; reason: string }[];
}

/** How long ago a payment is history: its life-cycle moves are made quietly (see `ingestIn`). */
const HISTORY_MS = 86_400_000;

/**
 * The I/O shell around the engine core: finds the runs an event concerns and the funnels it
 * starts, steps them, and writes each batch in one transaction (snapshot, timers, outbox, tasks,
 * journal). Timers fire through `fireDue`. Nothing about funnel semantics is decided here.
 */
export class Runtime {
  readonly funnels = new FunnelCache();
  /** Called after a commit that may have created due work (the worker loop wakes up). */
  onWork: () => void = () => {};

  constructor(readonly store: Store, readonly clock: Clock) {}

  private pending: { events: FunnelEvent[]; onFresh?: OnFresh; resolve: (r: IngestResult) => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  /**
   * Ingests events (already parsed). Unknown contacts refuse the whole call. Calls that arrive
   * together are committed together (group commit): one durable transaction for many requests,
   * each inside its own savepoint so one caller's bad input never undoes another's events.
   */
  ingest(events: FunnelEvent[], opts: { onFresh?: OnFresh } = {}): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ events, onFresh: opts.onFresh, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * Takes what is pending as one batch and commits it; the next batch is taken as soon as this one
   * has committed, while its sync to disk is still running, and each caller is answered once the
   * commit that holds its events is durable.
   */
  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch: typeof this.pending = [];
      let size = 0;
      while (this.pending.length && size < 2000) {
        const item = this.pending.shift()!;
        batch.push(item);
        size += item.events.length;
      }
      const settled: (() => void)[] = [];
      let committed!: () => void;
      const commit = new Promise<void>((r) => (committed = r));
      const done = this.store
        .transaction(
          async (tx) => {
            const now = this.clock.now();
            for (const item of batch) {
              try {
                const r = await tx.savepoint(() => this.ingestIn(tx, item.events, now, item.onFresh));
                settled.push(() => item.resolve(r));
              } catch (e) {
                if (!(e instanceof RuntimeInputError)) throw e;
                settled.push(() => item.reject(e));
              }
            }
          },
          { onCommit: () => committed() },
        )
        .then(
          () => settled.forEach((f) => f()),
          (e) => batch.forEach((item) => item.reject(e)),
        )
        .finally(() => {
          committed();
          this.onWork();
        });
      await Promise.race([commit, done]);
    }
    this.flushing = false;
  }

  private async ingestIn(tx: Tx, events: FunnelEvent[], now: number, onFresh?: OnFresh): Promise<IngestResult> {
    const out: IngestResult = { accepted: 0, duplicate: 0 };
    const ignored: NonNullable<IngestResult['ignored']> = [];
    const warnings: NonNullable<IngestResult['warnings']> = [];
    const contacts = new Map((await tx.getContacts([...new Set(events.map((e) => e.contactId!))])).map((c) => [c.id, c]));
    // a batch is taken whole or not at all: every unknown contact is named, and that none of it was taken is said
    const unknown = events.flatMap((e, i) => (contacts.has(e.contactId!) ? [] : [i]));
    if (unknown.length) {
      const named = unknown.slice(0, 10).map((i) => `events.${i}.contactId: no contact "${events[i].contactId}"`);
      if (unknown.length > 10) named.push(`and ${unknown.length - 10} more`);
      const batch = events.length > 1 ? ` — none of the ${events.length} events was accepted; send them again once the contacts exist (or without those events)` : '';
      throw new RuntimeInputError(404, `${named.join('; ')}; create ${unknown.length > 1 ? 'them' : 'it'} first with POST /api/contacts${batch}`, `events.${unknown[0]}.contactId`);
    }
    for (const e of events) {
      const id = e.id ?? randomUUID();
      const at = e.at ? Date.parse(e.at) : now;
      const fresh = await tx.insertEvent({ id, contactId: e.contactId!, type: e.type, data: e.data ?? {}, at, receivedAt: now });
      if (!fresh) {
        out.duplicate++;
        continue;
      }
      out.accepted++;
      const event = { ...e, id };
      await onFresh?.(tx, event);
      const ref: ContactRef = { row: contacts.get(e.contactId!)!, dirty: false };
      await this.deliver(tx, ref, event, now, ignored, warnings);
      // a payment moves the contact in the life-cycle matrix (entering a segment starts its funnels) — one paid over a
      // day ago is history (a shop sending its order history): the segments it passes on the way are no news, and enter nothing
      const moved = e.type === 'order.paid' ? await refreshLifecycle(tx, ref.row, now) : ref.row;
      if (moved !== ref.row) ref.row = await this.saveContact(tx, moved, now, at < now - HISTORY_MS ? undefined : ref.row);
      else if (ref.dirty) await this.saveContact(tx, ref.row, now);
      contacts.set(ref.row.id, ref.row);
    }
    return { ...out, ...(ignored.length ? { ignored } : {}), ...(warnings.length ? { warnings } : {}) };
  }

  /**
   * Delivers one event: to the contact's waiting runs, then to triggers of live funnels; `ignored` collects a keyed run's
   * event that lacks its key, `warnings` what the sender should know about what it did (a goal's amount not read).
   */
  async deliver(tx: Tx, contact: ContactRef, event: FunnelEvent, now: number, ignored?: IngestResult['ignored'], warnings?: IngestResult['warnings']): Promise<void> {
    const moved = new Set<string>(); // funnels in which this event moved a run: a refused start there is no news
    for (const run of await tx.waitingRuns(contact.row.id)) {
      const cf = await this.funnels.get(tx, run.funnelId, run.version);
      if (!(await this.catchUp(tx, cf, run, contact, now))) continue;
      const history = await this.history(tx, cf, run, now);
      const r = step(cf, { snapshot: run.snapshot, event, contact: contact.row, now, history });
      if (r.changed) {
        moved.add(run.funnelId);
        if (warnings) warnings.push(...unreadValues(cf, r.effects, event), ...unreadEventValues(cf, event));
        await applyStep(tx, cf, run, r, contact, now, false);
      } else if (ignored) {
        const why = missingKey(cf, run, event) ?? unmetCondition(cf, run, event);
        if (why) ignored.push({ id: event.id ?? '', type: event.type, reason: why });
      }
    }
    for (const live of await this.funnels.liveVersions(tx)) {
      if (!live.starts.has(event.type)) continue;
      const refused = await this.tryStart(tx, live.cf, live.version, contact, event, now, warnings);
      if (refused && ignored && !moved.has(live.cf.funnel.id)) ignored.push({ id: event.id ?? '', type: event.type, reason: refused });
    }
    // a paused funnel lets no one in: the sender hears it, as of any start refused (the event itself is kept)
    if (ignored)
      for (const p of await this.funnels.pausedVersions(tx))
        if (p.starts.has(event.type) && !moved.has(p.funnelId)) ignored.push({ id: event.id ?? '', type: event.type, reason: `funnel "${p.funnelId}" is paused: its trigger lets no one in until it is resumed` });
  }

  /**
   * Starts a run of `cf` on `event` when its trigger takes it: undefined when it started, why it did not when a live run
   * or the re-entry rule stopped it, null when no trigger of the funnel takes the event.
   */
  private async tryStart(tx: Tx, cf: CompiledFunnel, version: number, contact: ContactRef, event: FunnelEvent, now: number, warnings?: IngestResult['warnings']): Promise<string | null | undefined> {
    const runId = timeId();
    const r = step(cf, { event, contact: contact.row, now, runId });
    if (!r.snapshot) return null;
    const key = r.snapshot.run.key ?? null;
    const trigger = r.journal.find((j) => j.kind === 'entered')!.node!;
    const past = (await tx.contactRuns(contact.row.id, cf.funnel.id)).filter((x) => x.key === key);
    const live = past.find((x) => x.status === 'waiting');
    const of = () => `funnel "${cf.funnel.id}" did not start${key === null ? '' : ` for ${r.snapshot!.run.keyPath} = "${key}"`}`;
    if (live) return `${of()}: the contact is already in it (run ${live.id} is waiting)`; // one live run per contact (and key)
    const zone = zoneFor(cf, contact.row.attributes);
    const reentry = cf.nodes.get(trigger)!.data.reentry as Reentry;
    if (!mayReenter(reentry, past.map((x) => ({ startedAt: x.startedAt, endedAt: x.endedAt ?? undefined })), now, zone)) {
      const last = new Date(Math.max(...past.map((x) => x.startedAt))).toISOString();
      if (typeof reentry === 'object') return `${of()} again: its trigger "${trigger}" lets a contact in again ${reentry.after} after their last start (${last})`;
      return `${of()} again: its trigger "${trigger}" lets a contact in once (reentry "never"), and this contact started it on ${last}`;
    }
    const run: RunRow = { id: runId, funnelId: cf.funnel.id, version, contactId: contact.row.id, key, trigger, status: 'waiting', node: null, snapshot: r.snapshot, startedAt: now, updatedAt: now, endedAt: null };
    if (warnings) warnings.push(...unreadValues(cf, r.effects, event), ...unreadEventValues(cf, event));
    await applyStep(tx, cf, run, r, contact, now, true);
  }

  private async history(tx: Tx, cf: CompiledFunnel, run: RunRow, now: number): Promise<number[] | undefined> {
    if (!cf.funnel.settings?.frequencyCap) return undefined;
    return tx.marketingSends(run.funnelId, run.contactId, now - 400 * 86_400_000, run.id);
  }

  /**
   * Fires one run's timers that are due at or before `now`, in due order (including timers those
   * firings create), so that an event at `now` meets the run where time has brought it — not
   * where a lagging worker left it. Returns whether the run is still waiting.
   */
  private async catchUp(tx: Tx, cf: CompiledFunnel, run: RunRow, contact: ContactRef, now: number, first?: TimerRow): Promise<boolean> {
    // `first` is a timer already known to be due (the worker's batch); firing it tells whether
    // it created another timer that is due by now, so the run's timers are looked up only then
    let check = true;
    if (first) check = (await this.fireTimer(tx, cf, run, first, contact) ?? Infinity) <= now;
    for (let guard = 0; check && guard < 1000 && run.status === 'waiting'; guard++) {
      const due = await tx.dueTimersForRun(run.id, now);
      if (due.length === 0) break;
      for (const t of due) {
        if (run.status !== 'waiting') break;
        await this.fireTimer(tx, cf, run, t, contact);
      }
    }
    return run.status === 'waiting';
  }

  /** Fires one timer of a run; returns the due time of the earliest timer the step created. */
  private async fireTimer(tx: Tx, cf: CompiledFunnel, run: RunRow, t: TimerRow, contact: ContactRef): Promise<number | null> {
    await tx.deleteTimers([t]);
    const at = Math.max(t.dueAt, run.updatedAt);
    const r = step(cf, { snapshot: run.snapshot, event: t.event, contact: contact.row, now: at, history: await this.history(tx, cf, run, at) });
    return r.changed ? applyStep(tx, cf, run, r, contact, at, false) : null;
  }

  /** Fires timers due by the clock, earliest first, in one transaction; returns how many fired. */
  async fireDue(limit = 500): Promise<number> {
    const now = this.clock.now();
    // read inside the (serialised) transaction, so two callers never fire the same timer
    const fired = await this.store.transaction(async (tx) => {
      const due = await tx.dueTimers(now, limit);
      // the batch's runs and contacts in two reads; a run object stays current as its steps apply
      const runs = new Map((await tx.getRuns([...new Set(due.filter((t) => !contactTimerOf(t.runId)).map((t) => t.runId))])).map((r) => [r.id, r]));
      const contactIds = [...new Set([...runs.values()].map((r) => r.contactId))];
      const contacts = new Map<string, ContactRef>((await tx.getContacts(contactIds)).map((c) => [c.id, { row: c, dirty: false }]));
      for (const t of due) {
        const own = contactTimerOf(t.runId);
        if (own) {
          await tx.deleteTimers([t]);
          await this.fireContactTimer(tx, own, t, contacts, now);
          continue;
        }
        const run = runs.get(t.runId);
        if (!run || run.status !== 'waiting') {
          await tx.deleteTimers([t]);
          continue;
        }
        const ref = contacts.get(run.contactId) ?? { row: (await tx.getContact(run.contactId))!, dirty: false };
        contacts.set(run.contactId, ref);
        const cf = await this.funnels.get(tx, run.funnelId, run.version);
        // this timer, then any the run's firings make due by now (a lagging worker catches up in order)
        await this.catchUp(tx, cf, run, ref, now, t);
      }
      for (const ref of contacts.values()) if (ref.dirty) await this.saveContact(tx, ref.row, now);
      return due.length;
    });
    if (fired) this.onWork();
    return fired;
  }

  /** A contact's own timer: a date trigger's moment, or time moving them on in the life-cycle matrix (its segments entered start their funnels). */
  private async fireContactTimer(tx: Tx, own: { kind: 'date' | 'lifecycle'; contactId: string }, t: TimerRow, contacts: Map<string, ContactRef>, now: number) {
    const ref = contacts.get(own.contactId) ?? { row: (await tx.getContact(own.contactId))!, dirty: false };
    if (!ref.row) return;
    contacts.set(own.contactId, ref);
    if (own.kind === 'lifecycle') {
      const moved = await refreshLifecycle(tx, ref.row, now);
      if (moved !== ref.row) Object.assign(ref, { row: await this.saveContact(tx, moved, now, ref.row), dirty: false });
      return;
    }
    const [funnelId, node] = t.timerId.split('\u0000');
    const live = (await this.funnels.liveVersions(tx)).find((l) => l.funnelId === funnelId);
    if (live) await this.tryStart(tx, live.cf, live.version, ref, { type: DATE_REACHED, contactId: own.contactId, data: { trigger: node } }, t.dueAt);
    await this.planDateTriggers(tx, ref.row, t.dueAt + 1);
  }

  /** Plans the contact's next date-trigger moments for every live funnel (after a change or a firing). */
  planDateTriggers(tx: Tx, contact: ContactRow, notBefore: number): Promise<void> {
    return planDateTriggers(tx, this.funnels, contact, notBefore);
  }

  /**
   * Saves a contact, entering new segments (`segment.entered`, when `before` is given) and re-planning
   * date triggers; returns the contact as saved (the steps a segment started may have changed it). It is
   * updated `now` (a step's attribute, a segment moved by a payment or by time): the page and the list say so.
   */
  async saveContact(tx: Tx, changed: ContactRow, now: number, before?: ContactRow | null): Promise<ContactRow> {
    const c = { ...changed, updatedAt: now };
    await tx.upsertContact(c);
    await this.planDateTriggers(tx, c, now);
    const fresh = c.segments.filter((s) => !(before?.segments ?? []).includes(s));
    if (before === undefined) return c;
    const ref: ContactRef = { row: c, dirty: false };
    for (const segment of fresh) {
      // kept with the contact's events, so their page says when they entered it (and what started which funnel)
      const event = { id: randomUUID(), type: SEGMENT_ENTERED, contactId: c.id, data: { segment } };
      await tx.insertEvent({ ...event, at: now, receivedAt: now });
      await this.deliver(tx, ref, event, now);
    }
    if (ref.dirty) await tx.upsertContact(ref.row);
    return ref.row;
  }

  /** Deletes a contact with their runs, timers (date triggers too), messages, tasks, events and orders. */
  async deleteContact(id: string): Promise<boolean> {
    return this.store.transaction(async (tx) => {
      await tx.deleteRunTimers(DATE_RUN(id));
      await tx.deleteRunTimers(LIFECYCLE_RUN(id));
      return tx.deleteContact(id);
    });
  }

  /** Creates or updates a contact (and starts segment triggers for newly entered segments). */
  async upsertContact(c: Omit<ContactRow, 'createdAt' | 'updatedAt'>): Promise<ContactRow> {
    const now = this.clock.now();
    const row = await this.store.transaction(async (tx) => {
      const before = await tx.getContact(c.id);
      const row: ContactRow = { ...c, createdAt: before?.createdAt ?? now, updatedAt: now };
      await this.saveContact(tx, row, now, before);
      return row;
    });
    this.onWork();
    return row;
  }

  /**
   * Completes a hand-off task with an outcome and resumes its run on that branch. The run first
   * catches up with timers already due (an SLA that passed closes the task as overdue first).
   * `amount` is the deal's value, for an outcome that counts as a conversion: its goal's revenue.
   * A task that went overdue takes its outcome once, late: recorded and counted, the run not moved.
   */
  async completeTask(taskId: string, outcome: string, by: string | null, note?: string, amount?: number): Promise<void> {
    const now = this.clock.now();
    await this.store.transaction(async (tx) => {
      const found = await tx.getTask(taskId);
      if (!found) throw new RuntimeInputError(404, `no task "${taskId}"`);
      if (!found.outcomes.some((o) => o.id === outcome))
        throw new RuntimeInputError(422, `outcome: "${outcome}" is not one of ${found.outcomes.map((o) => o.id).join(', ')}`, 'outcome');
      if (amount !== undefined && !found.outcomes.find((o) => o.id === outcome)?.goal) {
        const goals = found.outcomes.filter((o) => o.goal).map((o) => `"${o.id}"`);
        throw new RuntimeInputError(422, `amount: outcome "${outcome}" does not count as a conversion, so it takes no amount${goals.length ? ` (only ${goals.join(', ')} do)` : ''}`, 'amount');
      }
      const run = await tx.getRun(found.runId);
      const ref: ContactRef | null = run ? { row: (await tx.getContact(run.contactId))!, dirty: false } : null;
      const cf = run ? await this.funnels.get(tx, run.funnelId, run.version) : null;
      if (run && cf && ref && run.status === 'waiting') await this.catchUp(tx, cf, run, ref, now);
      const task = (await tx.getTask(taskId))!;
      if (task.status === 'overdue' && task.outcome === null) {
        // a deal closed after the deadline: the run took the «overdue» branch long ago, so the
        // outcome only counts — a conversion outcome is its goal, with the amount as revenue
        await tx.closeTask(taskId, { status: 'overdue', outcome, closedBy: by, lateAt: now, ...(note ? { note } : {}), ...(amount !== undefined ? { amount } : {}) });
        const goal = lateOutcomeGoal(task.outcomes, outcome, task.node, amount);
        if (goal) await tx.insertGoals([{ ...goal, runId: task.runId, funnelId: task.funnelId, contactId: task.contactId, at: now }]);
        return this.settleContact(tx, task.contactId, ref, await recordDeal(tx, task, outcome, amount, cf, now), now);
      }
      if (task.status !== 'open') throw new RuntimeInputError(409, `task "${taskId}" is already ${task.status}${task.status === 'overdue' ? ` and its outcome after the deadline ("${task.outcome}") is recorded` : ''}`);
      await tx.closeTask(taskId, { status: 'done', outcome, closedAt: now, closedBy: by, ...(note ? { note } : {}), ...(amount !== undefined ? { amount } : {}) });
      const paid = await recordDeal(tx, task, outcome, amount, cf, now);
      if (run && cf && ref && run.status === 'waiting') {
        const r = step(cf, { snapshot: run.snapshot, event: { type: 'task.completed', contactId: run.contactId, data: { taskId, outcome, ...(amount !== undefined ? { amount } : {}) } }, contact: ref.row, now });
        if (r.changed) await applyStep(tx, cf, run, r, ref, now, false);
      }
      await this.settleContact(tx, task.contactId, ref, paid, now);
    });
    this.onWork();
  }

  /** After a task's outcome: the contact's changes saved, and a deal's payment moving them in the life-cycle matrix as any payment does. */
  private async settleContact(tx: Tx, contactId: string, ref: ContactRef | null, paid: boolean, now: number): Promise<void> {
    const row = ref?.row ?? (await tx.getContact(contactId));
    if (!row) return;
    const moved = paid ? await refreshLifecycle(tx, row, now) : row;
    if (moved !== row) await this.saveContact(tx, moved, now, row);
    else if (ref?.dirty) await this.saveContact(tx, row, now);
  }

  /**
   * Lets contacts already in `segment` into a live funnel that starts on entering it, as if they had
   * just entered (its trigger's re-entry rule holds; one already in the funnel stays where they are).
   * One transaction for the list given; returns how many started.
   */
  async enrolMembers(funnelId: string, segment: string, contactIds: string[]): Promise<number> {
    const now = this.clock.now();
    const started = await this.store.transaction(async (tx) => {
      const live = (await this.funnels.liveVersions(tx)).find((l) => l.funnelId === funnelId);
      let n = 0;
      for (const row of live ? await tx.getContacts(contactIds) : []) {
        if (!row.segments.includes(segment)) continue; // left it meanwhile
        const ref: ContactRef = { row, dirty: false };
        if ((await this.tryStart(tx, live!.cf, live!.version, ref, { id: randomUUID(), type: SEGMENT_ENTERED, contactId: row.id, data: { segment } }, now)) === undefined) n++;
        if (ref.dirty) await this.saveContact(tx, ref.row, now);
      }
      return n;
    });
    this.onWork();
    return started;
  }

  /** Ends a run at once (status exited), cancelling its timers, open task and pending messages; the journal says who (`by`) and why (`note`). */
  async exitRun(runId: string, who: { by?: string; note?: string } = {}): Promise<RunRow> {
    const now = this.clock.now();
    const out = await this.store.transaction(async (tx) => {
      const run = await tx.getRun(runId);
      if (!run) throw new RuntimeInputError(404, `no run "${runId}"`);
      if (run.status !== 'waiting') throw new RuntimeInputError(409, `run "${runId}" has already ${run.status}`);
      const ref: ContactRef = { row: (await tx.getContact(run.contactId))!, dirty: false };
      const cf = await this.funnels.get(tx, run.funnelId, run.version);
      if (!(await this.catchUp(tx, cf, run, ref, now))) return run;
      const r = step(cf, { snapshot: run.snapshot, event: { type: EXIT_EVENT, contactId: run.contactId, data: who }, contact: ref.row, now });
      if (r.changed) await applyStep(tx, cf, run, r, ref, now, false);
      return run;
    });
    this.onWork();
    return out;
  }
}

/**
 * What the event's step could not read: a goal's amount that was not one (`"много"` — the conversion counts, without
 * revenue), a message's amount or date its filter could not write (`"завтра" | time` — the message was not sent).
 */
function unreadValues(cf: CompiledFunnel, effects: readonly Effect[], event: FunnelEvent): NonNullable<IngestResult['warnings']> {
  const warn = (reason: string) => [{ id: event.id ?? '', type: event.type, reason: `funnel "${cf.funnel.id}", ${reason}` }];
  return effects.flatMap((e) => {
    if (e.kind === 'goal' && e.unread) return warn(`goal "${e.name}" (node ${e.node}): ${e.unread.path} ${JSON.stringify(e.unread.value)} is not an amount — the conversion counts, without revenue`);
    // a contact's value (an event's is said once for the event, by unreadEventValues)
    if (e.kind === 'withhold' && e.unreadable && !/^(event|lastEvent)\./.test(e.unreadable.path)) {
      const u = e.unreadable;
      return warn(`message (node ${e.node}): ${u.path} ${JSON.stringify(u.value)} is not ${u.filter === 'money' ? 'an amount' : 'a date'}, and {{${u.path} | ${u.filter}}} would print it as it is — the message was not sent`);
    }
    return [];
  });
}

/** An ISO date-time as an example, in the funnel's zone: a Moscow funnel's is `2026-11-28T19:00:00+03:00`. */
const dateExample = (zone: string | undefined): string => inZone(Date.UTC(2026, 10, 28, 12), zone ?? 'UTC').set({ hour: 19, minute: 0, second: 0, millisecond: 0 }).toISO({ suppressMilliseconds: true }) ?? '2026-11-28T19:00:00Z';

/** The event dates each compiled funnel's steps read, and the event values its texts write through a filter, worked out once per version. */
const EVENT_READS = new WeakMap<CompiledFunnel, { dates: string[]; written: { path: string; filter: string }[] }>();

/**
 * Values the event brings that the funnel reads and cannot: a date its steps wait for (`"Nov 28, 7pm"` — those steps
 * will not wait), an amount or date its messages write through a filter (`"завтра" | time` — those messages are not
 * sent). The sender is told.
 */
function unreadEventValues(cf: CompiledFunnel, event: FunnelEvent): NonNullable<IngestResult['warnings']> {
  let reads = EVENT_READS.get(cf);
  if (!reads) EVENT_READS.set(cf, (reads = { dates: eventDatePaths(cf.funnel.nodes), written: eventFilteredPaths(cf.nodes.values()) }));
  if (!event.data || (!reads.dates.length && !reads.written.length)) return [];
  const warn = (reason: string) => ({ id: event.id ?? '', type: event.type, reason: `funnel "${cf.funnel.id}" ${reason}` });
  const example = `write it like ${dateExample(cf.funnel.settings?.timezone)}`;
  return [
    ...unreadableEventDates(reads.dates, event.data).map(([path, value]) => warn(`reads ${path} as a date, and ${JSON.stringify(value)} is not one (${example}): the steps waiting for it will not wait`)),
    ...unwritableEventValues(reads.written, event.data).map(([path, filter, value]) =>
      warn(`writes {{${path} | ${filter}}} in its messages, and ${JSON.stringify(value)} is not ${filter === 'money' ? 'an amount (write it as a number, like 4990)' : `a date (${example})`}: the messages that write it will not be sent`),
    ),
  ];
}
