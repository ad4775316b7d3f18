import type { Context } from 'hono';
import { z } from 'zod';

/**
 * The `limit` and `offset` of a list endpoint's query: a page of at most `limit` items (1–500,
 * `def` by default) after the first `offset`.
 */
export const paging = (def: number) => ({
  limit: z.coerce.number().int().min(1).max(500).default(def).describe(`At most this many items (1–500, default ${def})`),
  offset: z.coerce
    .number({ error: 'must be a whole number, 0 or more: how many items to skip' })
    .int({ error: 'must be a whole number, 0 or more: how many items to skip' })
    .min(0, { error: 'must be a whole number, 0 or more: how many items to skip' })
    .default(0)
    .describe('Skip this many items (0 by default; the `Link` header of a page names the next one)'),
});

/** The headers every paged list answers with (the body stays the JSON array of the page). */
export const PAGE_HEADERS = {
  'X-Total-Count': { description: 'How many items match the filters, on every page', schema: { type: 'integer', minimum: 0 } },
  Link: { description: 'When more items follow: `<the same path and query with the next offset>; rel="next"`', schema: { type: 'string' } },
};

/**
 * How many items match, to say in `X-Total-Count`: known from the page itself when it is not full
 * (and not past the end), counted by the store otherwise.
 */
export async function totalOf(page: unknown[], q: { limit: number; offset: number }, count: () => Promise<number>): Promise<number> {
  return page.length < q.limit && (page.length > 0 || q.offset === 0) ? q.offset + page.length : count();
}

/**
 * Sets `X-Total-Count` and, when more items follow this page, `Link: <…&offset=N>; rel="next"`.
 */
export function pageHeaders(c: Context, p: { limit: number; offset: number; total: number }): void {
  c.header('X-Total-Count', String(p.total));
  nextLink(c, p, p.offset + p.limit < p.total);
}

/**
 * When `more` items follow this page, sets `Link: <…&offset=N>; rel="next"`: the request's own path
 * and query with the next offset (relative, so it holds behind a proxy that ends TLS).
 */
function nextLink(c: Context, p: { limit: number; offset: number }, more: boolean): void {
  if (!more) return;
  const url = new URL(c.req.url);
  url.searchParams.set('offset', String(p.offset + p.limit));
  c.header('Link', `<${url.pathname}${url.search}>; rel="next"`);
}
