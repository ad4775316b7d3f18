import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { HttpError, badRequest } from './errors.ts';

/** Request bodies above this are refused with 413 (CSV imports get more room). */
export const MAX_BODY = 1024 * 1024;
export const MAX_CSV = 20 * 1024 * 1024;

export const tooLarge = (max: number) => new HttpError(413, `the request body is too large (at most ${Math.round(max / 1024)} KiB)`);

/**
 * Reads the request body as text, refusing more than `max` bytes with a 413 as soon as it passes
 * the limit (a declared Content-Length over it is refused earlier, for every API route, in
 * `app.ts`). Under the Node server it reads the socket's stream directly: building a web
 * `Request` body stream for every API call cost more than the rest of the request.
 */
export async function textBody(c: Context, max = MAX_BODY): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableEnded) {
    const buf = await c.req.arrayBuffer();
    if (buf.byteLength > max) throw tooLarge(max);
    return Buffer.from(buf).toString('utf8');
  }
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        incoming.removeAllListeners('data');
        incoming.resume(); // drain the rest; the 413 goes out once it is read
        reject(tooLarge(max));
        return;
      }
      chunks.push(chunk);
    });
    incoming.once('end', () => resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    incoming.once('error', reject);
  });
}

/** Reads a JSON body and parses it with a zod schema, or throws a 400 naming the field. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) throw new HttpError(415, 'send the body as JSON with Content-Type: application/json');
  return parsed(schema, await textBody(c));
}

/**
 * A JSON body that may be left out: none (or only blanks) reads as `{}`; one that is sent must be
 * JSON the schema takes, as for `jsonBody` (415, 400 naming the field) — never silently dropped.
 */
export async function optionalJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await textBody(c);
  if (text.trim() === '') return parsed(schema, '{}');
  if (!(c.req.header('content-type') ?? '').includes('application/json')) throw new HttpError(415, 'send the body as JSON with Content-Type: application/json');
  return parsed(schema, text);
}

function parsed<S extends z.ZodType>(schema: S, text: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
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
