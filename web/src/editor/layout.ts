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

/** True when some nodes lack a position or would be drawn on top of each other. */
export function needsLayout(doc: Funnel): boolean {
  if (doc.nodes.some((n) => !n.position)) return true;
  // sweep left to right: a box is only compared with those starting before it ends
  const boxes = doc.nodes.map((n) => ({ ...n.position!, ...estimatedSize(n.type) })).sort((a, b) => a.x - b.x);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].x < a.x + a.width; j++) {
      const b = boxes[j];
      if (a.y < b.y + b.height && b.y < a.y + a.height) return true;
    }
  }
  return false;
}
