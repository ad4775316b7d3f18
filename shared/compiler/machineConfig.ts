import { edgeExit, type Funnel } from '../format/funnel.ts';
import { templateVariables } from '../engine/template.ts';
import type { ActionRef, CompileHelpers, TransitionConfig } from '../nodes/types.ts';
import type { CheckedNode } from '../validate/validateFunnel.ts';

export const IDLE = '@idle';
export const COMPLETED = '@completed';
export const EXITED = '@exited';
/** Delivered to end a run from outside (the API's "exit run", an operator). */
export const EXIT_EVENT = 'voronka.exit';
export const MACHINE_ID = 'funnel';

/** What the compiler knows besides the config: which state is which node, which timer is whose. */
export interface MachineLayout {
  config: Record<string, any>;
  /** node id → XState state key */
  stateKey: Map<string, string>;
  /** XState state key → node id */
  nodeOf: Map<string, string>;
  /** timer (named delay) → node id */
  timerNode: Map<string, string>;
  /** trigger node id → its correlation key path */
  keyPaths: Map<string, string>;
}

const SAFE_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * Builds the XState machine config for a validated funnel: one flat state per node, plus
 * `@idle` (before a trigger fires), `@completed` and `@exited` (final). Every guard, action and
 * delay is referenced by name with JSON params, so the config is plain JSON.
 */
export function buildMachineConfig(funnel: Funnel, nodes: Map<string, CheckedNode>): MachineLayout {
  const stateKey = new Map<string, string>();
  const nodeOf = new Map<string, string>();
  const taken = new Set<string>([IDLE, COMPLETED, EXITED]);
  funnel.nodes.forEach((n, i) => {
    let key = SAFE_KEY.test(n.id) ? n.id : `node_${i}`;
    while (taken.has(key)) key = `${key}_`;
    taken.add(key);
    stateKey.set(n.id, key);
    nodeOf.set(key, n.id);
  });

  const edges = new Map<string, string>();
  for (const e of funnel.edges) edges.set(`${e.source}\u0000${edgeExit(e)}`, e.target);

  const exitWhen = (funnel.settings?.exitWhen ?? []).map((x) => ({
    event: x.event,
    transition: {
      target: EXITED,
      guard: { type: 'eventWhere', params: clean({ where: x.where }) },
      actions: [{ type: 'exitRun', params: { reason: `exitWhen: ${x.event}` } }],
    } as TransitionConfig,
  }));

  const states: Record<string, any> = {};
  const idleOn: Record<string, TransitionConfig[]> = {};
  const timerNode = new Map<string, string>();
  const keyPaths = new Map<string, string>();

  for (const n of funnel.nodes) {
    const c = nodes.get(n.id);
    if (!c) continue;
    const key = stateKey.get(n.id)!;
    const timerName = `t_${key}`;
    const h: CompileHelpers = {
      exit(exit, extra = [], guard) {
        const to = edges.get(`${n.id}\u0000${exit}`);
        const target = to !== undefined && stateKey.has(to) ? stateKey.get(to)! : COMPLETED;
        return clean({ target, guard, actions: [{ type: 'leave', params: { node: n.id, exit } }, ...extra] });
      },
      hasEdge: (exit) => edges.has(`${n.id}\u0000${exit}`),
      end: (reason) => ({ target: COMPLETED, actions: [{ type: 'finish', params: clean({ node: n.id, reason }) }] }),
      timerName,
      eventGuard: (where, keyed) => ({ type: 'eventWhere', params: clean({ where, keyed: keyed || undefined }) }),
      nodeGuard: (name, arg) => ({ type: 'nodeGuard', params: clean({ node: n.id, name, arg }) }),
    };
    const frag = c.def.compile(c.data, h, n);
    if (frag.after) for (const t of Object.keys(frag.after)) timerNode.set(t, n.id);
    const on = { ...(frag.on ?? {}) };
    // exitWhen wins over the node's own listener for the same event
    for (const x of exitWhen) if (on[x.event]) on[x.event] = [x.transition, ...on[x.event]];
    // a title that reads the latest event is written down when the run enters (a later event must not change it)
    const title = c.def.title?.(c.data);
    const frozen = title && templateVariables(title).some((v) => v.root === 'lastEvent') ? title : undefined;
    states[key] = clean({
      entry: [{ type: 'enter', params: clean({ node: n.id, title: frozen }) } as ActionRef, ...(frag.entry ?? [])],
      on: Object.keys(on).length ? on : undefined,
      after: frag.after,
      always: frag.always,
    });
    const start = c.def.startsOn?.(c.data, n.id);
    if (start) {
      (idleOn[start.event] ??= []).push(clean({ target: key, guard: { type: 'eventWhere', params: clean({ where: start.where }) }, actions: [] }));
      if (start.key) keyPaths.set(n.id, start.key);
    }
  }
  states[IDLE] = { on: idleOn };
  states[COMPLETED] = { type: 'final' };
  states[EXITED] = { type: 'final' };

  const rootOn: Record<string, TransitionConfig[]> = {
    [EXIT_EVENT]: [{ target: `.${EXITED}`, actions: [{ type: 'exitRun', params: { reason: 'exited by an operator' } }] }],
  };
  for (const x of exitWhen) (rootOn[x.event] ??= []).push({ ...x.transition, target: `.${EXITED}` });

  const config = { id: MACHINE_ID, initial: IDLE, context: {}, states, on: rootOn };
  return { config, stateKey, nodeOf, timerNode, keyPaths };
}

/** Drops undefined fields so the config prints as clean JSON. */
function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
