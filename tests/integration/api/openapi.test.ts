import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, startServer, type Harness } from './helpers.ts';

/** The endpoints the API promises, as OpenAPI paths. */
const ENDPOINTS: [string, string][] = [
  ['post', '/api/auth/login'],
  ['get', '/api/funnels'],
  ['post', '/api/funnels'],
  ['get', '/api/funnels/{id}'],
  ['put', '/api/funnels/{id}'],
  ['delete', '/api/funnels/{id}'],
  ['post', '/api/funnels/{id}/publish'],
  ['post', '/api/funnels/{id}/pause'],
  ['post', '/api/funnels/{id}/resume'],
  ['get', '/api/funnels/{id}/versions'],
  ['get', '/api/funnels/{id}/stats'],
  ['put', '/api/funnels/{id}/scenarios'],
  ['post', '/api/contacts'],
  ['get', '/api/contacts/{id}'],
  ['post', '/api/contacts/import'],
  ['post', '/api/orders'],
  ['post', '/api/events'],
  ['get', '/api/runs'],
  ['get', '/api/runs/{id}'],
  ['post', '/api/runs/{id}/exit'],
  ['get', '/api/tasks'],
  ['post', '/api/tasks/{id}/complete'],
  ['get', '/api/outbox'],
  ['post', '/api/clock/advance'],
  ['post', '/api/users'],
  ['post', '/api/api-keys'],
];

/** Endpoints that read a JSON body. */
const JSON_BODIES: [string, string][] = [
  ['post', '/api/auth/login'],
  ['post', '/api/funnels'],
  ['put', '/api/funnels/{id}'],
  ['post', '/api/funnels/{id}/publish'],
  ['put', '/api/funnels/{id}/scenarios'],
  ['post', '/api/contacts'],
  ['post', '/api/orders'],
  ['post', '/api/events'],
  ['post', '/api/tasks/{id}/complete'],
  ['post', '/api/clock/advance'],
  ['post', '/api/users'],
  ['post', '/api/api-keys'],
];

describe('GET /api/openapi.json', () => {
  let h: Harness;
  let doc: any;
  beforeAll(async () => {
    h = await startServer();
    const res = await h.api('GET', '/api/openapi.json', undefined, anonymous);
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => {
    await h.close();
  });

  it('is an OpenAPI 3.1 document with bearer and cookie security schemes', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.cookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'voronka_session' });
  });

  it.each(ENDPOINTS)('documents %s %s', (method, path) => {
    const op = doc.paths[path]?.[method];
    expect(op, `${method} ${path}`).toBeDefined();
    expect(op.summary).toBeTruthy();
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect((op.parameters ?? []).map((p: any) => p.name)).toEqual(params);
  });

  it('documents every /api route the app serves', () => {
    const served = new Set(
      h.s.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !['/api/health', '/api/openapi.json'].includes(r.path))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m} ${path}`)));
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.has(r))).toEqual([]);
  });

  it.each(JSON_BODIES)('describes the JSON request body of %s %s', (method, path) => {
    const schema = doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema;
    expect(schema, `${method} ${path}`).toBeDefined();
  });

  it('describes the event body from the same schema the route parses with, and the CSV import as text/csv', () => {
    const events = doc.paths['/api/events'].post.requestBody.content['application/json'].schema;
    const single = events.anyOf.find((s: any) => s.properties?.type);
    expect(single.required).toEqual(expect.arrayContaining(['type', 'contactId']));
    expect(single.additionalProperties).toBe(false);
    expect(events.anyOf.find((s: any) => s.properties?.events)).toBeDefined();
    expect(doc.paths['/api/contacts/import'].post.requestBody.content['text/csv']).toBeDefined();
  });

  it('documents the status codes the endpoints really answer with', () => {
    const codes = (method: string, path: string) => Object.keys(doc.paths[path][method].responses);
    expect(codes('post', '/api/funnels')).toContain('201');
    expect(codes('post', '/api/funnels/{id}/publish')).toEqual(expect.arrayContaining(['201', '422']));
    expect(codes('post', '/api/events')).toContain('202');
  });
});
