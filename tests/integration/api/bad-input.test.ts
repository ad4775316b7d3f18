import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectUnchanged, handoffFunnel, publishFunnel, startServer, tinyFunnel, type Harness } from './helpers.ts';

const event = { type: 'lead.created', contactId: 'anna' };
const user = { email: 'new@voronka.local', name: 'New', role: 'manager', password: 'long-enough-1' };
const order = { id: 'o-1', contactId: 'anna', sku: 'TRIP-1', amount: 990 };

/** [method, path, body, the field the error must name] — each answered with 400. */
const FIELD_ERRORS: [string, string, unknown, string][] = [
  ['POST', '/api/auth/login', { email: 5, password: 'x' }, 'email'],
  ['POST', '/api/auth/login', { email: 'qa@voronka.local' }, 'password'],
  ['POST', '/api/auth/login', { email: 'qa@voronka.local', password: 'x', remember: true }, 'remember'],
  ['POST', '/api/funnels', { ...tinyFunnel('f1'), nodes: 'none' }, 'nodes'],
  ['POST', '/api/funnels', { ...tinyFunnel('f1'), name: undefined }, 'name'],
  ['POST', '/api/funnels', { ...tinyFunnel('f1'), format: 'voronka/funnel@2' }, 'format'],
  ['POST', '/api/funnels', { ...tinyFunnel('f1'), edges: [{ id: 'e1', source: 'start', target: 7 }] }, 'edges.0.target'],
  ['PUT', '/api/funnels/classic', { ...tinyFunnel('classic'), nodes: {} }, 'nodes'],
  ['PUT', '/api/funnels/classic', { ...tinyFunnel('classic'), id: undefined }, 'id'],
  ['PUT', '/api/funnels/classic', tinyFunnel('other'), 'id'],
  ['POST', '/api/funnels/abandoned-cart/publish', { note: 5 }, 'note'],
  ['POST', '/api/funnels/abandoned-cart/publish', { note: 'x', force: true }, 'force'],
  ['PUT', '/api/funnels/classic/scenarios', { scenarios: 'all' }, 'scenarios'],
  ['PUT', '/api/funnels/classic/scenarios', {}, 'scenarios'],
  ['PUT', '/api/funnels/classic/scenarios', { scenarios: [], replace: true }, 'replace'],
  ['POST', '/api/contacts', { id: 'anna', consents: { email: 'yes' } }, 'consents.email'],
  ['POST', '/api/contacts', { id: 'anna', colour: 'red' }, 'colour'],
  ['POST', '/api/contacts', { attributes: { firstName: 'X' } }, 'id'],
  ['POST', '/api/contacts', { id: 'anna', tags: 'vip' }, 'tags'],
  ['POST', '/api/contacts', { id: 'anna', attributes: { timezone: 'Москва' } }, 'attributes.timezone'],
  ['POST', '/api/contacts', { id: 'anna', attributes: { timezone: 3 } }, 'attributes.timezone'],
  ['POST', '/api/contacts', { id: 'anna', attributes: { email: 'not-an-email' } }, 'attributes.email'],
  ['POST', '/api/contacts', { id: 'anna', attributes: { email: 5 } }, 'attributes.email'],
  ['POST', '/api/contacts', { id: 'anna', attributes: { phone: '12' } }, 'attributes.phone'],
  ['POST', '/api/orders', { ...order, amount: '990 рублей' }, 'amount'], // text as people write an amount («3 200») is read; words are not
  ['POST', '/api/orders', { ...order, amount: -1 }, 'amount'],
  ['POST', '/api/orders', { ...order, coupon: 'X' }, 'coupon'],
  ['POST', '/api/orders', { ...order, contactId: undefined }, 'contactId'],
  ['POST', '/api/orders', { ...order, status: 'shipped' }, 'status'],
  ['POST', '/api/orders', { ...order, currency: 'RUBLES' }, 'currency'],
  ['POST', '/api/orders', { ...order, currency: 'RUR' }, 'currency'],
  ['POST', '/api/orders', { ...order, currency: 'dollars' }, 'currency'],
  ['POST', '/api/orders', { ...order, amount: 1e308 }, 'amount'],
  ['POST', '/api/orders', { ...order, amount: 100.555 }, 'amount'],
  ['POST', '/api/orders', { ...order, amount: 100.5, currency: 'JPY' }, 'amount'],
  ['POST', '/api/events', { ...event, colour: 1 }, 'colour'],
  ['POST', '/api/events', { ...event, type: 5 }, 'type'],
  // the engine's own events never come from outside: an operator's exit, a timer, a task's outcome
  ['POST', '/api/events', { ...event, type: 'voronka.exit' }, 'type'],
  ['POST', '/api/events', { ...event, type: 'xstate.after.P1D.funnel.wait' }, 'type'],
  ['POST', '/api/events', { ...event, type: 'task.completed', data: { outcome: 'won' } }, 'type'],
  ['POST', '/api/events', { events: [event, { ...event, id: 'x2', type: 'voronka.exit' }] }, 'events.1.type'],
  ['POST', '/api/events', { contactId: 'anna' }, 'type'],
  ['POST', '/api/events', { type: 'lead.created' }, 'contactId'],
  ['POST', '/api/events', { ...event, at: 'yesterday' }, 'at'],
  ['POST', '/api/events', { events: [{ ...event, extra: 1 }] }, 'events.0.extra'],
  ['POST', '/api/events', { events: [event, { contactId: 'anna' }] }, 'events.1.type'],
  ['POST', '/api/events', { events: [] }, 'events'],
  ['POST', '/api/events', { events: [event], dryRun: true }, 'dryRun'],
  ['POST', '/api/tasks/nope/complete', { outcome: 3 }, 'outcome'],
  ['POST', '/api/tasks/nope/complete', {}, 'outcome'],
  ['POST', '/api/tasks/nope/complete', { outcome: 'won', note: 5 }, 'note'],
  ['POST', '/api/tasks/nope/complete', { outcome: 'won', note: 'x'.repeat(2001) }, 'note'],
  ['POST', '/api/tasks/nope/complete', { outcome: 'won', comment: 'x' }, 'comment'],
  ['POST', '/api/clock/advance', { by: 5 }, 'by'],
  ['POST', '/api/clock/advance', { by: '-P1D' }, 'by'],
  ['POST', '/api/clock/advance', { by: 'tomorrow' }, 'by'],
  ['POST', '/api/clock/advance', { by: '-1 day' }, 'by'],
  ['POST', '/api/clock/advance', { by: '3 fortnights' }, 'by'],
  ['POST', '/api/clock/advance', { by: 'P1D', at: 'x' }, 'at'],
  ['POST', '/api/users', { ...user, email: 'nope' }, 'email'],
  ['POST', '/api/users', { ...user, password: 'short' }, 'password'],
  ['POST', '/api/users', { ...user, role: 'boss' }, 'role'],
  ['POST', '/api/users', { ...user, teams: 'sales' }, 'teams'],
  ['POST', '/api/users', { ...user, admin: true }, 'admin'],
  ['POST', '/api/api-keys', { name: '' }, 'name'],
  ['POST', '/api/api-keys', { name: 'ci', scope: 'all' }, 'scope'],
  ['GET', '/api/runs?colour=red', undefined, 'colour'],
  ['GET', '/api/runs?status=sleeping', undefined, 'status'],
  ['GET', '/api/runs?limit=lots', undefined, 'limit'],
  ['GET', '/api/runs?offset=lots', undefined, 'offset'],
  ['GET', '/api/runs?offset=-1', undefined, 'offset'],
  ['GET', '/api/outbox?offset=2.5', undefined, 'offset'],
  ['GET', '/api/tasks?offset=x', undefined, 'offset'],
  ['GET', '/api/contacts?offset=-5', undefined, 'offset'],
  ['POST', '/api/runs/nope/exit', { reason: 5 }, 'reason'],
  ['GET', '/api/tasks?mine=yes', undefined, 'mine'],
  ['GET', '/api/tasks?status=later', undefined, 'status'],
  ['GET', '/api/outbox?status=lost', undefined, 'status'],
  ['GET', '/api/outbox?limit=0', undefined, 'limit'],
  ['GET', '/api/contacts?limit=0', undefined, 'limit'],
  ['GET', '/api/contacts?sort=name', undefined, 'sort'],
  ['GET', '/api/contacts/anna/events?limit=0', undefined, 'limit'],
  ['GET', '/api/contacts/anna/events?type=x', undefined, 'type'],
  ['GET', '/api/metrics/customers?since=2026', undefined, 'since'],
];

/** Every endpoint that reads a JSON body. */
const JSON_ENDPOINTS: [string, string][] = [
  ['POST', '/api/auth/login'],
  ['POST', '/api/funnels'],
  ['PUT', '/api/funnels/classic'],
  ['POST', '/api/funnels/abandoned-cart/publish'],
  ['PUT', '/api/funnels/classic/scenarios'],
  ['POST', '/api/contacts'],
  ['POST', '/api/orders'],
  ['POST', '/api/events'],
  ['POST', '/api/tasks/nope/complete'],
  ['POST', '/api/clock/advance'],
  ['POST', '/api/users'],
  ['POST', '/api/api-keys'],
];

describe('wrong types, unknown and missing fields get a 400 naming the field', () => {
  // one server for the whole table: every case checks that it changed nothing
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(FIELD_ERRORS)('%s %s %j → 400 naming %s', async (method, path, body, field) => {
    await expectUnchanged(h, async () => {
      const res = await h.api(method, path, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toContain(`${field}: `);
      if (res.body.issues) expect(res.body.issues.map((i: any) => i.field)).toContain(field);
    });
  });
});

describe('bad input gets a 4xx naming the problem and changes nothing', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startServer();
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers malformed JSON with 400, a wrong content type with 415 and a body over 1 MiB with 413, for every JSON endpoint', async () => {
    const big = JSON.stringify({ ...event, data: { pad: 'x'.repeat(1024 * 1024) } });
    await expectUnchanged(h, async () => {
      for (const [method, path] of JSON_ENDPOINTS) {
        const malformed = await h.raw(method, path, '{"type": "lead.created",', { 'content-type': 'application/json' });
        expect(malformed.status, `${method} ${path} malformed`).toBe(400);
        expect(malformed.body.error).toMatch(/JSON/);
        const text = await h.raw(method, path, JSON.stringify(event), { 'content-type': 'text/plain' });
        expect(text.status, `${method} ${path} text/plain`).toBe(415);
        const huge = await h.raw(method, path, big, { 'content-type': 'application/json' });
        expect(huge.status, `${method} ${path} 2 MiB`).toBe(413);
      }
      const form = await h.raw('POST', '/api/events', 'type=lead.created&contactId=anna', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
      const csvAsJson = await h.raw('POST', '/api/contacts/import', 'id\nzoe', { 'content-type': 'application/json' });
      expect(csvAsJson.status).toBe(415);
    });
  });

  it('refuses events for an unknown contact with 404 and stores none of the batch', async () => {
    const batch = { events: [{ id: 'ev-anna', ...event }, { id: 'ev-zoe', type: 'lead.created', contactId: 'zoe' }] };
    await expectUnchanged(h, async () => {
      const single = await h.api('POST', '/api/events', { id: 'ev-zoe', type: 'lead.created', contactId: 'zoe' });
      expect(single.status).toBe(404);
      expect(single.body).toEqual({ error: 'contactId: no contact "zoe"; create it first with POST /api/contacts', field: 'contactId' });
      const res = await h.api('POST', '/api/events', batch);
      expect(res.status).toBe(404);
      // named as a 400 names a batch's fields: events.1.type
      expect(res.body).toEqual({
        field: 'events.1.contactId',
        error: 'events.1.contactId: no contact "zoe"; create it first with POST /api/contacts — none of the 2 events was accepted; send them again once the contacts exist (or without those events)',
      });
      // every unknown contact of a batch is named
      const two = await h.api('POST', '/api/events', { events: [{ type: 'lead.created', contactId: 'yan' }, ...batch.events] });
      expect(two.body.error).toMatch(/^events\.0\.contactId: no contact "yan"; events\.2\.contactId: no contact "zoe"; create them first/);
    });
    expect((await h.api('POST', '/api/contacts', { id: 'zoe', attributes: { firstName: 'Зоя' }, consents: { email: true } })).status).toBe(200);
    expect((await h.api('POST', '/api/events', batch)).body).toEqual({ accepted: 2, duplicate: 0 });
    expect((await h.api('GET', '/api/runs?funnelId=classic')).body.map((r: any) => r.contactId).sort()).toEqual(['anna', 'zoe']);
  });

  it('answers unknown funnel, run, task and contact ids with 404', async () => {
    const funnel = tinyFunnel('nope');
    const cases: [string, string, unknown?][] = [
      ['GET', '/api/funnels/nope'],
      ['PUT', '/api/funnels/nope', funnel],
      ['DELETE', '/api/funnels/nope'],
      ['POST', '/api/funnels/nope/publish'],
      ['POST', '/api/funnels/nope/pause'],
      ['POST', '/api/funnels/nope/resume'],
      ['GET', '/api/funnels/nope/versions'],
      ['GET', '/api/funnels/nope/stats'],
      ['PUT', '/api/funnels/nope/scenarios', { scenarios: [] }],
      ['GET', '/api/runs/nope'],
      ['POST', '/api/runs/nope/exit'],
      ['GET', '/api/tasks/nope'],
      ['POST', '/api/tasks/nope/complete', { outcome: 'won' }],
      ['GET', '/api/contacts/nope'],
      ['POST', '/api/orders', { ...order, contactId: 'nope' }],
      ['GET', '/api/no-such-endpoint'],
    ];
    await expectUnchanged(h, async () => {
      for (const [method, path, body] of cases) {
        const res = await h.api(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.error, `${method} ${path}`).toMatch(/nope|no-such-endpoint/);
      }
    });
  });

  it('refuses to publish an invalid funnel with 422 and issues naming the node and the edge', async () => {
    const f = tinyFunnel('broken');
    f.nodes.push({ id: 'portal', type: 'teleport', data: {} } as never);
    f.edges.push({ id: 'e-dangling', source: 'mail', target: 'ghost' });
    expect((await h.api('POST', '/api/funnels', f)).status).toBe(201);
    await expectUnchanged(h, async () => {
      const res = await h.api('POST', '/api/funnels/broken/publish');
      expect(res.status).toBe(422);
      expect(res.body.issues).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'portal' }));
      expect(res.body.issues).toContainEqual(expect.objectContaining({ severity: 'error', edgeId: 'e-dangling' }));
    });
  });

  it('refuses conflicts with 409: an existing funnel id, an existing user email, pausing a draft', async () => {
    await expectUnchanged(h, async () => {
      expect((await h.api('POST', '/api/funnels', tinyFunnel('classic'))).status).toBe(409);
      expect((await h.api('POST', '/api/users', { ...user, email: 'Manager@voronka.local' })).status).toBe(409);
      expect((await h.api('POST', '/api/funnels/birthday/pause')).status).toBe(409);
      expect((await h.api('POST', '/api/funnels/classic/resume')).status).toBe(409);
    });
  });

  it('refuses completing a task with an unknown outcome (422) or twice (409)', async () => {
    await publishFunnel(h, handoffFunnel('sales-call', { role: 'sales' }));
    await h.api('POST', '/api/events', { type: 'sales-call.start', contactId: 'gleb' });
    const [task] = (await h.api('GET', '/api/tasks?status=open')).body;
    await expectUnchanged(h, async () => {
      const res = await h.api('POST', `/api/tasks/${task.id}/complete`, { outcome: 'maybe' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ field: 'outcome' });
      expect(res.body.error).toMatch(/won, lost/);
    });
    expect((await h.api('POST', `/api/tasks/${task.id}/complete`, { outcome: 'lost' })).status).toBe(200);
    await expectUnchanged(h, async () => expect((await h.api('POST', `/api/tasks/${task.id}/complete`, { outcome: 'won' })).status).toBe(409));
  });

  it('imports good CSV rows and reports each bad row with its number and field', async () => {
    const csv = [
      'id,firstName,email,consent.email,timezone,tags',
      'c-ok1,Ира,ira@example.com,yes,Europe/Moscow,vip;new',
      'c-bad,Лев,not-an-email,maybe,Mars/Base,',
      ',Без,noid@example.com,no,,',
      'c-ok2,Ян,yan@example.com,нет,,',
      'c-city,Ада,ada@example.com,yes,Казань,',
    ].join('\n');
    const res = await h.raw('POST', '/api/contacts/import', csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 2, failed: 3 });
    expect(res.body.errors.map((e: any) => [e.row, e.field, e.code, e.value ?? null])).toEqual([
      [3, 'email', 'not-email', 'not-an-email'],
      [3, 'consent.email', 'not-yes-no', 'maybe'],
      [3, 'timezone', 'not-timezone', 'Mars/Base'],
      [4, 'id', 'empty', null],
      [6, 'timezone', 'not-timezone', 'Казань'],
    ]);
    // a city typed for a zone: the report names the zone to write
    expect(res.body.errors[4]).toMatchObject({ zone: 'Europe/Moscow', message: '"Казань" is a city, not a time zone: write Europe/Moscow' });
    expect(res.body.errors[2].zone).toBeUndefined();
    expect(res.body.errors[0].message).toBe('"not-an-email" is not an email address');
    expect((await h.api('GET', '/api/contacts/c-ok1')).body).toMatchObject({ attributes: { firstName: 'Ира', email: 'ira@example.com' }, consents: { email: true }, tags: ['vip', 'new'] });
    expect((await h.api('GET', '/api/contacts/c-ok2')).body.consents).toEqual({ email: false });
    expect((await h.api('GET', '/api/contacts/c-bad')).status).toBe(404);

    await expectUnchanged(h, async () => {
      expect((await h.raw('POST', '/api/contacts/import', 'name,email\nX,x@example.com', { 'content-type': 'text/csv' })).status).toBe(400);
      const unclosed = await h.raw('POST', '/api/contacts/import', 'id,name\n"c-q,unclosed', { 'content-type': 'text/csv' });
      expect(unclosed.status).toBe(200);
      expect(unclosed.body).toMatchObject({ imported: 0, failed: 1, errors: [{ row: 2, code: 'unreadable' }] });
    });
  });
});

describe('bad input is explained in words, not in the validator\'s', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
  });
  afterAll(() => h.close());

  it.each([
    ['/api/contacts', { id: 123 }, 'id: must be text: your id for this contact'],
    ['/api/contacts', [{ id: 'a' }], '(body): the body must be an object, not a list (one item per request; batches say so: { "events": [...] })'],
    ['/api/contacts', { id: 'anna', tags: [1] }, 'tags.0: must be text, not a number'],
    ['/api/orders', { contactId: 'anna', amount: 1 }, 'id: is required: your id for this order (a repeat with the same id is recognised)'],
    ['/api/orders', { id: 'o', contactId: 'anna', amount: 1, status: 'shipped' }, 'status: must be "paid", "refunded" or "pending"'],
    ['/api/events', { type: 'x', contactId: 'anna', data: 'text' }, 'data: must be an object, not text'],
    ['/api/events', { type: 5, contactId: 'anna' }, 'type: must be text: the event type, e.g. lead.created'],
    ['/api/events', { contactId: 'anna' }, 'type: is required: the event type, e.g. lead.created'],
    ['/api/tasks/any/complete', { outcome: 1 }, 'outcome: must be text: one of the task outcome ids'],
  ])('POST %s %j → %s', async (path, body, message) => {
    const r = await h.api('POST', path, body);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe(message);
  });
});
