import type { Funnel } from '../../../shared/format/funnel.ts';
import { approxDurationMs, parseDuration } from '../../../shared/format/duration.ts';
import { eventDataLiterals } from '../../../shared/engine/conditions.ts';
import { templateVariables } from '../../../shared/engine/template.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import type { Simulator } from '../../../shared/simulator/Simulator.ts';

/** An event the user may send now, with data prefilled so that it matches what waits for it. */
export interface EventChoice {
  type: string;
  data: Record<string, unknown>;
}


const keyField = (path: unknown): string | null => (typeof path === 'string' ? (/^data\.(\w+)$/.exec(path)?.[1] ?? null) : null);

/**
 * The events that start this funnel: each entry node's event (with the literals of its filter and
 * a sample correlation key — for a segment trigger, `segment.entered` with the segment). One per
 * type; the runtime's own events (`voronka.*`, e.g. a date coming) are not offered.
 */
export function triggerEvents(funnel: Funnel): EventChoice[] {
  const out: EventChoice[] = [];
  for (const n of funnel.nodes) {
    const start = nodeDef(n.type)?.startsOn?.((n.data ?? {}) as never, n.id);
    if (!start?.event || start.event.startsWith('voronka.')) continue;
    const key = keyField(start.key);
    const choice = { type: start.event, data: { ...eventDataLiterals(start.where), ...(key ? { [key]: `${key.replace(/Id$/, '')}-1` } : {}) } };
    if (!out.some((c) => c.type === choice.type)) out.push(choice);
  }
  return out;
}

/**
 * The keys of the start event's data the funnel reads — `{{event.data.startsAt}}` in its texts, a
 * delay until `event.data.startsAt` — each with a sample value of the kind the funnel uses it as:
 * a time a day after `now` and the funnel's longest offset before a date (a key that names one, or `| date`), an amount (`| money`, a total or a
 * price), a count, a list of two products (`| list`, items), a URL for a link, else `<key>-1`.
 */
export function startEventData(funnel: Funnel, now: number, root: 'event' | 'lastEvent' = 'event'): Record<string, unknown> {
  const json = JSON.stringify(funnel.nodes.map((n) => n.data ?? {}));
  const keys = new Map<string, Set<string>>();
  const use = (key: string, filters: string[] = []) => keys.set(key, new Set([...(keys.get(key) ?? []), ...filters]));
  const prefix = `${root}.data.`;
  for (const v of templateVariables(json)) if (v.valid && v.path.startsWith(prefix)) use(v.path.slice(prefix.length).split('.')[0], v.filters);
  // a setting naming a path of the start event (a delay's date); a rule's {"var": …} may be about another event — but
  // `lastEvent` is the one the run waited for last (a branch on the payment's amount after a wait for it)
  for (const m of json.matchAll(new RegExp(`"(\\w+)":"${root}\\.data\\.([\\w$-]+)`, 'g'))) if (m[1] !== 'var' || root === 'lastEvent') use(m[2]);
  // a date a day ahead, and further by the longest «before» the funnel reads dates with: a reminder a day before a
  // webinar then waits for its day in the walk, instead of going at once for a date already too near
  const before = Math.max(0, ...[...json.matchAll(/"offset":"-(P[^"]+)"/g)].map((m) => {
    const d = parseDuration(m[1]);
    return d ? approxDurationMs(d) : 0;
  }));
  const sample = (key: string, filters: Set<string>): unknown => {
    if (filters.has('date') || filters.has('datetime') || filters.has('time') || /(at|date|time|start|end|deadline)$/i.test(key)) return new Date(now + 86_400_000 + before).toISOString();
    if (filters.has('list') || /(items|products|lines)$/i.test(key)) return [{ name: 'Товар 1', qty: 1, price: 990 }, { name: 'Товар 2', qty: 2, price: 490 }];
    if (filters.has('money') || /(total|amount|price|sum|cost|revenue)$/i.test(key)) return 1970;
    if (/(qty|quantity|count)$/i.test(key)) return 2;
    return /(url|link)$/i.test(key) ? 'https://example.com/' : `${key}-1`;
  };
  return Object.fromEntries([...keys].map(([k, filters]) => [k, sample(k, filters)]));
}

/** Data that makes `type` match what the node where the run stands waits for (an offer's sku and price, a wait's filter, the run's key). */
export function suggestData(funnel: Funnel, sim: Simulator | null, type: string): Record<string, unknown> {
  const run = sim?.current;
  if (!run || run.status !== 'waiting') {
    const start = triggerEvents(funnel).find((c) => c.type === type);
    // a starting event: what its trigger asks for, and samples of the data the funnel reads from it
    return start ? { ...startEventData(funnel, sim?.clock ?? Date.now()), ...start.data } : {};
  }
  const node = funnel.nodes.find((n) => n.id === run.at);
  // what the funnel reads of the event it waited for (`lastEvent.data.amount` in a branch after a wait for a payment), then what the node waits for
  const out: Record<string, unknown> = { ...startEventData(funnel, sim!.clock, 'lastEvent'), ...(node ? nodeDef(node.type)?.expects?.((node.data ?? {}) as never, type) : {}) };
  const key = keyField(run.snapshot.run.keyPath);
  if (key && run.key !== null && run.key !== undefined) out[key] = run.key;
  return out;
}
