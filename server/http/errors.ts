import type { Context } from 'hono';
import type { z } from 'zod';
import { RuntimeInputError } from '../runtime/Runtime.ts';

/** An error the client can fix: HTTP 4xx with a message that names the field. */
export class HttpError extends Error {
  constructor(readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429, message: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}

/** zod issues → `field: message` lines, naming unknown fields too. */
export function zodIssues(err: z.ZodError, prefix = ''): { field: string; message: string }[] {
  return err.issues.flatMap((i) => {
    const base = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ field: base ? `${base}.${k}` : k, message: 'is not a known field' }));
    return [{ field: base || '(body)', message: inWords(i, base === '') }];
  });
}

const KINDS: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', object: 'an object', record: 'an object', array: 'a list', null: 'null' };

/** zod's own wording («Invalid input: expected string, received undefined») in ours; messages written for a field stay. */
function inWords(i: z.core.$ZodIssue, isBody: boolean): string {
  if (i.code === 'invalid_type' && i.message.startsWith('Invalid input')) {
    const received = /received (\w+)/.exec(i.message)?.[1];
    if (received === 'undefined') return 'is required';
    const what = KINDS[i.expected] ?? i.expected;
    if (isBody) return `the body must be ${what}${received ? `, not ${KINDS[received] ?? received}` : ''}${i.expected === 'object' && received === 'array' ? ' (one item per request; batches say so: { "events": [...] })' : ''}`;
    return `must be ${what}${received ? `, not ${KINDS[received] ?? received}` : ''}`;
  }
  if (i.code === 'invalid_value' && i.message.startsWith('Invalid option')) return `must be one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return i.message;
}

export function badRequest(err: z.ZodError, prefix = ''): HttpError {
  const issues = zodIssues(err, prefix);
  return new HttpError(400, issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
}

/** The app's error handler: 4xx for what the client can fix, 500 (logged) for bugs. */
export function onError(err: Error, c: Context) {
  if (err instanceof HttpError) {
    if (typeof err.details?.retryAfter === 'number') c.header('Retry-After', String(err.details.retryAfter));
    return c.json({ error: err.message, ...err.details }, err.status);
  }
  if (err instanceof RuntimeInputError) return c.json({ error: err.message, ...(err.field ? { field: err.field } : {}) }, err.status);
  console.error(err);
  return c.json({ error: 'internal error' }, 500);
}
