import { describe, expect, it } from 'vitest';
import { chooseVariant } from '../../../shared/nodes/split.ts';
import { validateFunnel } from '../../../shared/validate/validateFunnel.ts';
import { DAY, T0, compiled, contact, edge, funnel, node, sim, start, stateOf, trigger } from '../helpers.ts';

const splitFunnel = (variants: { id: string; weight: number }[], splitId = 's') =>
  funnel(
    [trigger({ event: 'go', reentry: 'always' }), node(splitId, 'split', { variants }), ...variants.map((v) => node(`to_${v.id}`, 'exit'))],
    [edge('start', 'next', splitId), ...variants.map((v) => edge(splitId, v.id, `to_${v.id}`))],
  );
const variantOf = (r: ReturnType<typeof start>, splitId = 's') => r.journal.find((j) => j.kind === 'left' && j.node === splitId)?.exit;

describe('split: compile', () => {
  it('compiles to eventless transitions with a variant guard per variant', () => {
    const st = stateOf(compiled(splitFunnel([{ id: 'A', weight: 70 }, { id: 'B', weight: 30 }])), 's');
    expect(st.always).toEqual([
      { target: 'to_A', guard: { type: 'nodeGuard', params: { node: 's', name: 'variant', arg: 'A' } }, actions: [{ type: 'leave', params: { node: 's', exit: 'A' } }] },
      { target: 'to_B', guard: { type: 'nodeGuard', params: { node: 's', name: 'variant', arg: 'B' } }, actions: [{ type: 'leave', params: { node: 's', exit: 'B' } }] },
    ]);
  });
});

describe('split: runtime', () => {
  const cf = compiled(splitFunnel([{ id: 'A', weight: 70 }, { id: 'B', weight: 30 }]));

  it('takes exactly one variant, the one chooseVariant names', () => {
    for (const id of ['c1', 'c2', 'c3', 'anna@example.com']) {
      const r = start(cf, { type: 'go' }, contact({}, { id }));
      const v = variantOf(r);
      expect(['A', 'B']).toContain(v);
      expect(v).toBe(chooseVariant({ variants: [{ id: 'A', weight: 70 }, { id: 'B', weight: 30 }] }, id, 'f', 's'));
      expect(r.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['start', 's', `to_${v}`]);
    }
  });

  it('is deterministic: the same contact gets the same variant every time, at any time, in any run', () => {
    for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) {
      const c = contact({}, { id });
      const first = variantOf(start(cf, { type: 'go' }, c));
      for (let i = 1; i <= 5; i++) expect(variantOf(start(cf, { type: 'go', data: { i } }, c, T0 + i * 37 * DAY + i))).toBe(first);
      // a fresh compile of the same funnel agrees, and so does the simulator over several runs
      expect(variantOf(start(compiled(splitFunnel([{ id: 'A', weight: 70 }, { id: 'B', weight: 30 }])), { type: 'go' }, c))).toBe(first);
      const s = sim(splitFunnel([{ id: 'A', weight: 70 }, { id: 'B', weight: 30 }]), c);
      s.event({ type: 'go' });
      s.event({ type: 'go' });
      expect(s.log.filter((j) => j.kind === 'left' && j.node === 's').map((j) => j.exit)).toEqual([first, first]);
    }
  });

  it('a 70/30 split puts 70 % ± 5 % of 2,000 contacts in A', () => {
    let a = 0;
    for (let i = 0; i < 2000; i++) {
      const v = variantOf(start(cf, { type: 'go' }, contact({}, { id: `contact-${i}` })));
      expect(v === 'A' || v === 'B').toBe(true);
      if (v === 'A') a++;
    }
    expect(a / 2000).toBeGreaterThanOrEqual(0.65);
    expect(a / 2000).toBeLessThanOrEqual(0.75);
  });

  it('three variants 1:1:1 are each roughly a third; every variant is used', () => {
    const variants = [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }, { id: 'C', weight: 1 }];
    const counts: Record<string, number> = { A: 0, B: 0, C: 0 };
    for (let i = 0; i < 3000; i++) counts[chooseVariant({ variants }, `u${i}`, 'f', 's')]++;
    for (const k of ['A', 'B', 'C']) expect(Math.abs(counts[k] / 3000 - 1 / 3)).toBeLessThan(0.05);
  });

  it('depends on the node id and funnel id too (the hash is not just the contact)', () => {
    const v = { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }] };
    const ids = Array.from({ length: 200 }, (_, i) => `k${i}`);
    const byNode = ids.filter((id) => chooseVariant(v, id, 'f', 's1') !== chooseVariant(v, id, 'f', 's2')).length;
    const byFunnel = ids.filter((id) => chooseVariant(v, id, 'f1', 's') !== chooseVariant(v, id, 'f2', 's')).length;
    expect(byNode).toBeGreaterThan(50);
    expect(byFunnel).toBeGreaterThan(50);
  });

  it('a single variant always takes it', () => {
    const one = compiled(splitFunnel([{ id: 'only', weight: 3 }]));
    for (const id of ['a', 'b', 'c']) expect(variantOf(start(one, { type: 'go' }, contact({}, { id })))).toBe('only');
  });
});

describe('split: validation', () => {
  it('a variant left without an edge is warned about by name; connected variants are not', () => {
    const f = splitFunnel([{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }]) as { edges: { source: string; exit?: string }[] };
    f.edges = f.edges.filter((e) => !(e.source === 's' && e.exit === 'B'));
    const { issues } = validateFunnel(f, { lang: 'ru' });
    const open = issues.filter((i) => i.code === 'exit-unconnected');
    expect(open).toEqual([expect.objectContaining({ severity: 'warning', nodeId: 's' })]);
    expect(open[0].message).toContain('вариант «B» никуда не ведёт');
    expect(validateFunnel(splitFunnel([{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }])).issues.filter((i) => i.code === 'exit-unconnected')).toEqual([]);
  });
});

describe('split: a variant turned off', () => {
  it('weight 0 gets nobody, wherever it stands in the list', () => {
    for (const variants of [[{ id: 'A', weight: 0 }, { id: 'B', weight: 1 }], [{ id: 'A', weight: 1 }, { id: 'B', weight: 0 }]]) {
      const got = new Set(Array.from({ length: 500 }, (_, i) => chooseVariant({ variants }, `c${i}`, 'f', 's')));
      expect([...got]).toEqual([variants.find((v) => v.weight > 0)!.id]);
    }
  });
});

describe('split: a contact id for each variant (the simulator\'s «walk variant B»)', () => {
  it('finds an id like the given one that the engine sends to the asked variant; none for a variant that gets nobody', async () => {
    const { experimentsOf, contactIdForVariant } = await import('../../../shared/simulator/variants.ts');
    const f = { id: 'f', nodes: [{ id: 's', type: 'split', data: { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }, { id: 'off', weight: 0 }] } }] } as never;
    const [exp] = experimentsOf(f);
    expect(exp.variants).toEqual(['A', 'B', 'off']);
    for (const v of ['A', 'B']) {
      const id = contactIdForVariant(exp, v, 'qa-anna-7')!;
      expect(id).toMatch(/^qa-anna(-\d+)?$/); // a trailing -N is replaced, not stacked
      expect(chooseVariant({ variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }, { id: 'off', weight: 0 }] }, id, 'f', 's')).toBe(v);
      expect(exp.variantOf(id)).toBe(v);
    }
    expect(contactIdForVariant(exp, 'off', 'qa-anna')).toBeNull();
  });
});
