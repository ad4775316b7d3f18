import { describe, expect, it } from 'vitest';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { autoLayout } from '../../../web/src/editor/autoLayout.ts';
import { needsLayout, overlaps, stacked } from '../../../web/src/editor/layout.ts';

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

  it('finds the nodes lying on one another among many, wherever they are in the list', () => {
    const grid = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, position: { x: (i % 20) * 300, y: Math.floor(i / 20) * 260 } }));
    // lies over most of n157 (x 5100, y 1820)
    grid.splice(3, 0, { id: 'late', position: { x: 5140, y: 1850 } });
    expect([...stacked(funnel(grid), 0.5)].sort()).toEqual(['late', 'n157']);
    // two of 301: the rest is shown as it was left
    expect(needsLayout(funnel(grid))).toBe(false);
  });

  it('keeps a funnel whose nodes a user left over one another as it was left; lays out one that is mostly a pile', () => {
    const apart = Array.from({ length: 10 }, (_, i) => ({ id: `n${i}`, position: { x: i * 300, y: 0 } }));
    // a node dropped over the lower part of another (audit 31), or over most of it (audit 33: «Выход» just off «Цель»)
    expect(needsLayout(funnel([...apart, { id: 'goal', position: { x: 780, y: -620 } }, { id: 'exit', type: 'exit', position: { x: 880, y: -570 } }]))).toBe(false);
    expect(needsLayout(funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 50, y: 110 } }, { id: 'c', position: { x: 600, y: 0 } }]))).toBe(false);
    // every node at one spot, or most hiding one another, is laid out
    expect(needsLayout(funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 0 } }]))).toBe(true);
    expect(needsLayout(funnel(Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, position: { x: i * 20, y: i * 10 } }))))).toBe(true);
  });

  it('counts nodes touching edge to edge as apart, and a tall offer as reaching further down', () => {
    expect(overlaps(funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 240, y: 0 } }]))).toBe(false);
    expect(overlaps(funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 200 } }]))).toBe(false);
    expect(overlaps(funnel([{ id: 'a', type: 'offer', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 200 } }]))).toBe(true);
    // by more than half the smaller node: a tall offer over the top of a delay is not
    expect(stacked(funnel([{ id: 'a', type: 'offer', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 200 } }]), 0.5).size).toBe(0);
    expect(stacked(funnel([{ id: 'a', type: 'offer', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 60 } }]), 0.5).size).toBe(2);
  });

  it('lays out a funnel so that it no longer needs it', () => {
    const f = funnel(Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, position: { x: 0, y: 0 } })));
    const at = autoLayout(f, {});
    expect(needsLayout({ ...f, nodes: f.nodes.map((n) => ({ ...n, position: at[n.id] })) })).toBe(false);
  });
});
