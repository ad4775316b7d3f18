import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE, LIFECYCLE_SEGMENTS, LifecycleRules, lifecycleOf, withLifecycle } from '../../shared/format/lifecycle.ts';

const DAY = 86_400_000;
const T = Date.parse('2026-03-02T09:00:00Z');

describe('life-cycle segments (the «9 segments» matrix)', () => {
  it('recency by the last payment: active until 90 days, sleeping until 180, then lost — and when it next changes', () => {
    const at = (days: number) => lifecycleOf({ count: 1, lastAt: T }, T + days * DAY);
    expect(at(0)).toEqual({ segments: ['lifecycle:active', 'lifecycle:single', 'lifecycle:active-single'], nextChangeAt: T + 90 * DAY });
    expect(at(89.99).segments[0]).toBe('lifecycle:active');
    expect(at(90)).toEqual({ segments: ['lifecycle:sleeping', 'lifecycle:single', 'lifecycle:sleeping-single'], nextChangeAt: T + 180 * DAY });
    expect(at(180)).toEqual({ segments: ['lifecycle:lost', 'lifecycle:single', 'lifecycle:lost-single'], nextChangeAt: null });
  });

  it('frequency by the number of paid orders: 1 single, 2–3 repeat, 4+ loyal; no order, no segment', () => {
    const freq = (count: number) => lifecycleOf({ count, lastAt: T }, T).segments[1];
    expect([1, 2, 3, 4, 10].map(freq)).toEqual(['lifecycle:single', 'lifecycle:repeat', 'lifecycle:repeat', 'lifecycle:loyal', 'lifecycle:loyal']);
    expect(lifecycleOf({ count: 0, lastAt: null }, T)).toEqual({ segments: [], nextChangeAt: null });
    expect(lifecycleOf({ count: 3, lastAt: T }, T, { ...DEFAULT_LIFECYCLE, loyalFrom: 3 }).segments[1]).toBe('lifecycle:loyal');
  });

  it('every id it gives is listed; a CRM segment is kept beside them, an old life-cycle one replaced', () => {
    for (let days = 0; days < 400; days += 30) for (const count of [1, 2, 5]) for (const s of lifecycleOf({ count, lastAt: T }, T + days * DAY).segments) expect(LIFECYCLE_SEGMENTS).toContain(s);
    expect(LIFECYCLE_SEGMENTS).toHaveLength(15);
    expect(withLifecycle(['vip', 'lifecycle:active', 'sleeping'], ['lifecycle:lost'])).toEqual(['vip', 'sleeping', 'lifecycle:lost']);
  });

  it('the lines must make sense: lost after sleeping, loyal above repeat, whole days', () => {
    expect(LifecycleRules.safeParse(DEFAULT_LIFECYCLE).success).toBe(true);
    const paths = (r: unknown) => (LifecycleRules.safeParse(r).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths({ ...DEFAULT_LIFECYCLE, lostAfterDays: 90 })).toEqual(['lostAfterDays']);
    expect(paths({ ...DEFAULT_LIFECYCLE, loyalFrom: 2 })).toEqual(['loyalFrom']);
    expect(paths({ ...DEFAULT_LIFECYCLE, sleepingAfterDays: 1.5 })).toEqual(['sleepingAfterDays']);
  });
});
