import { DateTime } from 'luxon';
import type { Contact } from '../../../shared/engine/types.ts';
import { SCENARIO_FORMAT, type Scenario, type ScenarioStep } from '../../../shared/format/scenario.ts';
import type { Trace } from '../../../shared/simulator/runScenario.ts';

/** A walk through a funnel in the simulator: who, from when, and the steps performed. */
export interface Walk {
  funnelId: string;
  contact: Contact;
  /** Start of the virtual clock, epoch ms. */
  start: number;
  /** The contact's zone: the start is written with its offset. */
  zone: string;
  steps: ScenarioStep[];
}

/** An instant as ISO 8601 with the zone's offset and no milliseconds (`2026-03-02T10:00:00+03:00`). */
export const isoInZone = (ms: number, zone: string): string => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!;

/**
 * Turns a walk and its trace into a `voronka/scenario@1` whose `expect` is what happened: the
 * path, the messages sent (node, channel, time), the tasks (node, status, outcome), the status
 * and where a waiting run stands. Re-running it on the same funnel passes; a change to the
 * funnel that alters any of these makes it fail.
 */
export function buildScenario(name: string, walk: Walk, trace: Trace): Scenario {
  const c = walk.contact;
  const contact: Scenario['contact'] = {
    id: c.id,
    attributes: structuredClone(c.attributes),
    ...(c.consents && Object.keys(c.consents).length ? { consents: { ...c.consents } } : {}),
    ...(c.segments?.length ? { segments: [...c.segments] } : {}),
  };
  const expect: NonNullable<Scenario['expect']> = {
    path: trace.path.map((p) => p.node),
    messages: trace.messages.map((m) => ({ node: m.node, channel: m.channel, at: m.at })),
    tasks: trace.tasks.map((t) => ({ node: t.node, status: t.status, ...(t.outcome ? { outcome: t.outcome } : {}) })),
    ...(trace.status ? { status: trace.status } : {}),
    ...(trace.at ? { at: trace.at } : {}),
  };
  return {
    format: SCENARIO_FORMAT,
    name: name.trim(),
    funnel: walk.funnelId,
    start: isoInZone(walk.start, walk.zone),
    contact,
    steps: structuredClone(walk.steps),
    expect,
  };
}
