import { createHmac, timingSafeEqual } from 'node:crypto';
import { join, resolve } from 'node:path';
import { hasWebApp } from './http/webApp.ts';
import { createApp } from './app.ts';
import { channelConfigFromEnv, mergeChannelConfig, senderName, ChannelConfig } from './channels/config.ts';
import { buildChannels, closeChannels } from './channels/registry.ts';
import { homeCountry } from './channels/phone.ts';
import type { ChannelAdapter } from './channels/types.ts';
import { checkFailure, type AppContext } from './context.ts';
import { ManualClock, QA_CLOCK_SETTING, systemClock, type Clock } from './runtime/clock.ts';
import { DEFAULT_LEASE_MS, Dispatcher } from './runtime/Dispatcher.ts';
import { Runtime } from './runtime/Runtime.ts';
import { Worker } from './runtime/Worker.ts';
import { seedDemoWorkspace } from './seed.ts';
import { TestSendService } from './services/testSend.ts';
import { TrackingService } from './services/tracking.ts';
import { AuthService } from './services/auth.ts';
import { ContactService } from './services/contacts.ts';
import { WorkspaceService } from './services/workspace.ts';
import { RunPathService } from './services/runPaths.ts';
import { FunnelService } from './services/funnels.ts';
import { randomSecret } from './services/passwords.ts';
import { SqliteStore, type SqliteOptions } from './store/sqlite/SqliteStore.ts';
import type { Store } from './store/types.ts';

export interface ServerOptions {
  dataDir: string;
  clock?: 'real' | 'manual';
  /** Start time of a manual clock (default: now). */
  clockStart?: number;
  env?: NodeJS.ProcessEnv;
  /** Public base URL for links in messages (unsubscribe); default http://localhost:PORT. */
  publicUrl?: string;
  webDir?: string | null;
  examplesDir?: string;
  seed?: boolean;
  sqlite?: SqliteOptions;
  log?: (s: string) => void;
  /** Dispatcher tuning (tests). */
  backoff?: (attempt: number) => number;
}

const ROOT = resolve(import.meta.dirname, '..');

/** Builds the whole server on one data folder: store, runtime, worker, services and the HTTP app. */
export async function createServer(opts: ServerOptions) {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((s: string) => console.log(s));
  const store: Store = new SqliteStore(join(opts.dataDir, 'voronka.db'), opts.sqlite);
  // a manual clock goes on from where QA left it (runs, tasks and timers were stored against it), else starts now
  const stopped = opts.clock === 'manual' ? await store.read.getSetting<{ now: number }>(QA_CLOCK_SETTING) : null;
  const clock: Clock = opts.clock === 'manual' ? new ManualClock(stopped?.now ?? opts.clockStart ?? Date.now()) : systemClock;
  const runtime = new Runtime(store, clock);

  let secret = await store.read.getSetting<string>('secret');
  if (!secret) {
    secret = randomSecret(32);
    await store.transaction((tx) => tx.setSetting('secret', secret));
  }
  const publicUrl = (opts.publicUrl ?? env.VORONKA_PUBLIC_URL ?? `http://localhost:${env.PORT ?? 8787}`).replace(/\/$/, '');
  const sign = (s: string) => createHmac('sha256', secret!).update(s).digest('base64url').slice(0, 22);
  /** A signed token carrying `text` (for links in messages), and the text back from a token that is genuine. */
  const seal = (text: string) => {
    const payload = Buffer.from(text).toString('base64url');
    return `${payload}.${sign(payload)}`;
  };
  const open = (token: string): string | null => {
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return null;
    const want = Buffer.from(sign(payload));
    const got = Buffer.from(mac);
    return want.length === got.length && timingSafeEqual(want, got) ? Buffer.from(payload, 'base64url').toString('utf8') : null;
  };
  const unsubscribe = {
    url: (contactId: string, channel: string) => `${publicUrl}/u/${seal(JSON.stringify([contactId, channel]))}`,
    verify: (token: string) => {
      const text = open(token);
      try {
        const [contactId, channel] = text === null ? [] : JSON.parse(text);
        return typeof contactId === 'string' && typeof channel === 'string' ? { contactId, channel } : null;
      } catch {
        return null;
      }
    },
  };

  // tracked links and the open pixel: `/c/<token>` and `/o/<token>`, the token naming the message
  // and the link's position in it (signed, so neither can be forged); VORONKA_TRACKING=off disables
  const tracking = {
    enabled: (env.VORONKA_TRACKING ?? 'on') !== 'off',
    link: (messageId: string, index: number) => `${publicUrl}/c/${seal(`${index}.${messageId}`)}`,
    pixel: (messageId: string) => `${publicUrl}/o/${seal(`-1.${messageId}`)}`,
    verify: (token: string): { messageId: string; index: number } | null => {
      const text = open(token);
      const dot = text?.indexOf('.') ?? -1;
      const index = Number(text?.slice(0, dot));
      return text !== null && dot > 0 && Number.isInteger(index) ? { messageId: text.slice(dot + 1), index } : null;
    },
  };

  // channels: workspace settings, overridden per channel by the environment; re-read each minute
  let channels = new Map<string, ChannelAdapter>();
  let channelKey = '';
  let channelCfg: ChannelConfig = {};
  const refreshChannels = async () => {
    const saved = ChannelConfig.safeParse((await store.read.getSetting('channels')) ?? {});
    const cfg = mergeChannelConfig(saved.success ? saved.data : {}, channelConfigFromEnv(env));
    // a phone written without its country code is read in the workspace's country (by its time zone)
    const country = homeCountry((await store.read.getSetting<{ timezone?: string | null }>('workspace'))?.timezone);
    channelCfg = cfg;
    const key = JSON.stringify({ cfg, country });
    if (key === channelKey) return;
    const old = channels;
    channels = buildChannels(cfg, country);
    channelKey = key;
    await closeChannels(old);
  };
  await refreshChannels();
  const leaseMs = Number(env.VORONKA_OUTBOX_LEASE_MS ?? DEFAULT_LEASE_MS);
  const dispatcher = new Dispatcher(store, clock, { channels: () => channels, unsubscribeUrl: unsubscribe.url, tracking: tracking.enabled ? tracking : null, backoff: opts.backoff, leaseMs });
  const worker = new Worker(store, clock, runtime, dispatcher);

  const ctx: AppContext = {
    store,
    clock,
    runtime,
    worker,
    funnels: new FunnelService(store, runtime),
    contacts: new ContactService(store, runtime),
    workspace: new WorkspaceService(store, runtime),
    auth: new AuthService(store, () => clock.now(), env.VORONKA_API_KEY || undefined),
    paths: new RunPathService(store, runtime.funnels),
    unsubscribe,
    tracking: new TrackingService(store, runtime, tracking.verify),
    testSends: new TestSendService(store, clock, dispatcher, unsubscribe.url),
    configuredChannels: () => [...channels.keys()].sort(),
    senderName: (channel) => senderName(channelCfg, channel),
    async checkChannel(name, cfg) {
      // settings typed but not saved: their own adapter, closed after the check (nothing in use changes)
      const trial = cfg ? buildChannels(cfg) : null;
      if (!trial) await refreshChannels(); // the settings just saved
      const check = (trial ?? channels).get(name)?.check;
      try {
        if (!check) return null;
        return { ok: true, ...(await check()) };
      } catch (e) {
        return { ok: false, error: (e as Error).message, reason: checkFailure(e) };
      } finally {
        if (trial) await closeChannels(trial);
      }
    },
    webDir: opts.webDir === undefined ? join(ROOT, 'dist', 'web') : opts.webDir,
  };
  if (opts.seed !== false) await seedDemoWorkspace(ctx, env, opts.examplesDir ?? join(ROOT, 'examples'), log);
  await ctx.workspace.computeLifecyclesOnce(); // a workspace from before the life-cycle segments: its buyers get theirs
  // the API works without it, but a browser would get «404 Not Found» with no word why
  if (ctx.webDir && !hasWebApp(ctx.webDir)) log(`Voronka: no web app in ${ctx.webDir} — build it with \`npm run build\` (\`npm start\` does); the API works without it.`);
  const app = createApp(ctx, refreshChannels);

  return {
    app,
    ctx,
    refreshChannels,
    async close() {
      await worker.stop();
      await closeChannels(channels);
      await store.close();
    },
  };
}

export type VoronkaServer = Awaited<ReturnType<typeof createServer>>;
