/**
 * Pure operations on the funnel document (voronka/funnel@1): each takes a funnel and returns a new
 * one, never mutating its input, so the store can keep old documents for undo.
 */
import type { Funnel, FunnelEdge, FunnelNode } from '../../../shared/format/funnel.ts';
import { edgeExit } from '../../../shared/format/funnel.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';

export type XY = { x: number; y: number };
type Data = Record<string, unknown>;

/** A node id is a readable word: letters, digits, `_` and `-`. */
export const NODE_ID = /^[A-Za-z][\w-]*$/;

/** A readable unique id for a new node of `type`: `offer_1`, `offer_2`… skipping ids in use. */
export function nextNodeId(taken: Iterable<string>, type: string): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${type}_${n}`)) return `${type}_${n}`;
}

/** A unique edge id for `source` leaving by `exit`. */
export function nextEdgeId(doc: Funnel, source: string, exit: string): string {
  const used = new Set(doc.edges.map((e) => e.id));
  const base = `e-${source}-${exit}`;
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The exits of a node with its current data (none for an unknown type or data that breaks `exits`). */
export function nodeExits(node: FunnelNode): string[] {
  const def = nodeDef(node.type);
  if (!def) return [];
  try {
    return def.exits((node.data ?? {}) as never);
  } catch {
    return [];
  }
}

export function addNode(doc: Funnel, type: string, id: string, position: XY, data?: Data): Funnel {
  const def = nodeDef(type);
  if (!def) return doc;
  const node: FunnelNode = { id, type, position: { x: Math.round(position.x), y: Math.round(position.y) }, data: data ?? (def.defaults() as Data) };
  return { ...doc, nodes: [...doc.nodes, node] };
}

export function moveNodes(doc: Funnel, moves: Record<string, XY>): Funnel {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (moves[n.id] ? { ...n, position: { x: Math.round(moves[n.id].x), y: Math.round(moves[n.id].y) } } : n)),
  };
}

export function setNodeData(doc: Funnel, id: string, data: Data): Funnel {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? { ...n, data } : n)) };
}

/**
 * Connects `source`'s `exit` to `target`. An exit leads to one node, so an edge already leaving
 * by that exit is replaced.
 */
export function connect(doc: Funnel, source: string, exit: string, target: string): Funnel {
  const kept = doc.edges.filter((e) => !(e.source === source && edgeExit(e) === exit));
  const base = { ...doc, edges: kept };
  const edge: FunnelEdge = { id: nextEdgeId(base, source, exit), source, exit, target };
  return { ...base, edges: [...kept, edge] };
}

/** Removes the edge leaving `source` by `exit`, if any. */
export function disconnect(doc: Funnel, source: string, exit: string): Funnel {
  return { ...doc, edges: doc.edges.filter((e) => !(e.source === source && edgeExit(e) === exit)) };
}

/** Removes nodes (with every edge touching them) and edges. */
export function removeElements(doc: Funnel, nodeIds: readonly string[], edgeIds: readonly string[]): Funnel {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/** Names a node for people (an empty name removes it). */
export function setNodeLabel(doc: Funnel, id: string, label: string): Funnel {
  const named = label.trim() !== '';
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id !== id) return n;
      const rest = { ...n };
      delete rest.label;
      return named ? { ...rest, label } : rest;
    }),
  };
}

/** Renames a node and every edge that names it. */
export function renameNode(doc: Funnel, from: string, to: string): Funnel {
  const r = (id: string) => (id === from ? to : id);
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
    edges: doc.edges.map((e) => (e.source === from || e.target === from ? { ...e, source: r(e.source), target: r(e.target) } : e)),
  };
}

/**
 * After a node's data changed (its exits were `before`): edges follow renamed exits, and edges
 * whose exit no longer exists are dropped when the node lost an exit (a branch rule was removed).
 * An exit counts as renamed when as many exits vanished as appeared: they pair up in order (a rule
 * id `yes` → `company`). While an exit is renamed into a name another exit has (A/B variants
 * `A`, `A` on the way from `B` to `C`) its edge keeps the old name, so it can follow the rename
 * that makes the names distinct again instead of being lost.
 */
export function followExits(doc: Funnel, nodeId: string, before: readonly string[]): Funnel {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return doc;
  const after = nodeExits(node);
  const gone = before.filter((x) => !after.includes(x));
  const added = after.filter((x) => !before.includes(x));
  // edges left on a name that neither list has: kept through an earlier duplicate
  const stranded = [...new Set(doc.edges.filter((e) => e.source === nodeId).map(edgeExit))].filter((x) => !before.includes(x) && !after.includes(x));
  const from = [...new Set([...gone, ...stranded])];
  if (added.length && (gone.length === added.length || after.length === before.length)) {
    const to = new Map(from.slice(0, added.length).map((x, i) => [x, added[i]]));
    doc = { ...doc, edges: doc.edges.map((e) => (e.source === nodeId && to.has(edgeExit(e)) ? { ...e, exit: to.get(edgeExit(e)) } : e)) };
  }
  return after.length < before.length ? dropDanglingEdges(doc, nodeId) : doc;
}

/** Edges whose exit no longer exists on their source (e.g. a branch rule was removed). */
export function dropDanglingEdges(doc: Funnel, nodeId: string): Funnel {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return doc;
  const exits = new Set(nodeExits(node));
  const edges = doc.edges.filter((e) => e.source !== nodeId || exits.has(edgeExit(e)));
  return edges.length === doc.edges.length ? doc : { ...doc, edges };
}

/** What Ctrl+C keeps: the nodes and the edges between them. */
export interface Clip {
  nodes: FunnelNode[];
  edges: FunnelEdge[];
}

export function copyNodes(doc: Funnel, ids: readonly string[]): Clip {
  const set = new Set(ids);
  return {
    nodes: structuredClone(doc.nodes.filter((n) => set.has(n.id))),
    edges: structuredClone(doc.edges.filter((e) => set.has(e.source) && set.has(e.target))),
  };
}

/** Pastes a clip with fresh ids, shifted by `offset`; returns the new document and the new ids. */
export function pasteClip(doc: Funnel, clip: Clip, offset: XY): { doc: Funnel; ids: string[] } {
  const taken = new Set(doc.nodes.map((n) => n.id));
  const map = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    // a copy of `leadMagnet_1` is `leadMagnet_2`: keep the id's word, renumber
    const id = nextNodeId(taken, n.id.replace(/_\d+$/, '') || n.type);
    taken.add(id);
    map.set(n.id, id);
    const p = n.position ?? { x: 0, y: 0 };
    return { ...structuredClone(n), id, position: { x: p.x + offset.x, y: p.y + offset.y } };
  });
  let next: Funnel = { ...doc, nodes: [...doc.nodes, ...nodes] };
  for (const e of clip.edges) {
    const source = map.get(e.source);
    const target = map.get(e.target);
    if (source && target) next = connect(next, source, edgeExit(e), target);
  }
  return { doc: next, ids: nodes.map((n) => n.id) };
}

/** Sets (or with `undefined` removes) the value at a dotted path, copying objects on the way. */
export function setPath(obj: unknown, path: string, value: unknown): Data {
  const [head, ...rest] = path.split('.');
  const src: Record<string, unknown> = Array.isArray(obj) ? ([...obj] as never) : { ...((obj ?? {}) as Data) };
  if (rest.length === 0) {
    if (value === undefined) {
      if (Array.isArray(src)) (src as unknown[]).splice(Number(head), 1);
      else delete src[head];
    } else src[head] = value;
    return src;
  }
  const child = src[head];
  const nextChild = setPath(child ?? (/^\d+$/.test(rest[0]) ? [] : {}), rest.join('.'), value);
  src[head] = nextChild;
  return src;
}

/** Reads a dotted path (`product.price`, `rules.0.id`). */
export function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Data)[p];
  }
  return cur;
}
