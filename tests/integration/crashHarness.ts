/**
 * Pieces of the crash test (crash.test.ts): a real SMS gateway that records idempotency keys,
 * the server as a child process that can be SIGKILLed and restarted on the same data folder,
 * a small API client, and an event load that remembers which batches were acknowledged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, Math.max(0, ms)));

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | false | null | undefined> | T | false | null | undefined, timeoutMs: number, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(everyMs);
  }
}

/** A port that was free a moment ago (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((ok, fail) => {
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((ok) => srv.close(() => ok()));
  return port;
}

export interface GatewayRequest {
  /** The `Idempotency-Key` header. */
  key: string;
  authorization: string | undefined;
  /** The JSON body `{ to, text, id }` (null when it was not JSON). */
  body: { to?: string; text?: string; id?: string; from?: string } | null;
  at: number;
}

/**
 * A real SMS gateway on 127.0.0.1: records every complete request, answers 200 after a random
 * 0..maxDelayMs delay (so sends are in flight when the server is killed).
 */
export async function startSmsGateway(maxDelayMs: number) {
  const requests: GatewayRequest[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: GatewayRequest['body'] = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = null;
      }
      const key = String(req.headers['idempotency-key'] ?? '');
      requests.push({ key, authorization: req.headers.authorization, body, at: Date.now() });
      res.on('error', () => {}); // the sender may be dead by the time we answer
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status: 'queued', id: `gw-${requests.length}` }));
      }, Math.floor(Math.random() * (maxDelayMs + 1)));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    requests,
    /** Distinct keys among requests whose text starts with `prefix` (e.g. "m1 "). */
    distinct(prefix = ''): number {
      return new Set(requests.filter((r) => (r.body?.text ?? '').startsWith(prefix)).map((r) => r.key)).size;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
export type SmsGateway = Awaited<ReturnType<typeof startSmsGateway>>;

/** `node bin/voronka.js serve` as a child process on a fixed port and data folder. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private starts = 0;
  /** stdout/stderr of every start, prefixed with the start number. */
  readonly log: string[] = [];

  constructor(private readonly opts: { port: number; dataDir: string; env: Record<string, string> }) {}

  get base(): string {
    return `http://127.0.0.1:${this.opts.port}`;
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the server and waits until GET /api/health answers. */
  async start(timeoutMs = 30_000): Promise<void> {
    if (this.alive) throw new Error('the server is already running');
    const n = ++this.starts;
    const child = spawn(process.execPath, ['bin/voronka.js', 'serve', '--port', String(this.opts.port), '--data', this.opts.dataDir], {
      cwd: ROOT,
      env: { ...process.env, ...this.opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (tag: string) => (d: Buffer) => {
      for (const line of d.toString('utf8').split('\n')) if (line.trim()) this.log.push(`[start ${n} ${tag}] ${line}`);
    };
    child.stdout!.on('data', keep('out'));
    child.stderr!.on('data', keep('err'));
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (!this.alive) throw new Error(`the server exited during start ${n}:\n${this.log.slice(-20).join('\n')}`);
      const res = await fetch(`${this.base}/api/health`, { signal: AbortSignal.timeout(1_000) }).catch(() => null);
      if (res?.ok) return;
      if (Date.now() > until) throw new Error(`the server (start ${n}) did not answer /api/health within ${timeoutMs} ms:\n${this.log.slice(-20).join('\n')}`);
      await sleep(50);
    }
  }

  /** SIGKILL: no handler runs, whatever was in flight is cut off. Resolves when it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const gone = once(child, 'exit');
    child.kill('SIGKILL');
    await gone;
  }

  /** SIGTERM (the server finishes its batch and closes the database); SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const gone = once(child, 'exit');
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(t);
  }
}

export interface Reply {
  status: number;
  body: any;
}

/** A tiny client for the API with a bearer key. `get` retries network errors (the server restarts). */
export function apiClient(base: () => string, key: string) {
  async function call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Reply> {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  }
  async function get(path: string): Promise<any> {
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await call('GET', path);
        if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
        return r.body;
      } catch (e) {
        if (attempt >= 5 || String(e).includes('answered')) throw e;
        await sleep(100 * attempt);
      }
    }
  }
  return { call, get };
}
export type ApiClient = ReturnType<typeof apiClient>;

export interface EventIn {
  id: string;
  type: string;
  contactId: string;
}

export interface Batch {
  name: string;
  events: EventIn[];
  /** Set once the first send of the batch was attempted. */
  issued: boolean;
  /** When the first send started. */
  firstSentAt: number | null;
  /** Every 202 reply this batch got, with the round it belonged to. */
  acks: { round: string; accepted: number; duplicate: number }[];
  /** When the batch got its first 202. */
  ackedAt: number | null;
  /** Sends that got no reply (connection refused or cut by the kill). */
  lost: number;
  /** Replies other than 202 (must not happen: every event is valid). */
  refused: Reply[];
}

/** POST /api/events batches; remembers which were acknowledged, so the lost ones can be re-sent. */
export class EventLoad {
  readonly batches: Batch[] = [];

  constructor(private readonly api: ApiClient) {}

  add(name: string, events: EventIn[]): Batch {
    const b: Batch = { name, events, issued: false, firstSentAt: null, acks: [], ackedAt: null, lost: 0, refused: [] };
    this.batches.push(b);
    return b;
  }

  /** One attempt; true when the server answered 202. */
  async send(b: Batch, round: string): Promise<boolean> {
    b.issued = true;
    const sentAt = Date.now();
    b.firstSentAt ??= sentAt;
    let r: Reply;
    try {
      r = await this.api.call('POST', '/api/events', { events: b.events });
    } catch {
      b.lost++;
      return false;
    }
    if (r.status !== 202) {
      b.refused.push(r);
      return false;
    }
    b.acks.push({ round, accepted: r.body.accepted, duplicate: r.body.duplicate });
    b.ackedAt ??= Date.now();
    return true;
  }

  /** Sends until acknowledged (for a server that is up); fails after `tries`. */
  async sendUntilAcked(b: Batch, round: string, tries = 5): Promise<void> {
    for (let i = 1; i <= tries; i++) {
      if (await this.send(b, round)) return;
      await sleep(100 * i);
    }
    throw new Error(`batch ${b.name} was not acknowledged after ${tries} tries (round ${round})`);
  }

  issued(): Batch[] {
    return this.batches.filter((b) => b.issued);
  }
}

/** `fn` over `xs` with at most `limit` calls in flight; results in input order. */
export async function mapLimit<T, R>(xs: T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(xs.length);
  let next = 0;
  const worker = async () => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await fn(xs[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, xs.length) }, worker));
  return out;
}
