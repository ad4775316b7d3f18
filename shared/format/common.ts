import { phoneAddress } from './phone.ts';
import { z } from 'zod';
import { isDuration, parseDuration } from './duration.ts';
import { TIME_OF_DAY, WEEKDAYS } from './time.ts';

/** An ISO 8601 duration such as `PT30M`, `P3D` or `P1M` (no sign). */
export const DurationText = z.string({ error: 'must be a duration such as PT30M, P3D or P1M' }).refine(
  (s) => isDuration(s) && parseDuration(s)!.sign === 1,
  {
    error: (iss) =>
      parseDuration(iss.input)?.sign === -1
        ? `"${String(iss.input)}" is negative: a length of time cannot be; write how long, like P1D`
        : `"${String(iss.input)}" is not a duration; write it like PT30M (30 minutes), P3D (3 days) or P1M (1 month)`,
  },
);

/** A duration that may be negative (`-P3D`), for date offsets. */
export const OffsetText = z.string({ error: 'must be a duration such as P3D or -P3D' }).refine(isDuration, {
  error: (iss) => `"${String(iss.input)}" is not an offset; write it like P3D (3 days after) or -P3D (3 days before)`,
});

export const TimeOfDayText = z.string({ error: 'must be a time of day HH:MM' }).regex(TIME_OF_DAY, {
  error: (iss) => `"${String(iss.input)}" is not a time of day; write it as HH:MM, e.g. 09:30`,
});

export const WeekdayText = z.enum(WEEKDAYS, { error: 'must be one of mon, tue, wed, thu, fri, sat, sun' });

/** A JSON Logic rule. Its shape is checked by the engine's evaluator; here any JSON is allowed. */
export const JsonLogicRule = z.custom<unknown>((v) => v !== undefined, { error: 'must be a JSON Logic rule' });

/** What a waiting step listens for: an event type and an optional JSON Logic filter on it. */
export const EventSpec = z.object({
  event: z.string({ error: 'must name the event type, e.g. order.paid' }).min(1, { error: 'must name the event type, e.g. order.paid' }),
  where: JsonLogicRule.optional(),
});
export type EventSpec = z.infer<typeof EventSpec>;

export const CHANNELS = ['email', 'sms', 'telegram', 'whatsapp', 'vk', 'viber', 'push', 'webhook'] as const;
export const Channel = z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` });
export type Channel = z.infer<typeof Channel>;

/** The contact attribute that holds each channel's recipient (push has no adapter yet, so none). */
export const ADDRESS_ATTRIBUTE: Readonly<Record<string, string>> = { email: 'email', sms: 'phone', telegram: 'telegramChatId', vk: 'vkId', whatsapp: 'phone', viber: 'viberId', webhook: 'webhookUrl' };

/** The contact's address for a channel (their `phone` for an SMS), null when they have none; undefined for a channel that needs none (push). */
export function addressOf(channel: string, attributes: Record<string, unknown> | null | undefined): string | null | undefined {
  const a = contactAddress(channel, attributes);
  return a && ADDRESS_ATTRIBUTE[channel] === 'phone' ? phoneAddress(a) : a;
}

/** The contact's address for a channel as their attribute holds it (a phone as typed); null without one, undefined for a channel that needs none. */
export function contactAddress(channel: string, attributes: Record<string, unknown> | null | undefined): string | null | undefined {
  const key = ADDRESS_ATTRIBUTE[channel];
  if (!key) return undefined;
  const v = attributes?.[key];
  return v === undefined || v === null || String(v).trim() === '' ? null : String(v).trim();
}

/** Whether a text can be an email address (something@domain.tld, no spaces): what the API and a CSV import take. */
export const isEmailAddress = (s: string): boolean => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.trim());

/** An address as suppressions are kept and compared: an email lower-cased, others as `addressOf` gives them. */
export const comparableAddress = (channel: string, address: string): string => (ADDRESS_ATTRIBUTE[channel] === 'email' ? address.trim().toLowerCase() : address);

/** The contact's address on a channel as suppressions are kept (`comparableAddress`); null/undefined as `addressOf`. */
export function deliveryAddress(channel: string, attributes: Record<string, unknown> | null | undefined): string | null | undefined {
  const a = addressOf(channel, attributes);
  return a ? comparableAddress(channel, a) : a;
}

export const Template = z.string({ error: 'must be text' });

/** zod's error for a text field, in words: «is required: …» when it is missing, «must be text: …» when it holds a number or a list. */
/**
 * Why an event of this type cannot come from outside, or undefined when it can: a delay's timer and an
 * operator's exit are the engine's own (`xstate.…`, `voronka.…`), a task's outcome comes only from
 * completing the task (its assignee and role are checked there).
 */
export function reservedEventType(type: string): string | undefined {
  if (type.startsWith('xstate.') || type.startsWith('voronka.')) return 'is reserved for Voronka\'s own events (timers, an operator\'s exit): choose another type';
  if (type === 'task.completed') return 'is sent by Voronka when a manager completes a task: complete the task instead (POST /api/tasks/:id/complete, or a { "task": { "outcome" } } step)';
  return undefined;
}

/** A refinement refusing an event type that cannot come from outside (see `reservedEventType`). */
export const notReservedEventType = (type: string, ctx: z.core.$RefinementCtx<string>): void => {
  const why = reservedEventType(type);
  if (why) ctx.addIssue({ code: 'custom', message: why });
};

export const textFieldError = (what: string) => (iss: { input?: unknown }): string => (iss.input === undefined ? `is required: ${what}` : `must be text: ${what}`);

export const Product = z.object({
  sku: z.string({ error: 'is required: the product code (SKU)' }).min(1, { error: 'must not be empty' }),
  name: z.string({ error: 'is required: the product name' }).min(1, { error: 'must not be empty' }),
  price: z.number({ error: 'must be a number' }).nonnegative({ error: 'must not be negative' }).optional(),
  currency: z.string().length(3, { error: 'must be a 3-letter currency code such as RUB' }).optional(),
});
export type Product = z.infer<typeof Product>;
