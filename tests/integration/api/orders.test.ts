import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Harness } from './helpers.ts';

/** Orders: sent to `/api/orders`, or reported by an integration as an `order.paid` event. */
describe('orders', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
  });
  afterAll(() => h.close());

  const ordersOf = async (id: string) => ((await h.api('GET', `/api/contacts/${id}`)).body.orders as any[]).map(({ id, sku, amount, currency, status }) => ({ id, sku, amount, currency, status }));

  it('an order.paid event with an amount is the contact\'s paid order too, once, and still converts the tripwire', async () => {
    await h.api('POST', '/api/events', { events: [{ type: 'lead.created', contactId: 'vera' }, { type: 'offer.accepted', contactId: 'vera' }, { type: 'leadMagnet.claimed', contactId: 'vera' }] });
    const paid = { id: 'shop-77', type: 'order.paid', contactId: 'vera', data: { orderId: 'A-1001', sku: 'TRIP-1', amount: 990 } };
    expect((await h.api('POST', '/api/events', paid)).body).toEqual({ accepted: 1, duplicate: 0 });
    expect((await h.api('POST', '/api/events', paid)).body).toEqual({ accepted: 0, duplicate: 1 });
    expect(await ordersOf('vera')).toEqual([{ id: 'A-1001', sku: 'TRIP-1', amount: 990, currency: 'RUB', status: 'paid' }]);
    const [run] = (await h.api('GET', '/api/runs?contactId=vera&funnelId=classic')).body;
    expect(run.path.map((p: any) => p.node)).toContain('call');

    // no order id: the event's own; a currency of its own and an amount written as text are kept;
    // an event without an amount is no order
    await h.api('POST', '/api/events', { events: [
      { id: 'pay-2', type: 'order.paid', contactId: 'vera', data: { amount: '50', currency: 'usd' } },
      { id: 'pay-3', type: 'order.paid', contactId: 'vera', data: { sku: 'X' } },
      { id: 'pay-4', type: 'order.refunded', contactId: 'vera', data: { amount: 990 } },
    ] });
    expect(await ordersOf('vera')).toContainEqual({ id: 'event:pay-2', sku: null, amount: 50, currency: 'USD', status: 'paid' });
    expect(await ordersOf('vera')).toHaveLength(2);
    // a refund is no payment; one that came as an event of its own is listed apart from the orders
    expect((await h.api('GET', '/api/contacts/vera')).body.payments).toBeUndefined();
    await h.api('POST', '/api/events', { events: [
      { id: 'sub-1', type: 'subscription.paid', contactId: 'vera', data: { amount: 4990 } },
      { id: 'cart-1', type: 'cart.updated', contactId: 'vera', data: { amount: 1200 } },
      { id: 'ref-1', type: 'payment.refunded', contactId: 'vera', data: { amount: 4990 } },
      { id: 'fail-1', type: 'payment.failed', contactId: 'vera', data: { amount: 4990 } },
      { id: 'inv-1', type: 'invoice.paid', contactId: 'vera', data: { amount: '150000', currency: 'usd' } },
    ] });
    const payments = (await h.api('GET', '/api/contacts/vera')).body.payments as { type: string; amount: number; currency?: string }[];
    expect(payments.map(({ type, amount, currency }) => ({ type, amount, currency })).sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { type: 'invoice.paid', amount: 150000, currency: 'USD' },
      { type: 'subscription.paid', amount: 4990, currency: undefined },
    ]);
    expect(await ordersOf('vera')).toHaveLength(2);
  });

  it('an order sent to /api/orders is stored once with its event; a repeat, or a pending order later sent as paid, changes nothing', async () => {
    await h.api('POST', '/api/contacts', { id: 'oleg' });
    expect((await h.api('POST', '/api/orders', { id: 'o-1', contactId: 'oleg', sku: 'S', amount: 100 })).body).toEqual({ created: true });
    expect((await h.api('POST', '/api/orders', { id: 'o-1', contactId: 'oleg', sku: 'S', amount: 100 })).body).toEqual({ created: false });
    expect((await h.api('POST', '/api/orders', { id: 'o-2', contactId: 'oleg', amount: 5, status: 'pending' })).body).toEqual({ created: true });
    expect((await h.api('POST', '/api/orders', { id: 'o-2', contactId: 'oleg', amount: 5 })).body).toEqual({ created: false });
    expect(await ordersOf('oleg')).toHaveLength(2);
    const events = (await h.api('GET', '/api/contacts/oleg/events')).body;
    expect(events.filter((e: any) => e.type === 'order.paid').map((e: any) => e.data.orderId)).toEqual(['o-1']);
    // an order paid before it was sent (a shop's history): its event is dated when it was paid, as the order is
    const paidAt = '2025-06-01T10:00:00.000Z';
    await h.api('POST', '/api/orders', { id: 'o-old', contactId: 'oleg', amount: 70, at: paidAt });
    const old = ((await h.api('GET', '/api/contacts/oleg/events')).body as { data: { orderId?: string }; at: number }[]).find((e) => e.data.orderId === 'o-old')!;
    expect(old.at).toBe(Date.parse(paidAt));
    // and its data says when, for a message's {{event.data.at | datetime}}
    expect((old.data as { at?: string }).at).toBe(paidAt);
  });
  it('an amount written as text is read as an order.paid event reads it; one that is no amount is refused, naming amount', async () => {
    await h.api('POST', '/api/contacts', { id: 'lv-002' });
    expect((await h.api('POST', '/api/orders', { id: 'lv-o1', contactId: 'lv-002', amount: '3 200' })).status).toBe(201);
    expect((await h.api('POST', '/api/orders', { id: 'lv-o2', contactId: 'lv-002', amount: '4 990,50' })).status).toBe(201);
    expect((await h.api('POST', '/api/orders', { id: 'lv-o3', contactId: 'lv-002', amount: '1,234.50', currency: 'usd' })).status).toBe(201);
    expect(await ordersOf('lv-002')).toEqual(expect.arrayContaining([
      { id: 'lv-o1', sku: null, amount: 3200, currency: 'RUB', status: 'paid' },
      { id: 'lv-o2', sku: null, amount: 4990.5, currency: 'RUB', status: 'paid' },
      { id: 'lv-o3', sku: null, amount: 1234.5, currency: 'USD', status: 'paid' },
    ]));
    // the event it comes in as carries the number, as a funnel's goal reads it
    const events = (await h.api('GET', '/api/contacts/lv-002/events')).body as { type: string; data: { orderId: string; amount: unknown } }[];
    expect(events.find((e) => e.data.orderId === 'lv-o1')?.data.amount).toBe(3200);
    // the same text again is the same order (idempotent by id)
    expect((await h.api('POST', '/api/orders', { id: 'lv-o1', contactId: 'lv-002', amount: 3200 })).status).toBe(200);

    for (const [amount, said] of [['много', '"много"'], ['1,500', '"1,500"'], ['-5', '"-5"'], [-5, '-5'], [true, 'true'], ['', '""']] as const) {
      const r = await h.api('POST', '/api/orders', { id: `lv-bad-${String(amount)}`, contactId: 'lv-002', amount });
      expect(r.status, String(amount)).toBe(400);
      expect(r.body.error).toBe(`amount: ${said} is not an amount (a number, not negative, at most 1000000000000, such as 24900, "24 900,50" or "24,900.50")`);
      expect(r.body.issues).toEqual([{ field: 'amount', message: expect.stringContaining('is not an amount') }]);
    }
    // written with its currency, as a US shop writes it: told where the currency goes
    for (const amount of ['$12.50', '12.5 dollars', '3 200 руб.'])
      expect((await h.api('POST', '/api/orders', { id: 'lv-sign', contactId: 'lv-002', amount })).body.error, amount).toContain('— write it without the currency, which goes in "currency" (e.g. "amount": "12.50", "currency": "USD")');
    expect((await h.api('POST', '/api/orders', { id: 'lv-none', contactId: 'lv-002' })).body.error).toBe('amount: is required: what was paid, e.g. 3200 or "3 200"');
    expect((await h.api('POST', '/api/orders', { id: 'lv-big', contactId: 'lv-002', amount: '2 000 000 000 000' })).status).toBe(400);
    // the currency's decimals still hold for an amount written as text
    expect((await h.api('POST', '/api/orders', { id: 'lv-yen', contactId: 'lv-002', amount: '1 500,5', currency: 'JPY' })).body.error).toBe('amount: 1500.5 has more decimals than JPY has (0)');
    expect((await ordersOf('lv-002')).map((o) => o.id).sort()).toEqual(['lv-o1', 'lv-o2', 'lv-o3']);
    // the API's description says so
    const doc = (await h.api('GET', '/api/openapi.json')).body;
    const amount = doc.paths['/api/orders'].post.requestBody.content['application/json'].schema.properties.amount;
    expect(amount.type).toEqual(['number', 'string']);
    expect(amount.description).toContain('"4 990,50"');
  });

  it('a corrected resend under an order id already taken is refused with what is stored; a currency is read in any case', async () => {
    await h.api('POST', '/api/contacts', { id: 'tea' });
    await h.api('POST', '/api/contacts', { id: 'tea-2' });
    expect((await h.api('POST', '/api/orders', { id: 't-1', contactId: 'tea', amount: 100.5, currency: 'rub' })).status).toBe(201);
    expect(await ordersOf('tea')).toEqual([{ id: 't-1', sku: null, amount: 100.5, currency: 'RUB', status: 'paid' }]);
    const other = await h.api('POST', '/api/orders', { id: 't-1', contactId: 'tea', amount: 999 });
    expect(other.status).toBe(409);
    expect(other.body.error).toBe('id: order "t-1" exists for contact "tea" with amount 100.5 RUB; not changed (this one differs in amount) — a new order needs a new id');
    expect((await h.api('POST', '/api/orders', { id: 't-1', contactId: 'tea-2', amount: 100.5 })).status).toBe(409);
    expect(await ordersOf('tea')).toEqual([{ id: 't-1', sku: null, amount: 100.5, currency: 'RUB', status: 'paid' }]);
    expect(await ordersOf('tea-2')).toEqual([]);
  });

  it('an order that moved no run says why, as an event would; an order.paid event whose amount or currency is not one is refused, moving nothing', async () => {
    await h.api('POST', '/api/contacts', { id: 'kira' });
    // a run per cart: an order without the cart's id does not move it
    const cart = { format: 'voronka/funnel@1', id: 'cart-orders', name: 'Cart', nodes: [
      { id: 'start', type: 'trigger', data: { event: 'cart.updated', key: 'data.cartId' } },
      { id: 'paid', type: 'wait', data: { event: 'order.paid', timeout: 'P1D' } },
    ], edges: [{ id: 'e1', source: 'start', target: 'paid' }] };
    expect((await h.api('POST', '/api/funnels', cart)).status).toBe(201);
    expect((await h.api('POST', '/api/funnels/cart-orders/publish', {})).status).toBe(201);
    await h.api('POST', '/api/events', { type: 'cart.updated', contactId: 'kira', data: { cartId: 'K1' } });
    const r = await h.api('POST', '/api/orders', { id: 'k-1', contactId: 'kira', amount: 490 });
    expect(r.status).toBe(201);
    expect(r.body.ignored).toEqual([{ id: 'order:k-1', type: 'order.paid', reason: expect.stringContaining('data.cartId') }]);

    const bad = await h.api('POST', '/api/events', { events: [
      { id: 'bad-amount', type: 'order.paid', contactId: 'kira', data: { amount: 'abc', orderId: 'ev-1', cartId: 'K1' } },
      { id: 'bad-currency', type: 'order.paid', contactId: 'kira', data: { amount: 50, currency: 'dollars', orderId: 'ev-2', cartId: 'K1' } },
      { id: 'negative', type: 'order.paid', contactId: 'kira', data: { amount: -50, orderId: 'ev-3', cartId: 'K1' } },
    ] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field)).toEqual(['events.0.data.amount', 'events.1.data.currency', 'events.2.data.amount']);
    expect(bad.body.error).toMatch(/^events\.0\.data\.amount: "abc" is not an amount .* — an order\.paid says what was paid/);
    // nothing taken: the cart's «paid» wait still waits, no order, and the same ids are new when sent again, readable
    const runs = await h.api('GET', '/api/runs?contactId=kira&funnelId=cart-orders');
    expect(runs.body.map((r: { status: string }) => r.status)).toEqual(['waiting']);
    expect((await ordersOf('kira')).map((o) => o.id)).toEqual(['k-1']);
    const fixed = await h.api('POST', '/api/events', { id: 'bad-amount', type: 'order.paid', contactId: 'kira', data: { amount: '1 990,50', orderId: 'ev-1', cartId: 'K1' } });
    expect(fixed.body).toMatchObject({ accepted: 1, duplicate: 0 });
    expect((await ordersOf('kira')).map((o) => [o.id, o.amount])).toEqual(expect.arrayContaining([['k-1', 490], ['ev-1', 1990.5]]));
    expect((await h.api('GET', '/api/runs?contactId=kira&funnelId=cart-orders')).body.map((r: { status: string }) => r.status)).toEqual(['completed']);
  });
});
