import { create } from 'zustand';
import { compileFunnel, type CompiledFunnel } from '../../../shared/compiler/compileFunnel.ts';
import type { Contact } from '../../../shared/engine/types.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { parseInstant } from '../../../shared/format/time.ts';
import type { Scenario, ScenarioStep } from '../../../shared/format/scenario.ts';
import { pathDivergence, runScenario } from '../../../shared/simulator/runScenario.ts';
import { Simulator } from '../../../shared/simulator/Simulator.ts';
import type { Issue } from '../../../shared/validate/issues.ts';
import { useOverlay } from '../editor/overlay.ts';
import { uiLocale, useLang } from '../i18n/i18n.ts';
import { defaultDraft, draftFromContact, draftStart, draftZone, toContact, type ContactDraft } from './contactDraft.ts';
import { durationBetween } from './isoDuration.ts';

/** A walk in progress: what it started from and the steps performed, plus the simulator they give. */
export interface Session {
  funnelId: string;
  /** The funnel document (JSON) the walk runs on, to tell when the canvas has changed since. */
  source: string;
  compiled: CompiledFunnel;
  contact: Contact;
  start: number;
  steps: ScenarioStep[];
  sim: Simulator;
}

/** What the user asks the simulator to do; "next timer" is recorded as the exact `advance` it made. */
export type Action = ScenarioStep | { nextTimer: true };

interface SimulationState {
  draft: ContactDraft;
  session: Session | null;
  /** Compile issues when Start found the funnel invalid. */
  issues: Issue[] | null;
  /** The last action's problem, in words (e.g. no open task, nothing due). */
  error: string | null;
  /** What the last action did not do, for the user to check (an event nobody was waiting for). */
  notice: { key: string; vars: Record<string, string> } | null;
  /** The saved scenario the walk was opened from, and how it fares against the funnel now. */
  check: ScenarioCheck | null;
  /** Bumped after every change to the (mutable) simulator so that views re-render. */
  rev: number;
  setDraft(d: ContactDraft): void;
  start(funnel: Funnel): void;
  act(a: Action): void;
  stepBack(): void;
  /** Replays the same steps against the funnel as it is now (after edits). */
  restart(funnel: Funnel): void;
  load(funnel: Funnel, s: Scenario): void;
  reset(): void;
}

/** A saved scenario opened in the simulator: its failures (as «run all» gives them) and where its path left the expected one. */
export interface ScenarioCheck {
  name: string;
  failures: string[];
  /** The path entry where the run went elsewhere than the scenario expects: the node it went to, and the one expected there. */
  diverged: { index: number; node: string; expected: string } | null;
  /** The scenario step the walk could not perform (the walk stops before it), 1-based. */
  stoppedAt: number | null;
}

/** Builds a fresh simulator and performs the steps: the walk is deterministic, so this is also "undo". */
export function replay(cf: CompiledFunnel, contact: Contact, start: number, steps: readonly ScenarioStep[]): Simulator {
  const sim = new Simulator(cf, contact, start);
  for (const s of steps) perform(sim, s);
  return sim;
}

function perform(sim: Simulator, s: ScenarioStep): string | null {
  if ('event' in s) sim.event(s.event);
  else if ('advance' in s) sim.advance(s.advance);
  else if ('task' in s) return sim.completeTask(s.task.outcome, useLang.getState().lang, s.task.amount);
  else sim.set(s.set);
  return null;
}

/** The funnel as the engine sees it (node positions left out), to tell when a walk no longer matches the canvas. */
export const funnelKey = (f: Funnel): string => JSON.stringify({ ...f, nodes: f.nodes.map(({ position: _p, ...n }) => n) });

/** Shows the walk on the canvas: the path with times and the node where the run stands. */
export function showOnCanvas(sim: Simulator | null): void {
  if (!sim) return hideFromCanvas();
  const path = sim.log.filter((j) => j.kind === 'entered' && j.node).map((j) => ({ node: j.node!, at: sim.isoTime(j.at) }));
  const run = sim.current;
  useOverlay.getState().setSim(path, run?.status === 'waiting' ? run.at : null, sim.zone);
}

/** Takes the walk off the canvas (leaving analytics, if shown, alone). */
export function hideFromCanvas(): void {
  const o = useOverlay.getState();
  useOverlay.setState({ path: [], current: null, mode: o.stats ? 'stats' : o.mode === 'sim' ? 'none' : o.mode });
}

/** The simulator panel's state: the test contact form and the walk. Lives outside the panel so a tab switch keeps it. */
export const useSimulation = create<SimulationState>((set, get) => {
  const changed = (session: Session | null, error: string | null = null, notice: SimulationState['notice'] = null) => {
    set({ session, error, notice, rev: get().rev + 1 });
    showOnCanvas(session?.sim ?? null);
  };
  return {
    draft: defaultDraft(useLang.getState().lang),
    session: null,
    issues: null,
    error: null,
    notice: null,
    check: null,
    rev: 0,
    setDraft: (draft) => set({ draft }),
    start(funnel) {
      const { draft } = get();
      const r = compileFunnel(funnel, { lang: useLang.getState().lang });
      if (!r.ok) return set({ issues: r.issues, session: null, error: null, check: null });
      set({ check: null });
      const contact = toContact(draft);
      if (!contact.id) return set({ issues: null, error: 'sim.err.contactId' });
      const start = draftStart(draft, draftZone(draft, funnel));
      if (start === null) return set({ issues: null, error: 'sim.err.start' });
      set({ issues: null });
      changed({ funnelId: funnel.id, source: funnelKey(funnel), compiled: r.compiled, contact, start, steps: [], sim: new Simulator(r.compiled, contact, start) });
    },
    act(a) {
      const s = get().session;
      if (!s) return;
      let step: ScenarioStep;
      if ('nextTimer' in a) {
        const before = s.sim.clock;
        if (!s.sim.advanceToNext()) return set({ error: 'sim.err.nothingDue' });
        step = { advance: durationBetween(before, s.sim.clock, s.sim.zone) };
      } else {
        step = a;
        const logged = s.sim.log.length;
        let problem: string | null;
        try {
          problem = perform(s.sim, step);
        } catch (e) {
          // the simulator may be half-way through the step: rebuild it from the steps that worked
          return changed({ ...s, sim: replay(s.compiled, s.contact, s.start, s.steps) }, e instanceof Error ? e.message : String(e));
        }
        if (problem) return changed({ ...s }, problem);
        // an event that moved nothing: no run was waiting for it (type, condition or key differ)
        if ('event' in step && s.sim.log.length === logged) return changed({ ...s, steps: [...s.steps, step] }, null, { key: 'sim.note.ignored', vars: { type: step.event.type } });
      }
      changed({ ...s, steps: [...s.steps, step] });
    },
    stepBack() {
      const s = get().session;
      if (!s || !s.steps.length) return;
      const steps = s.steps.slice(0, -1);
      changed({ ...s, steps, sim: replay(s.compiled, s.contact, s.start, steps) });
    },
    restart(funnel) {
      const s = get().session;
      if (!s) return get().start(funnel);
      const r = compileFunnel(funnel, { lang: useLang.getState().lang });
      if (!r.ok) return set({ issues: r.issues });
      set({ issues: null });
      try {
        changed({ ...s, funnelId: funnel.id, source: funnelKey(funnel), compiled: r.compiled, sim: replay(r.compiled, s.contact, s.start, s.steps) });
      } catch (e) {
        changed({ ...s, funnelId: funnel.id, source: funnelKey(funnel), compiled: r.compiled, steps: [], sim: new Simulator(r.compiled, s.contact, s.start) }, e instanceof Error ? e.message : String(e));
      }
    },
    load(funnel, sc) {
      const lang = useLang.getState().lang;
      const r = compileFunnel(funnel, { lang });
      if (!r.ok) return set({ issues: r.issues, session: null, check: null });
      const contact: Contact = { id: sc.contact.id, attributes: sc.contact.attributes ?? {}, consents: sc.contact.consents ?? {}, segments: sc.contact.segments ?? [] };
      const start = parseInstant(sc.start)!;
      const sim = new Simulator(r.compiled, contact, start);
      // the walk follows the scenario up to the first step it cannot perform, and stops there
      const steps: ScenarioStep[] = [];
      let stoppedAt: number | null = null;
      for (const [i, st] of sc.steps.entries()) {
        if (perform(sim, st)) {
          stoppedAt = i + 1;
          break;
        }
        steps.push(st);
      }
      const { trace } = runScenario(r.compiled, sc, { lang, locale: uiLocale(lang) });
      const want = sc.expect?.path;
      const at = want ? pathDivergence(want, trace.path.map((p) => p.node)) : null;
      const diverged = want && at !== null && at < want.length && at < trace.path.length ? { index: at, node: trace.path[at].node, expected: want[at] } : null;
      set({ issues: null, draft: draftFromContact(contact, sim.isoTime(start).slice(0, 16)), check: { name: sc.name, failures: trace.failures, diverged, stoppedAt } });
      // (the step's problem is among the check's failures, with its number)
      changed({ funnelId: funnel.id, source: funnelKey(funnel), compiled: r.compiled, contact, start, steps, sim });
    },
    reset() {
      set({ issues: null, check: null });
      changed(null);
    },
  };
});
