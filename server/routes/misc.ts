import type { IncomingMessage } from 'node:http';
import { CAN_CHECK } from '../channels/registry.ts';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { toIsoDuration } from '../../shared/format/durationWords.ts';
import { API_KEY_SCOPES, ROLES } from '../../shared/api/types.ts';
import { ChannelSettings } from '../channels/config.ts';
import { WorkspaceSettings } from '../services/workspace.ts';
import { LifecycleRules } from '../../shared/format/lifecycle.ts';
import { addIsoDuration, isDuration, parseDuration } from '../../shared/format/duration.ts';
import type { AppContext } from '../context.ts';
import { SESSION_COOKIE, allow, type ApiKeyCache, type Env } from '../http/auth.ts';
import { jsonBody, query } from '../http/body.ts';
import { pageHeaders, paging, totalOf } from '../http/paging.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { askPage, donePage, testSendPage, unsubscribeLang } from '../http/unsubscribePage.ts';

const LoginBody = z.strictObject({ email: z.string().min(1), password: z.string().min(1) });
/** How far to move the QA clock: ISO 8601 (`P1D`) or the words the simulator takes («1 day 12 hours», «3 дня»). */
const AdvanceBody = z.strictObject({
  by: z
    .string({ error: 'must be a duration such as P1D, PT2H or "1 day 12 hours"' })
    .superRefine((text, ctx) => {
      const iso = toIsoDuration(text);
      if (!isDuration(iso) || parseDuration(iso)!.sign !== 1) ctx.addIssue({ code: 'custom', message: `"${text}" is not a length of time: write it like 1 day 12 hours, 3 дня, P1D or PT2H` });
    })
    .transform(toIsoDuration),
});
/** A provider's report that a sent message did not arrive: `hard` (the default) — the address does not exist, and is suppressed. */
const BounceBody = z.strictObject({
  hard: z.boolean({ error: 'must be true (the address does not exist: nothing more is sent to it) or false (a temporary failure)' }).default(true),
  reason: z.string({ error: 'must be text: what the provider said' }).max(1000, { error: 'at most 1000 characters' }).optional(),
});
const LifecyclePreviewBody = z.strictObject({ lifecycle: LifecycleRules });
const PreferencesBody = z
  .strictObject({
    lang: z.enum(['ru', 'en'], { error: 'must be "ru" or "en"' }).optional(),
    times: z.enum(['workspace', 'mine'], { error: 'must be "workspace" or "mine"' }).optional(),
  })
  .refine((p) => p.lang !== undefined || p.times !== undefined, { error: 'name at least one of "lang", "times"' });
/** `GET /api/outbox`'s query (the OpenAPI document lists its parameters from it). */
export const OutboxQuery = z.strictObject({
  status: z.enum(['pending', 'sent', 'dev', 'failed', 'cancelled', 'withheld', 'bounced']).optional(),
  contactId: z.string().optional(),
  funnelId: z.string().optional(),
  ...paging(100),
});
export const UserBody = z.strictObject({
  email: z.email(),
  name: z.string().min(1),
  role: z.enum(ROLES),
  teams: z.array(z.string()).optional(),
  password: z.string().min(8, { error: 'must be at least 8 characters' }),
});
export const UserPatch = z.strictObject({
  name: z.string().min(1).optional(),
  role: z.enum(ROLES).optional(),
  teams: z.array(z.string()).optional(),
  password: z.string().min(8, { error: 'must be at least 8 characters' }).optional(),
});
export const KeyBody = z.strictObject({
  name: z.string().min(1).max(100),
  scope: z.enum(API_KEY_SCOPES, { error: `must be one of ${API_KEY_SCOPES.join(', ')}` }).default('full'),
});

/** Login and session (no auth needed for login itself). */
export function loginRoutes(ctx: AppContext) {
  const r = new Hono();
  r.post('/login', async (c) => {
    const body = await jsonBody(c, LoginBody);
    const s = await ctx.auth.login(body.email, body.password, (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress);
    setCookie(c, SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: s.maxAge, secure: new URL(c.req.url).protocol === 'https:' });
    // with the user's own choices, as /auth/me has them: the language is theirs from the first page
    return c.json({ ...s.user, ...(await ctx.auth.preferences(s.user.id)) });
  });
  // who is signed in, without a 401 before anyone is: the web app asks this when it opens
  r.get('/session', async (c) => c.json({ user: await ctx.auth.sessionUser(getCookie(c, SESSION_COOKIE)) }));
  r.post('/logout', async (c) => {
    await ctx.auth.logout(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  return r;
}

/** The signed-in user, users and API keys, the outbox, the QA clock. */
export function miscRoutes(ctx: AppContext, refreshChannels: () => Promise<void>, keyCache?: ApiKeyCache) {
  const r = new Hono<Env>();
  /** Workspace channel settings (environment variables override them per channel). Secrets are masked. */
  const savedChannels = async () => ((await ctx.store.read.getSetting('channels')) ?? {}) as Record<string, Record<string, unknown>>;
  const mask = (v: unknown, k: string) => {
    if (typeof v !== 'string') return v;
    // an SMTP URL shows where it goes (scheme, user, host, port), not its password
    if (k === 'smtpUrl') return v.replace(/^([a-z]+:\/\/[^:@/]*):[^@/]*@/i, '$1:•••@');
    // a secret: only its last four characters, to tell which one is set (none of a short one)
    return /token|secret/.test(k) ? `•••${v.length >= 12 ? v.slice(-4) : ''}` : v;
  };
  /** The workspace's own settings (everyone reads them; admins change them): the currency of money with none said, the zone, the life-cycle lines. */
  r.get('/settings/workspace', async (c) => c.json(await ctx.workspace.read()));
  /** What new life-cycle lines would do (buyers moved, funnels they would start), before an admin saves them. */
  r.post('/settings/workspace/lifecycle-preview', allow('admin'), async (c) => c.json(await ctx.workspace.previewLifecycle((await jsonBody(c, LifecyclePreviewBody)).lifecycle)));
  r.put('/settings/workspace', allow('admin'), async (c) => {
    const saved = await ctx.workspace.save(await jsonBody(c, WorkspaceSettings));
    await refreshChannels(); // the zone says where a phone without its country code is
    return c.json(saved);
  });
  /** For everyone who edits messages: which channels send for real, and which of them the settings can check (secrets are not part of it). */
  r.get('/channels', (c) => c.json({ configured: ctx.configuredChannels(), checkable: ctx.configuredChannels().filter((ch) => CAN_CHECK.includes(ch)), canCheck: CAN_CHECK }));
  r.get('/settings/channels', allow('admin'), async (c) => {
    const saved = await savedChannels();
    return c.json(Object.fromEntries(Object.entries(saved).map(([ch, cfg]) => [ch, Object.fromEntries(Object.entries(cfg).map(([k, v]) => [k, mask(v, k)]))])));
  });
  // a secret sent back exactly as GET showed it (masked) keeps its stored value, so a form can
  // round-trip the settings without knowing the secrets
  const unmasked = async (raw: Record<string, unknown>) => {
    const saved = await savedChannels();
    return Object.fromEntries(
      Object.entries(raw).map(([ch, cfg]) => [
        ch,
        cfg && typeof cfg === 'object' && !Array.isArray(cfg)
          ? Object.fromEntries(Object.entries(cfg).map(([k, v]) => [k, saved[ch]?.[k] !== undefined && v !== saved[ch][k] && v === mask(saved[ch][k], k) ? saved[ch][k] : v]))
          : cfg,
      ]),
    );
  };
  r.put('/settings/channels', allow('admin'), async (c) => {
    const restored = await unmasked(await jsonBody(c, z.record(z.string(), z.unknown())));
    const parsed = ChannelSettings.strict().safeParse(restored);
    if (!parsed.success) throw badRequest(parsed.error);
    const cfg = parsed.data;
    await ctx.store.transaction((tx) => tx.setSetting('channels', cfg));
    await refreshChannels();
    return c.json({ saved: Object.keys(cfg) });
  });
  /**
   * Checks a channel's connection without sending a message (the SMTP login, the Telegram bot's
   * token): the settings in use, or — with a body, the channel's fields as the settings form has
   * them — settings not saved yet, so a wrong server is found before messages go to it.
   */
  r.post('/settings/channels/:channel/check', allow('admin'), async (c) => {
    const name = c.req.param('channel');
    const body = c.req.header('content-type')?.includes('json') ? await jsonBody(c, z.record(z.string(), z.unknown())) : null;
    if (body && Object.keys(body).length) {
      const parsed = ChannelSettings.strict().safeParse(await unmasked({ [name]: body }));
      if (!parsed.success) throw badRequest(parsed.error);
      const r = await ctx.checkChannel(name, parsed.data);
      if (!r) throw new HttpError(422, `channel: "${name}" cannot be checked without sending a message; send a test from a message's inspector instead`);
      return c.json(r);
    }
    if (!ctx.configuredChannels().includes(name) || name === 'webhook')
      throw new HttpError(404, `channel: "${name}" is not set up (set it up and save first; set up now: ${ctx.configuredChannels().filter((x) => x !== 'webhook').join(', ') || 'none'})`);
    const r = await ctx.checkChannel(name);
    if (!r) throw new HttpError(422, `channel: "${name}" cannot be checked without sending a message; send a test from a message's inspector instead`);
    return c.json(r);
  });
  r.get('/auth/me', async (c) => {
    const { passwordHash, ...u } = c.var.user;
    void passwordHash;
    return c.json({ ...u, ...(await ctx.auth.preferences(u.id)) });
  });
  // the user's own choices (the UI's language): any signed-in user, for themselves
  r.put('/auth/me/preferences', async (c) => c.json(await ctx.auth.setPreferences(c.var.user.id, await jsonBody(c, PreferencesBody))));
  r.get('/users', allow('admin'), async (c) => c.json(await ctx.auth.users()));
  r.get('/assignees', allow('marketer', 'qa'), async (c) => c.json(await ctx.auth.assignees()));
  r.post('/users', allow('admin'), async (c) => c.json(await ctx.auth.createUser(await jsonBody(c, UserBody)), 201));
  r.patch('/users/:id', allow('admin'), async (c) => c.json(await ctx.auth.updateUser(c.req.param('id'), await jsonBody(c, UserPatch))));
  r.delete('/users/:id', allow('admin'), async (c) => {
    await ctx.auth.deleteUser(c.req.param('id'), c.var.user.id);
    return c.body(null, 204);
  });
  r.post('/api-keys', allow('admin'), async (c) => {
    const { name, scope } = await jsonBody(c, KeyBody);
    return c.json({ key: await ctx.auth.createApiKey(c.var.user.id, name, undefined, scope), scope }, 201);
  });
  r.get('/api-keys', allow('admin'), async (c) => c.json(await ctx.auth.apiKeys()));
  r.delete('/api-keys/:id', allow('admin'), async (c) => {
    await ctx.auth.revokeApiKey(c.req.param('id'));
    keyCache?.forget(c.req.param('id'));
    return c.body(null, 204);
  });
  r.get('/outbox', async (c) => {
    const { limit, offset, ...filter } = query(c, OutboxQuery);
    const rows = await ctx.store.read.listOutbox({ ...filter, limit, offset });
    pageHeaders(c, { limit, offset, total: await totalOf(rows, { limit, offset }, () => ctx.store.read.countOutbox(filter)) });
    return c.json(rows);
  });
  r.post('/outbox/:id/retry', allow('marketer'), async (c) => c.json(await ctx.worker.resend(c.req.param('id'))));
  r.post('/outbox/:id/bounce', allow('marketer'), async (c) => c.json(await ctx.tracking.bounce(c.req.param('id'), await jsonBody(c, BounceBody))));
  r.get('/clock', (c) => c.json({ now: new Date(ctx.clock.now()).toISOString(), manual: ctx.clock.manual }));
  r.post('/clock/advance', allow('qa', 'marketer'), async (c) => {
    if (!ctx.clock.manual) throw new HttpError(409, 'the clock is real: start the server with VORONKA_CLOCK=manual (or --clock manual) to move it');
    const { by } = await jsonBody(c, AdvanceBody);
    const target = addIsoDuration(ctx.clock.now(), by, 'UTC');
    const { fired } = await ctx.worker.advanceTo(target);
    return c.json({ now: new Date(ctx.clock.now()).toISOString(), fired });
  });
  return r;
}

/**
 * `/u/:token`: the unsubscribe link in every email. GET asks (a button that posts the form);
 * POST records the opt-out — one-click from a mail app (List-Unsubscribe-Post, 204) or the form.
 */
export function unsubscribeRoutes(ctx: AppContext) {
  const r = new Hono();
  const optOut = async (token: string) => {
    const t = ctx.unsubscribe.verify(token);
    if (!t) throw new HttpError(404, 'this unsubscribe link is not valid');
    if (t.contactId === '') return null; // the link of a test send: nothing to record
    const c = await ctx.store.read.getContact(t.contactId);
    if (!c) throw new HttpError(404, 'this unsubscribe link is not valid');
    await ctx.contacts.upsert({ id: c.id, consents: { [t.channel]: false } });
    await ctx.runtime.ingest([{ id: `unsubscribed:${c.id}:${t.channel}:${ctx.clock.now()}`, type: 'unsubscribed', contactId: c.id, data: { channel: t.channel } }]);
    return t;
  };
  // in the language of the funnel that sent the email (`?lang=`, set by the email channel), both for a link that names none;
  // naming who the mail came from (the channel's sender now), so the reader knows what they leave
  const lang = (c: Context) => unsubscribeLang(c.req.query('lang'));
  // opening the link asks (a mail scanner or a link preview that fetches it unsubscribes nobody);
  // the button posts the form; mail apps' one-click (List-Unsubscribe-Post) posts without asking
  r.get('/:token', async (c) => {
    const t = ctx.unsubscribe.verify(c.req.param('token'));
    if (!t) throw new HttpError(404, 'this unsubscribe link is not valid');
    if (t.contactId === '') return c.html(testSendPage());
    return c.html(askPage(lang(c), ctx.senderName(t.channel)));
  });
  r.post('/:token', async (c) => {
    const confirmed = /(^|&)confirm=1(&|$)/.test(await c.req.text());
    const done = await optOut(c.req.param('token'));
    if (!confirmed) return c.body(null, 204);
    if (!done) return c.html(testSendPage());
    return c.html(donePage(lang(c), ctx.senderName(done.channel)));
  });
  return r;
}

/** A transparent 1×1 GIF: the open pixel's answer. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** `/c/:token` (a tracked link: records the click, redirects) and `/o/:token` (the open pixel). */
export function trackingRoutes(ctx: AppContext) {
  const r = new Hono();
  r.get('/c/:token', async (c) => {
    const url = await ctx.tracking.click(c.req.param('token'));
    if (!url) throw new HttpError(404, 'this link is not valid');
    return c.redirect(url, 302);
  });
  r.get('/o/:token', async (c) => {
    await ctx.tracking.open(c.req.param('token'));
    return c.body(new Uint8Array(PIXEL), 200, { 'content-type': 'image/gif', 'cache-control': 'no-store, max-age=0' });
  });
  return r;
}
