import { z } from 'zod';
import { closestWord } from './closest.ts';

/**
 * Life-cycle segments: the «9 segments» matrix of a customer base — how recently a contact last
 * paid (active, sleeping, lost) × how many paid orders they have (single, repeat, loyal). The
 * workspace computes them from the contact's paid orders; a funnel starts on entering one (a
 * sleeping regular gets a win-back chain). Their ids carry a prefix, so they never clash with a
 * segment a CRM sets (`sleeping` as an integration writes it stays the integration's).
 */
export const LIFECYCLE_PREFIX = 'lifecycle:';
export const RECENCY = ['active', 'sleeping', 'lost'] as const;
export const FREQUENCY = ['single', 'repeat', 'loyal'] as const;
export type Recency = (typeof RECENCY)[number];
export type Frequency = (typeof FREQUENCY)[number];

/** Every life-cycle segment id: the three columns, the three rows, then the nine cells. */
export const LIFECYCLE_SEGMENTS: readonly string[] = [
  ...RECENCY.map((r) => LIFECYCLE_PREFIX + r),
  ...FREQUENCY.map((f) => LIFECYCLE_PREFIX + f),
  ...RECENCY.flatMap((r) => FREQUENCY.map((f) => `${LIFECYCLE_PREFIX}${r}-${f}`)),
];

export const isLifecycleSegment = (s: string): boolean => s.startsWith(LIFECYCLE_PREFIX);

/**
 * A segment written as a life-cycle one (its prefix in any case) that is none of them — a typo such as
 * `lifecycle:sleeping-loyl`: with the one it is closest to, by the letters to change. Undefined for a real one or any other.
 */
export function misspeltLifecycleSegment(s: string): { closest: string } | undefined {
  if (!s.toLowerCase().startsWith(LIFECYCLE_PREFIX) || LIFECYCLE_SEGMENTS.includes(s)) return undefined;
  return { closest: closestWord(s, LIFECYCLE_SEGMENTS)! };
}

const wholeDays = () => z.number({ error: 'must be a number of days' }).int({ error: 'must be a whole number of days' }).min(1, { error: 'must be at least 1 day' }).max(3650, { error: 'at most 3650 days' });
const orders = () => z.number({ error: 'must be a number of paid orders' }).int({ error: 'must be a whole number' }).min(2, { error: 'must be at least 2 (one order is «single»)' }).max(1000, { error: 'at most 1000' });

/** Where the matrix draws its lines (workspace settings). */
export const LifecycleRules = z
  .strictObject({
    // a customer whose last payment is this old is sleeping; this old, lost
    sleepingAfterDays: wholeDays(),
    lostAfterDays: wholeDays(),
    // this many paid orders make a repeat customer; this many, a loyal one
    repeatFrom: orders(),
    loyalFrom: orders(),
  })
  .refine((r) => r.lostAfterDays > r.sleepingAfterDays, { error: 'lostAfterDays must be more than sleepingAfterDays', path: ['lostAfterDays'] })
  .refine((r) => r.loyalFrom > r.repeatFrom, { error: 'loyalFrom must be more than repeatFrom', path: ['loyalFrom'] });
export type LifecycleRules = z.infer<typeof LifecycleRules>;

/** The lines the customer figures already used: active within 90 days, lost after 180; 2 orders repeat, 4 loyal. */
export const DEFAULT_LIFECYCLE: LifecycleRules = { sleepingAfterDays: 90, lostAfterDays: 180, repeatFrom: 2, loyalFrom: 4 };

const DAY = 86_400_000;

/**
 * A contact's life-cycle segments at `now` from their paid orders (how many, the last one's time),
 * and when they next change by time alone (active → sleeping → lost; null once lost or with no order).
 */
export function lifecycleOf(paid: { count: number; lastAt: number | null }, now: number, rules: LifecycleRules = DEFAULT_LIFECYCLE): { segments: string[]; nextChangeAt: number | null } {
  if (!paid.count || paid.lastAt === null) return { segments: [], nextChangeAt: null };
  const sleepsAt = paid.lastAt + rules.sleepingAfterDays * DAY;
  const lostAt = paid.lastAt + rules.lostAfterDays * DAY;
  const recency: Recency = now < sleepsAt ? 'active' : now < lostAt ? 'sleeping' : 'lost';
  const frequency: Frequency = paid.count >= rules.loyalFrom ? 'loyal' : paid.count >= rules.repeatFrom ? 'repeat' : 'single';
  return {
    segments: [LIFECYCLE_PREFIX + recency, LIFECYCLE_PREFIX + frequency, `${LIFECYCLE_PREFIX}${recency}-${frequency}`],
    nextChangeAt: recency === 'active' ? sleepsAt : recency === 'sleeping' ? lostAt : null,
  };
}

/** A contact's segments with the life-cycle ones replaced by `computed` (the others, a CRM's, kept in their order). */
export function withLifecycle(segments: readonly string[], computed: readonly string[]): string[] {
  return [...segments.filter((s) => !isLifecycleSegment(s)), ...computed];
}
