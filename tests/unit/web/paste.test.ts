import { describe, expect, it } from 'vitest';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { addNode, pasteOffset, placeForClick } from '../../../web/src/editor/actions.ts';
import { useEditor } from '../../../web/src/editor/store.ts';
import { copyNodes, pasteClip } from '../../../web/src/editor/docOps.ts';
import { nodeBoxes, type Box } from '../../../web/src/editor/layout.ts';

const node = (id: string, type: string, x: number, y: number) => ({ id, type, position: { x, y }, data: {} });
const funnel = (nodes: ReturnType<typeof node>[]): Funnel => ({ format: 'voronka/funnel@1', id: 'f', name: 'f', nodes, edges: [] }) as unknown as Funnel;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Pastes `ids` of `doc` as Ctrl+C, Ctrl+V would; returns the new document and whether any node now covers another. */
function copyPaste(doc: Funnel, ids: string[]) {
  const clip = copyNodes(doc, ids);
  const next = pasteClip(doc, clip, pasteOffset(doc, clip));
  const boxes = nodeBoxes(next.doc.nodes);
  const covered = boxes.some((a, i) => boxes.some((b, j) => i < j && overlaps(a, b)));
  return { doc: next.doc, ids: next.ids, covered };
}

describe('paste lands where it covers no node', () => {
  it('a single node next to its original, and a second paste beside the first copy', () => {
    let doc = funnel([node('start', 'trigger', 0, 0), node('mail', 'message', 320, 0), node('wait', 'delay', 320, 240), node('end', 'exit', 640, 0)]);
    for (let i = 0; i < 3; i++) {
      const r = copyPaste(doc, ['mail']);
      expect(r.covered, `paste ${i + 1}`).toBe(false);
      const p = r.doc.nodes.find((n) => n.id === r.ids[0])!.position!;
      expect(Math.hypot(p.x - 320, p.y) < 800, `paste ${i + 1} stays near its original`).toBe(true);
      doc = r.doc;
    }
  });

  it('a group below itself, further down when that place is taken', () => {
    const doc = funnel([node('a', 'message', 0, 0), node('b', 'delay', 320, 0), node('below', 'offer', 100, 260)]);
    const r = copyPaste(doc, ['a', 'b']);
    expect(r.covered).toBe(false);
    const again = copyPaste(r.doc, ['a', 'b']);
    expect(again.covered).toBe(false);
    // the two copies keep their layout: side by side, as the originals
    const [p, q] = again.ids.map((id) => again.doc.nodes.find((n) => n.id === id)!.position!);
    expect(q.x - p.x).toBe(320);
    expect(q.y).toBe(p.y);
  });
});

describe('click-to-add lands where it covers no node', () => {
  it('with an exit selected (no exit to join), a tall stage card is placed off the exit, by the sizes the canvas measured', () => {
    const doc = funnel([node('start', 'trigger', 0, 0), node('end', 'exit', 300, 200)]);
    useEditor.getState().load('f@draft', doc, false);
    useEditor.getState().select({ nodes: ['end'] });
    const measured = { start: { width: 250, height: 120 }, end: { width: 260, height: 150 } };
    const place = placeForClick({ x: 300, y: -20 }, 'offer', measured);
    expect(place.after).toBeUndefined();
    const [card] = nodeBoxes([{ id: 'new', type: 'offer', position: place.position }]);
    const [end] = nodeBoxes(doc.nodes.slice(1), measured);
    expect(overlaps(card, end)).toBe(false);
    useEditor.getState().reset();
  });

  it('after a wait whose first exit leads to a tall stage, a node for its second exit goes below the stage, not over it (audit 33)', () => {
    const doc = {
      ...funnel([node('wait', 'wait', 0, 0), node('trip', 'offer', 320, 0)]),
      edges: [{ id: 'e1', source: 'wait', exit: 'received', target: 'trip' }],
    } as Funnel;
    useEditor.getState().load('f@draft', doc, false);
    useEditor.getState().select({ nodes: ['wait'] });
    // the stage as the canvas measured it: taller than a guess with its message
    const measured = { wait: { width: 240, height: 150 }, trip: { width: 240, height: 300 } };
    const place = placeForClick({ x: 0, y: 600 }, 'message', measured);
    expect(place.after).toEqual({ source: 'wait', exit: 'timeout' });
    const [added] = nodeBoxes([{ id: 'new', type: 'message', position: place.position }]);
    const [trip] = nodeBoxes(doc.nodes.slice(1), measured);
    expect(overlaps(added, trip)).toBe(false);
    // still beside the wait, just below the stage
    expect(place.position.x).toBe(320);
    expect(place.position.y).toBeLessThan(300 + 120);
    useEditor.getState().reset();
  });

  it('after a node whose exits are all taken, the new node goes between it and the next one, not on the side unconnected', () => {
    const doc = { ...funnel([node('start', 'trigger', 0, 0), node('mail', 'message', 320, 0)]), edges: [{ id: 'e1', source: 'start', target: 'mail' }] } as Funnel;
    useEditor.getState().load('f@draft', doc, false);
    useEditor.getState().select({ nodes: ['start'] });
    const place = placeForClick({ x: 0, y: 300 }, 'delay');
    expect(place.after).toEqual({ source: 'start', exit: 'next', before: 'mail' });
    const id = addNode('delay', place.position, place.after, { data: { for: 'P1D' } })!;
    const edges = useEditor.getState().doc!.edges.map((e) => [e.source, e.exit ?? 'next', e.target]);
    expect(edges).toEqual(expect.arrayContaining([['start', 'next', id], [id, 'next', 'mail']]));
    expect(edges).toHaveLength(2);
    const [added] = nodeBoxes(useEditor.getState().doc!.nodes.filter((n) => n.id === id));
    const [mail] = nodeBoxes(doc.nodes.filter((n) => n.id === 'mail'));
    expect(overlaps(added, mail)).toBe(false);
    useEditor.getState().reset();
  });
});
