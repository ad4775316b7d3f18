import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import { createServer } from '../createServer.ts';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `voronka serve`: API + web app + scheduler + dispatcher in one process. */
export async function serveCommand(args: string[], workerOnly = false): Promise<number> {
  const clock = (flag(args, '--clock') ?? process.env.VORONKA_CLOCK ?? 'real') === 'manual' ? 'manual' : 'real';
  const port = Number(flag(args, '--port') ?? process.env.PORT ?? 8787);
  const dataDir = resolve(flag(args, '--data') ?? process.env.VORONKA_DATA_DIR ?? './data');
  const server = await createServer({ dataDir, clock, publicUrl: process.env.VORONKA_PUBLIC_URL ?? `http://localhost:${port}` });
  server.ctx.worker.start();
  const timer = setInterval(() => void server.refreshChannels().catch(() => {}), 60_000);
  timer.unref();
  let http: ReturnType<typeof serve> | null = null;
  if (!workerOnly) {
    http = serve({ fetch: server.app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' });
    console.log(`Voronka is running on http://localhost:${port} (data: ${dataDir}, clock: ${clock})`);
  } else console.log(`Voronka worker is running (data: ${dataDir}, clock: ${clock})`);

  await new Promise<void>((done) => {
    const stop = async (sig: string) => {
      console.log(`${sig}: finishing the step in progress and stopping…`);
      clearInterval(timer);
      http?.close();
      await server.close();
      done();
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
  return 0;
}
