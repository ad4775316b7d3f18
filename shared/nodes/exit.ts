import { z } from 'zod';
import { defineNode } from './types.ts';

const ExitData = z.object({ reason: z.string().optional() });
export type ExitData = z.infer<typeof ExitData>;

/** Ends the run here (status `completed`). */
export const exit = defineNode<ExitData>({
  type: 'exit',
  group: 'outcomes',
  label: { en: 'Exit', ru: 'Выход' },
  schema: ExitData,
  defaults: () => ({}),
  exits: () => [],
  compile: (d, h) => ({ always: [h.end(d.reason)] }),
  summary: (d) => d.reason ?? '',
  title: (d) => d.reason || undefined,
});
