import { describe, expect, it } from 'vitest';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { autoLayout } from '../../../web/src/editor/autoLayout.ts';
import { needsLayout, overlaps } from '../../../web/src/editor/layout.ts';

const funnel = (nodes: { id: string; type?: string; position?: { x: number; y: number } }[]): Funnel =>
  ({ format: 'voronka/funnel@1', id: 'f', name: 'f', nodes: nodes.map((n) => ({ type: 'delay', data: { for: 'P1D' }, ...n })), edges: [] }) as Funnel;

describe('needsLayout (whether a funnel is laid out when it is opened)', () => {
  it('is false for nodes placed apart, in any order', () => {
    const grid = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, position: { x: (i * 7919) % 20 * 300, y: Math.floor(i / 20) * 260 } }));
    expect(needsLayout(funnel(grid))).toBe(false);
  });

  it('is true when a node has no position', () => {
    expect(needsLayout(funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b' }]))).toBe(true);
  });

  it('finds two nodes lying on one another among many, wherever they are in the list', () => {
    const grid = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, position: { x: (i % 20) * 300, y: Math.floor(i / 20) * 260 } }));
    // lies over most of n157 (x 5100, y 1820)
    grid.splice(3, 0, { id: 'late', position: { x: 5140, y: 1850 } });
    expect(needsLayout(funnel(grid))).toBe(true);
  });

  it('keeps a funnel whose nodes a user left partly over one another as it was left', () => {
    // a node dropped over the lower part of another (as in audit 31: reopened, the whole funnel was stacked in one column)
    const dropped = funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 50, y: 110 } }, { id: 'c', position: { x: 600, y: 0 } }]);
    expect(needsLayout(dropped)).toBe(false);
    expect(overlaps(dropped)).toBe(true);
    // every node at one spot, or one hiding most of another, is laid out
    expect(needsLayout(funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 0 } }]))).toBe(true);
    expect(needsLayout(funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 40, y: 30 } }]))).toBe(true);
  });

  it('counts nodes touching edge to edge as apart, and a tall offer as reaching further down', () => {
    expect(overlaps(funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 240, y: 0 } }]))).toBe(false);
    expect(overlaps(funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 200 } }]))).toBe(false);
    expect(overlaps(funnel([{ id: 'a', type: 'offer', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 200 } }]))).toBe(true);
    // by more than half the smaller node: a tall offer over the top of a delay is not
    expect(overlaps(funnel([{ id: 'a', type: 'offer', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 200 } }]), 0.5)).toBe(false);
    expect(overlaps(funnel([{ id: 'a', type: 'offer', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 60 } }]), 0.5)).toBe(true);
  });

  it('lays out a funnel so that it no longer needs it', () => {
    const f = funnel(Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, position: { x: 0, y: 0 } })));
    const at = autoLayout(f, {});
    expect(needsLayout({ ...f, nodes: f.nodes.map((n) => ({ ...n, position: at[n.id] })) })).toBe(false);
  });
});
