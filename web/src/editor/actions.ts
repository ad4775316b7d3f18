/**
 * The editor's actions: each reads the store, applies a pure document operation and commits it
 * as one undo step. Components call these; they never edit the document themselves.
 */
import { edgeExit, type Funnel } from '../../../shared/format/funnel.ts';
import * as ops from './docOps.ts';
import { estimatedSize, firstFreeOffset, gridOffsets, nodeBoxes } from './layout.ts';
import { useEditor } from './store.ts';

const st = () => useEditor.getState();

/**
 * Adds a node of `type` at `position` (its top-left), optionally joined after another node's exit,
 * and selects it; returns its id (`<prefix>_<n>`, the prefix being the type unless given).
 */
export function addNode(type: string, position: ops.XY, after?: { source: string; exit: string; before?: string }, opts: { data?: Record<string, unknown>; prefix?: string } = {}): string | null {
  const doc = st().doc;
  if (!doc || st().readOnly) return null;
  const id = ops.nextNodeId(doc.nodes.map((n) => n.id), opts.prefix ?? type);
  st().commit((d) => {
    const added = ops.addNode(d, type, id, position, opts.data);
    if (!after) return added;
    const joined = ops.connect(added, after.source, after.exit, id);
    // put between: the node the exit led to now follows the new one (by its first exit)
    const own = ops.nodeExits(joined.nodes.find((n) => n.id === id)!);
    return after.before && own.length ? ops.connect(joined, id, own[0], after.before) : joined;
  });
  st().select({ nodes: [id], edges: [] });
  return id;
}

/**
 * Where the palette's click-to-add puts a node of `type`: after the one selected node (joined to
 * `exit` when that is free, else to its first free exit; when every exit is taken, between the node and the one its
 * exit — the chosen, else the first — leads to), else at `fallback` moved off any node already there (by the nodes'
 * `measured` sizes where the canvas knows them: a tall stage card is larger than a guess).
 */
export function placeForClick(fallback: ops.XY, type = 'message', measured: Record<string, { width: number; height: number }> = {}, exit?: string): { position: ops.XY; after?: { source: string; exit: string; before?: string } } {
  const { doc, selection } = st();
  if (!doc) return { position: fallback };
  if (selection.nodes.length === 1) {
    const src = doc.nodes.find((n) => n.id === selection.nodes[0]);
    const exits = src ? ops.nodeExits(src) : [];
    const taken = (x: string) => doc.edges.some((e) => e.source === src!.id && edgeExit(e) === x);
    // the exit chosen in the palette when it is still free, else the first free one
    const free = exit !== undefined && exits.includes(exit) && !taken(exit) ? exits.indexOf(exit) : exits.findIndex((x) => !taken(x));
    if (src && free >= 0) {
      // beside the node at its exit's height; when a node is already there (a tall stage joined to the exit above),
      // the nearest free place below it, then around
      const p = src.position ?? { x: 0, y: 0 };
      const box = { x: p.x + 320, y: p.y + free * 170, ...estimatedSize(type) };
      const down = Array.from({ length: 20 }, (_, k) => ({ x: 0, y: k * 40 }));
      const at = firstFreeOffset([box], nodeBoxes(doc.nodes, measured), [...down, ...gridOffsets(), { x: 40, y: 40 }]);
      return { position: { x: box.x + at.x, y: box.y + at.y }, after: { source: src.id, exit: exits[free] } };
    }
    if (src && exits.length) {
      // every exit taken: the new node goes between, not unconnected on the side
      const i = exit !== undefined && exits.includes(exit) ? exits.indexOf(exit) : 0;
      const before = doc.edges.find((e) => e.source === src.id && edgeExit(e) === exits[i])!.target;
      const p = src.position ?? { x: 0, y: 0 };
      const box = { x: p.x + 320, y: p.y + i * 170, ...estimatedSize(type) };
      const at = firstFreeOffset([box], nodeBoxes(doc.nodes, measured), [...gridOffsets(), { x: 40, y: 40 }]);
      return { position: { x: box.x + at.x, y: box.y + at.y }, after: { source: src.id, exit: exits[i], before } };
    }
  }
  // the nearest free spot around the centre, so repeated clicks do not stack nodes
  const box = { ...fallback, ...estimatedSize(type) };
  const at = firstFreeOffset([box], nodeBoxes(doc.nodes, measured), [...gridOffsets(), { x: 40, y: 40 }]);
  return { position: { x: fallback.x + at.x, y: fallback.y + at.y } };
}

export const moveNodes = (moves: Record<string, ops.XY>, dragging: boolean) => {
  st().commit((d) => ops.moveNodes(d, moves), `move:${Object.keys(moves).sort().join(',')}`);
  if (!dragging) st().endMerge();
};

/** Sets a node's data; edges follow a renamed exit, and go with a removed one (a removed rule). */
export const setNodeData = (id: string, data: Record<string, unknown>, merge?: string) =>
  st().commit((d) => {
    const node = d.nodes.find((n) => n.id === id);
    return ops.followExits(ops.setNodeData(d, id, data), id, node ? ops.nodeExits(node) : []);
  }, merge);

/** Names a node for people; typing in the field is one undo step. */
export const setNodeLabel = (id: string, label: string) => st().commit((d) => ops.setNodeLabel(d, id, label), `label:${id}`);
export const connect = (source: string, exit: string, target: string) => st().commit((d) => ops.connect(d, source, exit, target));
export const disconnect = (source: string, exit: string) => st().commit((d) => ops.disconnect(d, source, exit));

export function removeElements(nodeIds: readonly string[], edgeIds: readonly string[]) {
  if (!nodeIds.length && !edgeIds.length) return;
  st().commit((d) => ops.removeElements(d, nodeIds, edgeIds));
}

export const deleteSelection = () => removeElements(st().selection.nodes, st().selection.edges);

/** Renames a node; returns an error key when the new id is not allowed. */
export function renameNode(from: string, to: string): 'id.invalid' | 'id.taken' | null {
  const doc = st().doc;
  if (!doc || from === to) return null;
  if (!ops.NODE_ID.test(to)) return 'id.invalid';
  if (doc.nodes.some((n) => n.id === to)) return 'id.taken';
  // read the selection before the commit, which drops ids that no longer exist
  const selected = st().selection.nodes.map((x) => (x === from ? to : x));
  st().commit((d) => ops.renameNode(d, from, to));
  st().select({ nodes: selected });
  return null;
}

export const setName = (name: string) => st().commit((d) => ({ ...d, name }), 'name');

/** Auto-layout with the given node sizes (dagre is loaded on first use). */
export async function layout(sizes: Record<string, { width: number; height: number }>) {
  const { autoLayout } = await import('./autoLayout.ts');
  const doc = st().doc;
  if (!doc) return;
  st().commit((d) => ops.moveNodes(d, autoLayout(doc, sizes)));
}

let clip: ops.Clip | null = null;

/** Ctrl+C: keeps the selected nodes and the edges between them (also for other funnels in this tab). */
export function copySelection(): number {
  const { doc, selection } = st();
  if (!doc || !selection.nodes.length) return 0;
  clip = ops.copyNodes(doc, selection.nodes);
  try {
    sessionStorage.setItem('voronka.clip', JSON.stringify(clip));
  } catch {
    /* storage full or disabled: the in-memory copy still works */
  }
  return clip.nodes.length;
}

/**
 * Where a paste of `c` goes into `doc`: the nearest place where it covers no node — one node just
 * beside or below its original (or the last copy), several nodes below the group, a group's
 * height further each time.
 */
export function pasteOffset(doc: Funnel, c: ops.Clip): ops.XY {
  const boxes = nodeBoxes(c.nodes);
  const taken = nodeBoxes(doc.nodes);
  if (c.nodes.length === 1) return firstFreeOffset(boxes, taken, [{ x: 40, y: 40 }, ...gridOffsets(4).filter((o) => o.x || o.y)]);
  const top = Math.min(...boxes.map((b) => b.y));
  const height = Math.max(...boxes.map((b) => b.y + b.height)) - top;
  return firstFreeOffset(boxes, taken, Array.from({ length: 40 }, (_, k) => ({ x: 0, y: (height + 80) * (k + 1) })));
}

/** Ctrl+V: pastes with new ids where the copy covers no node, and selects what was pasted (returns the new ids). */
export function paste(): string[] {
  if (!clip) {
    try {
      clip = JSON.parse(sessionStorage.getItem('voronka.clip') ?? 'null');
    } catch {
      clip = null;
    }
  }
  const doc = st().doc;
  if (!clip || !doc || st().readOnly || !clip.nodes.length) return [];
  const offset = pasteOffset(doc, clip);
  const { ids } = ops.pasteClip(doc, clip, offset);
  st().commit((d) => ops.pasteClip(d, clip!, offset).doc);
  st().select({ nodes: ids, edges: [] });
  return ids;
}

export const selectAll = () => {
  const doc = st().doc;
  if (doc) st().select({ nodes: doc.nodes.map((n) => n.id), edges: doc.edges.map((e) => e.id) });
};
