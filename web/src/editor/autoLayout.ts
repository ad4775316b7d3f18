import dagre, { type LayoutOptions, type OrderConstraint } from '@dagrejs/dagre';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { edgeExit } from '../../../shared/format/funnel.ts';
import { nodeExits } from './docOps.ts';
import { DEFAULT_SIZE } from './layout.ts';

// dagre is loaded with this module, on the first auto-layout (not with the editor)

const MARGIN = 20;
/** How far an edge passing a node keeps from it (its stroke, and the curve it is drawn as). */
const CLEARANCE = 12;

type Box = { x: number; y: number; width: number; height: number };
type CustomOrder = NonNullable<LayoutOptions['customOrder']>;
/** dagre's working graph during ordering: ranked, long edges split into chains of dummy nodes. */
type RankedGraph = Parameters<CustomOrder>[0];

/**
 * Lays the funnel out left to right with dagre; returns the new top-left position of every node.
 * At a fork the targets are stacked in exit order, the order the node draws its exit handles
 * top to bottom, so the edges leaving it do not cross (see `forkConstraints`).
 */
export function autoLayout(doc: Funnel, sizes: Record<string, { width: number; height: number }>): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) g.setNode(n.id, { ...(sizes[n.id] ?? DEFAULT_SIZE) });
  // source → target → the first of the source's exits that leads there (the first node of an id, as `find` would pick)
  const exitsOf = new Map<string, string[]>();
  for (const n of doc.nodes) if (!exitsOf.has(n.id)) exitsOf.set(n.id, nodeExits(n));
  const exitIndex = new Map<string, Map<string, number>>();
  for (const e of doc.edges) {
    const i = exitsOf.get(e.source)?.indexOf(edgeExit(e)) ?? -1;
    if (i < 0) continue;
    const to = exitIndex.get(e.source) ?? new Map<string, number>();
    exitIndex.set(e.source, to);
    if (i < (to.get(e.target) ?? Infinity)) to.set(e.target, i);
  }
  // each node's edges in exit order (grouped by source, so the sort is consistent): dagre's first
  // ordering visits successors as they were added, a good start for the constraints below
  const indexOf = (e: { source: string; target: string }) => exitIndex.get(e.source)?.get(e.target) ?? Infinity;
  const edges = [...doc.edges].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : indexOf(a) - indexOf(b)));
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target) && e.source !== e.target) g.setEdge(e.source, e.target);
  const customOrder: CustomOrder = (ranked, order) => {
    const constraints = forkConstraints(ranked, exitIndex);
    order(ranked, { constraints });
    enforce(ranked, constraints);
  };
  dagre.layout(g, { customOrder });
  const boxes = new Map<string, Box>();
  for (const v of g.nodes()) {
    const p = g.node(v);
    boxes.set(v, { x: p.x - p.width / 2, y: p.y - p.height / 2, width: p.width, height: p.height });
  }
  clearLongEdges(boxes, g.edges().map((e) => ({ source: e.v, target: e.w, channel: g.edge(e).points ?? [] })));
  const top = Math.min(...[...boxes.values()].map((b) => b.y));
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of doc.nodes) {
    const b = boxes.get(n.id);
    if (b) out[n.id] = { x: Math.round(b.x), y: Math.round(b.y - top + MARGIN) };
  }
  return out;
}

/**
 * "Above" constraints for dagre's ordering (`left` comes first in a rank, which LR draws on top).
 * A forward edge from a fork runs through one node per rank (dummies, then its target; dagre leaves
 * a rank between any two nodes). For every two of a fork's exits, the nodes of the earlier one's
 * path go above the later one's in each rank both reach: the edges neither cross at the fork nor
 * further on. Back edges (dagre reverses them) are not ordered. A constraint that contradicts one
 * already taken (two forks wanting opposite orders of a merge point) is dropped, as dagre needs
 * the constraints to be acyclic.
 */
function forkConstraints(g: RankedGraph, exitIndex: Map<string, Map<string, number>>): OrderConstraint[] {
  const out: OrderConstraint[] = [];
  const below = new Map<string, Set<string>>(); // left → rights, to spot cycles
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const v = stack.pop()!;
      if (v === to) return true;
      for (const w of below.get(v) ?? []) {
        if (!seen.has(w)) {
          seen.add(w);
          stack.push(w);
        }
      }
    }
    return false;
  };
  for (const v of g.nodes()) {
    const to = exitIndex.get(v);
    if (!to || to.size < 2 || g.node(v).dummy) continue;
    const paths: { index: number; path: string[] }[] = [];
    for (const e of g.outEdges(v) ?? []) {
      const first = g.node(e.w);
      if ((first.dummy ? first.edgeLabel : g.edge(e))?.reversed) continue;
      const path = [e.w];
      for (let w = e.w; g.node(w).dummy; ) path.push((w = g.successors(w)![0]));
      const index = to.get(path[path.length - 1]);
      if (index !== undefined) paths.push({ index, path });
    }
    paths.sort((a, b) => a.index - b.index);
    for (let i = 0; i < paths.length; i++) {
      for (let j = i + 1; j < paths.length; j++) {
        const a = paths[i].path;
        const b = paths[j].path;
        for (let k = 0; k < Math.min(a.length, b.length); k++) {
          if (a[k] === b[k] || reaches(b[k], a[k])) continue;
          out.push({ left: a[k], right: b[k] });
          if (!below.has(a[k])) below.set(a[k], new Set());
          below.get(a[k])!.add(b[k]);
        }
      }
    }
  }
  return out;
}

/**
 * dagre's sweeps honour the constraints, but the order it keeps can still break one (a rank the
 * best sweep did not visit): in each rank, the constrained nodes are re-sorted among their own
 * places, by the constraints and otherwise as dagre had them.
 */
function enforce(g: RankedGraph, constraints: OrderConstraint[]): void {
  const rights = new Map<string, string[]>();
  const lefts = new Map<string, number>(); // how many constraints put a node below another
  for (const c of constraints) {
    rights.set(c.left, [...(rights.get(c.left) ?? []), c.right]);
    lefts.set(c.right, (lefts.get(c.right) ?? 0) + 1);
    if (!lefts.has(c.left)) lefts.set(c.left, 0);
  }
  const ranks = new Map<number, string[]>();
  for (const v of lefts.keys()) {
    const rank = g.node(v).rank ?? 0;
    ranks.set(rank, [...(ranks.get(rank) ?? []), v]);
  }
  for (const vs of ranks.values()) {
    const order = (v: string) => g.node(v).order ?? 0;
    const places = vs.map(order).sort((a, b) => a - b);
    // Kahn's topological sort, taking the highest-placed free node first
    const ready = vs.filter((v) => lefts.get(v) === 0);
    const sorted: string[] = [];
    while (ready.length) {
      ready.sort((a, b) => order(a) - order(b));
      const v = ready.shift()!;
      sorted.push(v);
      for (const w of rights.get(v) ?? []) {
        lefts.set(w, lefts.get(w)! - 1);
        if (lefts.get(w) === 0) ready.push(w);
      }
    }
    if (sorted.length === vs.length) sorted.forEach((v, i) => (g.node(v).order = places[i]));
  }
}

/**
 * An edge spanning several ranks is drawn as one curve from its source to its target, not along
 * the lane dagre kept free for it, so it can cut through a node in a rank between. Each such node is
 * moved off the straight line, to the side dagre put the lane on, pushing the nodes beyond it in
 * its rank along (ranks never overlap each other, and the order within a rank is kept). Moving a
 * node can put it in another edge's way, so this repeats a few times.
 */
function clearLongEdges(boxes: Map<string, Box>, edges: { source: string; target: string; channel: { x: number; y: number }[] }[]): void {
  // ranks are columns: nodes of one rank share their centre x
  const columns = new Map<number, Box[]>();
  for (const b of boxes.values()) {
    const cx = Math.round(b.x + b.width / 2);
    columns.set(cx, [...(columns.get(cx) ?? []), b]);
  }
  for (const col of columns.values()) col.sort((a, b) => a.y - b.y);
  const centres = [...columns.keys()].sort((a, b) => a - b);
  for (let pass = 0; pass < 10; pass++) {
    let moved = false;
    for (const e of edges) {
      const s = boxes.get(e.source)!;
      const t = boxes.get(e.target)!;
      const p = { x: s.x + s.width, y: s.y + s.height / 2 };
      const q = { x: t.x, y: t.y + t.height / 2 };
      const yAt = (x: number) => p.y + ((q.y - p.y) * (x - p.x)) / (q.x - p.x);
      for (const cx of centres) {
        if (cx <= p.x || cx >= q.x) continue;
        for (const n of columns.get(cx)!) {
          if (n === s || n === t) continue;
          // the line's extent across the node's width
          const y1 = yAt(n.x);
          const y2 = yAt(n.x + n.width);
          const lo = Math.min(y1, y2) - CLEARANCE;
          const hi = Math.max(y1, y2) + CLEARANCE;
          if (hi <= n.y || lo >= n.y + n.height) continue;
          // which side dagre routed the edge on: its bend point in this rank (or the line's middle)
          const bend = e.channel.find((c) => Math.abs(c.x - cx) < 1)?.y ?? (lo + hi) / 2;
          if (bend < n.y + n.height / 2) n.y = hi;
          else n.y = lo - n.height;
          makeRoom(columns.get(cx)!, n);
          moved = true;
        }
      }
    }
    if (!moved) return;
  }
}

/** Space kept between two nodes of a column when one pushes another (dagre's `nodesep`). */
const GAP = 40;

/**
 * After `moved` moved in its column (kept in top-to-bottom order), pushes the nodes above and below
 * it just as far as they must go to keep their order and the gap — not by the whole move, so a node
 * that two edges push back and forth does not drag its neighbours further every time.
 */
function makeRoom(column: Box[], moved: Box): void {
  const i = column.indexOf(moved);
  for (let k = i - 1; k >= 0; k--) {
    const limit = column[k + 1].y - GAP - column[k].height;
    if (column[k].y <= limit) break;
    column[k].y = limit;
  }
  for (let k = i + 1; k < column.length; k++) {
    const limit = column[k - 1].y + column[k - 1].height + GAP;
    if (column[k].y >= limit) break;
    column[k].y = limit;
  }
}
