import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect } from 'vitest';
import { createServer, type ServerOptions, type VoronkaServer } from '../../../server/createServer.ts';

export const EXAMPLES = resolve(import.meta.dirname, '../../../examples');

/** Monday 2026-03-02, 09:00 in Moscow: inside the classic funnel's sending hours. */
export const START = Date.parse('2026-03-02T06:00:00Z');
export const API_KEY = 'test-key';
export const ADMIN_PASSWORD = 'admin-pass-1';
export const DEMO_PASSWORD = 'demo-pass-1';
export const ENV = { VORONKA_API_KEY: API_KEY, VORONKA_ADMIN_PASSWORD: ADMIN_PASSWORD, VORONKA_DEMO_PASSWORD: DEMO_PASSWORD };

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Harness {
  s: VoronkaServer;
  dir: string;
  /** Sends a request with the admin API key (or the given headers) and parses the JSON reply. */
  api<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  /** Sends a raw body (any content type) with the admin API key unless `authorization` is given. */
  raw<T = any>(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<Reply<T>>;
  /** Runs everything due now (timers and the outbox), deterministically. */
  settle(): Promise<void>;
  /** Every row of every table, for "this request changed nothing" checks (API keys without their last use). */
  dbState(): Record<string, unknown[]>;
  close(): Promise<void>;
}

/**
 * A server on a fresh SQLite file with the demo workspace and a manual clock at START.
 * `synchronous: NORMAL` only skips the per-commit fsync (power-loss durability), which tests do not need.
 */
export async function startServer(over: Partial<ServerOptions> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'voronka-api-'));
  const s = await createServer({ dataDir: dir, clock: 'manual', clockStart: START, env: ENV, webDir: null, log: () => {}, sqlite: { synchronous: 'NORMAL' }, ...over });
  const raw = async (method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<Reply> => {
    // the admin API key unless the caller brings a cookie or its own authorization ('' sends none)
    const merged: Record<string, string> = { ...('cookie' in headers ? {} : { authorization: `Bearer ${API_KEY}` }), ...headers };
    const sent = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== ''));
    const res = await s.app.request(path, { method, body, headers: sent });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    raw(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? headers : { 'content-type': 'application/json', ...headers });
  return {
    s,
    dir,
    api,
    raw,
    async settle() {
      await s.ctx.worker.advanceTo(s.ctx.clock.now());
    },
    dbState() {
      const db = new Database(join(dir, 'voronka.db'), { readonly: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").all() as { name: string }[];
        // an API key's last use is when it was looked up (every few seconds), not data a request changes
        const rows = (name: string) => db.prepare(name === 'api_keys' ? 'SELECT id, user_id, name, hash, created_at, scope FROM api_keys ORDER BY rowid' : `SELECT * FROM "${name}" ORDER BY rowid`).all();
        return Object.fromEntries(tables.map(({ name }) => [name, rows(name)]));
      } finally {
        db.close();
      }
    },
    async close() {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the API and returns the session cookie header value (`voronka_session=…`). */
export async function login(h: Harness, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await h.s.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0];
}

/** A small valid funnel: trigger on `event` → a delay → an email → end. */
export function tinyFunnel(id: string, over: { event?: string; delay?: string; subject?: string } = {}) {
  return {
    format: 'voronka/funnel@1',
    id,
    name: `Funnel ${id}`,
    nodes: [
      { id: 'start', type: 'trigger', data: { event: over.event ?? `${id}.start`, reentry: 'always' } },
      { id: 'pause', type: 'delay', data: { for: over.delay ?? 'P1D' } },
      { id: 'mail', type: 'message', data: { channel: 'email', subject: over.subject ?? 'Hello', body: 'Hi {{contact.firstName}}', marketing: false } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'pause' },
      { id: 'e2', source: 'pause', target: 'mail' },
    ],
  };
}

/** Runs `fn` and checks that no table of the database changed. */
export async function expectUnchanged(h: Harness, fn: () => Promise<unknown>): Promise<void> {
  const before = h.dbState();
  await fn();
  expect(h.dbState()).toEqual(before);
}

/** The classic example's saved scenario that walks the happy path. */
export function classicHappyPath(): Record<string, any> {
  return JSON.parse(readFileSync(join(EXAMPLES, 'classic', 'happy-path.scenario.json'), 'utf8'));
}

/** Headers that authenticate with a session cookie instead of the API key. */
export const withCookie = (cookie: string) => ({ cookie });
/** Headers that send no credentials at all. */
export const anonymous = { authorization: '' };

/** A funnel whose trigger opens a hand-off task for `assignee` at once. */
export function handoffFunnel(id: string, assignee: { role?: string; user?: string }) {
  return {
    format: 'voronka/funnel@1',
    id,
    name: `Hand-off ${id}`,
    nodes: [
      { id: 'start', type: 'trigger', data: { event: `${id}.start`, reentry: 'always' } },
      { id: 'call', type: 'handoff', data: { title: 'Call {{contact.firstName}}', assignee, outcomes: [{ id: 'won', label: 'Won' }, { id: 'lost', label: 'Lost' }] } },
      { id: 'thanks', type: 'message', data: { channel: 'email', subject: 'Thanks', body: 'Thank you', marketing: false } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'call' },
      { id: 'e2', source: 'call', exit: 'won', target: 'thanks' },
    ],
  };
}

/** Creates and publishes a funnel through the API (fails the test if either step is refused). */
export async function publishFunnel(h: Harness, funnel: { id: string }): Promise<void> {
  const created = await h.api('POST', '/api/funnels', funnel);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await h.api('POST', `/api/funnels/${funnel.id}/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(201);
}

/**
 * What a test started (its server, a mail server, a webhook receiver…), closed after each test,
 * last started first: `closers.push(h.close)`.
 */
export function closeAfterEach(): (() => Promise<void>)[] {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });
  return closers;
}
