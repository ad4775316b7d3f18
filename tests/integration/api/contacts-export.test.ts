import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, login, publishFunnel, startServer, type Harness } from './helpers.ts';

describe('GET /api/contacts/export.csv', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('writes the contacts in the import format, and the file imports back as it was', async () => {
    h = await startServer();
    const people = [
      { id: 'olga', attributes: { firstName: 'Ольга', email: 'olga@example.com', city: 'Москва, центр', note: 'says "hi"\nsecond line' }, consents: { email: true, sms: false }, tags: ['vip', 'webinar'], segments: ['buyers'] },
      { id: 'ivan', attributes: { firstName: 'Иван', phone: '+79001234567', timezone: 'Asia/Yekaterinburg', vip: true, trial: false, interests: ['sql', 'bi'] }, consents: { telegram: true }, tags: [], segments: [] },
    ];
    for (const p of people) expect((await h.api('POST', '/api/contacts', p)).status).toBe(200);

    const res = await h.s.app.request('/api/contacts/export.csv', { headers: { authorization: 'Bearer test-key' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('contacts.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM
    const text = bytes.toString('utf8');
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['id', 'city', 'email', 'firstName', 'interests', 'note', 'phone', 'timezone', 'trial', 'vip', 'consent.email', 'consent.sms', 'consent.telegram', 'tags', 'segments']);
    const olga = rows.find((r) => r.id === 'olga')!;
    expect(olga).toMatchObject({ city: 'Москва, центр', note: 'says "hi"\nsecond line', 'consent.email': 'yes', 'consent.sms': 'no', 'consent.telegram': '', tags: 'vip;webinar', segments: 'buyers' });

    // into another workspace: the same contacts come back
    const other = await startServer();
    try {
      const report = await other.raw('POST', '/api/contacts/import', text, { 'content-type': 'text/csv' });
      expect(report.body).toMatchObject({ imported: rows.length, created: people.length, failed: 0, errors: [] }); // the demo contacts too (they exist there: updated)
      expect(report.body.warnings).toBeUndefined();
      for (const p of people) {
        const back = (await other.api('GET', `/api/contacts/${p.id}`)).body;
        expect(back).toMatchObject({ id: p.id, attributes: p.attributes, consents: p.consents, tags: p.tags, segments: p.segments });
      }
    } finally {
      await other.close();
    }
  });

  it('types imported cells a rule compares: TRUE/false are booleans, JSON lists are lists, numbers are numbers; phones and codes with a leading zero stay as written', async () => {
    h = await startServer();
    const csv = 'id,vip,Trial,tags_json,zip,phone,note,tags\r\nk1,TRUE,false,"[""a"",""b""]",00123,79001234567,[draft] text,"vip, webinar; vip"\r\nk2,no,False,"{""x"":1}",42,,{broken,\r\n';
    const report = await h.raw('POST', '/api/contacts/import', csv, { 'content-type': 'text/csv' });
    // k1's phone has no consent to go with it: said for SMS, which the demo's funnels send on (not for WhatsApp, which none uses)
    expect(report.body).toEqual({ imported: 2, created: 2, failed: 0, errors: [], withoutConsent: { sms: 1 } });
    const k1 = (await h.api('GET', '/api/contacts/k1')).body.attributes;
    expect(k1).toEqual({ vip: true, Trial: false, tags_json: ['a', 'b'], zip: '00123', phone: '79001234567', note: '[draft] text' });
    // tags split at «;» as the export writes them, or at commas as the forms take them
    expect((await h.api('GET', '/api/contacts/k1')).body.tags).toEqual(['vip', 'webinar']);
    const k2 = (await h.api('GET', '/api/contacts/k2')).body.attributes;
    expect(k2).toEqual({ vip: 'no', Trial: false, tags_json: { x: 1 }, zip: 42, note: '{broken' });

    // a branch rule written against boolean true now matches the imported «TRUE»
    await publishFunnel(h, {
      format: 'voronka/funnel@1',
      id: 'vip',
      name: 'VIP',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'vip.start' } },
        { id: 'b', type: 'branch', data: { rules: [{ id: 'vip', when: { '==': [{ var: 'contact.vip' }, true] } }] } },
        { id: 'yes', type: 'exit', data: {} },
        { id: 'no', type: 'exit', data: {} },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'b' },
        { id: 'e2', source: 'b', exit: 'vip', target: 'yes' },
        { id: 'e3', source: 'b', exit: 'else', target: 'no' },
      ],
    } as never);
    const sent = await h.api('POST', '/api/events', { events: [{ id: 'v1', type: 'vip.start', contactId: 'k1' }, { id: 'v2', type: 'vip.start', contactId: 'k2' }] });
    expect(sent.status).toBe(202);
    const runs = (await h.api('GET', '/api/runs?funnelId=vip')).body as { contactId: string; currentNode: string | null; path: { node: string }[] }[];
    const endOf = (c: string) => runs.find((r) => r.contactId === c)!.path.map((p) => p.node).at(-1);
    expect(endOf('k1')).toBe('yes');
    expect(endOf('k2')).toBe('no');
  });

  it('exports only the contacts matching the search; QA may read it too, a manager may not; unknown parameters are refused', async () => {
    h = await startServer();
    const manager = await login(h, 'manager@voronka.local');
    expect((await h.s.app.request('/api/contacts/export.csv?search=vera', { headers: { cookie: manager } })).status).toBe(403);
    const cookie = await login(h, 'qa@voronka.local');
    const res = await h.s.app.request('/api/contacts/export.csv?search=vera', { headers: { cookie } });
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(['vera']);
    const bad = await h.api('GET', '/api/contacts/export.csv?format=xlsx');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('format');
  });

  it('with delimiter=; (as Russian Excel reads a CSV) the cells are separated by semicolons, and the file imports back the same', async () => {
    h = await startServer();
    await h.api('POST', '/api/contacts', { id: 'semi', attributes: { firstName: 'Пётр', note: 'a;b, c' }, consents: { sms: true }, tags: ['vip', 'csv'] });
    const res = await h.s.app.request('/api/contacts/export.csv?search=semi&delimiter=%3B', { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const [header, row] = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header.split(';')[0]).toBe('id');
    expect(row).toContain('"a;b, c"');
    expect(row).toContain('"vip;csv"');
    await h.api('DELETE', '/api/contacts/semi');
    expect((await h.raw('POST', '/api/contacts/import', text, { 'content-type': 'text/csv' })).body).toMatchObject({ imported: 1, failed: 0 });
    expect((await h.api('GET', '/api/contacts/semi')).body).toMatchObject({ attributes: { firstName: 'Пётр', note: 'a;b, c' }, consents: { sms: true }, tags: ['vip', 'csv'] });
    expect((await h.api('GET', '/api/contacts/export.csv?delimiter=tab')).status).toBe(400);
  });

  it('lists the attribute names contacts have, for template hints', async () => {
    h = await startServer();
    await h.api('POST', '/api/contacts', { id: 'kazan', attributes: { city: 'Казань', tariff: 'pro', firstName: 'Ильдар' } });
    const r = await h.api('GET', '/api/contacts/attributes');
    expect(r.status).toBe(200);
    expect(r.body.keys).toEqual([...r.body.keys].sort());
    for (const k of ['city', 'tariff', 'firstName', 'email']) expect(r.body.keys).toContain(k);
    expect(new Set(r.body.keys).size).toBe(r.body.keys.length);
    expect((await h.api('GET', '/api/contacts/attributes?limit=5')).status).toBe(400);
  });

  it('filters the list and the export by a tag', async () => {
    h = await startServer();
    await h.api('POST', '/api/contacts', { id: 't1', attributes: { firstName: 'Тимур' }, tags: ['vip', 'webinar'] });
    await h.api('POST', '/api/contacts', { id: 't2', attributes: { firstName: 'Таня' }, tags: ['webinar'] });
    await h.api('POST', '/api/contacts', { id: 't3', attributes: { firstName: 'Тоня' }, tags: ['vipp'] });
    const ids = async (q: string) => (await h!.api('GET', `/api/contacts?${q}`)).body.map((c: { id: string }) => c.id).sort();
    expect(await ids('tag=vip')).toEqual(['t1']);
    expect(await ids('tag=webinar')).toEqual(['t1', 't2']);
    expect(await ids('tag=webinar&search=Таня')).toEqual(['t2']);
    expect(await ids('tag=nobody')).toEqual([]);
    expect((await h.api('GET', '/api/contacts?tag=')).status).toBe(400);
    const res = await h.s.app.request('/api/contacts/export.csv?tag=vip', { headers: { authorization: 'Bearer test-key' } });
    const rows = parse(Buffer.from(await res.arrayBuffer()).toString('utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(['t1']);
  });

  it('search ignores case in any alphabet and finds a full name across attributes', async () => {
    h = await startServer();
    await h.api('POST', '/api/contacts', { id: 's1', attributes: { firstName: 'Иван', lastName: 'Петров', email: 'Ivan@Example.com' } });
    await h.api('POST', '/api/contacts', { id: 's2', attributes: { firstName: 'Ольга', lastName: 'Иванова' } });
    await h.api('POST', '/api/contacts', { id: 's3', attributes: { firstName: 'Пётр', city: 'Ёлкино' } });
    const ids = async (q: string) => (await h!.api('GET', `/api/contacts?search=${encodeURIComponent(q)}`)).body.map((c: { id: string }) => c.id).sort();
    expect(await ids('иван')).toEqual(['s1', 's2']);
    expect(await ids('ИВАН ПЕТРОВ')).toEqual(['s1']);
    expect(await ids('петров иван')).toEqual(['s1']);
    expect(await ids('ivan@example')).toEqual(['s1']);
    expect(await ids('ольга')).toEqual(['s2']);
    expect(await ids('ёлкино')).toEqual(['s3']);
    expect(await ids('S3')).toEqual(['s3']);
    expect(await ids('100%')).toEqual([]);
    // a phone number as Russians write it finds the contact however it is stored
    await h.api('POST', '/api/contacts', { id: 's4', attributes: { firstName: 'Оля', phone: '+79161234567' } });
    await h.api('POST', '/api/contacts', { id: 's5', attributes: { firstName: 'Гена', phone: '+7 (926) 555-12-34' } });
    for (const q of ['8 916 123-45-67', '+7 916 123 45 67', '79161234567', '916 123-45-67']) expect(await ids(q), q).toEqual(['s4']);
    for (const q of ['8 (926) 555-12-34', '89265551234', '555-12-34']) expect(await ids(q), q).toEqual(['s5']);
    expect(await ids('8 916 000-00-00')).toEqual([]);
    const res = await h.s.app.request(`/api/contacts/export.csv?search=${encodeURIComponent('ольга')}`, { headers: { authorization: 'Bearer test-key' } });
    const rows = parse(Buffer.from(await res.arrayBuffer()).toString('utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(['s2']);
  });
});
