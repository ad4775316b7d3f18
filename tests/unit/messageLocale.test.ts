import { describe, expect, it } from 'vitest';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';
import { edge, funnel, node, sim, trigger } from './helpers.ts';

/** Start → a stage whose message prices its product → a message with an amount and a time from the event. */
const shop = (settings: Record<string, unknown>) =>
  funnel(
    [
      trigger({ event: 'lead.created' }),
      node('note', 'message', { channel: 'email', subject: 'Budget', body: 'Budget {{event.data.budget | money}}, viewing {{event.data.at | datetime}}; {{stages.tripwire.priceText}}', marketing: false }),
      node('trip', 'offer', { stage: 'tripwire', product: { sku: 'T', name: 'Guide', price: 19.9 }, window: 'P1D', message: { channel: 'email', subject: 'Only {{product.priceText}}', body: 'Guide for {{product.priceText}}' } }),
    ],
    [edge('start', 'next', 'note'), edge('note', 'next', 'trip')],
    settings,
  );
const data = { budget: 725000, at: '2026-11-24T16:00:00Z' };
/** Intl's no-break spaces as plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe("a funnel's locale: how its messages write amounts and dates", () => {
  it('en-US writes $725,000 and November 24, 2026 at 11:00 AM, in templates and in a stage’s price', () => {
    const s = sim(shop({ currency: 'USD', locale: 'en-US', timezone: 'America/New_York' }));
    s.event({ type: 'lead.created', data });
    const [note, trip] = s.messages;
    expect(plain(note.body)).toBe('Budget $725,000, viewing November 24, 2026 at 11:00 AM; $19.90');
    expect(trip.subject).toBe('Only $19.90');
    // a 12-hour clock's hour is not padded
    const early = sim(shop({ currency: 'USD', locale: 'en-US', timezone: 'America/New_York' }));
    early.event({ type: 'lead.created', data: { ...data, at: '2026-11-24T08:05:00Z' } });
    expect(plain(early.messages[0].body)).toContain('November 24, 2026 at 3:05 AM');
  });

  it('without one, the Russian way, as before; `:en` / `:ru` on a date filter still choose for themselves', () => {
    const s = sim(shop({ currency: 'USD', timezone: 'Europe/Moscow' }));
    s.event({ type: 'lead.created', data });
    expect(plain(s.messages[0].body)).toBe('Budget 725 000 $, viewing 24 ноября 2026 г. в 19:00; 19,90 $');
    const f = shop({ currency: 'EUR', locale: 'de-DE', timezone: 'Europe/Berlin' });
    (f.nodes[1].data as { body: string }).body = '{{event.data.budget | money}} · {{event.data.at | date:ru}} · {{event.data.at | date}}';
    const de = sim(f);
    de.event({ type: 'lead.created', data });
    expect(plain(de.messages[0].body)).toBe('725.000 € · 24 ноября 2026 г. · 24. November 2026');
  });

  it('a locale that is not a language tag is an error on settings.locale, in the user’s language', () => {
    const bad = validateFunnel(shop({ locale: 'english' }), { lang: 'ru' }).issues.filter((i) => i.severity === 'error');
    expect(bad).toEqual([expect.objectContaining({ field: 'settings.locale', message: expect.stringContaining('кодом языка') })]);
    expect(validateFunnel(shop({ locale: 'en-GB' })).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
