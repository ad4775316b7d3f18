import { Hono } from 'hono';
import { z } from 'zod';
import { Funnel } from '../../shared/format/funnel.ts';
import type { AppContext } from '../context.ts';
import { allow, type Env } from '../http/auth.ts';
import { jsonBody, query } from '../http/body.ts';
import { funnelExperiments, funnelStats, funnelTrend } from '../services/stats.ts';

const PublishBody = z.strictObject({
  note: z.string().max(2000).optional(),
  lang: z.enum(['en', 'ru'], { error: 'must be "en" or "ru": the language of the reasons when publishing is refused' }).optional(),
  enrolMembers: z.boolean({ error: 'must be true or false: whether the contacts already in the segments the funnel starts on are let in now' }).optional(),
});
const TestSendBody = z.strictObject({
  contactId: z.string({ error: 'must be text: the id of the contact whose data fills the message' }).min(1).max(200).optional(),
  to: z.string({ error: 'must be text: the address to send the test to' }).min(1).max(320).optional(),
  eventData: z.record(z.string(), z.unknown(), { error: 'must be an object: the start event\'s data the message\'s {{event.data.…}} read' }).optional(),
});
export const TrendQuery = z.strictObject({ days: z.coerce.number({ error: 'must be a number of days' }).int({ error: 'must be a whole number of days' }).min(1, { error: 'must be at least 1' }).max(366, { error: 'must be at most 366' }).default(30) });
export const ExperimentsQuery = z.strictObject({ goal: z.string({ error: 'is required: the id of the node whose entering counts as the conversion' }).min(1, { error: 'is required: the id of the node whose entering counts as the conversion' }) });
const ScenariosBody = z.strictObject({ scenarios: z.array(z.record(z.string(), z.unknown())).max(200) });

/** `/api/funnels`: drafts, publishing with versions, pause/resume, stats. */
export function funnelRoutes(ctx: AppContext) {
  const r = new Hono<Env>();
  const edit = allow('marketer');
  r.get('/', async (c) => c.json(await ctx.funnels.list()));
  r.post('/', edit, async (c) => c.json(await ctx.funnels.create(await jsonBody(c, Funnel)), 201));
  r.get('/:id', async (c) => c.json(await ctx.funnels.get(c.req.param('id'))));
  r.put('/:id', edit, async (c) => c.json(await ctx.funnels.saveDraft(c.req.param('id'), await jsonBody(c, Funnel))));
  r.delete('/:id', edit, async (c) => {
    await ctx.funnels.remove(c.req.param('id'));
    return c.body(null, 204);
  });
  r.post('/:id/publish', edit, async (c) => {
    const body = c.req.header('content-length') === '0' || !c.req.header('content-type') ? {} : await jsonBody(c, PublishBody);
    return c.json(await ctx.funnels.publish(c.req.param('id'), body.note, c.var.user.id, body.lang, { enrolMembers: body.enrolMembers }), 201);
  });
  r.get('/:id/audience', async (c) => c.json(await ctx.funnels.audience(c.req.param('id'))));
  r.post('/:id/pause', edit, async (c) => c.json(await ctx.funnels.pause(c.req.param('id'))));
  r.post('/:id/resume', edit, async (c) => c.json(await ctx.funnels.resume(c.req.param('id'))));
  r.get('/:id/versions', async (c) => c.json(await ctx.funnels.versions(c.req.param('id'))));
  r.get('/:id/stats', async (c) => c.json(await funnelStats(ctx.store, c.req.param('id'), ctx.clock.now())));
  r.get('/:id/experiments', async (c) => c.json(await funnelExperiments(ctx.store, c.req.param('id'), query(c, ExperimentsQuery).goal)));
  r.get('/:id/trend', async (c) => c.json(await funnelTrend(ctx.store, c.req.param('id'), query(c, TrendQuery).days, ctx.clock.now())));
  /** A node's message from the saved draft, sent at once to a tester (or to the dev outbox). */
  r.post('/:id/nodes/:node/test-send', allow('marketer', 'qa'), async (c) => {
    const body = await jsonBody(c, TestSendBody);
    return c.json(await ctx.testSends.send(c.req.param('id'), c.req.param('node'), body, c.var.user));
  });
  /** QA saves scenarios with the funnel; publishing re-runs them. */
  r.put('/:id/scenarios', allow('marketer', 'qa'), async (c) => {
    const id = c.req.param('id');
    const f = await ctx.funnels.get(id);
    const { scenarios } = await jsonBody(c, ScenariosBody);
    return c.json(await ctx.funnels.saveDraft(id, f.draft as Funnel, scenarios));
  });
  return r;
}
