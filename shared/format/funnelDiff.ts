import type { Funnel, FunnelNode } from './funnel.ts';

/** A connection by what it joins (its id may change when it is redrawn): `source` by `exit` to `target`. */
export interface EdgeLink {
  source: string;
  exit?: string;
  target: string;
}

/** One value that differs: its path (`product.price`, `outcomes.0.label`, `label`), before and after (undefined: none). */
export interface ValueChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** A node both funnels have whose settings differ: which (`label`, `type` or a key of its `data`), and the values that changed. */
export interface NodeChange {
  node: FunnelNode;
  fields: string[];
  values: ValueChange[];
}

/** Keys whose value is one thing to a reader however it is built (a rule): compared and shown whole. */
const WHOLE = new Set(['where', 'convertOn', 'exitWhen', 'set', 'date', 'reentry', 'untilDate', 'until', 'assignee', 'webhook']);

/**
 * The values that differ between two JSON values, down to the leaves (`product.price`), but whole
 * for rules and other composite settings a reader takes as one (`where`, `assignee`…).
 */
export function valueChanges(a: unknown, b: unknown, path = ''): ValueChange[] {
  if (sameValue(a, b)) return [];
  const key = path.slice(path.lastIndexOf('.') + 1);
  const composite = (v: unknown) => typeof v === 'object' && v !== null;
  // a setting that appears or goes away whole (quiet hours switched on) is told by its parts
  const plain = (v: unknown) => composite(v) && !Array.isArray(v) && !('label' in (v as object)) && !('name' in (v as object));
  if (!WHOLE.has(key) && ((a === undefined && plain(b)) || (b === undefined && plain(a)))) return valueChanges(a ?? {}, b ?? {}, path);
  if (!composite(a) || !composite(b) || Array.isArray(a) !== Array.isArray(b) || WHOLE.has(key)) return [{ path, before: a, after: b }];
  const keys = Array.isArray(a) ? Array.from({ length: Math.max(a.length, (b as unknown[]).length) }, (_, i) => String(i)) : [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])];
  return keys.flatMap((k) => valueChanges((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
}

/** What a funnel's newer definition changes against an older one, as a marketer reads it before publishing. */
export interface FunnelDiff {
  added: FunnelNode[];
  removed: FunnelNode[];
  changed: NodeChange[];
  linked: EdgeLink[];
  unlinked: EdgeLink[];
  /** Keys of `settings` that differ (time zone, quiet hours…), and the values that changed. */
  settings: string[];
  settingValues: ValueChange[];
  renamed: boolean;
  /** Nodes only moved on the canvas (nothing a run would notice). */
  moved: number;
}

/** Equal as JSON values, whatever the order of object keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameValue(x, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The keys of two records whose values differ, in the order they first appear. */
function differingKeys(a: Record<string, unknown> = {}, b: Record<string, unknown> = {}): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !sameValue(a[k], b[k]));
}

const linkKey = (e: EdgeLink) => `${e.source}\u0000${e.exit ?? ''}\u0000${e.target}`;

/** What `after` changes against `before` (a published version and the draft, or two versions). */
export function diffFunnels(before: Funnel, after: Funnel): FunnelDiff {
  const was = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const changed: NodeChange[] = [];
  let moved = 0;
  for (const n of after.nodes) {
    const old = was.get(n.id);
    if (!old) continue;
    const fields = [...(old.type !== n.type ? ['type'] : []), ...((old.label ?? '') !== (n.label ?? '') ? ['label'] : []), ...differingKeys(old.data, n.data)];
    const values = [...(old.type !== n.type ? [{ path: 'type', before: old.type, after: n.type }] : []), ...((old.label ?? '') !== (n.label ?? '') ? [{ path: 'label', before: old.label, after: n.label }] : []), ...valueChanges(old.data ?? {}, n.data ?? {})];
    if (fields.length) changed.push({ node: n, fields, values });
    else if (!sameValue(old.position, n.position)) moved++;
  }
  const links = (f: Funnel) => new Map(f.edges.map((e) => [linkKey(e), { source: e.source, ...(e.exit ? { exit: e.exit } : {}), target: e.target }]));
  const oldLinks = links(before);
  const newLinks = links(after);
  return {
    added: after.nodes.filter((n) => !was.has(n.id)),
    removed: before.nodes.filter((n) => !now.has(n.id)),
    changed,
    linked: [...newLinks].filter(([k]) => !oldLinks.has(k)).map(([, e]) => e),
    unlinked: [...oldLinks].filter(([k]) => !newLinks.has(k)).map(([, e]) => e),
    settings: differingKeys(before.settings, after.settings),
    settingValues: valueChanges(before.settings ?? {}, after.settings ?? {}),
    renamed: before.name !== after.name,
    moved,
  };
}

/** Nothing a run or a reader of the funnel would notice changed (nodes may have moved on the canvas). */
export const diffIsEmpty = (d: FunnelDiff): boolean =>
  !d.added.length && !d.removed.length && !d.changed.length && !d.linked.length && !d.unlinked.length && !d.settings.length && !d.renamed;
