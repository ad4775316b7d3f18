import { describe, expect, it } from 'vitest';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { followExits, nodeExits, setNodeData } from '../../../web/src/editor/docOps.ts';

const branch = (ids: string[]) => ({ rules: ids.map((id) => ({ id, when: { '==': [{ var: 'contact.city' }, id] } })) });
const doc: Funnel = {
  format: 'voronka/funnel@1',
  id: 'f',
  name: 'f',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
    { id: 'b', type: 'branch', data: branch(['yes', 'maybe']) },
    { id: 'x', type: 'exit', data: {} },
    { id: 'y', type: 'exit', data: {} },
    { id: 'z', type: 'exit', data: {} },
  ],
  edges: [
    { id: 'e0', source: 'start', target: 'b' },
    { id: 'e1', source: 'b', exit: 'yes', target: 'x' },
    { id: 'e2', source: 'b', exit: 'maybe', target: 'y' },
    { id: 'e3', source: 'b', exit: 'else', target: 'z' },
  ],
} as Funnel;

/** Sets `b`'s data as the inspector does and lets its edges follow. */
const edit = (data: object) => followExits(setNodeData(doc, 'b', data as never), 'b', nodeExits(doc.nodes[1]));
const exits = (d: Funnel) => d.edges.filter((e) => e.source === 'b').map((e) => `${e.exit}→${e.target}`);

describe('followExits (edges when a node’s exits change)', () => {
  it('a renamed exit keeps its edge, under the new name', () => {
    expect(exits(edit(branch(['company', 'maybe'])))).toEqual(['company→x', 'maybe→y', 'else→z']);
  });

  it('reordered exits keep their edges by name', () => {
    expect(exits(edit(branch(['maybe', 'yes'])))).toEqual(['yes→x', 'maybe→y', 'else→z']);
  });

  it('a removed exit drops its edge; an added one has none', () => {
    expect(exits(edit(branch(['maybe'])))).toEqual(['maybe→y', 'else→z']);
    expect(exits(edit(branch(['yes', 'maybe', 'later'])))).toEqual(['yes→x', 'maybe→y', 'else→z']);
  });

  it('two renamed at once pair up in order', () => {
    expect(exits(edit(branch(['a', 'b'])))).toEqual(['a→x', 'b→y', 'else→z']);
  });

  it('leaves other nodes’ edges alone', () => {
    expect(edit(branch(['company', 'maybe'])).edges[0]).toEqual(doc.edges[0]);
  });

  it('an A/B variant renamed through a duplicate name and on keeps its edge (B → A → C)', () => {
    const ab = (ids: string[]) => ({ variants: ids.map((id) => ({ id, weight: 50 })) });
    let d: Funnel = {
      ...doc,
      nodes: [...doc.nodes.filter((n) => n.id !== 'b'), { id: 'b', type: 'split', data: ab(['A', 'B']) }],
      edges: [{ id: 'e1', source: 'b', exit: 'A', target: 'x' }, { id: 'e2', source: 'b', exit: 'B', target: 'y' }],
    } as Funnel;
    const type = (ids: string[]) => {
      const node = d.nodes.find((n) => n.id === 'b')!;
      d = followExits(setNodeData(d, 'b', ab(ids) as never), 'b', nodeExits(node));
    };
    // typed key by key in the inspector: "B" → "" → "A" (the other variant's name) → "" → "C"
    for (const step of [['A', ''], ['A', 'A'], ['A', ''], ['A', 'C']]) type(step);
    expect(exits(d)).toEqual(['A→x', 'C→y']);
    // straight from a duplicate to a new name
    type(['A', 'A']);
    type(['A', 'D']);
    expect(exits(d)).toEqual(['A→x', 'D→y']);
    // removing the variant while it is a duplicate drops only its own edge
    type(['A', 'A']);
    type(['A']);
    expect(exits(d)).toEqual(['A→x']);
  });
});
