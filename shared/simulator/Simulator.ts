import type { Lang } from '../validate/i18n.ts';
import { DateTime } from 'luxon';
import { zoneFor, type CompiledFunnel } from '../compiler/compileFunnel.ts';
import type { FunnelEvent } from '../format/funnel.ts';
import { addIsoDuration, parseDuration } from '../format/duration.ts';
import { applyContactUpdate, pointsOf } from '../format/contactUpdate.ts';
import { resolveDateSpec } from '../format/time.ts';
import { step } from '../engine/step.ts';
import { mayReenter, type PastRun } from '../engine/reentry.ts';
import { DATE_REACHED } from '../nodes/trigger.ts';
import { NOT_SENT, type Contact, type Effect, type JournalEntry, type PersistedRun, type RunStatus, type StepResult } from '../engine/types.ts';

export interface SimRun {
  id: string;
  snapshot: PersistedRun;
  status: RunStatus;
  at: string | null;
  startedAt: number;
  endedAt?: number;
  key: string | null;
}
export interface SimMessage {
  runId: string;
  id: string;
  node: string;
  channel: string;
  subject?: string;
  body: string;
  marketing: boolean;
  at: number;
  /** Variables that filled in as nothing: the contact would read a gap. */
  empty?: string[];
}
export interface SimTask {
  id: string;
  runId: string;
  node: string;
  title: string;
  description?: string;
  assignee: { role?: string; user?: string };
  outcomes: { id: string; label: string; goal?: boolean }[];
  status: 'open' | 'done' | 'overdue' | 'cancelled';
  outcome?: string;
  createdAt: number;
  dueAt?: number;
  /** Variables of its title or description that filled in as nothing. */
  empty?: string[];
}
interface SimTimer {
  runId: string;
  timerId: string;
  event: { type: string };
  dueAt: number;
  seq: number;
}
/** Anything that happened, in order: for timelines. */
export interface SimLogEntry extends JournalEntry {
  runId: string;
  /** Which step of the walk wrote it (its entries share the step's cause: the event or timer that moved the run). */
  step: number;
}

/**
 * One contact in one funnel on a virtual clock, with an in-memory store: the same engine core
 * the server runs (`step`), so what QA sees is what production does. Deterministic: the same
 * inputs give the same trace.
 */
export class Simulator {
  clock: number;
  contact: Contact;
  readonly runs: SimRun[] = [];
  readonly messages: SimMessage[] = [];
  readonly pending: SimMessage[] = [];
  /**
   * Messages not sent (`reason`: one of `NOT_SENT`), as written: held back and then withdrawn (the contact converted
   * first, the run was exited), or withheld at their step (no consent, a value a filter could not write).
   */
  readonly withdrawn: (SimMessage & { reason: string })[] = [];
  readonly tasks: SimTask[] = [];
  readonly log: SimLogEntry[] = [];
  readonly goals: { runId: string; node: string; name: string; value?: number; foreign?: { amount: number; currency: string }; unread?: { path: string; value: string }; at: number }[] = [];
  readonly webhooks: (Effect & { kind: 'webhook' })[] = [];
  /** What action nodes did to the contact (attributes set, tags added or removed), for the timeline. */
  readonly updates: { runId: string; node: string; at: number; set?: Record<string, string>; add?: Record<string, { by: number; now: number }>; addTags?: string[]; removeTags?: string[] }[] = [];
  private timers: SimTimer[] = [];
  private dateTriggers = new Map<string, number>();
  private seq = 0;

  constructor(readonly cf: CompiledFunnel, contact: Contact, start: number) {
    this.clock = start;
    this.contact = structuredClone(contact);
    this.planDateTriggers();
  }

  get zone(): string {
    return zoneFor(this.cf, this.contact.attributes);
  }

  /** The run the scenario is about: the latest one. */
  get current(): SimRun | undefined {
    return this.runs[this.runs.length - 1];
  }

  /** Delivers an event for the contact at the current virtual time. */
  event(e: Omit<FunnelEvent, 'contactId'>): void {
    this.deliver({ ...e, contactId: this.contact.id });
    this.drainDue(this.clock);
  }

  /** Moves the clock forward, firing every timer (and postponed message) due on the way, in due order. */
  advance(duration: string): void {
    const d = parseDuration(duration);
    if (!d || d.sign < 0) throw new Error(`cannot advance by "${duration}"`);
    const target = addIsoDuration(this.clock, duration, this.zone);
    this.drainDue(target);
    this.clock = target;
  }

  /** Moves the clock to the next due timer (or postponed message) and fires it; false when none. */
  advanceToNext(): boolean {
    const due = this.nextDue();
    if (due === null) return false;
    this.drainDue(due);
    return true;
  }

  /**
   * Completes the oldest open hand-off task of the current run with `outcome` (and the deal's
   * `amount` for an outcome that counts as a conversion); returns why it cannot, in `lang`.
   */
  completeTask(outcome: string, lang: Lang = 'en', amount?: number): string | null {
    const run = this.current;
    const task = this.tasks.find((t) => t.status === 'open' && t.runId === run?.id);
    if (!task || !run) return lang === 'ru' ? 'нет открытой задачи, которую можно завершить' : 'there is no open task to complete';
    // each outcome by its button's words too: the marketer knows «Записан», maybe not `zapisan`
    const has = task.outcomes.map((o) => (o.label && o.label !== o.id ? (lang === 'ru' ? `«${o.label}» (${o.id})` : `"${o.label}" (${o.id})`) : o.id)).join(', ');
    if (!task.outcomes.some((o) => o.id === outcome))
      return lang === 'ru' ? `у задачи «${task.title || task.node}» (${task.node}) нет исхода «${outcome}» (есть: ${has})` : `task "${task.title || task.node}" (${task.node}) has no outcome "${outcome}" (it has ${has})`;
    if (amount !== undefined && !task.outcomes.find((o) => o.id === outcome)?.goal)
      return lang === 'ru' ? `исход «${outcome}» не считается конверсией, у него не бывает суммы` : `outcome "${outcome}" does not count as a conversion, so it takes no amount`;
    task.status = 'done';
    task.outcome = outcome;
    this.deliver({ type: 'task.completed', contactId: this.contact.id, data: { taskId: task.id, outcome, ...(amount !== undefined ? { amount } : {}) } });
    this.drainDue(this.clock);
    return null;
  }

  /** Changes contact attributes (date triggers are planned again). */
  set(attributes: Record<string, unknown>): void {
    this.contact = { ...this.contact, attributes: { ...this.contact.attributes, ...attributes } };
    this.planDateTriggers();
    this.drainDue(this.clock);
  }

  /** The next moment something is due, or null. */
  nextDue(): number | null {
    const all = [...this.timers.map((t) => t.dueAt), ...this.pending.map((m) => m.at), ...this.dateTriggers.values()];
    return all.length ? Math.min(...all) : null;
  }

  /** Event types the current run listens for right now (for "send event" buttons). */
  listening(): string[] {
    const run = this.current;
    if (!run || run.status !== 'waiting') return [];
    const key = this.cf.stateKey.get(run.at ?? '');
    const state = key ? this.cf.config.states[key] : undefined;
    return Object.keys(state?.on ?? {}).concat(Object.keys(this.cf.config.on ?? {})).filter((t, i, a) => a.indexOf(t) === i && t !== 'voronka.exit');
  }

  isoTime(ms: number): string {
    return DateTime.fromMillis(ms, { zone: this.zone }).toISO({ suppressMilliseconds: true })!;
  }

  private drainDue(until: number): void {
    for (let guard = 0; guard < 100_000; guard++) {
      const msg = this.pending.filter((m) => m.at <= until).sort((a, b) => a.at - b.at)[0];
      const timer = this.timers.filter((t) => t.dueAt <= until).sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq)[0];
      const date = [...this.dateTriggers].filter(([, at]) => at <= until).sort((a, b) => a[1] - b[1])[0];
      const candidates = [msg && { at: msg.at, kind: 0 }, date && { at: date[1], kind: 1 }, timer && { at: timer.dueAt, kind: 2 }].filter(Boolean) as { at: number; kind: number }[];
      if (!candidates.length) return;
      const next = candidates.sort((a, b) => a.at - b.at || a.kind - b.kind)[0];
      this.clock = Math.max(this.clock, next.at);
      if (next.kind === 0) {
        this.pending.splice(this.pending.indexOf(msg!), 1);
        this.messages.push(msg!);
      } else if (next.kind === 1) {
        this.fireDateTrigger(date![0]);
      } else {
        this.timers.splice(this.timers.indexOf(timer!), 1);
        const run = this.runs.find((r) => r.id === timer!.runId);
        if (run && run.status === 'waiting') this.apply(run, step(this.cf, { snapshot: run.snapshot, event: timer!.event, contact: this.contact, now: this.clock, history: this.history(run.id) }));
      }
    }
    throw new Error('the simulation did not settle: too many timers fire at once');
  }

  private fireDateTrigger(nodeId: string): void {
    const at = this.dateTriggers.get(nodeId)!;
    this.dateTriggers.delete(nodeId);
    this.deliver({ type: DATE_REACHED, contactId: this.contact.id, data: { trigger: nodeId } });
    const c = this.cf.nodes.get(nodeId)!;
    const spec = c.def.startsOnDate?.(c.data);
    if (spec?.every === 'year') {
      const nextAt = resolveDateSpec(spec, this.contact.attributes, this.zone, at + 1);
      if (nextAt !== null) this.dateTriggers.set(nodeId, nextAt);
    }
  }

  private planDateTriggers(): void {
    this.dateTriggers.clear();
    for (const [id, c] of this.cf.nodes) {
      const spec = c.def.startsOnDate?.(c.data);
      if (!spec) continue;
      const at = resolveDateSpec(spec, this.contact.attributes, this.zone, this.clock);
      if (at !== null && at >= this.clock) this.dateTriggers.set(id, at);
    }
  }

  /** Marketing send times of this funnel to the contact from runs other than `runId` (for the cap). */
  private history(runId?: string): number[] {
    return this.messages.concat(this.pending).filter((m) => m.marketing && m.runId !== runId).map((m) => m.at);
  }

  private deliver(e: FunnelEvent): void {
    const active = this.runs.filter((r) => r.status === 'waiting');
    for (const run of active)
      this.apply(run, step(this.cf, { snapshot: run.snapshot, event: e, contact: this.contact, now: this.clock, history: this.history(run.id) }));
    const runId = `run-${this.runs.length + 1}`;
    const r = step(this.cf, { event: e, contact: this.contact, now: this.clock, runId, history: this.history() });
    if (!r.snapshot) return;
    const key = r.snapshot.run.key ?? null;
    if (this.runs.some((x) => x.status === 'waiting' && x.key === key)) return; // one live run per key
    const trigger = r.journal.find((j) => j.kind === 'entered')!.node!;
    const past: PastRun[] = this.runs.filter((x) => x.key === key).map((x) => ({ startedAt: x.startedAt, endedAt: x.endedAt }));
    if (!mayReenter(this.cf.nodes.get(trigger)!.data.reentry, past, this.clock, this.zone)) return;
    const run: SimRun = { id: runId, snapshot: r.snapshot, status: r.status, at: r.at, startedAt: this.clock, key };
    this.runs.push(run);
    this.apply(run, r);
  }

  private apply(run: SimRun, r: StepResult): void {
    if (!r.changed || !r.snapshot) return;
    run.snapshot = r.snapshot;
    run.status = r.status;
    run.at = r.at;
    const stepNo = (this.log.at(-1)?.step ?? 0) + 1;
    for (const j of r.journal) this.log.push({ ...j, runId: run.id, step: stepNo });
    for (const e of r.effects) this.perform(run, e);
  }

  /** A held-back message that will not go out. */
  private drop(m: SimMessage, reason: string): void {
    this.pending.splice(this.pending.indexOf(m), 1);
    this.withdrawn.push({ ...m, reason });
  }

  private perform(run: SimRun, e: Effect): void {
    switch (e.kind) {
      case 'schedule':
        this.timers = this.timers.filter((t) => !(t.runId === run.id && t.timerId === e.timerId));
        this.timers.push({ runId: run.id, timerId: e.timerId, event: e.event, dueAt: e.dueAt, seq: this.seq++ });
        break;
      case 'cancel':
        this.timers = this.timers.filter((t) => !(t.runId === run.id && t.timerId === e.timerId));
        break;
      case 'send': {
        const m: SimMessage = { runId: run.id, id: e.id, node: e.node, channel: e.channel, subject: e.subject, body: e.body, marketing: e.marketing, at: e.at, ...(e.empty ? { empty: e.empty } : {}) };
        if (e.at <= this.clock) this.messages.push(m);
        else this.pending.push(m);
        break;
      }
      case 'withhold':
        // not sent, kept as written: the timeline shows what would have gone, and why it did not
        this.withdrawn.push({ runId: run.id, id: e.id, node: e.node, channel: e.channel, subject: e.subject, body: e.body, marketing: e.marketing, at: this.clock, reason: e.reason });
        break;
      case 'createTask':
        this.tasks.push({ id: e.taskId, runId: run.id, node: e.node, title: e.title, description: e.description, assignee: e.assignee, outcomes: e.outcomes, status: 'open', createdAt: this.clock, dueAt: e.dueAt, ...(e.empty ? { empty: e.empty } : {}) });
        break;
      case 'closeTask': {
        const t = this.tasks.find((x) => x.id === e.taskId);
        if (t) {
          t.status = e.status;
          if (e.outcome) t.outcome = e.outcome;
        }
        break;
      }
      case 'updateContact': {
        this.contact = { ...this.contact, ...applyContactUpdate(this.contact.attributes, this.contact.tags, e) };
        // points with the score they made, for the timeline («score +10 → 35»)
        const scored = e.add && Object.fromEntries(Object.entries(e.add).map(([k, n]) => [k, { by: n, now: pointsOf(this.contact.attributes[k]) }]));
        this.updates.push({ runId: run.id, node: e.node, at: this.clock, ...(e.set ? { set: e.set } : {}), ...(scored ? { add: scored } : {}), ...(e.addTags ? { addTags: e.addTags } : {}), ...(e.removeTags ? { removeTags: e.removeTags } : {}) });
        break;
      }
      case 'goal':
        this.goals.push({ runId: run.id, node: e.node, name: e.name, value: e.value, ...(e.foreign ? { foreign: e.foreign } : {}), ...(e.unread ? { unread: e.unread } : {}), at: this.clock });
        break;
      case 'webhook':
        this.webhooks.push(e);
        break;
      case 'withdraw':
        for (const m of this.pending.filter((x) => x.runId === run.id && x.node === e.node)) this.drop(m, NOT_SENT.converted);
        break;
      case 'end':
        run.endedAt = this.clock;
        // a run that was exited takes its postponed messages with it (the contact asked to stop)
        if (e.status === 'exited') for (const m of this.pending.filter((p) => p.runId === run.id)) this.drop(m, NOT_SENT.exited);
        this.timers = this.timers.filter((t) => t.runId !== run.id);
        break;
    }
  }
}
