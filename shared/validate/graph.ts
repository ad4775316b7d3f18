/** Graph helpers for validation: reachability, strongly connected components (Tarjan's) and cycles. */

export function reachable(starts: readonly string[], next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>(starts);
  const stack = [...starts];
  while (stack.length) {
    const id = stack.pop()!;
    for (const n of next(id)) {
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(n);
    }
  }
  return seen;
}

/** One strongly connected component: its nodes in the order they were first visited. */
export interface Component {
  nodes: string[];
  /** A single node with an edge to itself. */
  selfLoop: boolean;
}

/**
 * The strongly connected components of the nodes reachable from `ids` (Tarjan's algorithm, without
 * recursion so long chains cannot overflow the stack), in the order they complete: a component
 * comes after every component it leads to. `next` is called once per node.
 */
export function components(ids: readonly string[], next: (id: string) => readonly string[]): Component[] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: Component[] = [];
  const frames: { v: string; succ: readonly string[]; i: number }[] = [];
  const enter = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    frames.push({ v, succ: next(v), i: 0 });
  };
  for (const id of ids) {
    if (idx.has(id)) continue;
    enter(id);
    while (frames.length) {
      const f = frames[frames.length - 1];
      if (f.i < f.succ.length) {
        const w = f.succ[f.i++];
        if (!idx.has(w)) enter(w);
        else if (onStack.has(w)) low.set(f.v, Math.min(low.get(f.v)!, idx.get(w)!));
        continue;
      }
      frames.pop();
      const v = f.v;
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        out.push({ nodes: comp.reverse(), selfLoop: comp.length === 1 && f.succ.includes(v) });
      }
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(v)!));
    }
  }
  return out;
}

/** The node groups that lie on a cycle (including a node with an edge to itself). */
export function cycles(ids: readonly string[], next: (id: string) => readonly string[]): string[][] {
  return components(ids, next)
    .filter((c) => c.nodes.length > 1 || c.selfLoop)
    .map((c) => c.nodes);
}
