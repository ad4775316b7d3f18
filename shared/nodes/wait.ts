import { z } from 'zod';
import { DurationText, JsonLogicRule } from '../format/common.ts';
import { addIsoDuration } from '../format/duration.ts';
import { eventDataLiterals } from '../engine/conditions.ts';
import { defineNode } from './types.ts';

const WaitData = z.object({
  event: z.string({ error: 'is required: the event to wait for, e.g. order.paid' }).min(1, { error: 'must name the event to wait for' }),
  where: JsonLogicRule.optional(),
  timeout: DurationText,
});
export type WaitData = z.infer<typeof WaitData>;

/** Waits for the contact's event (same correlation key), at most `timeout`. */
export const wait = defineNode<WaitData>({
  type: 'wait',
  group: 'timing',
  label: { en: 'Wait for event', ru: 'Ожидание события' },
  schema: WaitData,
  defaults: () => ({ event: 'order.paid', timeout: 'P1D' }),
  exits: () => ['received', 'timeout'],
  instantExits: () => [],
  compile: (d, h) => ({
    on: { [d.event]: [h.exit('received', [], h.eventGuard(d.where, true))] },
    after: { [h.timerName]: h.exit('timeout') },
  }),
  validate(d, v) {
    if (addIsoDuration(0, d.timeout, 'UTC') <= 0)
      v.warning('timeout', 'wait-zero', { en: 'gives the event no time to come: the contact leaves by "timeout" at once. Give it time.', ru: 'не даёт событию времени прийти: контакт сразу уйдёт по таймауту. Задайте срок.' });
  },
  timer: (d, env) => addIsoDuration(env.now, d.timeout, env.zone) - env.now,
  expects: (d, type) => (d.event === type ? eventDataLiterals(d.where) : {}),
  summary: (d) => `${d.event} · ≤ ${d.timeout}`,
});
