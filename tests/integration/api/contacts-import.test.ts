import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Harness } from './helpers.ts';

/** CSV import: a bad row is reported by the line it starts on and left out; it never stops the rest. */
describe('POST /api/contacts/import, rows that do not parse', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
  });
  afterAll(() => h.close());

  const importCsv = async (csv: string) => {
    const res = await h.raw('POST', '/api/contacts/import', csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    return res.body;
  };
  const rows = (body: any) => body.errors.map((e: any) => [e.row, e.code, e.value ?? null]);

  it('a row with a comma too many or missing is reported with its field count; the rows around it go in', async () => {
    const body = await importCsv(['id,firstName,email', 'col-1,Анна,anna@example.com', 'col-2,Борис,Борисов,boris@example.com', 'col-3,Вера', 'col-4,Глеб,gleb@example.com'].join('\n'));
    expect(body).toMatchObject({ imported: 2, created: 2, failed: 2 });
    expect(rows(body)).toEqual([
      [3, 'columns', '4'],
      [4, 'columns', '2'],
    ]);
    expect(body.errors[0]).toMatchObject({ expected: 3, message: 'has 4 fields where the header has 3' });
    expect((await h.api('GET', '/api/contacts/col-4')).body.attributes).toEqual({ firstName: 'Глеб', email: 'gleb@example.com' });
    // the misaligned row wrote nothing: its email did not land in the name
    expect((await h.api('GET', '/api/contacts/col-2')).status).toBe(404);
  });

  it('rows are named by the line they start on, counting blank lines and line breaks inside quotes', async () => {
    const body = await importCsv(['id,note,email', 'ml-1,"first line', 'second line",ml1@example.com', '', 'ml-2,plain,not-an-email'].join('\n'));
    expect(body).toMatchObject({ imported: 1, failed: 1 });
    expect(rows(body)).toEqual([[5, 'not-email', 'not-an-email']]);
    expect((await h.api('GET', '/api/contacts/ml-1')).body.attributes.note).toBe('first line\nsecond line');
  });

  it('a second row with the same id is left out and names the row that has it', async () => {
    const body = await importCsv(['id,firstName', 'dup-1,Первая', 'dup-2,Другой', 'dup-1,Вторая'].join('\n'));
    expect(body).toMatchObject({ imported: 2, created: 2, failed: 1 });
    expect(body.errors).toEqual([{ row: 4, field: 'id', code: 'duplicate', value: 'dup-1', firstRow: 2, id: 'dup-1', message: '"dup-1" is already in row 2' }]);
    expect((await h.api('GET', '/api/contacts/dup-1')).body.attributes.firstName).toBe('Первая');
  });

  it('a consent column written consent_email (as other tools write it) is the email consent, not an attribute', async () => {
    const body = await importCsv(['id,firstName,consent_email,Consent-SMS', 'cons-1,Ира,да,no'].join('\n'));
    expect(body).toMatchObject({ imported: 1, failed: 0 });
    const c = (await h.api('GET', '/api/contacts/cons-1')).body;
    expect(c.consents).toEqual({ email: true, sms: false });
    expect(c.attributes).toEqual({ firstName: 'Ира' });
    // a bad value there is refused as for consent.email
    expect(rows(await importCsv(['id,consent_email', 'cons-2,может быть'].join('\n')))).toEqual([[2, 'not-yes-no', 'может быть']]);
  });

  it('a phone that cannot be a number is a row error; numbers are numbers, as the API stores them, but codes and phones stay as written', async () => {
    const body = await importCsv(['id;phone;budget;rooms;share;zip;code;account;ratio', 'num-1;12345;9000000;2;0,5;101000;007;12345678901234567890;1,500', 'num-2;8 (916) 555-12-34;12 000 000;;;;;;'].join('\n'));
    expect(body).toMatchObject({ imported: 1, failed: 1 });
    expect(body.errors).toEqual([expect.objectContaining({ row: 2, field: 'phone', code: 'not-phone', value: '12345' })]);
    // the bad row wrote nothing
    expect((await h.api('GET', '/api/contacts/num-1')).status).toBe(404);
    expect((await h.api('GET', '/api/contacts/num-2')).body.attributes).toEqual({ phone: '8 (916) 555-12-34', budget: 12000000 });
    const again = await importCsv(['id;budget;rooms;share;zip;code;account;ratio', 'num-1;9000000;2;0,5;101000;007;12345678901234567890;1,500'].join('\n'));
    expect(again).toMatchObject({ imported: 1, failed: 0 });
    // a leading zero, more than 15 digits, «1,500» (one and a half, or fifteen hundred?) stay text
    expect((await h.api('GET', '/api/contacts/num-1')).body.attributes).toEqual({ budget: 9000000, rooms: 2, share: 0.5, zip: 101000, code: '007', account: '12345678901234567890', ratio: '1,500' });
  });

  it('a word in a column of numbers is imported with a warning (a numeric rule would not match it); codes with a leading zero are not', async () => {
    const body = await importCsv(['id,seats,zip', 'w-1,25,101000', 'w-2,двадцать,007', 'w-3,5,190000', 'w-4,,'].join('\n'));
    expect(body).toMatchObject({ imported: 4, failed: 0, errors: [] });
    expect(body.warnings).toEqual([{ row: 3, id: 'w-2', field: 'seats', code: 'not-number', value: 'двадцать', message: expect.stringContaining('is not a number') }]);
    expect((await h.api('GET', '/api/contacts/w-2')).body.attributes).toEqual({ seats: 'двадцать', zip: '007' });
  });

  it('a date written for people (05/25/2026, 25.05.2026) is imported with a warning saying how a funnel reads dates; ISO dates are not flagged', async () => {
    const body = await importCsv(['id,lastVisit', 'd-1,05/25/2026', 'd-2,2026-05-25', 'd-3,25.05.2026', 'd-4,2026-05-25T10:00:00Z'].join('\n'));
    expect(body).toMatchObject({ imported: 4, failed: 0, errors: [] });
    expect(body.warnings.map((w: { row: number; field: string; code: string; value: string }) => [w.row, w.field, w.code, w.value])).toEqual([
      [2, 'lastVisit', 'not-date', '05/25/2026'],
      [4, 'lastVisit', 'not-date', '25.05.2026'],
    ]);
    expect(body.warnings[0].message).toContain('write it as 2026-05-25');
  });

  it('says how many imported contacts have an address for a channel but no consent to it', async () => {
    const body = await importCsv(['id,email,phone,consent.sms', 'nc-1,a@example.com,+79161112233,да', 'nc-2,b@example.com,,', 'nc-3,,+79161112244,нет'].join('\n'));
    expect(body).toMatchObject({ imported: 3, failed: 0 });
    // email: nc-1 and nc-2 have an address and no consent; sms: nc-3 refused it (nc-2 has no phone); WhatsApp goes to
    // the phone too, but no funnel of the demo workspace sends marketing on it: not counted
    expect(body.withoutConsent).toEqual({ email: 2, sms: 1 });
    // a file whose contacts all agreed says nothing
    expect((await importCsv(['id,email,consent.email', 'nc-4,d@example.com,да'].join('\n'))).withoutConsent).toBeUndefined();
    // once a funnel sends marketing on WhatsApp, its missing consents count
    const wa = { format: 'voronka/funnel@1', id: 'wa-promo', name: 'WA', nodes: [{ id: 'start', type: 'trigger', data: { event: 'wa.go' } }, { id: 'm', type: 'message', data: { channel: 'whatsapp', body: 'Hi' } }], edges: [{ id: 'e', source: 'start', target: 'm' }] };
    expect((await h.api('POST', '/api/funnels', wa)).status).toBe(201);
    expect((await importCsv(['id,phone,consent.sms', 'nc-5,+79161112255,да'].join('\n'))).withoutConsent).toEqual({ whatsapp: 1 });
  });

  it('counts updated contacts apart from new ones', async () => {
    const body = await importCsv(['id,city', 'dup-1,Казань', 'upd-new,Омск'].join('\n'));
    expect(body).toEqual({ imported: 2, created: 1, failed: 0, errors: [] });
    expect((await h.api('GET', '/api/contacts/dup-1')).body.attributes).toEqual({ firstName: 'Первая', city: 'Казань' });
  });

  it('a quote that is never closed makes its lines unreadable; the rows before it go in, a stray quote inside a cell is text', async () => {
    const body = await importCsv(['id,firstName,email', 'q-1,Ира,ira@example.com', 'q-2,Ли "Ли",li@example.com', 'q-3,"Oops,o@example.com', 'q-4,Ян,yan@example.com'].join('\n'));
    expect(body).toMatchObject({ imported: 2, failed: 1 });
    expect(rows(body)).toEqual([[4, 'unreadable', '4–5']]);
    expect((await h.api('GET', '/api/contacts/q-2')).body.attributes.firstName).toBe('Ли "Ли"');
    expect((await h.api('GET', '/api/contacts/q-4')).status).toBe(404);
  });

  it('a life-cycle segment in the file is left out and said for its row; one the contact is in (an export read back) is not', async () => {
    const body = await importCsv(['id,firstName,segments', 'lc-1,Жанна,lifecycle:active-loyal;vip', 'lc-2,Лев,vip;lifecycle:lost;lifecycle:sleeping-loyl', 'lc-3,Ян,vip'].join('\n'));
    expect(body).toMatchObject({ imported: 3, created: 3, failed: 0, errors: [] });
    expect((await h.api('GET', '/api/contacts/lc-1')).body.segments).toEqual(['vip']);
    const note = (value: string) => `"${value}" is a life-cycle segment: worked out from the contact's paid orders, never set by hand — left out`;
    expect(body.warnings).toEqual([
      { row: 2, id: 'lc-1', field: 'segments', code: 'lifecycle-segment', value: 'lifecycle:active-loyal', message: note('lifecycle:active-loyal') },
      { row: 3, id: 'lc-2', field: 'segments', code: 'lifecycle-segment', value: 'lifecycle:lost', message: note('lifecycle:lost') },
      { row: 3, id: 'lc-2', field: 'segments', code: 'lifecycle-segment', value: 'lifecycle:sleeping-loyl', message: note('lifecycle:sleeping-loyl') },
    ]);
    // a buyer's export read back (its computed segments as they are) imports without a note
    expect((await h.api('POST', '/api/orders', { id: 'lc-o1', contactId: 'lc-3', amount: 500 })).status).toBe(201);
    const exported = (await h.raw('GET', '/api/contacts/export.csv?search=lc-3', undefined, {})).body as string;
    expect(exported).toContain('vip;lifecycle:active;lifecycle:single;lifecycle:active-single');
    const again = await importCsv(exported.replace(/^\uFEFF/, ''));
    expect(again).toMatchObject({ imported: 1, failed: 0 });
    expect(again.warnings).toBeUndefined();
  });

  it('a file without an id column is refused whole; an empty file imports nothing', async () => {
    const res = await h.raw('POST', '/api/contacts/import', 'name,email\nX,x@example.com', { 'content-type': 'text/csv' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/"id" column/);
    expect(await importCsv('')).toEqual({ imported: 0, created: 0, failed: 0, errors: [] });
  });
});
