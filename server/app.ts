import { Hono } from 'hono';
import type { AppContext } from './context.ts';
import { ApiKeyCache, authenticate, type Env } from './http/auth.ts';
import { MAX_BODY, MAX_CSV, tooLarge } from './http/body.ts';
import { onError } from './http/errors.ts';
import { openApiDocument } from './http/openapi.ts';
import { hasWebApp, webAppHandler } from './http/webApp.ts';
import { contactRoutes } from './routes/contacts.ts';
import { eventRoutes } from './routes/events.ts';
import { funnelRoutes } from './routes/funnels.ts';
import { loginRoutes, miscRoutes, trackingRoutes, unsubscribeRoutes } from './routes/misc.ts';
import { runRoutes } from './routes/runs.ts';
import { taskRoutes } from './routes/tasks.ts';

/** The HTTP app: the API under `/api`, unsubscribe links under `/u`, tracked links and the open pixel under `/c` and `/o`, the web app at `/`. */
export function createApp(ctx: AppContext, refreshChannels: () => Promise<void> = async () => {}) {
  const app = new Hono<Env>();
  app.onError(onError);
  // a declared length over the limit is refused before anything reads the body (chunked bodies
  // are counted as they are read, in `textBody`)
  app.use('/api/*', async (c, next) => {
    const max = c.req.path === '/api/contacts/import' ? MAX_CSV : MAX_BODY;
    if (Number(c.req.header('content-length') ?? 0) > max) throw tooLarge(max);
    await next();
  });
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.route('/api/auth', loginRoutes(ctx));
  app.route('/u', unsubscribeRoutes(ctx));
  app.route('/', trackingRoutes(ctx));

  const api = new Hono<Env>();
  const keyCache = new ApiKeyCache();
  api.use('*', authenticate(ctx.store, keyCache, () => ctx.clock.now()));
  api.route('/funnels', funnelRoutes(ctx));
  api.route('/events', eventRoutes(ctx));
  api.route('/runs', runRoutes(ctx));
  api.route('/tasks', taskRoutes(ctx));
  api.route('/', contactRoutes(ctx));
  api.route('/', miscRoutes(ctx, refreshChannels, keyCache));
  app.route('/api', api);
  app.all('/api/*', (c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));

  if (hasWebApp(ctx.webDir)) app.get('*', webAppHandler(ctx.webDir)); // the web app and its client-side routes
  return app;
}

export type App = ReturnType<typeof createApp>;
