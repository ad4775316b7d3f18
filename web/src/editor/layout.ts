import type { Funnel } from '../../../shared/format/funnel.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import type { NodeGroup } from '../../../shared/nodes/types.ts';

export const DEFAULT_SIZE = { width: 240, height: 150 };

/** Taller than most: a stage shows its product and message, a hand-off its task and outcomes. */
const GROUP_HEIGHT: Partial<Record<NodeGroup, number>> = { stages: 230, people: 190 };

/** Heights per type, worked out once (opening a funnel asks for every node's). */
const heights = new Map<string, number>();

/** A node's size before it is measured, by its palette group (a node without exits, an exit, is the shortest). */
export function estimatedSize(type: string): { width: number; height: number } {
  let height = heights.get(type);
  if (height === undefined) {
    const def = nodeDef(type);
    height = (def && GROUP_HEIGHT[def.group]) ?? (def && def.exits(def.defaults()).length === 0 ? 110 : 150);
    heights.set(type, height);
  }
  return { width: DEFAULT_SIZE.width, height };
}

/** How much of the smaller of two boxes has to be under the other for a node to count as hidden. */
const HIDDEN = 0.5;

/**
 * True when some nodes lack a position or most lie on one another (a file written by hand, or every node at one
 * spot): then the editor lays the funnel out as it opens. A few nodes a user left over one another do not move the
 * rest — the funnel is shown as it was left.
 */
export function needsLayout(doc: Funnel): boolean {
  if (doc.nodes.some((n) => !n.position)) return true;
  return stacked(doc, HIDDEN).size * 2 > doc.nodes.length;
}

/** True when two nodes' boxes (at their estimated sizes) overlap by any area at all. */
export function overlaps(doc: Funnel): boolean {
  return stacked(doc, 0).size > 0;
}

/**
 * The ids of the nodes whose boxes (at their estimated sizes) overlap another's by more than `share` of the smaller
 * one's area.
 */
export function stacked(doc: Funnel, share: number): Set<string> {
  const out = new Set<string>();
  // sweep left to right: a box is only compared with those starting before it ends
  const boxes = doc.nodes.filter((n) => n.position).map((n) => ({ id: n.id, ...n.position!, ...estimatedSize(n.type) })).sort((a, b) => a.x - b.x);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].x < a.x + a.width; j++) {
      const b = boxes[j];
      const w = Math.min(a.x + a.width, b.x + b.width) - b.x;
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (w > 0 && h > 0 && w * h > share * Math.min(a.width * a.height, b.width * b.height)) out.add(a.id).add(b.id);
    }
  }
  return out;
}

/** A node's box on the canvas: top-left and size. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The gap kept between nodes placed for the user (pasted, added by a click). */
const GAP = 20;

/** The boxes of nodes as they will be drawn before measuring (top-left, estimated size). */
export function nodeBoxes(nodes: readonly { id?: string; type: string; position?: { x: number; y: number } }[], measured: Record<string, { width: number; height: number }> = {}): Box[] {
  return nodes.map((n) => ({ ...(n.position ?? { x: 0, y: 0 }), ...((n.id && measured[n.id]) || estimatedSize(n.type)) }));
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;

/**
 * The first of `offsets` at which `boxes` (moved by it) overlap none of `taken`, keeping a small
 * gap; the last offset when every one is taken.
 */
export function firstFreeOffset(boxes: readonly Box[], taken: readonly Box[], offsets: readonly { x: number; y: number }[]): { x: number; y: number } {
  for (const o of offsets) if (!boxes.some((b) => taken.some((t) => overlap({ ...b, x: b.x + o.x, y: b.y + o.y }, t)))) return o;
  return offsets[offsets.length - 1];
}

/** Offsets on a grid of node-sized steps around the origin, nearest first (below before beside). */
export function gridOffsets(rings = 3, step = { x: 290, y: 240 }): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let i = -rings; i <= rings; i++) for (let j = -rings; j <= rings; j++) out.push({ x: i * step.x, y: j * step.y });
  return out.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y));
}
