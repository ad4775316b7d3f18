import { funnelTemplateData } from './funnelVariables.ts';
import type { Funnel } from '../format/funnel.ts';
import { iso, resolveZone } from '../format/time.ts';
import { nodeDef } from '../nodes/registry.ts';
import { renderMessage } from './effects.ts';
import { getPath, productVariables, templateNotes, templateVariables } from './template.ts';
import type { Contact } from './types.ts';

/** The contact a test fills its templates with when no contact is chosen: the sender themself. */
export function senderContact(name: string, email: string | undefined): Contact {
  const [firstName, ...rest] = name.trim().split(/\s+/);
  return { id: 'test', attributes: { firstName, ...(rest.length ? { lastName: rest.join(' ') } : {}), ...(email ? { email } : {}) }, consents: {} };
}

/** A node's message filled in for one contact, as a test send delivers it. */
export interface TestMessage {
  channel: string;
  subject?: string;
  body: string;
  marketing: boolean;
  /** Template variables of its subject and body that have no value here (they print as nothing). */
  empty: string[];
  /** Variables whose `money` or date filter could not write their value (no amount, no date): it prints as it is. */
  unformatted: { path: string; filter: string; value: string }[];
}

export type TestMessages =
  | { ok: true; messages: TestMessage[] }
  /** `no-node`: no such node; `invalid`: its settings do not pass its schema; `no-message`: it sends nothing. */
  | { ok: false; code: 'no-node' | 'invalid' | 'no-message' };

/**
 * The messages node `nodeId` of `funnel` sends on entry, filled in for `contact` as a run that
 * starts `now` would fill them in (the run's start event has the trigger's type and `eventData`).
 * Consent, quiet hours and the frequency cap do not apply: a test goes out at once.
 */
export function testMessages(funnel: Funnel, nodeId: string, contact: Contact, now: number, eventData: Record<string, unknown> = {}): TestMessages {
  const node = funnel.nodes.find((n) => n.id === nodeId);
  const def = node && nodeDef(node.type);
  if (!node || !def) return { ok: false, code: 'no-node' };
  const parsed = def.schema.safeParse(node.data ?? {});
  if (!parsed.success) return { ok: false, code: 'invalid' };
  const sends = def.messages?.(parsed.data) ?? [];
  if (sends.length === 0) return { ok: false, code: 'no-message' };
  const trigger = funnel.nodes.map((n) => nodeDef(n.type)?.startsOn?.(n.data, n.id)).find(Boolean);
  // dates are written in the contact's zone, as a run writes them (else the funnel's)
  const zone = resolveZone(contact.attributes.timezone, funnel.settings?.timezone);
  const data = {
    contact: { ...contact.attributes, id: contact.id },
    event: { type: trigger?.event ?? 'test', data: eventData },
    lastEvent: { type: trigger?.event ?? 'test', data: eventData },
    run: { id: 'test', startedAt: iso(now), key: null },
    ...funnelTemplateData(funnel),
  };
  return {
    ok: true,
    messages: sends.map((p) => {
      const vars = p.product ? { ...data, product: productVariables(p.product, funnel.settings?.currency, funnel.settings?.locale) } : data;
      // a variable with a `default` never prints as nothing
      const all = templateVariables(`${p.subject ?? ''}\n${p.body}`);
      const used = all.filter((v) => !v.filters.includes('default')).map((v) => v.path);
      const notes = templateNotes();
      const rendered = renderMessage(p, vars, zone, notes);
      const empty = [...new Set(used)].filter((path) => {
        const v = getPath(vars, path);
        return v === undefined || v === null || v === '';
      });
      return { channel: p.channel, marketing: p.marketing, ...rendered, empty, unformatted: notes.unformatted };
    }),
  };
}
