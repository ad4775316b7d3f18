import { z } from 'zod';
import { DurationText, JsonLogicRule } from '../format/common.ts';
import { addIsoDuration } from '../format/duration.ts';
import { eventDataLiterals } from '../engine/conditions.ts';
import { isPaymentType } from '../format/currency.ts';
import { defineNode } from './types.ts';
import { UntilDate, untilDateMoment } from './untilDate.ts';

const WaitData = z.object({
  event: z.string({ error: 'is required: the event to wait for, e.g. order.paid' }).min(1, { error: 'must name the event to wait for' }),
  where: JsonLogicRule.optional(),
  timeout: DurationText,
  // an addition: the wait also ends by «timeout» at this moment when it comes first (a webinar's start + 3 h)
  until: UntilDate.optional(),
});
export type WaitData = z.infer<typeof WaitData>;

/**
 * Waits for the contact's event (same correlation key), at most `timeout` — and, with `until`, no
 * later than that date (past already: it ends at once; empty: `timeout` alone).
 */
export const wait = defineNode<WaitData>({
  type: 'wait',
  group: 'timing',
  label: { en: 'Wait for event', ru: 'Ожидание события' },
  schema: WaitData,
  defaults: () => ({ event: 'order.paid', timeout: 'P1D' }),
  exits: () => ['received', 'timeout'],
  // a payment waited for is the funnel's sale: unless «received» leads to a goal or a stage, its money counts nowhere
  uncountedSaleExits: (d) =>
    isPaymentType(d.event)
      ? [{
          exit: 'received',
          field: 'event',
          words: d.event,
          message: {
            en: `the "${d.event}" it waits for is a purchase, but "received" leads to no goal: the funnel's conversions and revenue will miss these sales. Lead "received" to a Goal (its value from lastEvent.data.amount).`,
            ru: `«${d.event}», которого оно ждёт, — покупка, но выход «получено» не ведёт в цель: этих продаж не будет в конверсиях и выручке воронки. Ведите «получено» в «Цель» (сумма — из lastEvent.data.amount).`,
          },
        }]
      : [],
  // a date already past ends the wait at once
  instantExits: (d) => (d.until ? ['timeout'] : []),
  compile: (d, h) => ({
    on: { [d.event]: [h.exit('received', [], h.eventGuard(d.where, true))] },
    after: { [h.timerName]: h.exit('timeout') },
  }),
  validate(d, v) {
    if (addIsoDuration(0, d.timeout, 'UTC') <= 0)
      v.warning('timeout', 'wait-zero', { en: 'gives the event no time to come: the contact leaves by "timeout" at once. Give it time.', ru: 'не даёт событию времени прийти: контакт сразу уйдёт по таймауту. Задайте срок.' });
  },
  timer: (d, env) => {
    const byTimeout = addIsoDuration(env.now, d.timeout, env.zone) - env.now;
    const until = d.until ? untilDateMoment(d.until, env) : null;
    return until === null ? byTimeout : Math.max(0, Math.min(byTimeout, until - env.now));
  },
  expects: (d, type) => (d.event === type ? eventDataLiterals(d.where) : {}),
  summary: (d, lang = 'en') => `${d.event} · ≤ ${d.timeout}${d.until ? ` · ${lang === 'ru' ? 'до' : 'until'} ${d.until.attribute}${d.until.offset ? ` ${d.until.offset}` : ''}${d.until.at ? ` ${d.until.at}` : ''}` : ''}`,
});
