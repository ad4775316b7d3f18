import { describe, expect, it } from 'vitest';
import { oneSidedGoals, sharedSteps, variantTargets } from '../../../web/src/simulator/experimentSteps.ts';

const e = (source: string, target: string, exit?: string) => ({ id: `${source}-${target}`, source, target, ...(exit ? { exit } : {}) });

describe('the steps an A/B split can be judged by', () => {
  // split → A: mailA → wait → offer; B: mailB → wait → offer; A also → onlyA
  const doc = { edges: [e('split', 'mailA', 'A'), e('split', 'mailB', 'B'), e('mailA', 'wait'), e('mailB', 'wait'), e('wait', 'offer'), e('mailA', 'onlyA')] };

  it('names where each variant leads', () => {
    expect([...variantTargets(doc, 'split')]).toEqual([
      ['A', 'mailA'],
      ['B', 'mailB'],
    ]);
  });

  it('lists only the steps two variants or more can reach, not a variant’s own message', () => {
    expect([...sharedSteps(doc, 'split')].sort()).toEqual(['offer', 'wait']);
  });

  it('names the funnel’s goals only one variant can reach', () => {
    expect(oneSidedGoals(doc, 'split', ['onlyA', 'offer', 'elsewhere'])).toEqual([{ node: 'onlyA', variant: 'A' }]);
  });
});
