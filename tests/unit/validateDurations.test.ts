import { describe, expect, it } from 'vitest';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';
import { edge, funnel, node, trigger } from './helpers.ts';

/** trigger → one node `n` (by `next`), and what the validator says about it: [code, field, severity]. */
const issues = (n: ReturnType<typeof node>, lang?: 'ru') =>
  validateFunnel(funnel([trigger(), n], [edge('start', 'next', n.id)]), lang ? { lang } : {}).issues.filter((i) => i.nodeId === n.id);
const codes = (n: ReturnType<typeof node>) => issues(n).map((i) => [i.code, i.field, i.severity]);

describe('validate: a duration of no time where time is the point', () => {
  it('a wait that gives its event no time is a warning on its timeout', () => {
    expect(codes(node('w', 'wait', { event: 'project.created', timeout: 'P0D' }))).toEqual([['wait-zero', 'timeout', 'warning']]);
    expect(codes(node('w', 'wait', { event: 'project.created', timeout: 'PT0S' }))).toEqual([['wait-zero', 'timeout', 'warning']]);
    expect(issues(node('w', 'wait', { event: 'project.created', timeout: 'P0D' }), 'ru')[0].message).toContain('не даёт событию времени прийти');
    expect(codes(node('w', 'wait', { event: 'project.created', timeout: 'PT1M' }))).toEqual([]);
  });

  it('a stage with no window to convert in is a warning on its window', () => {
    const stage = { stage: 'tripwire', product: { sku: 'MINI', name: 'Mini', price: 990 } };
    expect(codes(node('o', 'offer', { ...stage, window: 'P0D' }))).toEqual([['offer-window-zero', 'window', 'warning']]);
    expect(codes(node('o', 'offer', { ...stage, window: 'P3D' }))).toEqual([]);
  });

  it('a manager task due at once is a warning on its deadline; no deadline is fine', () => {
    const task = { title: 'Call', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Won' }] };
    expect(codes(node('h', 'handoff', { ...task, dueIn: 'PT0M' }))).toEqual([['handoff-due-zero', 'dueIn', 'warning']]);
    expect(codes(node('h', 'handoff', task))).toEqual([]);
    expect(codes(node('h', 'handoff', { ...task, dueIn: 'P1D' }))).toEqual([]);
  });
});
