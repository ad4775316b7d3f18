import type { CompiledFunnel } from '../../../shared/compiler/compileFunnel.ts';
import type { Simulator } from '../../../shared/simulator/Simulator.ts';

export interface Coverage {
  /** Node ids entered by any walk. */
  nodes: string[];
  /** `node:exit` left by any walk (only the node's real exits). */
  exits: string[];
  totalNodes: number;
  totalExits: number;
  /** Node ids no walk entered, in the funnel's order. */
  missingNodes: string[];
  /** `node:exit` no walk left by, in the funnel's order (exits of unentered nodes too). */
  missingExits: string[];
}

/**
 * Which nodes and exits a set of simulated walks went through: the union of entered nodes and of
 * `node:exit` for each exit taken, against every node and every exit the funnel has.
 */
export function coverageOf(cf: CompiledFunnel, sims: readonly Simulator[]): Coverage {
  const exitsOf = new Map<string, string[]>();
  // an exit that leads nowhere and only holds the run (a hand-off's «overdue» without an edge) is never taken: nothing to cover
  const connected = new Set(cf.funnel.edges.map((e) => `${e.source}\u0000${e.exit ?? 'next'}`));
  for (const [id, c] of cf.nodes) {
    const idle = (c.def.waitsWhenUnconnected?.(c.data) ?? []).filter((x) => !connected.has(`${id}\u0000${x}`));
    exitsOf.set(id, c.def.exits(c.data).filter((x) => !idle.includes(x)));
  }
  const nodes = new Set<string>();
  const exits = new Set<string>();
  for (const sim of sims)
    for (const j of sim.log) {
      if (!j.node || !exitsOf.has(j.node)) continue;
      if (j.kind === 'entered') nodes.add(j.node);
      if (j.kind === 'left' && j.exit && exitsOf.get(j.node)!.includes(j.exit)) exits.add(`${j.node}:${j.exit}`);
    }
  let totalExits = 0;
  for (const list of exitsOf.values()) totalExits += list.length;
  const order = cf.funnel.nodes.map((n) => n.id).filter((id) => exitsOf.has(id));
  return {
    nodes: [...nodes],
    exits: [...exits],
    totalNodes: cf.funnel.nodes.length,
    totalExits,
    missingNodes: order.filter((id) => !nodes.has(id)),
    missingExits: order.flatMap((id) => exitsOf.get(id)!.map((x) => `${id}:${x}`)).filter((k) => !exits.has(k)),
  };
}
