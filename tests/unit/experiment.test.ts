import { describe, expect, it } from 'vitest';
import { chiSquareP, readExperiment } from '../../shared/analytics/experiment.ts';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';

describe('chi-square upper tail', () => {
  it('matches the tables', () => {
    // critical values from any χ² table: p = 0.05 / 0.01 / 0.001
    expect(chiSquareP(3.841459, 1)).toBeCloseTo(0.05, 5);
    expect(chiSquareP(6.634897, 1)).toBeCloseTo(0.01, 5);
    expect(chiSquareP(10.827566, 1)).toBeCloseTo(0.001, 6);
    expect(chiSquareP(5.991465, 2)).toBeCloseTo(0.05, 5);
    expect(chiSquareP(7.814728, 3)).toBeCloseTo(0.05, 5);
    expect(chiSquareP(0.454936, 1)).toBeCloseTo(0.5, 5);
    expect(chiSquareP(0, 1)).toBe(1);
  });
});

describe('readExperiment', () => {
  it('two variants: the same p as the two-proportion z-test', () => {
    // 10 % vs 13 % of 1,000 each: z = 2.1027, two-sided p = 0.0355
    const r = readExperiment([
      { id: 'A', entered: 1000, converted: 100 },
      { id: 'B', entered: 1000, converted: 130 },
    ]);
    expect(r.leader).toBe('B');
    expect(r.p).toBeCloseTo(0.0355, 3);
    expect(r.enough).toBe(true);
    expect(r.significant).toBe(true);
  });

  it('a small difference on few runs is not significant', () => {
    const r = readExperiment([
      { id: 'A', entered: 100, converted: 10 },
      { id: 'B', entered: 100, converted: 12 },
    ]);
    expect(r.leader).toBe('B');
    expect(r.p!).toBeGreaterThan(0.5);
    expect(r.significant).toBe(false);
  });

  it('too few runs: read, but not trusted', () => {
    const r = readExperiment([
      { id: 'A', entered: 6, converted: 0 },
      { id: 'B', entered: 6, converted: 5 },
    ]);
    expect(r.leader).toBe('B');
    expect(r.p!).toBeLessThan(0.05);
    expect(r.enough).toBe(false);
    expect(r.significant).toBe(false);
  });

  it('three variants (two degrees of freedom); variants nobody took are left out', () => {
    const r = readExperiment([
      { id: 'A', entered: 500, converted: 50 },
      { id: 'B', entered: 500, converted: 50 },
      { id: 'C', entered: 500, converted: 80 },
      { id: 'off', entered: 0, converted: 0 },
    ]);
    expect(r.leader).toBe('C');
    // by hand: expected 60 converted / 440 not per variant; χ² = 1.8939 + 1.8939 + 7.5758 = 11.3636
    // on 2 df, where the upper tail is exactly exp(-χ²/2)
    expect(r.p).toBeCloseTo(Math.exp(-11.3636 / 2), 5);
    expect(r.significant).toBe(true);
  });

  it('nothing to compare: one variant taken, or no conversions yet', () => {
    expect(readExperiment([{ id: 'A', entered: 50, converted: 5 }, { id: 'B', entered: 0, converted: 0 }])).toEqual({ leader: 'A', p: null, enough: false, significant: false });
    expect(readExperiment([{ id: 'A', entered: 50, converted: 0 }, { id: 'B', entered: 50, converted: 0 }])).toEqual({ leader: null, p: null, enough: false, significant: false });
  });
});

describe('an A/B split whose variants write by different channels', () => {
  const funnel = (second: string, via?: string) => ({
    format: 'voronka/funnel@1',
    id: 'ab',
    name: 'ab',
    nodes: [
      { id: 'start', type: 'trigger', data: { event: 'cart.abandoned' } },
      { id: 'split', type: 'split', data: { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }] } },
      { id: 'sms', type: 'message', data: { channel: 'sms', body: 'Скидка 10%' } },
      { id: 'pause', type: 'delay', data: { for: 'PT1H' } },
      { id: 'mail', type: 'message', data: { channel: second, subject: 'Скидка', body: 'Скидка 15%' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'split' },
      { id: 'e2', source: 'split', exit: 'A', target: 'sms' },
      { id: 'e3', source: 'split', exit: 'B', target: via ?? 'mail' },
      ...(via ? [{ id: 'e4', source: via, target: 'mail' }] : []),
    ],
  });
  const warned = (f: object, lang: 'en' | 'ru' = 'en') => validateFunnel(f, { lang }).issues.filter((i) => i.code === 'split-channels-differ');

  it('is warned about on the split, naming each variant with its channel (also past a delay)', () => {
    const [w] = warned(funnel('email', 'pause'), 'ru');
    expect(w).toMatchObject({ severity: 'warning', nodeId: 'split' });
    expect(w.message).toContain('A — SMS, B — email');
    expect(warned(funnel('email'))).toHaveLength(1);
    // the same channel in both: a fair comparison of texts
    expect(warned(funnel('sms'))).toEqual([]);
  });
});
