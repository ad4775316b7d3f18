import { z } from 'zod';
import { defineNode } from './types.ts';

const GoalData = z.object({
  name: z.string({ error: 'is required: what was achieved, e.g. "purchase"' }).min(1),
  value: z.number({ error: 'must be a number (revenue)' }).optional(),
  /**
   * An addition to the format: where the revenue comes from when it is not a fixed number — a
   * variable such as `lastEvent.data.amount` (the payment the run just waited for), read on
   * entry; a number (or a number written as text) there is the goal's value, else `value` is.
   */
  valueFrom: z
    .string()
    .regex(/^[A-Za-z_][\w]*(\.[\w-]+)+$/, { error: 'must be a variable such as lastEvent.data.amount' })
    .optional(),
});
export type GoalData = z.infer<typeof GoalData>;

/** Records a conversion (and its revenue) for analytics, then goes on. */
export const goal = defineNode<GoalData>({
  type: 'goal',
  group: 'outcomes',
  label: { en: 'Goal', ru: 'Цель' },
  schema: GoalData,
  defaults: (lang = 'ru') => ({ name: lang === 'en' ? 'purchase' : 'Покупка' }),
  exits: () => ['next'],
  convertsOnEntry: true,
  valuePerConversion: (d) => typeof d.valueFrom === 'string',
  validate(d, v) {
    // a refund is not a conversion: a negative value would subtract from the funnel's revenue
    if (d.value !== undefined && d.value < 0) v.warning('value', 'goal-negative-value', { en: `the value is negative (${d.value}): it would be taken off the funnel's revenue. Revenue is written as a positive amount.`, ru: `ценность отрицательная (${d.value}): она уменьшит выручку воронки. Выручку пишут положительной суммой.` });
  },
  compile: (d, h, node) => ({ entry: [{ type: 'goal', params: { node: node.id, name: d.name, value: d.value, ...(d.valueFrom ? { valueFrom: d.valueFrom } : {}) } }], always: [h.exit('next')] }),
  // the variable the value comes from is checked like a template's (its root must exist)
  texts: (d) => (d.valueFrom ? [{ field: 'valueFrom', text: `{{${d.valueFrom}}}` }] : []),
  title: (d) => d.name || undefined,
  summary: (d) => `${d.name}${d.valueFrom ? ` · ${d.valueFrom}` : d.value !== undefined ? ` · ${d.value}` : ''}`,
});
