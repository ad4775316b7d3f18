import { compileFunnel, type CompiledFunnel } from '../../shared/compiler/compileFunnel.ts';
import { step } from '../../shared/engine/step.ts';
import type { Contact, PersistedRun, StepResult } from '../../shared/engine/types.ts';
import type { FunnelEvent } from '../../shared/format/funnel.ts';
import { Simulator } from '../../shared/simulator/Simulator.ts';

/** Monday 2026-03-02, 09:00 in Moscow (06:00 UTC). */
export const T0 = Date.parse('2026-03-02T09:00:00+03:00');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface TestNode {
  id: string;
  type: string;
  data?: Record<string, unknown>;
}
export interface TestEdge {
  id: string;
  source: string;
  exit?: string;
  target: string;
}

/** A funnel@1 object with id "f" and name "test". */
export function funnel(nodes: TestNode[], edges: TestEdge[], settings?: Record<string, unknown>) {
  return {
    format: 'voronka/funnel@1',
    id: 'f',
    name: 'test',
    ...(settings ? { settings } : {}),
    nodes,
    edges,
  };
}

export const node = (id: string, type: string, data: Record<string, unknown> = {}): TestNode => ({ id, type, data });

/** An edge `source --exit--> target`, id `source-exit`. */
export const edge = (source: string, exit: string, target: string): TestEdge => ({ id: `${source}-${exit}`, source, exit, target });

/** A trigger on `event` (default `go`) with id `start`. */
export const trigger = (data: Record<string, unknown> = { event: 'go' }, id = 'start'): TestNode => node(id, 'trigger', data);

/** Compiles a funnel or throws with its issues. */
export function compiled(f: unknown): CompiledFunnel {
  const r = compileFunnel(f);
  if (!r.ok) throw new Error(`the funnel does not compile:\n${JSON.stringify(r.issues, null, 2)}`);
  return r.compiled;
}

/** A contact with consent for email and sms. */
export function contact(attributes: Record<string, unknown> = {}, extra: Partial<Contact> = {}): Contact {
  return { id: 'c1', attributes: { firstName: 'Anna', email: 'anna@example.com', ...attributes }, consents: { email: true, sms: true }, ...extra };
}

/** A simulator for the funnel with the test contact, starting at `start` (T0 by default). */
export function sim(f: unknown, c: Contact = contact(), start = T0): Simulator {
  return new Simulator(compiled(f), c, start);
}

/** The node ids entered, in order. */
export const path = (s: Simulator): string[] => s.log.filter((j) => j.kind === 'entered').map((j) => j.node!);

/** Starts a run with `step` directly. */
export function start(cf: CompiledFunnel, event: Omit<FunnelEvent, 'contactId'> = { type: 'go' }, c: Contact = contact(), now = T0): StepResult {
  return step(cf, { event: { ...event, contactId: c.id }, contact: c, now, runId: 'r1' });
}

/** Delivers an event to a run with `step` directly. */
export function next(cf: CompiledFunnel, snapshot: PersistedRun | null, event: Omit<FunnelEvent, 'contactId'>, c: Contact = contact(), now = T0): StepResult {
  return step(cf, { snapshot, event: { ...event, contactId: c.id }, contact: c, now });
}

/** The state config of one node in the compiled machine. */
export const stateOf = (cf: CompiledFunnel, id: string) => cf.config.states[cf.stateKey.get(id) ?? id];
