import { describe, expect, it } from 'vitest';
import { compileFunnel } from '../../../shared/compiler/compileFunnel.ts';
import { validateFunnel } from '../../../shared/validate/validateFunnel.ts';
import { setNodeLabel } from '../../../web/src/editor/docOps.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { edge, funnel as testFunnel, node, trigger } from '../helpers.ts';

const funnel = (...a: Parameters<typeof testFunnel>) => testFunnel(...a) as unknown as Funnel;

describe('a node named for people (FunnelNode.label)', () => {
  const f = funnel([trigger(), node('message_2', 'message', { channel: 'sms', body: 'Напоминание', marketing: false })], [edge('start', 'next', 'message_2')]);

  it('is kept through validation and compiling (the runtime ignores it)', () => {
    const named = setNodeLabel(f, 'message_2', 'Напоминание A');
    expect(named.nodes[1]).toMatchObject({ id: 'message_2', label: 'Напоминание A' });
    expect(validateFunnel(named).issues.filter((i) => i.severity === 'error')).toEqual([]);
    const c = compileFunnel(named);
    if (!c.ok) throw new Error('compiles');
    expect(c.compiled.nodes.get('message_2')?.node.label).toBe('Напоминание A');
  });

  it('an empty name removes it; a name over 80 characters is an error naming the node', () => {
    const named = setNodeLabel(f, 'message_2', 'Напоминание A');
    expect('label' in setNodeLabel(named, 'message_2', '  ').nodes[1]).toBe(false);
    const issues = validateFunnel(setNodeLabel(f, 'message_2', 'x'.repeat(81))).issues.filter((i) => i.severity === 'error');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ nodeId: 'message_2' });
    expect(issues[0].message).toContain('80');
  });
});
