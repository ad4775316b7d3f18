import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { allow, type Env } from '../http/auth.ts';
import { optionalJsonBody, query } from '../http/body.ts';
import { pageHeaders, paging, totalOf } from '../http/paging.ts';
import { HttpError } from '../http/errors.ts';
import type { RunRow } from '../store/types.ts';

/** `GET /api/runs`'s query (the OpenAPI document lists its parameters from it). */
export const RunsQuery = z.strictObject({
  contactId: z.string().optional(),
  funnelId: z.string().optional(),
  status: z.enum(['waiting', 'completed', 'exited']).optional(),
  ...paging(100),
});
/** Exiting a run takes no fields: a body that brings some (a `reason`) is refused, not silently dropped. */
export const ExitBody = z.strictObject({
  reason: z.string({ error: 'must be text: why the contact is taken out, in your words' }).trim().min(1, { error: 'must not be empty' }).max(500, { error: 'must be at most 500 characters' }).optional(),
});

const publicRun = ({ snapshot: _snapshot, ...r }: RunRow) => r;

/** `/api/runs`: each run's status, node and path; the journal of one; exiting one. */
export function runRoutes(ctx: AppContext) {
  const r = new Hono<Env>();
  r.get('/', async (c) => {
    const { limit, offset, ...filter } = query(c, RunsQuery);
    const runs = await ctx.store.read.listRuns({ ...filter, limit, offset });
    pageHeaders(c, { limit, offset, total: await totalOf(runs, { limit, offset }, () => ctx.store.read.countRuns(filter)) });
    const paths = await ctx.paths.paths(runs);
    return c.json(runs.map((run, i) => ({ ...publicRun(run), path: paths[i] })));
  });
  r.get('/:id', async (c) => {
    const run = await ctx.store.read.getRun(c.req.param('id'));
    if (!run) throw new HttpError(404, `no run "${c.req.param('id')}"`);
    const journal = await ctx.store.read.runJournal(run.id);
    return c.json({ ...publicRun(run), path: await ctx.paths.path(run, journal), journal: journal.map((j) => ({ ...j, at: new Date(j.at).toISOString() })) });
  });
  r.post('/:id/exit', allow('marketer', 'qa'), async (c) => {
    const body = await optionalJsonBody(c, ExitBody);
    return c.json(publicRun(await ctx.runtime.exitRun(c.req.param('id'), { by: c.var.user.name, ...(body?.reason ? { note: body.reason } : {}) })));
  });
  return r;
}
