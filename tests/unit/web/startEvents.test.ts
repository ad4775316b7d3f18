import { describe, expect, it } from 'vitest';
import type { FunnelNode } from '../../../shared/format/funnel.ts';
import { startEvents } from '../../../web/src/editor/startEvents.ts';

describe('the outside events a funnel starts on', () => {
  it('each event trigger\'s event once; segment and date entries and other nodes are left out', () => {
    const nodes = [
      { id: 'a', type: 'trigger', data: { event: 'lead.created' } },
      { id: 'b', type: 'trigger', data: { event: 'lead.created', where: { '==': [1, 1] } } },
      { id: 'c', type: 'trigger', data: { event: 'cart.abandoned', key: 'data.cartId' } },
      { id: 'd', type: 'trigger', data: { segment: 'sleeping' } },
      { id: 'e', type: 'trigger', data: { date: { attribute: 'birthday' } } },
      { id: 'f', type: 'wait', data: { event: 'order.paid', timeout: 'P1D' } },
    ] as FunnelNode[];
    expect(startEvents(nodes)).toEqual(['lead.created', 'cart.abandoned']);
  });
});
