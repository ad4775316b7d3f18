import { DEFAULT_LIFECYCLE } from '../../../shared/format/lifecycle.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUnchanged, login, startServer, withCookie, type Harness } from './helpers.ts';

describe('the workspace currency', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
  });
  afterAll(() => h.close());

  it('is roubles until an admin chooses; everyone reads it, only an admin changes it, and a bad code is refused naming the field', async () => {
    const marketer = withCookie(await login(h, 'marketer@voronka.local'));
    expect((await h.api('GET', '/api/settings/workspace', undefined, marketer)).body).toEqual({ currency: 'RUB', timezone: null, lifecycle: DEFAULT_LIFECYCLE });
    await expectUnchanged(h, async () => {
      expect((await h.api('PUT', '/api/settings/workspace', { currency: 'KZT' }, marketer)).status).toBe(403);
      const bad = await h.api('PUT', '/api/settings/workspace', { currency: 'тенге' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: expect.stringMatching(/^currency: /), issues: [{ field: 'currency' }] });
      expect((await h.api('PUT', '/api/settings/workspace', { currency: 'KZT', extra: 1 })).status).toBe(400);
      // the rules of an order's currency: a code that is none, or the rouble before 1998, is refused, not saved as roubles
      expect((await h.api('PUT', '/api/settings/workspace', { currency: 'XYZ' })).body.error).toBe('currency: "XYZ" is not an ISO 4217 currency code: write RUB, KZT, USD, EUR…');
      expect((await h.api('PUT', '/api/settings/workspace', { currency: 'RUR' })).status).toBe(400);
    });
    expect((await h.api('PUT', '/api/settings/workspace', { currency: 'usd' })).body).toEqual({ currency: 'USD', timezone: null, lifecycle: DEFAULT_LIFECYCLE });
    expect((await h.api('PUT', '/api/settings/workspace', { currency: 'RUB' })).status).toBe(200);
    expect((await h.api('GET', '/api/settings/workspace')).body).toEqual({ currency: 'RUB', timezone: null, lifecycle: DEFAULT_LIFECYCLE });
    expect((await h.api('PUT', '/api/settings/workspace', { currency: 'KZT' })).body).toEqual({ currency: 'KZT', timezone: null, lifecycle: DEFAULT_LIFECYCLE });
    expect((await h.api('GET', '/api/settings/workspace', undefined, marketer)).body).toEqual({ currency: 'KZT', timezone: null, lifecycle: DEFAULT_LIFECYCLE });
  });

  it('has a time zone for new funnels once an admin chooses one: a bad name is refused naming the field, a currency change keeps it, null clears it', async () => {
    await expectUnchanged(h, async () => {
      const bad = await h.api('PUT', '/api/settings/workspace', { currency: 'RUB', timezone: 'Москва' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: 'timezone: "Москва" is a city, not a time zone: write Europe/Moscow', issues: [{ field: 'timezone' }] });
    });
    expect((await h.api('PUT', '/api/settings/workspace', { currency: 'RUB', timezone: 'Asia/Almaty' })).body).toEqual({ currency: 'RUB', timezone: 'Asia/Almaty', lifecycle: DEFAULT_LIFECYCLE });
    expect((await h.api('PUT', '/api/settings/workspace', { currency: 'KZT' })).body).toEqual({ currency: 'KZT', timezone: 'Asia/Almaty', lifecycle: DEFAULT_LIFECYCLE });
    expect((await h.api('PUT', '/api/settings/workspace', { currency: 'KZT', timezone: null })).body).toEqual({ currency: 'KZT', timezone: null, lifecycle: DEFAULT_LIFECYCLE });
  });

  it('an order sent without a currency is in the workspace\'s; one that names its own keeps it', async () => {
    await h.api('PUT', '/api/settings/workspace', { currency: 'KZT' });
    await h.api('POST', '/api/contacts', { id: 'aigerim', attributes: { firstName: 'Айгерим' } });
    expect((await h.api('POST', '/api/orders', { id: 'o-1', contactId: 'aigerim', amount: 4900 })).status).toBe(201);
    expect((await h.api('POST', '/api/orders', { id: 'o-2', contactId: 'aigerim', amount: 50, currency: 'USD' })).status).toBe(201);
    const orders = (await h.api('GET', '/api/contacts/aigerim')).body.orders as { id: string; currency: string }[];
    expect(Object.fromEntries(orders.map((o) => [o.id, o.currency]))).toEqual({ 'o-1': 'KZT', 'o-2': 'USD' });
    // its decimals are the workspace currency's too: yen have none
    await h.api('PUT', '/api/settings/workspace', { currency: 'JPY' });
    const yen = await h.api('POST', '/api/orders', { id: 'o-3', contactId: 'aigerim', amount: 100.5 });
    expect(yen.status).toBe(400);
    expect(yen.body.error).toBe('amount: 100.5 has more decimals than JPY has (0)');
    expect((await h.api('POST', '/api/orders', { id: 'o-3', contactId: 'aigerim', amount: 100.5, currency: 'RUB' })).status).toBe(201);
  });

  it('a funnel created without a currency (a script, an import) is in the workspace\'s; one that names its own keeps it', async () => {
    await h.api('PUT', '/api/settings/workspace', { currency: 'USD' });
    const funnel = (id: string, settings?: object) => ({ format: 'voronka/funnel@1', id, name: id, ...(settings ? { settings } : {}), nodes: [{ id: 'start', type: 'trigger', data: { event: 'quote.requested' } }], edges: [] });
    expect((await h.api('POST', '/api/funnels', funnel('quotes', { timezone: 'America/New_York' }))).status).toBe(201);
    expect((await h.api('GET', '/api/funnels/quotes')).body.draft.settings).toEqual({ timezone: 'America/New_York', currency: 'USD' });
    expect((await h.api('POST', '/api/funnels', funnel('quotes-eur', { currency: 'EUR' }))).status).toBe(201);
    expect((await h.api('GET', '/api/funnels/quotes-eur')).body.draft.settings).toEqual({ currency: 'EUR' });
    // in a rouble workspace a funnel is stored as it came (roubles are the format's own default)
    await h.api('PUT', '/api/settings/workspace', { currency: 'RUB' });
    expect((await h.api('POST', '/api/funnels', funnel('quotes-rub'))).status).toBe(201);
    expect((await h.api('GET', '/api/funnels/quotes-rub')).body.draft.settings).toBeUndefined();
  });
});
