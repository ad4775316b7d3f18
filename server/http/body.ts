import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError, badRequest } from './errors.ts';

/** Reads a JSON body and parses it with a zod schema, or throws a 400 naming the field. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) throw new HttpError(415, 'send the body as JSON with Content-Type: application/json');
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw badRequest(r.error);
  return r.data;
}

/** Parses query parameters with a zod schema, or throws a 400 naming the parameter. */
export function query<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw badRequest(r.error);
  return r.data;
}
