import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { edgeExit, type Funnel, type FunnelEdge, type FunnelNode } from '../../../shared/format/funnel.ts';
import { autoLayout } from '../../../web/src/editor/autoLayout.ts';
import { nodeExits } from '../../../web/src/editor/docOps.ts';
import { DEFAULT_SIZE, estimatedSize } from '../../../web/src/editor/layout.ts';
import { exampleFunnels } from '../examples.ts';

type Box = { x: number; y: number; width: number; height: number };
type Point = { x: number; y: number };

const doc = (nodes: FunnelNode[], edges: FunnelEdge[]): Funnel => ({ format: 'voronka/funnel@1', id: 'f', name: 'f', nodes, edges });
const n = (id: string, type: string, data: Record<string, unknown> = {}): FunnelNode => ({ id, type, data });
const e = (source: string, exit: string, target: string): FunnelEdge => ({ id: `${source}-${exit}`, source, exit, target });
/** A split's data with these variants. */
const variants = (...ids: string[]) => ({ variants: ids.map((id) => ({ id, weight: 1 })) });
/** A chain of messages `ids[0] → ids[1] → …` (nodes and the edges between them). */
const chain = (...ids: string[]) => ({ nodes: ids.map((id) => n(id, 'message')), edges: ids.slice(1).map((id, i) => e(ids[i], 'next', id)) });

/** Lays `f` out with the sizes the editor guesses before measuring (or the default size); node boxes by id. */
function layout(f: Funnel, guess = true): Record<string, Box> {
  const sizes = guess ? Object.fromEntries(f.nodes.map((x) => [x.id, estimatedSize(x.type)])) : {};
  const at = autoLayout(f, sizes);
  return Object.fromEntries(f.nodes.map((x) => [x.id, { ...at[x.id], ...(sizes[x.id] ?? DEFAULT_SIZE) }]));
}

const centreY = (b: Box) => b.y + b.height / 2;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether the segment p–q passes through the inside of `b` (touching its border does not count): Liang–Barsky clipping. */
function segmentHitsBox(p: Point, q: Point, b: Box): boolean {
  const eps = 0.5; // positions are rounded to whole pixels
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  let t0 = 0;
  let t1 = 1;
  // each side as `along * t <= room`
  const sides: [number, number][] = [
    [-dx, p.x - (b.x + eps)],
    [dx, b.x + b.width - eps - p.x],
    [-dy, p.y - (b.y + eps)],
    [dy, b.y + b.height - eps - p.y],
  ];
  for (const [along, room] of sides) {
    if (along === 0) {
      if (room < 0) return false;
      continue;
    }
    const t = room / along;
    if (along < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}

/**
 * Forks whose direct targets are not stacked top to bottom in exit order. Only targets that are
 * distinct, reached from this node alone (not merge points) and to its right (not loops) count.
 */
function forkOrderBreaks(f: Funnel, at: Record<string, Box>): string[] {
  const out: string[] = [];
  for (const node of f.nodes) {
    const exits = nodeExits(node);
    const targets = f.edges
      .filter((x) => x.source === node.id && x.target !== node.id && exits.includes(edgeExit(x)))
      .sort((a, b) => exits.indexOf(edgeExit(a)) - exits.indexOf(edgeExit(b)))
      .map((x) => x.target)
      .filter((t, i, all) => all.indexOf(t) === i)
      .filter((t) => f.edges.every((x) => x.target !== t || x.source === node.id) && at[t].x > at[node.id].x);
    for (let i = 1; i < targets.length; i++) {
      if (!(centreY(at[targets[i - 1]]) < centreY(at[targets[i]]))) out.push(`${node.id}: ${targets[i - 1]} is not above ${targets[i]}`);
    }
  }
  return out;
}

function overlaps(at: Record<string, Box>): string[] {
  const ids = Object.keys(at);
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) if (overlap(at[ids[i]], at[ids[j]])) out.push(`${ids[i]} overlaps ${ids[j]}`);
  return out;
}

/**
 * Nodes in the way of an edge drawn straight from its source's right side to its target's left
 * (the middles of both). `span` picks the edges: 'adjacent' those into the next rank (column),
 * 'forward' every edge going right, also over several ranks.
 */
function edgesThroughNodes(f: Funnel, at: Record<string, Box>, span: 'adjacent' | 'forward'): string[] {
  const columns = [...new Set(Object.values(at).map((b) => b.x + b.width / 2))].sort((a, b) => a - b);
  const column = (b: Box) => columns.indexOf(b.x + b.width / 2);
  const out: string[] = [];
  for (const x of f.edges) {
    const s = at[x.source];
    const t = at[x.target];
    const ranks = column(t) - column(s);
    if (ranks < 1 || (span === 'adjacent' && ranks !== 1)) continue;
    const p = { x: s.x + s.width, y: centreY(s) };
    const q = { x: t.x, y: centreY(t) };
    for (const [id, b] of Object.entries(at)) {
      if (id !== x.source && id !== x.target && segmentHitsBox(p, q, b)) out.push(`${x.source} → ${x.target} passes through ${id}`);
    }
  }
  return out;
}

describe('segmentHitsBox (the test helper)', () => {
  const box = { x: 0, y: 0, width: 10, height: 10 };
  it('tells crossing, missing and touching segments apart', () => {
    expect(segmentHitsBox({ x: -5, y: 5 }, { x: 15, y: 5 }, box)).toBe(true); // straight through
    expect(segmentHitsBox({ x: -5, y: -5 }, { x: 15, y: 15 }, box)).toBe(true); // corner to corner
    expect(segmentHitsBox({ x: 2, y: 2 }, { x: 3, y: 3 }, box)).toBe(true); // inside
    expect(segmentHitsBox({ x: -5, y: 12 }, { x: 15, y: 12 }, box)).toBe(false); // below
    expect(segmentHitsBox({ x: -5, y: 5 }, { x: -1, y: 5 }, box)).toBe(false); // stops short
    expect(segmentHitsBox({ x: 10, y: 5 }, { x: 30, y: 50 }, box)).toBe(false); // leaves from its border
    expect(segmentHitsBox({ x: 0, y: 10 }, { x: 10, y: 10 }, box)).toBe(false); // along its border
    expect(segmentHitsBox({ x: -10, y: 12 }, { x: 12, y: -10 }, box)).toBe(true); // cuts a corner
    expect(segmentHitsBox({ x: -10, y: 8 }, { x: 8, y: -10 }, box)).toBe(false); // passes the corner
  });
});

// Hand-made forks. Nodes and edges are listed in the order a user might have added them, not in
// exit order: the layout must not depend on that.

/** A branch with three rules, each leading to a chain of two messages; `else` leads out. */
const branch = doc(
  [n('start', 'trigger'), n('br', 'branch', { rules: [{ id: 'vip' }, { id: 'new' }, { id: 'old' }] }), n('none', 'exit'), ...chain('c1', 'c2').nodes, ...chain('b1', 'b2').nodes, ...chain('a1', 'a2').nodes],
  [e('start', 'next', 'br'), e('br', 'else', 'none'), e('br', 'old', 'c1'), ...chain('c1', 'c2').edges, e('br', 'new', 'b1'), ...chain('b1', 'b2').edges, e('br', 'vip', 'a1'), ...chain('a1', 'a2').edges],
);

/** An A/B split with three variants, each an offer; whoever buys and whoever does not meet again. */
const split = doc(
  [n('start', 'trigger'), n('ab', 'split', variants('A', 'B', 'C')), n('oc', 'offer'), n('ob', 'offer'), n('oa', 'offer'), n('bought', 'goal'), n('bye', 'exit')],
  [e('start', 'next', 'ab'), e('ab', 'C', 'oc'), e('ab', 'A', 'oa'), e('ab', 'B', 'ob'), ...['oa', 'ob', 'oc'].flatMap((o) => [e(o, 'timeout', 'bye'), e(o, 'converted', 'bought')])],
);

/** A wait for payment whose timeout path (a reminder) merges back into the paid path. */
const waitMerge = doc(
  [n('start', 'trigger'), n('invoice', 'message'), n('wait', 'wait'), n('remind', 'message'), n('paid', 'goal'), n('thanks', 'message'), n('end', 'exit')],
  [e('start', 'next', 'invoice'), e('invoice', 'next', 'wait'), e('wait', 'timeout', 'remind'), e('remind', 'next', 'thanks'), e('wait', 'received', 'paid'), e('paid', 'next', 'thanks'), e('thanks', 'next', 'end')],
);

/** A wait whose timeout path loops back to the wait (a back edge). */
const waitLoop = doc(
  [n('start', 'trigger'), n('wait', 'wait'), n('remind', 'message'), n('paid', 'goal'), n('end', 'exit')],
  [e('start', 'next', 'wait'), e('wait', 'timeout', 'remind'), e('remind', 'next', 'wait'), e('wait', 'received', 'paid'), e('paid', 'next', 'end')],
);

/** A hand-off with three outcomes and an SLA: four exits; "later" loops back, "overdue" joins "lost". */
const handoff = doc(
  [
    n('start', 'trigger'),
    n('call', 'handoff', { title: 'Call', outcomes: [{ id: 'won' }, { id: 'lost' }, { id: 'later' }], dueIn: 'P1D' }),
    n('nudge', 'message'),
    n('pause', 'delay', { for: 'P2D' }),
    n('sorry', 'message'),
    n('sale', 'goal'),
    n('lost_end', 'exit'),
    n('won_end', 'exit'),
  ],
  [e('start', 'next', 'call'), e('call', 'overdue', 'nudge'), e('nudge', 'next', 'sorry'), e('call', 'later', 'pause'), e('pause', 'next', 'call'), e('call', 'lost', 'sorry'), e('sorry', 'next', 'lost_end'), e('call', 'won', 'sale'), e('sale', 'next', 'won_end')],
);

/** Two offers whose exits lead to the same two nodes in opposite orders: both cannot be kept. */
const contradicting = doc(
  [n('start', 'trigger'), n('ab', 'split', variants('A', 'B')), n('x', 'offer'), n('y', 'offer'), n('m1', 'message'), n('m2', 'message')],
  [e('start', 'next', 'ab'), e('ab', 'A', 'x'), e('ab', 'B', 'y'), e('x', 'converted', 'm1'), e('x', 'timeout', 'm2'), e('y', 'converted', 'm2'), e('y', 'timeout', 'm1')],
);

const forks: [string, Funnel][] = [
  ['a branch with three rules and else', branch],
  ['an A/B split with three variants', split],
  ['a wait whose timeout path merges back', waitMerge],
  ['a wait whose timeout path loops back', waitLoop],
  ['a hand-off with three outcomes and an SLA', handoff],
];

describe('autoLayout at forks', () => {
  for (const [name, f] of forks) {
    describe(name, () => {
      for (const guess of [true, false]) {
        const sizes = guess ? 'guessed sizes' : 'the default size';
        it(`places every node, none on another (${sizes})`, () => {
          const at = layout(f, guess);
          for (const x of f.nodes) expect([at[x.id].x, at[x.id].y].every(Number.isFinite), x.id).toBe(true);
          expect(overlaps(at)).toEqual([]);
        });
        it(`stacks the targets in exit order (${sizes})`, () => {
          expect(forkOrderBreaks(f, layout(f, guess))).toEqual([]);
        });
        it(`draws no edge through a node, into the next rank or further (${sizes})`, () => {
          expect(edgesThroughNodes(f, layout(f, guess), 'forward')).toEqual([]);
        });
      }
    });
  }

  it('orders the chains behind a fork too, not just its first targets', () => {
    const at = layout(branch);
    expect(centreY(at.a2)).toBeLessThan(centreY(at.b2));
    expect(centreY(at.b2)).toBeLessThan(centreY(at.c2));
    // and the rules' targets line up in one rank
    expect(new Set(['a1', 'b1', 'c1', 'none'].map((id) => at[id].x)).size).toBe(1);
  });

  it('puts a merge point after both paths into it and a loop target back before its source', () => {
    const merge = layout(waitMerge);
    expect(merge.thanks.x).toBeGreaterThan(Math.max(merge.paid.x, merge.remind.x));
    const loop = layout(waitLoop);
    expect(loop.remind.x).toBeGreaterThan(loop.wait.x);
  });

  it('lays out forks that want opposite orders of the same two nodes (only one can have its way)', () => {
    const at = layout(contradicting);
    expect(Object.keys(at)).toHaveLength(contradicting.nodes.length);
    expect(overlaps(at)).toEqual([]);
    expect(centreY(at.x)).toBeLessThan(centreY(at.y)); // the split before them still holds
  });

  it('does not depend on the order nodes and edges are listed in', () => {
    for (const f of forks.map(([, x]) => x)) {
      const reversed = { ...f, nodes: [...f.nodes].reverse(), edges: [...f.edges].reverse() };
      const at = layout(reversed);
      expect(overlaps(at)).toEqual([]);
      expect(forkOrderBreaks(reversed, at)).toEqual([]);
    }
  });
});

describe('autoLayout of the example funnels', () => {
  for (const { name, json } of exampleFunnels()) {
    const f = json as Funnel;
    it(`${name}: places every node, none on another`, () => {
      const at = layout(f);
      for (const x of f.nodes) expect([at[x.id].x, at[x.id].y].every(Number.isFinite), x.id).toBe(true);
      expect(overlaps(at)).toEqual([]);
    });
    it(`${name}: stacks fork targets in exit order`, () => {
      expect(forkOrderBreaks(f, layout(f))).toEqual([]);
    });
    it(`${name}: draws no edge through a node, into the next rank or further`, () => {
      const at = layout(f);
      expect(edgesThroughNodes(f, at, 'adjacent')).toEqual([]);
      expect(edgesThroughNodes(f, at, 'forward')).toEqual([]);
    });
  }
});

describe('autoLayout of a large funnel', () => {
  // a spine of 100 forks (offers, waits, splits, branches) taking either exit on; the other exit leads
  // to a message that ends, or every third time merges back into the spine a step later
  const types: [string, Record<string, unknown>][] = [['offer', {}], ['wait', {}], ['split', variants('A', 'B')], ['branch', { rules: [{ id: 'yes' }] }]];
  const nodes: FunnelNode[] = [n('s0', 'trigger')];
  const edges: FunnelEdge[] = [e('s0', 'next', 's1')];
  for (let i = 1; i <= 100; i++) nodes.push(n(`s${i}`, ...types[i % 4]));
  for (let i = 1; i < 100; i++) {
    const exits = nodeExits(nodes[i]);
    const [main, side] = i % 5 < 2 ? exits : [...exits].reverse();
    edges.push(e(`s${i}`, main, `s${i + 1}`), e(`s${i}`, side, `x${i}`));
    nodes.push(n(`x${i}`, 'message'));
    if (i % 3 === 0 && i < 98) edges.push(e(`x${i}`, 'next', `s${i + 2}`));
    else {
      nodes.push(n(`end${i}`, 'exit'));
      edges.push(e(`x${i}`, 'next', `end${i}`));
    }
  }
  const f = doc(nodes, edges);

  it('places every node, none on another, forks in exit order', () => {
    const at = layout(f);
    expect(Object.keys(at)).toHaveLength(f.nodes.length);
    expect(overlaps(at)).toEqual([]);
    expect(forkOrderBreaks(f, at)).toEqual([]);
  });

  it('draws no edge through a node', () => {
    const at = layout(f);
    expect(edgesThroughNodes(f, at, 'adjacent')).toEqual([]);
    expect(edgesThroughNodes(f, at, 'forward')).toEqual([]);
  });
});

describe('autoLayout of a funnel whose edges push one node back and forth (audit: the goal thrown 1 650 px away)', () => {
  const f = JSON.parse(readFileSync(new URL('./webinar-layout.json', import.meta.url), 'utf8')) as Funnel;

  it('keeps every node near the nodes it is connected to, none on another', () => {
    const at = layout(f);
    const far = f.edges
      .filter((x) => x.source !== x.target)
      .map((x) => [x.source, x.target, Math.abs(centreY(at[x.source]) - centreY(at[x.target]))] as const)
      .filter(([, , dy]) => dy > 600);
    expect(far).toEqual([]);
    const ids = Object.keys(at);
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) expect(overlap(at[ids[i]], at[ids[j]]), `${ids[i]} / ${ids[j]}`).toBe(false);
    const ys = Object.values(at).map((b) => b.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(1000);
  });
});
