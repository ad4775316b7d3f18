import { z } from 'zod';
import { DurationText, JsonLogicRule, OffsetText, TimeOfDayText } from '../format/common.ts';
import { defineNode } from './types.ts';
import { misspeltLifecycleSegment } from '../format/lifecycle.ts';

const DateTrigger = z.object({
  attribute: z.string({ error: 'is required: the contact attribute holding the date, e.g. birthday' }).min(1),
  offset: OffsetText.optional(),
  at: TimeOfDayText.optional(),
  every: z.literal('year', { error: 'can only be "year"' }).optional(),
});

const Reentry = z.union([z.literal('never'), z.literal('always'), z.object({ after: DurationText })], {
  error: 'must be "never", "always" or { "after": "P30D" }',
});

const TriggerData = z.object({
  event: z.string().min(1, { error: 'must name the event type, e.g. lead.created' }).optional(),
  where: JsonLogicRule.optional(),
  segment: z.string().min(1, { error: 'must name the segment' }).optional(),
  date: DateTrigger.optional(),
  reentry: Reentry.optional(),
  key: z.string().min(1).optional(),
});
export type TriggerData = z.infer<typeof TriggerData>;

/** The event a segment trigger starts on: `{ type: "segment.entered", data: { segment } }`. */
export const SEGMENT_ENTERED = 'segment.entered';
/** The event the runtime delivers when a date trigger's moment comes: `data.trigger` is the node id. */
export const DATE_REACHED = 'voronka.date';

/** A date that comes back every year by its name: a birthday, an anniversary (not a last visit or a sign-up date). */
export const YEARLY_DATE = /birth|b-?day|dob|anniv|годовщ|рожд|юбил|wedding|свадьб/i;

/**
 * A date trigger with another attribute: «every year» follows the name (on for a birthday, off for a last visit)
 * while it still is what the old name suggested; a choice the marketer made against that is kept.
 */
export function withDateAttribute(date: Partial<z.infer<typeof DateTrigger>> | undefined, attribute: string): Partial<z.infer<typeof DateTrigger>> {
  const { every, ...rest } = date ?? {};
  const suggested = (name: unknown) => typeof name === 'string' && YEARLY_DATE.test(name);
  const yearly = (every === 'year') === suggested(date?.attribute) ? suggested(attribute) : every === 'year';
  return { ...rest, attribute, ...(yearly ? { every: 'year' as const } : {}) };
}

/** Starts a run: on an event, on entering a segment, or on a date in the contact's attributes. */
export const trigger = defineNode<TriggerData>({
  type: 'trigger',
  group: 'entry',
  label: { en: 'Trigger', ru: 'Старт' },
  schema: TriggerData,
  defaults: () => ({ event: 'lead.created', reentry: 'never' }),
  exits: () => ['next'],
  validate(d, v) {
    const kinds = [d.event, d.segment, d.date].filter((x) => x !== undefined).length;
    if (kinds !== 1)
      v.error('event', 'trigger-kind', { en: 'A trigger starts on exactly one thing: an "event", a "segment" or a "date". Choose one.', ru: 'Старт запускается ровно одним: событием ("event"), сегментом ("segment") или датой ("date"). Выберите одно.' });
    const typo = d.segment !== undefined ? misspeltLifecycleSegment(d.segment) : undefined;
    if (typo)
      v.error('segment', 'trigger-unknown-lifecycle', {
        en: `"${d.segment}" is not a life-cycle segment, so the funnel would never start: did you mean "${typo.closest}"? Choose one from the list.`,
        ru: `«${d.segment}» — не сегмент жизненного цикла, и воронка никогда не запустится: может быть, «${typo.closest}»? Выберите из списка.`,
      });
    if (d.where !== undefined && d.event === undefined)
      v.error('where', 'trigger-where', { en: 'A "where" filter only applies to an event trigger.', ru: 'Фильтр "where" работает только у старта по событию.' });
  },
  startsOn(d, nodeId) {
    if (d.segment !== undefined)
      return { event: SEGMENT_ENTERED, where: { '==': [{ var: 'event.data.segment' }, d.segment] } };
    if (d.date !== undefined) return { event: DATE_REACHED, where: { '==': [{ var: 'event.data.trigger' }, nodeId] } };
    return { event: d.event ?? '', where: d.where, ...(d.key ? { key: d.key } : {}) };
  },
  startsOnDate: (d) => d.date,
  startsOnSegment: (d) => d.segment,
  compile: (_d, h) => ({ always: [h.exit('next')] }),
  summary: (d) => d.event ?? (d.segment ? `segment: ${d.segment}` : d.date ? `date: ${d.date.attribute} ${d.date.offset ?? ''}` : ''),
});
