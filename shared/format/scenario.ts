import { z } from 'zod';
import { DurationText, notReservedEventType } from './common.ts';
import { parseInstant } from './time.ts';

export const SCENARIO_FORMAT = 'voronka/scenario@1';

const Instant = z.string({ error: 'must be a timestamp such as 2026-03-02T09:00:00+03:00' }).refine((s) => parseInstant(s) !== null, {
  error: (iss) => `"${String(iss.input)}" is not a timestamp; write it like 2026-03-02T09:00:00+03:00`,
});

export const ScenarioContact = z.strictObject({
  id: z.string({ error: 'the test contact needs an id' }).min(1),
  attributes: z.record(z.string(), z.unknown()).optional(),
  consents: z.record(z.string(), z.boolean({ error: 'consents are true or false' })).optional(),
  segments: z.array(z.string()).optional(),
});

export const ScenarioStep = z.union(
  [
    z.strictObject({ event: z.strictObject({ id: z.string().optional(), type: z.string().min(1).superRefine(notReservedEventType), data: z.record(z.string(), z.unknown()).optional() }) }),
    z.strictObject({ advance: DurationText }),
    // `amount`: the deal's value when the outcome counts as a conversion (`goal: true`), an addition to the format
    z.strictObject({ task: z.strictObject({ outcome: z.string().min(1), amount: z.number().finite().nonnegative().optional() }) }),
    z.strictObject({ set: z.record(z.string(), z.unknown()) }),
  ],
  { error: 'each step is one of { "event": {…} }, { "advance": "P1D" }, { "task": { "outcome": "…" } }, { "set": {…} }' },
);
export type ScenarioStep = z.infer<typeof ScenarioStep>;

const Partial = z.record(z.string(), z.unknown());

export const ScenarioExpect = z.strictObject({
  path: z.array(z.string()).optional(),
  messages: z.array(Partial).optional(),
  tasks: z.array(Partial).optional(),
  status: z.enum(['waiting', 'completed', 'exited'], { error: 'must be waiting, completed or exited' }).optional(),
  at: z.string().optional(),
});
export type ScenarioExpect = z.infer<typeof ScenarioExpect>;

/**
 * A QA scenario, `voronka/scenario@1`: one contact's walk through one funnel on a virtual clock. Every
 * object in it is strict: a misspelt `expect` would otherwise turn its checks off and pass.
 */
export const Scenario = z.strictObject({
  format: z.literal(SCENARIO_FORMAT, { error: `must be "${SCENARIO_FORMAT}"` }),
  name: z.string({ error: 'the scenario needs a name' }),
  // what the walk is for, in words (an addition to the format)
  description: z.string().optional(),
  funnel: z.string({ error: 'must name the funnel id this scenario runs against' }).min(1),
  start: Instant,
  contact: ScenarioContact,
  steps: z.array(ScenarioStep, { error: 'must be a list of steps' }),
  expect: ScenarioExpect.optional(),
});
export type Scenario = z.infer<typeof Scenario>;
