import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AppContext } from './context.ts';
import { authenticate, type Env } from './http/auth.ts';
import { HttpError, onError } from './http/errors.ts';
import { openApiDocument } from './http/openapi.ts';
import { contactRoutes } from './routes/contacts.ts';
import { eventRoutes } from './routes/events.ts';
import { funnelRoutes } from './routes/funnels.ts';
import { loginRoutes, miscRoutes, unsubscribeRoutes } from './routes/misc.ts';
import { runRoutes } from './routes/runs.ts';
import { taskRoutes } from './routes/tasks.ts';

/** Request bodies above this are refused with 413 (CSV imports get more room). */
const MAX_BODY = 1024 * 1024;
const MAX_CSV = 20 * 1024 * 1024;

/** The HTTP app: the API under `/api`, unsubscribe links under `/u`, the web app at `/`. */
export function createApp(ctx: AppContext, refreshChannels: () => Promise<void> = async () => {}) {
  const app = new Hono<Env>();
  app.onError(onError);
  app.use('/api/*', async (c, next) =>
    bodyLimit({ maxSize: c.req.path === '/api/contacts/import' ? MAX_CSV : MAX_BODY, onError: () => { throw new HttpError(413, 'the request body is too large'); } })(c, next),
  );
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.route('/api/auth', loginRoutes(ctx));
  app.route('/u', unsubscribeRoutes(ctx));

  const api = new Hono<Env>();
  api.use('*', authenticate(ctx.store));
  api.route('/funnels', funnelRoutes(ctx));
  api.route('/events', eventRoutes(ctx));
  api.route('/runs', runRoutes(ctx));
  api.route('/tasks', taskRoutes(ctx));
  api.route('/', contactRoutes(ctx));
  api.route('/', miscRoutes(ctx, refreshChannels));
  app.route('/api', api);
  app.all('/api/*', (c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));

  if (ctx.webDir && existsSync(join(ctx.webDir, 'index.html'))) {
    const root = relative(process.cwd(), ctx.webDir) || '.';
    const index = readFileSync(join(ctx.webDir, 'index.html'), 'utf8');
    app.use('/*', serveStatic({ root }));
    app.get('*', (c) => c.html(index)); // client-side routes
  }
  return app;
}

export type App = ReturnType<typeof createApp>;
