import { useEditor } from '../editor/store.ts';

/** Every `{ attribute: '…' }` date a node's data names (a delay's `untilDate`, a wait's `until`…). */
function datesIn(v: unknown, out: Set<string>): void {
  if (Array.isArray(v)) for (const x of v) datesIn(x, out);
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.attribute === 'string' && o.attribute.trim()) out.add(o.attribute.trim());
    for (const x of Object.values(o)) if (x && typeof x === 'object') datesIn(x, out);
  }
}

/**
 * The dates the funnel's other nodes already read (`event.data.webinarAt`), first, then the
 * usual ones: what a new date field should offer, so a wait «no later than the webinar» names the
 * field the delay before it uses, not a sample name the start event may not carry.
 */
export function useFunnelDates(exceptNode: string, usual: string[]): string[] {
  const nodes = useEditor((s) => s.doc?.nodes);
  const found = new Set<string>();
  for (const n of nodes ?? []) if (n.id !== exceptNode) datesIn(n.data, found);
  return [...new Set([...found, ...usual])];
}
