import { describe, expect, it } from 'vitest';
import { suggestData } from '../../../web/src/simulator/eventHints.ts';
import { edge, funnel, node, sim, trigger } from '../helpers.ts';

describe('the simulator\'s event form, for an event a run waits for', () => {
  it('is filled with what the funnel reads of it afterwards: a branch on the payment\'s amount gets an amount', () => {
    const f = funnel(
      [
        trigger({ event: 'go' }),
        node('w', 'wait', { event: 'order.paid', timeout: 'P5D' }),
        node('big', 'branch', { rules: [{ id: 'big', label: 'Big', when: { '>': [{ var: 'lastEvent.data.amount' }, 100] } }] }),
      ],
      [edge('start', 'next', 'w'), edge('w', 'received', 'big')],
    );
    const s = sim(f);
    s.event({ type: 'go' });
    expect(s.current?.at).toBe('w');
    expect(suggestData(f as never, s, 'order.paid')).toEqual({ amount: 1970 });
  });
});
