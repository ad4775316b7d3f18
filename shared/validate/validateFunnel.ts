import { Funnel, edgeExit, type FunnelNode } from '../format/funnel.ts';
import { isValidZone } from '../format/time.ts';
import { ruleProblem } from '../engine/conditions.ts';
import { brokenLinks } from '../engine/links.ts';
import { TEMPLATE_ROOTS, hasBrokenBraces, templateVariables } from '../engine/template.ts';
import { nodeDef } from '../nodes/registry.ts';
import { STAGES } from '../nodes/offer.ts';
import type { NodeDef } from '../nodes/types.ts';
import { components, cycles, reachable } from './graph.ts';
import { describeZodIssue, fieldName, type Issue } from './issues.ts';
import { validateNodeRules } from './rules.ts';

/** A node whose type is known and whose data parsed. */
export interface CheckedNode {
  node: FunnelNode;
  def: NodeDef;
  data: any;
}

export interface ValidationResult {
  /** The parsed funnel, or null when its outer shape is broken. */
  funnel: Funnel | null;
  issues: Issue[];
  /** Nodes with a known type and valid data, by id. */
  nodes: Map<string, CheckedNode>;
}

/**
 * Checks a funnel file against the format and the rules of a working funnel. Never throws: every
 * problem comes back as an issue naming the node or edge and the field.
 */
export function validateFunnel(input: unknown): ValidationResult {
  const issues: Issue[] = [];
  const nodes = new Map<string, CheckedNode>();
  const parsed = Funnel.safeParse(input);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const [head, i] = zi.path;
      const list = head === 'nodes' || head === 'edges' ? ((input as any)?.[head] as any[] | undefined) : undefined;
      const item = typeof i === 'number' ? list?.[i] : undefined;
      const where = item && typeof item.id === 'string' ? (head === 'nodes' ? { nodeId: item.id } : { edgeId: item.id }) : {};
      const field = fieldName(zi.path);
      issues.push({ severity: 'error', ...where, field, code: 'format', message: `"${field || 'file'}" ${describeZodIssue(zi, input)}` });
    }
    return { funnel: null, issues, nodes };
  }
  const funnel = parsed.data;
  const err = (x: Omit<Issue, 'severity'>) => issues.push({ severity: 'error', ...x });
  const warn = (x: Omit<Issue, 'severity'>) => issues.push({ severity: 'warning', ...x });

  // ids
  const nodeIds = new Set<string>();
  for (const n of funnel.nodes) {
    if (nodeIds.has(n.id)) err({ nodeId: n.id, code: 'duplicate-node-id', message: `Two nodes have the id "${n.id}": every node needs its own id.` });
    nodeIds.add(n.id);
  }
  const edgeIds = new Set<string>();
  for (const e of funnel.edges) {
    if (edgeIds.has(e.id)) err({ edgeId: e.id, code: 'duplicate-edge-id', message: `Two edges have the id "${e.id}".` });
    edgeIds.add(e.id);
  }

  // nodes: type, data, node rules, templates and links
  for (const node of funnel.nodes) {
    const def = nodeDef(node.type);
    if (!def) {
      err({ nodeId: node.id, field: 'type', code: 'unknown-node-type', message: `Node "${node.id}" has the unknown type "${node.type}".` });
      continue;
    }
    const raw = node.data ?? {};
    const r = def.schema.safeParse(raw);
    if (!r.success) {
      for (const zi of r.error.issues) {
        const field = fieldName(zi.path);
        err({ nodeId: node.id, field: field || undefined, code: 'invalid-field', message: `${def.label.en} "${node.id}": ${field ? `"${field}" ` : ''}${describeZodIssue(zi, raw)}` });
      }
      continue;
    }
    if (nodes.has(node.id)) continue;
    nodes.set(node.id, { node, def, data: r.data });
    const say = (severity: 'error' | 'warning') => (field: string | undefined, code: string, message: string) =>
      issues.push({ severity, nodeId: node.id, field, code, message: `${def.label.en} "${node.id}": ${message}` });
    def.validate?.(r.data, { error: say('error'), warning: say('warning') }, node);
    for (const t of def.texts?.(r.data) ?? []) checkText(node.id, t.field, t.text, t.extraRoots ?? [], err);
    validateNodeRules(node.id, def, r.data, err);
  }

  // settings
  const s = funnel.settings;
  if (s?.timezone !== undefined && !isValidZone(s.timezone))
    err({ field: 'settings.timezone', code: 'invalid-timezone', message: `"settings.timezone": "${s.timezone}" is not a time zone; use a name like Europe/Moscow.` });
  s?.exitWhen?.forEach((x, i) => {
    const p = x.where === undefined ? null : ruleProblem(x.where);
    if (p) err({ field: `settings.exitWhen.${i}.where`, code: 'invalid-rule', message: `"settings.exitWhen.${i}.where": the condition cannot run: ${p}` });
  });

  // edges
  const out = new Map<string, string[]>();
  /** The edges leaving each node, in file order. */
  const from = new Map<string, Funnel['edges']>();
  const used = new Map<string, string>();
  for (const e of funnel.edges) {
    const list = from.get(e.source);
    if (list) list.push(e);
    else from.set(e.source, [e]);
    const exit = edgeExit(e);
    if (!nodeIds.has(e.source)) err({ edgeId: e.id, code: 'edge-unknown-source', message: `Edge "${e.id}" starts at "${e.source}", which is not a node of this funnel.` });
    if (!nodeIds.has(e.target)) err({ edgeId: e.id, code: 'edge-unknown-target', message: `Edge "${e.id}" leads to "${e.target}", which is not a node of this funnel.` });
    const src = nodes.get(e.source);
    if (src) {
      const exits = src.def.exits(src.data);
      if (!exits.includes(exit))
        err({
          edgeId: e.id,
          nodeId: e.source,
          code: 'edge-unknown-exit',
          message: `Edge "${e.id}" leaves ${src.def.label.en.toLowerCase()} "${e.source}" by "${exit}", but that node's exits are: ${exits.length ? exits.join(', ') : 'none (it ends the run)'}.`,
        });
      const k = `${e.source}\u0000${exit}`;
      if (used.has(k)) err({ edgeId: e.id, nodeId: e.source, code: 'exit-used-twice', message: `Exit "${exit}" of "${e.source}" has two edges ("${used.get(k)}" and "${e.id}"); an exit leads to one node.` });
      used.set(k, e.id);
    }
    const tgt = nodes.get(e.target);
    if (tgt?.node.type === 'trigger') err({ edgeId: e.id, nodeId: e.target, code: 'edge-into-trigger', message: `Edge "${e.id}" leads into trigger "${e.target}"; a trigger only starts runs.` });
    if (nodeIds.has(e.target)) {
      const targets = out.get(e.source);
      if (targets) targets.push(e.target);
      else out.set(e.source, [e.target]);
    }
  }

  // triggers and reachability
  const triggers = funnel.nodes.filter((n) => n.type === 'trigger').map((n) => n.id);
  if (triggers.length === 0) err({ code: 'no-trigger', message: 'The funnel has no trigger, so no contact can ever enter it. Add a trigger node.' });
  else {
    const seen = reachable(triggers, (id) => out.get(id) ?? []);
    for (const n of funnel.nodes)
      if (!seen.has(n.id)) err({ nodeId: n.id, code: 'unreachable', message: `Node "${n.id}" cannot be reached from any trigger: connect it or delete it.` });
  }

  // loops that take no time
  const instantNext = (id: string) => {
    const c = nodes.get(id);
    if (!c) return [];
    const leaving = from.get(id) ?? [];
    const hasEdge = (exit: string) => leaving.some((e) => edgeExit(e) === exit);
    const instant = c.def.instantExits ? c.def.instantExits(c.data, hasEdge) : c.def.exits(c.data);
    return leaving.filter((e) => instant.includes(edgeExit(e)) && nodeIds.has(e.target)).map((e) => e.target);
  };
  for (const loop of cycles([...nodeIds], instantNext))
    for (const id of loop)
      err({ nodeId: id, code: 'instant-loop', message: `Node "${id}" is on a loop (${loop.join(' → ')}) that can go round at one instant (no delay, wait, offer or manager task holds it, or a date delay is skipped when the date is empty or past): a contact would go round it forever.` });

  stageOrder(nodes, out, warn);
  return { funnel, issues, nodes };
}

function checkText(nodeId: string, field: string, text: string, extraRoots: string[], err: (x: Omit<Issue, 'severity'>) => void) {
  const roots = new Set<string>([...TEMPLATE_ROOTS, ...extraRoots]);
  for (const v of templateVariables(text)) {
    if (!v.valid) err({ nodeId, field, code: 'bad-variable', message: `"${field}": "{{${v.path}}}" is not a variable; write it like {{contact.firstName}}.` });
    else if (!roots.has(v.root))
      err({ nodeId, field, code: 'unknown-variable', message: `"${field}": the variable {{${v.path}}} is unknown; variables start with ${[...roots].join(', ')} (e.g. {{contact.firstName}}).` });
  }
  if (hasBrokenBraces(text)) err({ nodeId, field, code: 'broken-braces', message: `"${field}": braces do not match; a variable is written as {{contact.firstName}}.` });
  for (const l of brokenLinks(text)) err({ nodeId, field, code: 'broken-link', message: `"${field}": broken link "${l.url}": ${l.reason}.` });
}

/**
 * Warns when a later funnel stage (e.g. tripwire) leads on to an earlier one (e.g. lead magnet).
 * First, one pass over the strongly connected components finds the lowest stage reachable from
 * each node; only an offer that can reach a lower stage is then walked, to name them in order.
 */
function stageOrder(nodes: Map<string, CheckedNode>, out: Map<string, string[]>, warn: (x: Omit<Issue, 'severity'>) => void) {
  const rank = (id: string) => {
    const c = nodes.get(id);
    return c?.node.type === 'offer' ? STAGES.indexOf(c.data.stage) : -1;
  };
  const next = (x: string) => out.get(x) ?? [];
  const offers = [...nodes.keys()].filter((id) => rank(id) >= 0);
  // the lowest stage rank in each component or anywhere after it (components come after the ones they lead to)
  const lowest = new Map<string, number>();
  for (const c of components(offers, next)) {
    let min = Infinity;
    for (const v of c.nodes) {
      const r = rank(v);
      if (r >= 0 && r < min) min = r;
      for (const w of next(v)) min = Math.min(min, lowest.get(w) ?? Infinity);
    }
    for (const v of c.nodes) lowest.set(v, min);
  }
  for (const [id] of nodes) {
    const r = rank(id);
    if (r < 0) continue;
    if (!next(id).some((w) => (lowest.get(w) ?? Infinity) < r)) continue;
    for (const later of reachable(out.get(id) ?? [], (x) => out.get(x) ?? [])) {
      const lr = rank(later);
      if (lr >= 0 && lr < r && later !== id)
        warn({
          nodeId: later,
          code: 'stage-order',
          message: `Stage "${later}" (${STAGES[lr]}) comes after "${id}" (${STAGES[r]}); funnels usually go offer → lead magnet → tripwire → core product → upsell/cross-sell.`,
        });
    }
  }
}
