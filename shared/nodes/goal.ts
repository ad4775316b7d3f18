import { z } from 'zod';
import { defineNode } from './types.ts';

const GoalData = z.object({
  name: z.string({ error: 'is required: what was achieved, e.g. "purchase"' }).min(1),
  value: z.number({ error: 'must be a number (revenue)' }).optional(),
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
  compile: (d, h, node) => ({ entry: [{ type: 'goal', params: { node: node.id, name: d.name, value: d.value } }], always: [h.exit('next')] }),
  title: (d) => d.name || undefined,
  summary: (d) => `${d.name}${d.value !== undefined ? ` · ${d.value}` : ''}`,
});
