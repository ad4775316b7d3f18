import { COMPLETED, EXITED, IDLE } from '../compiler/machineConfig.ts';
import { zoneFor, type CompiledFunnel } from '../compiler/compileFunnel.ts';
import { getPath } from './template.ts';
import { ACTION_HANDLERS, runTemplateData, type StepOutput } from './effects.ts';
import type { Effect, JournalEntry, MachineSnapshot, PersistedRun, RunState, RunStatus, StepInput, StepResult } from './types.ts';

type Snap = any;

/** Restores XState snapshots per state key once: the machine's context is always empty. */
const restoreCache = new WeakMap<CompiledFunnel, Map<string, Snap>>();
const persistCache = new WeakMap<CompiledFunnel, Map<string, MachineSnapshot>>();

function restore(cf: CompiledFunnel, m: MachineSnapshot): Snap {
  let cache = restoreCache.get(cf);
  if (!cache) restoreCache.set(cf, (cache = new Map()));
  const key = `${m.status}:${m.value}`;
  let s = cache.get(key);
  if (!s) {
    s = cf.machine.resolveState({ value: m.value, context: {} } as any);
    if (m.status === 'done') s = { ...s, status: 'done' };
    cache.set(key, s);
  }
  return s;
}

function persist(cf: CompiledFunnel, s: Snap): MachineSnapshot {
  let cache = persistCache.get(cf);
  if (!cache) persistCache.set(cf, (cache = new Map()));
  const key = `${s.status}:${s.value}`;
  let p = cache.get(key);
  if (!p) {
    p = cf.machine.getPersistedSnapshot(s) as MachineSnapshot;
    cache.set(key, p);
  }
  return p;
}

function initial(cf: CompiledFunnel): Snap {
  return restore(cf, { status: 'active', value: IDLE, context: {}, children: {}, historyValue: {} });
}

/** Events the engine and runtime make themselves (timers, a date reached, an exit from outside). */
const INTERNAL_EVENT = /^(xstate|voronka)\./;

const statusOf = (s: Snap): RunStatus => (s.status !== 'done' ? 'waiting' : s.value === EXITED ? 'exited' : 'completed');

/**
 * One step in progress: what the machine's actions produce (effects, journal) and how they are
 * taken in. A class, not closures made per step, so stepping allocates no functions.
 */
class Stepping implements StepOutput {
  effects: Effect[] = [];
  journal: JournalEntry[] = [];
  private scheduled = new Map<string, Effect & { kind: 'schedule' }>();
  private templateData: Record<string, unknown> | null = null;
  constructor(
    private cf: CompiledFunnel,
    public env: StepOutput['env'],
    private starting: boolean,
    public from: string | null,
    public history: readonly number[],
  ) {}

  note(kind: JournalEntry['kind'], node: string | undefined, extra?: Partial<JournalEntry>): void {
    this.journal.push({ at: this.env.now, kind, ...(node !== undefined ? { node } : {}), ...extra });
  }

  contactChanged(): void {
    this.templateData = null;
  }

  data(extra?: Record<string, unknown>): Record<string, unknown> {
    const base = (this.templateData ??= runTemplateData(this.env.contact, this.env.run, this.cf.funnel));
    return extra ? { ...base, ...extra } : base;
  }

  onAction(a: { type: string; params?: any }): void {
    const { cf, env } = this;
    if (a.type === 'xstate.raise') {
      if (a.params?.delay === undefined) return; // already applied inside the transition
      const timerId = String(a.params.id ?? a.params.event.type);
      const delayName = String(a.params.event.type).split('.')[2];
      const node = cf.timerNode.get(delayName) ?? '';
      const eff = { kind: 'schedule' as const, timerId, event: { type: a.params.event.type }, dueAt: env.now + Number(a.params.delay), node };
      this.scheduled.set(timerId, eff);
      this.effects.push(eff);
      return;
    }
    if (a.type === 'xstate.cancel') {
      const id = String(a.params?.sendId);
      const own = this.scheduled.get(id);
      if (own) {
        this.effects.splice(this.effects.indexOf(own), 1);
        this.scheduled.delete(id);
      } else this.effects.push({ kind: 'cancel', timerId: id });
      return;
    }
    const run = env.run;
    if (a.type === 'enter' && this.starting && run.keyPath === undefined && cf.keyPaths.has(a.params.node)) {
      run.keyPath = cf.keyPaths.get(a.params.node)!;
      const k = getPath(env.event, run.keyPath);
      run.key = k === undefined || k === null ? null : String(k);
      this.templateData = null;
    }
    // leaving not by its own timer, a node whose type says why may add it (a date step that did not wait); other
    // types cost one lookup
    const c = a.type === 'leave' ? cf.nodes.get(a.params.node) : undefined;
    if (c?.def.leftNote) {
      const timer = env.event.type.startsWith('xstate.after.') ? cf.timerNode.get(env.event.type.split('.')[2]) : undefined;
      const note = timer !== c.node.id ? c.def.leftNote(c.data as never, env, a.params.exit) : undefined;
      if (note) return ACTION_HANDLERS.leave(this, { ...a.params, note });
    }
    ACTION_HANDLERS[a.type]?.(this, a.params);
  }
}

/**
 * The engine core: one event for one run. Pure — no clock, no randomness, no I/O. Given the
 * compiled funnel, the run's persisted snapshot (none to try to start a run), the event, the
 * contact and `now`, returns the next persisted snapshot, the effects to perform and the journal.
 *
 * Timers are returned as `schedule` / `cancel` effects with absolute due times (XState's own
 * delayed events are read from the transition and never left to its scheduler). A timer's event
 * is delivered back through `step` when it is due.
 *
 * @example
 * const r = step(compiled, { event: { type: 'lead.created' }, contact, now, runId: 'r1' });
 * // r.snapshot → store it; r.effects → schedule timers, send messages, create tasks…
 */
export function step(cf: CompiledFunnel, input: StepInput): StepResult {
  const { event, now } = input;
  const starting = !input.snapshot;
  if (input.snapshot?.machine.status === 'done') return unchanged(cf, input.snapshot);
  const prev = starting ? initial(cf) : restore(cf, input.snapshot!.machine);
  const run: RunState = starting
    ? { id: input.runId ?? `${cf.funnel.id}:${input.contact.id}:${now}`, funnelId: cf.funnel.id, contactId: input.contact.id, startedAt: now, startEvent: event, seq: 0, task: null, sent: [] }
    : { ...input.snapshot!.run, sent: [...input.snapshot!.run.sent] };
  // an outside event is `lastEvent` for the whole step it causes (kept only if the step changes the run)
  if (!starting && !INTERNAL_EVENT.test(event.type)) run.lastEvent = event;

  const env = { now, zone: zoneFor(cf, input.contact.attributes), contact: input.contact, run, event, settings: cf.funnel.settings ?? {}, funnelId: cf.funnel.id };
  const out = new Stepping(cf, env, starting, starting ? null : (cf.nodeOf.get(prev.value) ?? null), input.history ?? []);
  cf.live.current = out;
  let next: Snap;
  try {
    next = cf.machine.transition(prev, event, cf.scope);
  } finally {
    cf.live.current = null;
  }

  if (next === prev) return starting ? notStarted() : unchanged(cf, input.snapshot!);
  if (starting && !cf.stateKey.has(firstEntered(out) ?? '')) return notStarted();

  const status = statusOf(next);
  if (status !== 'waiting') {
    out.effects.push({ kind: 'end', status, ...(status === 'exited' ? { reason: lastReason(out) } : {}) });
    out.note('ended', undefined, { reason: status });
  }
  return {
    snapshot: { machine: persist(cf, next), run },
    changed: true,
    status,
    at: status === 'waiting' ? (cf.nodeOf.get(next.value) ?? null) : null,
    effects: out.effects,
    journal: out.journal,
  };
}

const firstEntered = (o: StepOutput) => o.journal.find((j) => j.kind === 'entered')?.node;
const lastReason = (o: StepOutput) => [...o.journal].reverse().find((j) => j.reason)?.reason;

function notStarted(): StepResult {
  return { snapshot: null, changed: false, status: 'completed', at: null, effects: [], journal: [] };
}

function unchanged(cf: CompiledFunnel, snapshot: PersistedRun): StepResult {
  const m = snapshot.machine;
  const status: RunStatus = m.status !== 'done' ? 'waiting' : m.value === EXITED ? 'exited' : 'completed';
  return { snapshot, changed: false, status, at: status === 'waiting' ? (cf.nodeOf.get(m.value) ?? null) : null, effects: [], journal: [] };
}

/** The node ids a run stands at / the final states, for callers that inspect snapshots. */
export const FINAL_STATES = { COMPLETED, EXITED } as const;
