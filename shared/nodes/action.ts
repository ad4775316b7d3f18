import { z } from 'zod';
import { Template } from '../format/common.ts';
import { defineNode } from './types.ts';

const ActionData = z.object({
  set: z.record(z.string(), Template).optional(),
  tags: z.object({ add: z.array(z.string()).optional(), remove: z.array(z.string()).optional() }).optional(),
  webhook: z
    .object({
      url: z.string({ error: 'is required: the address to call' }).min(1),
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], { error: 'must be GET, POST, PUT, PATCH or DELETE' }).optional(),
      body: Template.optional(),
    })
    .optional(),
});
export type ActionData = z.infer<typeof ActionData>;

/** Changes the contact (attributes, tags) and/or calls a webhook. */
export const action = defineNode<ActionData>({
  type: 'action',
  group: 'logic',
  label: { en: 'Action', ru: 'Действие' },
  schema: ActionData,
  // nothing chosen yet: the node says what to add, rather than quietly tagging contacts with a made-up tag
  defaults: () => ({}),
  exits: () => ['next'],
  validate(d, v) {
    if (!d.set && !d.tags && !d.webhook) v.error(undefined, 'action-empty', { en: 'An action does nothing yet: add “Set contact attributes”, “Tags” or “Webhook” ("set", "tags", "webhook").', ru: 'Действие пока ничего не делает: добавьте «Записать в контакт», «Теги» или «Вебхук».' });
  },
  texts: (d) => [
    ...Object.entries(d.set ?? {}).map(([k, t]) => ({ field: `set.${k}`, text: t })),
    ...(d.webhook ? [{ field: 'webhook.url', text: d.webhook.url }, ...(d.webhook.body ? [{ field: 'webhook.body', text: d.webhook.body }] : [])] : []),
  ],
  compile(d, h, node) {
    const entry = [];
    if (d.set) entry.push({ type: 'setAttrs', params: { node: node.id, set: d.set } });
    if (d.tags) entry.push({ type: 'tags', params: { node: node.id, add: d.tags.add ?? [], remove: d.tags.remove ?? [] } });
    if (d.webhook) entry.push({ type: 'webhook', params: { node: node.id, url: d.webhook.url, method: d.webhook.method ?? 'POST', body: d.webhook.body } });
    return { entry, always: [h.exit('next')] };
  },
  summary: (d) => [d.set && `set ${Object.keys(d.set).join(', ')}`, d.tags?.add && `+${d.tags.add.join(', +')}`, d.webhook && `→ ${d.webhook.url}`].filter(Boolean).join(' · '),
});
