import { z } from 'zod';
import { Template } from '../format/common.ts';
import { signedPoints } from '../format/contactUpdate.ts';
import { defineNode } from './types.ts';

/** Points added to a contact attribute (negative to take away); zod's number is finite. */
const Points = z.number({ error: 'must be a number of points, e.g. 10 or -5' });

const ActionData = z.object({
  set: z.record(z.string(), Template).optional(),
  // an addition to the format: a lead score — points added to a numeric attribute («score» +10), read by a branch after
  add: z.record(z.string(), Points).optional(),
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

/** Changes the contact (attributes, points, tags) and/or calls a webhook. */
export const action = defineNode<ActionData>({
  type: 'action',
  group: 'logic',
  label: { en: 'Action', ru: 'Действие' },
  schema: ActionData,
  // nothing chosen yet: the node says what to add, rather than quietly tagging contacts with a made-up tag
  defaults: () => ({}),
  exits: () => ['next'],
  validate(d, v) {
    if (!d.set && !d.add && !d.tags && !d.webhook) v.error(undefined, 'action-empty', { en: 'An action does nothing yet: add “Set contact attributes”, “Points”, “Tags” or “Webhook” ("set", "add", "tags", "webhook").', ru: 'Действие пока ничего не делает: добавьте «Записать в контакт», «Баллы», «Теги» или «Вебхук».' });
    for (const k of Object.keys(d.add ?? {})) {
      if (d.set && k in d.set) v.error(`add.${k}`, 'action-set-and-add', { en: `"${k}" is both written and given points: keep one.`, ru: `«${k}» и записывается, и получает баллы: оставьте что-то одно.` });
      if (!k.trim()) v.error('add', 'action-add-no-attribute', { en: 'points need the attribute they are added to (e.g. score).', ru: 'для баллов нужно поле контакта, куда их начислять (например, score).' });
    }
  },
  writesAttributes: (d) => [...Object.keys(d.set ?? {}), ...Object.keys(d.add ?? {})],
  texts: (d) => [
    ...Object.entries(d.set ?? {}).map(([k, t]) => ({ field: `set.${k}`, text: t })),
    ...(d.webhook ? [{ field: 'webhook.url', text: d.webhook.url }, ...(d.webhook.body ? [{ field: 'webhook.body', text: d.webhook.body }] : [])] : []),
  ],
  compile(d, h, node) {
    const entry = [];
    if (d.set || d.add) entry.push({ type: 'setAttrs', params: { node: node.id, set: d.set ?? {}, ...(d.add ? { add: d.add } : {}) } });
    if (d.tags) entry.push({ type: 'tags', params: { node: node.id, add: d.tags.add ?? [], remove: d.tags.remove ?? [] } });
    if (d.webhook) entry.push({ type: 'webhook', params: { node: node.id, url: d.webhook.url, method: d.webhook.method ?? 'POST', body: d.webhook.body } });
    return { entry, always: [h.exit('next')] };
  },
  summary: (d) => [d.set && `set ${Object.keys(d.set).join(', ')}`, d.add && Object.entries(d.add).map(([k, n]) => `${k} ${signedPoints(n)}`).join(', '), d.tags?.add && `+${d.tags.add.join(', +')}`, d.webhook && `→ ${d.webhook.url}`].filter(Boolean).join(' · '),
});
