import { describe, expect, it } from 'vitest';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { autoLayout } from '../../../web/src/editor/autoLayout.ts';
import { needsLayout } from '../../../web/src/editor/layout.ts';

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

  it('finds two overlapping nodes among many, wherever they are in the list', () => {
    const grid = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, position: { x: (i % 20) * 300, y: Math.floor(i / 20) * 260 } }));
    // overlaps n157 (x 5100, y 1820) and n158 (x 5400) in the eighth row
    grid.splice(3, 0, { id: 'late', position: { x: 5200, y: 1860 } });
    expect(needsLayout(funnel(grid))).toBe(true);
  });

  it('counts nodes touching edge to edge as apart, and a tall offer as reaching further down', () => {
    expect(needsLayout(funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 240, y: 0 } }]))).toBe(false);
    expect(needsLayout(funnel([{ id: 'a', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 200 } }]))).toBe(false);
    expect(needsLayout(funnel([{ id: 'a', type: 'offer', position: { x: 0, y: 0 } }, { id: 'b', position: { x: 0, y: 200 } }]))).toBe(true);
  });

  it('lays out a funnel so that it no longer needs it', () => {
    const f = funnel(Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, position: { x: 0, y: 0 } })));
    const at = autoLayout(f, {});
    expect(needsLayout({ ...f, nodes: f.nodes.map((n) => ({ ...n, position: at[n.id] })) })).toBe(false);
  });
});
