import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { allow, type Env } from '../http/auth.ts';
import { jsonBody } from '../http/body.ts';

export const EventInput = z.strictObject({
  id: z.string().min(1).max(200).optional(),
  type: z.string({ error: 'is required: the event type, e.g. lead.created' }).min(1).max(200),
  contactId: z.string({ error: 'is required: the contact the event is about' }).min(1).max(200),
  data: z.record(z.string(), z.unknown()).optional(),
  at: z.iso.datetime({ offset: true, error: 'must be an ISO timestamp such as 2026-03-02T09:00:00+03:00' }).optional(),
});

export const EventsBody = z.union([z.strictObject({ events: z.array(EventInput).min(1).max(1000) }), EventInput], {
  error: 'send one event { "type", "contactId", … } or { "events": [ … ] }',
});

/** `POST /api/events`: one event or a batch; idempotent by event `id`. */
export function eventRoutes(ctx: AppContext) {
  const r = new Hono<Env>();
  r.post('/', allow('marketer'), async (c) => {
    const body = await jsonBody(c, EventsBody);
    const events = 'events' in body ? body.events : [body];
    return c.json(await ctx.runtime.ingest(events), 202);
  });
  return r;
}
