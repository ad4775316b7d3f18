import { DateTime } from 'luxon';
import type { Contact } from '../../../shared/engine/types.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { resolveZone } from '../../../shared/format/time.ts';
import { inZone } from '../../../shared/format/zones.ts';
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

type Lang = 'ru' | 'en';

/** Where the third sample contact lives: the first of these at least 3 hours away from the funnel's zone. */
const FAR_ZONES: Record<Lang, string[]> = { ru: ['Asia/Vladivostok', 'Europe/Kaliningrad'], en: ['America/Los_Angeles', 'America/New_York', 'Europe/London'] };

const farZone = (lang: Lang, funnelZone: string | undefined): string => {
  const offset = (z: string) => inZone(Date.now(), z).offset;
  const home = offset(resolveZone(undefined, funnelZone));
  return FAR_ZONES[lang].find((z) => Math.abs(offset(z) - home) >= 180) ?? FAR_ZONES[lang][0];
};

/**
 * Built-in test contacts in the UI's language: one who agreed to email, one with no consents (both in the funnel's
 * zone: no `timezone`), one far from it with SMS too.
 */
export function presets(lang: Lang, funnelZone?: string): Contact[] {
  const far = farZone(lang, funnelZone);
  return lang === 'en'
    ? [
        { id: 'qa-emma', attributes: { firstName: 'Emma', email: 'emma@example.com' }, consents: { email: true } },
        { id: 'qa-ben', attributes: { firstName: 'Ben', email: 'ben@example.com' }, consents: {} },
        { id: 'qa-grace', attributes: { firstName: 'Grace', email: 'grace@example.com', phone: '+14155550142', timezone: far }, consents: { email: true, sms: true } },
      ]
    : [
        { id: 'qa-anna', attributes: { firstName: 'Анна', email: 'anna@example.com' }, consents: { email: true } },
        { id: 'qa-boris', attributes: { firstName: 'Борис', email: 'boris@example.com' }, consents: {} },
        { id: 'qa-vera', attributes: { firstName: 'Вера', email: 'vera@example.com', phone: '+79990001122', timezone: far }, consents: { email: true, sms: true } },
      ];
}

/** The first sample contact, starting tomorrow at 10:00 (read in the funnel's zone, as the contact has none). */
export const defaultDraft = (lang: Lang): ContactDraft => draftFromContact(presets(lang)[0], defaultStart(DateTime.local().zoneName ?? 'UTC'));

/**
 * The same sample contact in another language, while the draft is still one of the samples as given (not edited):
 * the UI language may change after the simulator's state was made (a user's own language arrives with the login).
 */
export function sampleInLanguage(d: ContactDraft, lang: Lang, funnelZone?: string): ContactDraft | null {
  for (const other of ['ru', 'en'] as const) {
    if (other === lang) continue;
    const i = presets(other, funnelZone).findIndex((c) => sameContact(c, d));
    if (i >= 0) return draftFromContact(presets(lang, funnelZone)[i], d.start);
  }
  return null;
}

const sameContact = (c: Contact, d: ContactDraft): boolean => JSON.stringify(draftFromContact(c, d.start)) === JSON.stringify(d);

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
