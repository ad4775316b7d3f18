import { RuntimeInputError } from '../runtime/Runtime.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { allow, type Env } from '../http/auth.ts';
import { jsonBody } from '../http/body.ts';
import { badRequest } from '../http/errors.ts';
import { paymentIssues } from '../services/contacts.ts';
import { notReservedEventType, textFieldError } from '../../shared/format/common.ts';

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw badRequest(r.error);
  return r.data;
}

export const EventInput = z.strictObject({
  id: z.string().min(1).max(200).optional(),
  type: z.string({ error: textFieldError('the event type, e.g. lead.created') }).min(1).max(200).superRefine(notReservedEventType),
  contactId: z.string({ error: textFieldError('the contact the event is about') }).min(1).max(200),
  data: z.record(z.string(), z.unknown()).optional(),
  at: z.iso.datetime({ offset: true, error: 'must be an ISO timestamp such as 2026-03-02T09:00:00+03:00' }).optional(),
}).superRefine((e, ctx) => {
  // a payment that cannot be read is refused, not half-taken (a «paid» wait moved, no order recorded)
  if (e.type === 'order.paid') for (const i of paymentIssues(e.data)) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
});

export const EventBatch = z.strictObject({ events: z.array(EventInput, { error: 'must be a list of events' }).min(1, { error: 'must hold at least one event' }).max(1000, { error: 'at most 1000 events per request' }) });

/** One event, or `{ events: [...] }` — chosen by shape, so errors name the exact field. */
export const EventsBody = z.custom<z.infer<typeof EventInput> | z.infer<typeof EventBatch>>();
const isBatch = (raw: unknown) => typeof raw === 'object' && raw !== null && 'events' in raw;

/** `POST /api/events`: one event or a batch; idempotent by event `id`. */
export function eventRoutes(ctx: AppContext) {
  const r = new Hono<Env>();
  r.post('/', allow('marketer'), async (c) => {
    const raw = await jsonBody(c, EventsBody);
    if (isBatch(raw)) return c.json(await ctx.runtime.ingest(parse(EventBatch, raw).events, { onFresh: ctx.contacts.recordPaidOrder }), 202);
    try {
      return c.json(await ctx.runtime.ingest([parse(EventInput, raw)], { onFresh: ctx.contacts.recordPaidOrder }), 202);
    } catch (e) {
      // one event is no batch: its fields are named as sent (`contactId`, not `events.0.contactId`)
      if (e instanceof RuntimeInputError && e.field?.startsWith('events.0.')) throw new RuntimeInputError(e.status, e.message.replace(/^events\.0\./, ''), e.field.slice('events.0.'.length));
      throw e;
    }
  });
  return r;
}
