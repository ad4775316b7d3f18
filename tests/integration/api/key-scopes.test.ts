import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUnchanged, startServer, type Harness } from './helpers.ts';

describe('API keys with a narrower scope than their owner', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
  });
  afterAll(async () => {
    await h.close();
  });
  const keyOf = async (name: string, scope?: string) => {
    const r = await h.api('POST', '/api/api-keys', scope === undefined ? { name } : { name, scope });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { authorization: `Bearer ${r.body.key as string}` };
  };

  it('an ingest key (a website, a CRM) sends events, contacts and orders in, and nothing else — even though an admin made it', async () => {
    const site = await keyOf('site', 'ingest');
    expect((await h.api('POST', '/api/contacts', { id: 'scope-1', attributes: { firstName: 'Ира' } }, site)).status).toBe(200);
    expect((await h.api('POST', '/api/events', { id: 'scope-ev-1', type: 'lead.created', contactId: 'scope-1' }, site)).status).toBe(202);
    expect((await h.api('POST', '/api/orders', { id: 'scope-o-1', contactId: 'scope-1', amount: 990 }, site)).status).toBe(201);
    const csv = await h.raw('POST', '/api/contacts/import', 'id,firstName\nscope-2,Оля\n', { ...site, 'content-type': 'text/csv' });
    expect(csv.status).toBe(200);
    await expectUnchanged(h, async () => {
      for (const [method, path, body] of [
        ['GET', '/api/funnels'],
        ['GET', '/api/contacts/scope-1'],
        ['PUT', '/api/funnels/classic', {}],
        ['POST', '/api/funnels/classic/pause'],
        ['POST', '/api/api-keys', { name: 'more' }],
        ['DELETE', '/api/contacts/scope-1'],
      ] as [string, string, unknown?][]) {
        const r = await h.api(method, path, body, site);
        expect(r.status, `${method} ${path}`).toBe(403);
        expect(r.body.error).toMatch(/^this API key may only send data in \(POST \/api\/events, .*\): its scope is "ingest"/);
      }
    });
  });

  it('a read key reads everything its owner may, and changes nothing', async () => {
    const report = await keyOf('report', 'read');
    expect((await h.api('GET', '/api/funnels', undefined, report)).status).toBe(200);
    expect((await h.api('GET', '/api/funnels/classic/stats', undefined, report)).status).toBe(200);
    await expectUnchanged(h, async () => {
      const r = await h.api('POST', '/api/events', { type: 'lead.created', contactId: 'scope-1' }, report);
      expect(r.status).toBe(403);
      expect(r.body.error).toMatch(/only read \(GET\)/);
      expect((await h.api('DELETE', '/api/contacts/scope-1', undefined, report)).status).toBe(403);
    });
  });

  it('a key without a scope is full (as before); the list says each key\'s scope; an unknown scope is refused naming the field', async () => {
    const full = await keyOf('full');
    expect((await h.api('GET', '/api/funnels', undefined, full)).status).toBe(200);
    expect((await h.api('POST', '/api/events', { type: 'lead.created', contactId: 'scope-1' }, full)).status).toBe(202);
    await keyOf('unused', 'read');
    const listed = (await h.api('GET', '/api/api-keys')).body as { name: string; scope: string; lastUsedAt: number | null }[];
    expect(Object.fromEntries(listed.filter((k) => ['site', 'report', 'full'].includes(k.name)).map((k) => [k.name, k.scope]))).toEqual({ site: 'ingest', report: 'read', full: 'full' });
    // when each was last used (a refused request still used the key), by the server's clock (here the
    // QA clock, as every other time the app shows); one never used says so
    const now = Date.parse((await h.api('GET', '/api/clock')).body.now);
    for (const k of listed.filter((x) => ['site', 'report', 'full'].includes(x.name))) expect(k.lastUsedAt, k.name).toBe(now);
    expect(listed.find((k) => k.name === 'unused')!.lastUsedAt).toBeNull();
    await expectUnchanged(h, async () => {
      const bad = await h.api('POST', '/api/api-keys', { name: 'x', scope: 'admin' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/^scope: must be one of full, ingest, read/);
    });
  });
});
