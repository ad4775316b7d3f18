import { DateTime } from 'luxon';
import type { Contact } from '../../../shared/engine/types.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { resolveZone } from '../../../shared/format/time.ts';
import { rowsToRecord, recordToRows, type KvRow } from './kv.ts';
import { splitList } from '../../../shared/format/list.ts';

export const CHANNELS = ['email', 'sms', 'telegram', 'whatsapp', 'vk', 'viber', 'push', 'webhook'];

/** The test contact as the form edits it: text everywhere, parsed by `toContact`. */
export interface ContactDraft {
  id: string;
  /** `timezone` attribute; empty = the funnel's zone. */
  timezone: string;
  /** Other attributes (firstName, email, birthday…). */
  attrs: KvRow[];
  consents: Record<string, boolean>;
  /** Segment ids, comma-separated. */
  segments: string;
  /** `datetime-local` value, read in the contact's zone. */
  start: string;
}

/** Tomorrow 10:00 in the zone, as a `datetime-local` value (a quiet, working-hours start). */
export const defaultStart = (zone: string): string => DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toFormat("yyyy-MM-dd'T'HH:mm");

export const draftFromContact = (c: Contact, start: string): ContactDraft => {
  const { timezone, ...attrs } = c.attributes;
  return { id: c.id, timezone: typeof timezone === 'string' ? timezone : '', attrs: recordToRows(attrs), consents: { ...(c.consents ?? {}) }, segments: (c.segments ?? []).join(', '), start };
};

/** Built-in test contacts: one who agreed to email, one with no consents, one far east with SMS. */
export const PRESETS: Contact[] = [
  { id: 'qa-anna', attributes: { firstName: 'Анна', email: 'anna@example.com', timezone: 'Europe/Moscow' }, consents: { email: true } },
  { id: 'qa-boris', attributes: { firstName: 'Борис', email: 'boris@example.com', timezone: 'Europe/Moscow' }, consents: {} },
  { id: 'qa-vera', attributes: { firstName: 'Вера', email: 'vera@example.com', phone: '+79990001122', timezone: 'Asia/Vladivostok' }, consents: { email: true, sms: true } },
];

export const defaultDraft = (): ContactDraft => draftFromContact(PRESETS[0], defaultStart('Europe/Moscow'));

export function toContact(d: ContactDraft): Contact {
  const attributes = rowsToRecord(d.attrs);
  if (d.timezone) attributes.timezone = d.timezone;
  const segments = splitList(d.segments);
  return { id: d.id.trim(), attributes, consents: Object.fromEntries(Object.entries(d.consents).filter(([, v]) => v)), segments };
}

/** The zone the start time is read in: the contact's, else the funnel's, else UTC (as the engine does). */
export const draftZone = (d: ContactDraft, funnel: Funnel): string => resolveZone(d.timezone || undefined, funnel.settings?.timezone);

/** The start as epoch ms, or null when the field is not a date-time. */
export function draftStart(d: ContactDraft, zone: string): number | null {
  const dt = DateTime.fromISO(d.start, { zone });
  return dt.isValid ? dt.toMillis() : null;
}
