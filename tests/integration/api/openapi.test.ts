import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactsQuery } from '../../../server/routes/contacts.ts';
import { OutboxQuery } from '../../../server/routes/misc.ts';
import { RunsQuery } from '../../../server/routes/runs.ts';
import { TasksQuery } from '../../../server/routes/tasks.ts';
import { anonymous, startServer, tinyFunnel, type Harness } from './helpers.ts';

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
    expect((op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name)).toEqual(params);
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

  it('lists the query parameters of the list endpoints from the schemas their routes parse with: filters, limit, offset', () => {
    const query = (path: string) => Object.fromEntries(doc.paths[path].get.parameters.filter((p: any) => p.in === 'query').map((p: any) => [p.name, p]));
    const runs = query('/api/runs');
    expect(Object.keys(runs)).toEqual(Object.keys(RunsQuery.shape));
    expect(Object.keys(runs)).toEqual(['contactId', 'funnelId', 'status', 'limit', 'offset']);
    expect(runs.offset).toMatchObject({ required: false, schema: { type: 'integer', minimum: 0, default: 0 } });
    expect(runs.limit).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } });
    expect(runs.status.schema.enum).toEqual(['waiting', 'completed', 'exited']);
    expect(Object.keys(query('/api/outbox'))).toEqual(Object.keys(OutboxQuery.shape));
    expect(Object.keys(query('/api/tasks'))).toEqual(Object.keys(TasksQuery.shape));
    expect(Object.keys(query('/api/contacts'))).toEqual(Object.keys(ContactsQuery.shape));
    for (const path of ['/api/outbox', '/api/tasks', '/api/contacts']) expect(Object.keys(query(path)), path).toEqual(expect.arrayContaining(['limit', 'offset']));
    expect(query('/api/funnels/{id}/experiments').goal.required).toBe(true);
  });

  it.each(['/api/runs', '/api/outbox', '/api/tasks', '/api/contacts'])('documents the paging headers of GET %s', (path) => {
    expect(Object.keys(doc.paths[path].get.responses['200'].headers)).toEqual(['X-Total-Count', 'Link']);
  });

  it('documents DELETE of a funnel as the 204 it answers, and the 409s that exist', async () => {
    const del = doc.paths['/api/funnels/{id}'].delete.responses;
    expect(Object.keys(del)).toContain('204');
    expect(Object.keys(del)).not.toContain('200');
    expect(del['409'].description).toMatch(/contacts/);
    expect(doc.paths['/api/funnels/{id}/pause'].post.responses['409'].description).toMatch(/not live/);
    expect(doc.paths['/api/runs/{id}/exit'].post.responses['409'].description).toMatch(/already ended/);
    // what the server really answers
    expect((await h.api('POST', '/api/funnels', tinyFunnel('doc-delete'))).status).toBe(201);
    expect((await h.api('DELETE', '/api/funnels/doc-delete')).status).toBe(204);
  });

  it('documents 413 for every endpoint that takes a body', () => {
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops as Record<string, any>).filter(([m]) => ['post', 'put', 'patch'].includes(m)).map(([m, op]) => [`${m} ${path}`, op] as const));
    expect(writes.length).toBeGreaterThan(20);
    for (const [name, op] of writes) expect(Object.keys(op.responses), name).toContain('413');
    expect(doc.paths['/api/contacts/import'].post.responses['413'].description).toMatch(/20 MiB/);
    expect(doc.paths['/api/events'].post.responses['413'].description).toMatch(/1 MiB/);
  });
});
