import type { Lang } from '../validate/i18n.ts';
import { createActor, setup, type AnyStateMachine } from 'xstate';
import type { Funnel } from '../format/funnel.ts';
import { resolveZone } from '../format/time.ts';
import { holds } from '../engine/conditions.ts';
import { getPath } from '../engine/template.ts';
import type { StepEnv, WorkspaceFacts } from '../nodes/types.ts';
import { hasErrors, type Issue } from '../validate/issues.ts';
import { validateFunnel, type CheckedNode } from '../validate/validateFunnel.ts';
import { buildMachineConfig, type MachineLayout } from './machineConfig.ts';

/** The engine's view of a step in progress, read by guards and delays inside XState. */
export interface LiveStep {
  env: StepEnv;
  /** Receives each action XState resolves, in order, while the transition runs. */
  onAction(action: { type: string; params?: any }): void;
}

export interface CompiledFunnel extends MachineLayout {
  funnel: Funnel;
  nodes: Map<string, CheckedNode>;
  machine: AnyStateMachine;
  issues: Issue[];
  /** @internal The step in progress (set by the engine around each transition). */
  live: { current: LiveStep | null };
  /** @internal A reusable inert actor scope: XState's `transition()` builds one per call. */
  scope: any;
}

/** The JSON Logic data: `{ contact, event, lastEvent, segments, run }` (contact = attributes + id). */
export function logicData(env: StepEnv, event: unknown) {
  // a step tests several guards over the same contact, event and run: the data is built once (a
  // contact changed by an action is a new object, so it is built again then)
  const last = lastLogic;
  if (last && last.contact === env.contact && last.event === event && last.run === env.run && last.key === env.run.key) return last.data;
  const data = buildLogicData(env, event);
  lastLogic = { contact: env.contact, event, run: env.run, key: env.run.key, data };
  return data;
}
let lastLogic: { contact: unknown; event: unknown; run: unknown; key: unknown; data: ReturnType<typeof buildLogicData> } | null = null;

function buildLogicData(env: StepEnv, event: unknown) {
  const c = env.contact;
  return {
    contact: { ...c.attributes, id: c.id, tags: c.tags ?? [] },
    event,
    lastEvent: env.run.lastEvent ?? env.run.startEvent,
    segments: c.segments ?? [],
    run: { id: env.run.id, funnelId: env.run.funnelId, startedAt: env.run.startedAt, key: env.run.key ?? null },
  };
}

/**
 * Compiles a funnel into an XState v5 machine (built with `setup()`: named guards, actions and
 * delays). Returns the validation issues instead when the funnel has errors (their messages in
 * `lang`, English by default).
 *
 * @example
 * const r = compileFunnel(JSON.parse(text));
 * if (r.ok) step(r.compiled, { event, contact, now, runId });
 */
export function compileFunnel(input: unknown, opts: { lang?: Lang; workspace?: WorkspaceFacts } = {}): { ok: true; compiled: CompiledFunnel } | { ok: false; issues: Issue[] } {
  const v = validateFunnel(input, opts);
  if (!v.funnel || hasErrors(v.issues)) return { ok: false, issues: v.issues };
  const funnel = v.funnel;
  const layout = buildMachineConfig(funnel, v.nodes);
  const live: { current: LiveStep | null } = { current: null };
  const env = (): StepEnv => {
    if (!live.current) throw new Error('a funnel machine was stepped outside the engine');
    return live.current.env;
  };

  const delays: Record<string, () => number> = {};
  for (const [timer, nodeId] of layout.timerNode) {
    const c = v.nodes.get(nodeId)!;
    delays[timer] = () => Math.max(0, c.def.timer?.(c.data, env()) ?? 0);
  }
  const noop = () => {};
  const machine = setup({
    guards: {
      /** The event matches `where` (JSON Logic) and, when `keyed`, the run's correlation key. */
      eventWhere: ({ event }, p: { where?: unknown; keyed?: boolean }) => {
        const e = env();
        if (p.keyed && e.run.keyPath) {
          const k = getPath(event, e.run.keyPath);
          if (k === undefined || String(k) !== e.run.key) return false;
        }
        return p.where === undefined || holds(p.where, logicData(e, event));
      },
      /** A branch rule over the contact, the run's start event and its latest event. */
      rule: (_, p: { when: unknown }) => {
        const e = env();
        return holds(p.when, logicData(e, e.run.startEvent));
      },
      /** The completed task is this run's open task and the outcome is this one. */
      taskOutcome: ({ event }, p: { outcome: string }) => {
        const d = (event as { data?: { taskId?: unknown; outcome?: unknown } }).data;
        const t = env().run.task;
        return !!t && d?.taskId === t.id && d?.outcome === p.outcome;
      },
      /** A node type's own guard (split variants, a missing date). */
      nodeGuard: (_, p: { node: string; name: string; arg?: unknown }) => {
        const c = v.nodes.get(p.node)!;
        return c.def.guards![p.name](c.data, env(), p.arg, p.node);
      },
    },
    // Custom actions are not run by XState: the engine receives them and turns them into effects.
    actions: { enter: noop, leave: noop, send: noop, convert: noop, task: noop, closeTask: noop, goal: noop, setAttrs: noop, tags: noop, webhook: noop, finish: noop, exitRun: noop },
    delays,
  }).createMachine(layout.config as any);
  // a bug that loops at one instant fails the step (rolled back) instead of hanging the process
  (machine.options as { maxIterations?: number }).maxIterations = 10_000;

  const self = createActor(machine);
  const scope = {
    self,
    defer: noop,
    id: '',
    logger: noop,
    sessionId: '',
    stopChild: noop,
    system: self.system,
    emit: noop,
    actionExecutor: (a: { type: string; params?: any }) => live.current?.onAction(a),
  };
  return { ok: true, compiled: { ...layout, funnel, nodes: v.nodes, machine, issues: v.issues, live, scope } };
}

/** The contact's zone for this funnel. */
export const zoneFor = (cf: CompiledFunnel, attributes: Record<string, unknown>): string =>
  resolveZone(attributes.timezone, cf.funnel.settings?.timezone);
