import { z } from 'zod';
import { DurationText, EventSpec, TimeOfDayText } from './common.ts';
import { DEFAULT_CURRENCY, isCurrencyCode } from './currency.ts';
import { WorkingHours } from './workingTime.ts';

export const FUNNEL_FORMAT = 'voronka/funnel@1';

export const FunnelNode = z.object({
  id: z.string({ error: 'every node needs an id' }).min(1, { error: 'node id must not be empty' }),
  type: z.string({ error: 'every node needs a type' }).min(1),
  /** A name for people (`Напоминание A`): shown on the canvas and in lists; optional, an addition to funnel@1. */
  label: z.string({ error: 'must be text' }).max(80, { error: 'must be at most 80 characters' }).optional(),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type FunnelNode = z.infer<typeof FunnelNode>;

export const FunnelEdge = z.object({
  id: z.string({ error: 'every edge needs an id' }).min(1),
  source: z.string({ error: 'an edge needs a source node id' }).min(1),
  exit: z.string().min(1).optional(),
  target: z.string({ error: 'an edge needs a target node id' }).min(1),
});
export type FunnelEdge = z.infer<typeof FunnelEdge>;

export const FunnelSettings = z.object({
  timezone: z.string().optional(),
  /** The funnel's money (an addition to the format): deal amounts, goal values and revenue are in it; a stage's product without its own currency too. Default RUB. */
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'must be a three-letter currency code such as RUB, KZT, USD or EUR' }).optional(),
  /** How the funnel's messages write amounts and dates (an addition to the format): a language tag such as ru-RU, en-US or en-GB. Default ru-RU. */
  locale: z.string().refine(isLocale, { error: 'must be a language tag such as ru-RU, en-US or en-GB' }).optional(),
  quietHours: z.object({ from: TimeOfDayText, to: TimeOfDayText }).optional(),
  /** The managers' working hours (an addition to the format): hand-off time limits count only them. */
  workingHours: WorkingHours.optional(),
  exitWhen: z.array(EventSpec).optional(),
  frequencyCap: z
    .object({
      max: z.number().int({ error: 'must be a whole number' }).positive({ error: 'must be at least 1' }),
      per: DurationText,
    })
    .optional(),
});
export type FunnelSettings = z.infer<typeof FunnelSettings>;

/** A funnel's money: its `settings.currency`, else roubles (also for a draft not yet valid). */
export function funnelCurrency(f: { settings?: unknown } | null | undefined): string {
  const c = (f?.settings as { currency?: unknown } | undefined)?.currency;
  return isCurrencyCode(c) ? c : DEFAULT_CURRENCY;
}

/** Whether `tag` is a language tag `Intl` can format for (`ru-RU`, `en-US`, `kk`). */
export function isLocale(tag: unknown): tag is string {
  if (typeof tag !== 'string' || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) return false;
  let known = locales.get(tag);
  if (known === undefined) {
    try {
      known = Intl.NumberFormat.supportedLocalesOf(tag).length > 0;
    } catch {
      known = false;
    }
    locales.set(tag, known);
  }
  return known;
}
const locales = new Map<string, boolean>();

/** How a funnel's messages write amounts and dates: its `settings.locale`, else Russian. */
export function funnelLocale(f: { settings?: unknown } | null | undefined): string {
  const l = (f?.settings as { locale?: unknown } | undefined)?.locale;
  return isLocale(l) ? l : DEFAULT_LOCALE;
}

export const DEFAULT_LOCALE = 'ru-RU';

/** The funnel file, `voronka/funnel@1`. Node `data` is checked per node type by the registry. */
export const Funnel = z.looseObject({
  format: z.literal(FUNNEL_FORMAT, { error: `must be "${FUNNEL_FORMAT}"` }),
  id: z.string({ error: 'the funnel needs an id' }).min(1, { error: 'the funnel id must not be empty' }),
  name: z.string({ error: 'the funnel needs a name' }),
  settings: FunnelSettings.optional(),
  nodes: z.array(FunnelNode, { error: 'must be a list of nodes' }),
  edges: z.array(FunnelEdge, { error: 'must be a list of edges' }),
});
export type Funnel = z.infer<typeof Funnel>;

/** An event as it comes in from the outside world or a step of a scenario. */
export const FunnelEvent = z.object({
  id: z.string().min(1).optional(),
  type: z.string({ error: 'the event needs a type' }).min(1, { error: 'the event type must not be empty' }),
  contactId: z.string().min(1).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  at: z.string().optional(),
});
export type FunnelEvent = z.infer<typeof FunnelEvent>;

/** The exit an edge leaves by (`next` when omitted). */
export const edgeExit = (e: FunnelEdge): string => e.exit ?? 'next';
