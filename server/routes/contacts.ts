import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { allow, type Env } from '../http/auth.ts';
import { MAX_CSV, jsonBody, query, textBody } from '../http/body.ts';
import { pageHeaders, paging, totalOf } from '../http/paging.ts';
import { HttpError } from '../http/errors.ts';
import { ContactInput, OrderInput } from '../services/contacts.ts';

/** `GET /api/contacts`'s query (the OpenAPI document lists its parameters from it). */
export const ContactsQuery = z.strictObject({
  search: z.string().max(200).optional(),
  tag: z.string().min(1).max(200).optional(),
  ...paging(50),
});

export const EventsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** `/api/contacts` and `/api/orders`. */
export function contactRoutes(ctx: AppContext) {
  const r = new Hono<Env>();
  const write = allow('marketer');
  r.get('/contacts', async (c) => {
    const q = query(c, ContactsQuery);
    const rows = await ctx.contacts.list(q.search, q.limit, q.offset, q.tag);
    pageHeaders(c, { ...q, total: await totalOf(rows, q, () => ctx.contacts.count(q.search, q.tag)) });
    return c.json(rows);
  });
  r.post('/contacts', write, async (c) => c.json(await ctx.contacts.upsertNoted(await jsonBody(c, ContactInput))));
  r.post('/contacts/import', write, async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!type.includes('text/csv') && !type.includes('text/plain')) throw new HttpError(415, 'send the CSV with Content-Type: text/csv');
    return c.json(await ctx.contacts.importCsv(await textBody(c, MAX_CSV)));
  });
  r.get('/contacts/attributes', async (c) => (query(c, z.strictObject({})), c.json({ keys: await ctx.contacts.attributeKeys() })));
  // the whole base at once and its money: not for a manager, who looks clients up one by one
  const wholeBase = allow('marketer', 'qa');
  r.get('/contacts/export.csv', wholeBase, async (c) => {
    // `delimiter=;` for a spreadsheet of a locale with a decimal comma (Russian Excel opens it in columns)
    const { search, tag, delimiter } = query(c, z.strictObject({ search: z.string().max(200).optional(), tag: z.string().min(1).max(200).optional(), delimiter: z.enum([',', ';'], { error: 'must be "," or ";"' }).optional() }));
    return c.body(await ctx.contacts.exportCsv(search, tag, delimiter), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="contacts.csv"' });
  });
  r.get('/metrics/customers', wholeBase, async (c) => (query(c, z.strictObject({})), c.json(await ctx.contacts.metrics())));
  r.get('/contacts/:id', async (c) => c.json(await ctx.contacts.get(c.req.param('id'))));
  r.delete('/contacts/:id', write, async (c) => {
    await ctx.contacts.remove(c.req.param('id'));
    return c.body(null, 204);
  });
  r.delete('/contacts/:id/suppressions/:channel', write, async (c) => {
    await ctx.contacts.unsuppress(c.req.param('id'), c.req.param('channel'));
    return c.body(null, 204);
  });
  r.get('/contacts/:id/events', async (c) => c.json(await ctx.contacts.events(c.req.param('id'), query(c, EventsQuery).limit)));
  r.post('/orders', write, async (c) => {
    const res = await ctx.contacts.addOrder(await jsonBody(c, OrderInput));
    return c.json(res, res.created ? 201 : 200);
  });
  return r;
}
