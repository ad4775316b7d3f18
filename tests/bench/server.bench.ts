/**
 * `npm run bench` (after the engine benchmark): the server's figures, each next to its
 * reference measured in the same run on the same machine. Prints; asserts nothing.
 */
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Hono } from 'hono';
import { compileFunnel } from '../../shared/compiler/compileFunnel.ts';
import { step } from '../../shared/engine/step.ts';
import { createServer } from '../../server/createServer.ts';
import { SqliteStore } from '../../server/store/sqlite/SqliteStore.ts';
import { benchFunnel, fmt, percentile, ratio, tempDir } from './benchFunnel.ts';

const N = Number(process.env.BENCH_STEPS ?? 50_000);
const TIMERS = Number(process.env.BENCH_TIMERS ?? 100_000);
const T0 = Date.parse('2026-03-02T06:00:00Z');
const out: string[] = [];
const say = (s: string) => {
  out.push(s);
  console.log(s);
};

async function server(synchronous: 'FULL' | 'NORMAL', clock: 'manual' | 'real' = 'manual') {
  const tmp = tempDir();
  const s = await createServer({ dataDir: tmp.dir, clock, clockStart: T0, seed: false, webDir: null, sqlite: { synchronous }, env: { VORONKA_API_KEY: 'bench-key' }, log: () => {} });
  const admin = await s.ctx.auth.createUser({ email: 'a@b.c', name: 'a', role: 'admin', password: 'benchbench' });
  await s.ctx.auth.createApiKey(admin.id, 'bench', 'bench-key');
  return { s, admin, tmp };
}

async function addContacts(s: Awaited<ReturnType<typeof createServer>>, n: number, prefix = 'c') {
  await s.ctx.store.transaction(async (tx) => {
    for (let i = 0; i < n; i++) await tx.upsertContact({ id: `${prefix}${i}`, attributes: { firstName: `N${i}` }, consents: {}, tags: [], segments: [], createdAt: T0, updatedAt: T0 });
  });
}

/** How many callers of `durableSteps` wait for their answer at once (`BENCH_CALLERS`, 4 by default). */
const CALLERS = Math.max(1, Number(process.env.BENCH_CALLERS ?? 4));

/**
 * Event → step → commit through the runtime: callers of 1,000 events each, `CALLERS` of them at a
 * time (as a server's clients are: while one batch's sync runs, the next is stepped), each
 * answered once its events are durable. Ends when every caller has been answered.
 */
async function durableSteps(synchronous: 'FULL' | 'NORMAL', n: number) {
  const { s, admin, tmp } = await server(synchronous);
  await addContacts(s, n);
  await s.ctx.funnels.create(benchFunnel() as never);
  await s.ctx.funnels.publish('bench', undefined, admin.id);
  const start = performance.now();
  let next = 0;
  const caller = async () => {
    for (let i; (i = next) < n; ) {
      next += 1000;
      const events = Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({ id: `go-${i + k}`, type: 'go', contactId: `c${i + k}` }));
      await s.ctx.runtime.ingest(events);
    }
  };
  await Promise.all(Array.from({ length: CALLERS }, caller));
  const perSec = (n / (performance.now() - start)) * 1000;
  return { perSec, s, tmp };
}

function compiled() {
  const r = compileFunnel(benchFunnel());
  if (!r.ok) throw new Error('bench funnel invalid');
  return r.compiled;
}

function engineLoop(n: number) {
  const cf = compiled();
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const res = step(cf, { event: { type: 'go', contactId: `c${i}` }, contact: { id: `c${i}`, attributes: { firstName: `N${i}` } }, now: T0, runId: `r${i}` });
    JSON.stringify(res.snapshot);
  }
  return (n / (performance.now() - start)) * 1000;
}

/**
 * The floor of a durable step on one thread: the rows one step writes (an idempotent event, the
 * run with its snapshot, a message, a timer, a journal row), pre-serialised, through prepared
 * statements in 1,000-step transactions on our schema — no engine, no reads, no JSON work.
 */
async function rawStepRows(n: number): Promise<number> {
  const tmp = tempDir();
  const file = join(tmp.dir, 'rows.db');
  await new SqliteStore(file, { synchronous: 'NORMAL' }).close(); // our schema, migrated
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  const snapshot = JSON.stringify(step(compiled(), { event: { type: 'go', contactId: 'c0' }, contact: { id: 'c0', attributes: { firstName: 'N0' } }, now: T0, runId: 'r0' }).snapshot);
  const journal = JSON.stringify(step(compiled(), { event: { type: 'go', contactId: 'c0' }, contact: { id: 'c0', attributes: { firstName: 'N0' } }, now: T0, runId: 'r0' }).journal);
  const ev = db.prepare('INSERT OR IGNORE INTO events (id, contact_id, type, data, at, received_at) VALUES (?,?,?,?,?,?)');
  const run = db.prepare('INSERT INTO runs (id, funnel_id, version, contact_id, key, "trigger", status, node, snapshot, started_at, updated_at, ended_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
  const msg = db.prepare('INSERT INTO outbox (id, run_id, funnel_id, contact_id, node, channel, marketing, payload, due_at, status, attempts, next_attempt_at, last_error, reply, sent_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING');
  const timer = db.prepare('INSERT INTO timers (run_id, timer_id, funnel_id, event, due_at) VALUES (?,?,?,?,?) ON CONFLICT (run_id, timer_id) DO UPDATE SET due_at = excluded.due_at, event = excluded.event');
  const jr = db.prepare('INSERT INTO journal (run_id, at, entries) VALUES (?,?,?)');
  const start = performance.now();
  for (let i = 0; i < n; i += 1000) {
    db.exec('BEGIN IMMEDIATE');
    for (let k = i; k < Math.min(n, i + 1000); k++) {
      const id = `0${(T0 + k).toString(36)}${String(k).padStart(12, '0')}`;
      ev.run(`go-${k}`, `c${k}`, 'go', '{}', T0, T0);
      run.run(id, 'bench', 1, `c${k}`, null, 'start', 'waiting', 'pause', snapshot, T0, T0, null);
      msg.run(`${id}:hello`, id, 'bench', `c${k}`, 'hello', 'email', 0, `{"subject":"Hi","body":"Hi N${k}"}`, T0, 'pending', 0, T0, null, null, null, T0);
      timer.run(id, 'xstate.after.t_pause.funnel.pause', 'bench', '{"type":"xstate.after.t_pause.funnel.pause"}', T0 + 86_400_000);
      jr.run(id, T0, journal);
    }
    db.exec('COMMIT');
  }
  const perSec = (n / (performance.now() - start)) * 1000;
  db.close();
  tmp.done();
  return perSec;
}

/** `BENCH_ONLY=steps,timers,lateness,http,memory` runs some sections (all by default). */
const only = new Set((process.env.BENCH_ONLY ?? 'steps,timers,lateness,http,memory').split(','));

async function main() {
  say(`# Voronka server benchmark (${new Date().toISOString()})`);
  if (only.has('steps')) await steps();
  if (only.has('timers')) await timersDue();
  if (only.has('lateness')) await lateness();
  if (only.has('http')) await http();
  if (only.has('memory')) await memory();
}

async function steps() {
  const mem = engineLoop(N);
  const full = await durableSteps('FULL', N);
  const normal = await durableSteps('NORMAL', N);
  await normal.s.close();
  normal.tmp.done();
  say(`in-memory engine loop:                         ${fmt(mem)} steps/s`);
  say(`  (durable steps: ${CALLERS} caller${CALLERS > 1 ? 's' : ''} of 1,000 events waiting at once, each answered when its events are durable)`);
  say(`durable steps on SQLite (FULL: WAL synced):   ${fmt(full.perSec)} steps/s → ${ratio(full.perSec, mem, '≥ 0.6')} of the engine loop`);
  say(`durable steps on SQLite (synchronous=NORMAL):  ${fmt(normal.perSec)} steps/s → FULL/NORMAL ${ratio(full.perSec, normal.perSec, '≥ 0.8')}`);
  const rows = await rawStepRows(N);
  say(`  for context, SQLite alone writing one step's rows (event, run, message, timer, journal; prepared, no engine, no reads):`);
  say(`    ${fmt(rows)} steps/s — a one-thread runtime can reach at most ${(1 / (1 + mem / rows)).toFixed(2)}x of the engine loop (engine + these writes, nothing else)`);
  await full.s.close();
  full.tmp.done();
}

async function timersDue() {
  // timers: TIMERS runs wait in a one-day delay; move the clock past it and fire them all
  const t = await durableSteps('FULL', TIMERS);
  const clock = t.s.ctx.clock as unknown as { set(ms: number): void };
  clock.set(T0 + 2 * 86_400_000);
  const start = performance.now();
  let fired = 0;
  for (let n; (n = await t.s.ctx.runtime.fireDue(1000)) > 0; ) fired += n;
  const timersPerSec = (fired / (performance.now() - start)) * 1000;
  say(`timers fired with ${fmt(fired)} due at once:      ${fmt(timersPerSec)} timers/s → ${ratio(timersPerSec, t.perSec, '≥ 0.8')} of event-driven steps`);
  await t.s.close();
  t.tmp.done();
}

/** Real clock: 1M timers stored, 100k of them due within the same 10 s; lateness = fired − due. */
async function lateness() {
  const total = Number(process.env.BENCH_STORED_TIMERS ?? 1_000_000);
  const due = Math.min(total, Number(process.env.BENCH_DUE_TIMERS ?? 100_000));
  const { s, admin, tmp } = await server('FULL', 'real');
  await s.ctx.funnels.create(benchFunnel() as never);
  await s.ctx.funnels.publish('bench', undefined, admin.id);
  const db = (s.ctx.store as unknown as { writer: { $client: import('better-sqlite3').Database } }).writer.$client;
  const start = Date.now() + 15_000;
  const ins = db.prepare("INSERT INTO timers (run_id, timer_id, funnel_id, event, due_at) VALUES (?, 't', 'bench', '{\"type\":\"xstate.after.t_pause.funnel.pause\"}', ?)");
  db.transaction(() => {
    for (let i = 0; i < total; i++) ins.run(`run-${i}`, i < due ? start + Math.floor((i / due) * 10_000) : start + 86_400_000 * (1 + (i % 300)));
  })();
  const late: number[] = [];
  const store = s.ctx.store;
  const orig = store.transaction.bind(store);
  store.transaction = ((fn: (tx: never) => Promise<unknown>) =>
    orig((tx) =>
      fn(
        new Proxy(tx, {
          get(target, prop) {
            if (prop !== 'deleteTimers') return (target as never)[prop];
            return async (keys: { dueAt?: number }[]) => {
              const now = Date.now();
              for (const k of keys) if (k.dueAt !== undefined) late.push(now - k.dueAt);
              return target.deleteTimers(keys as never);
            };
          },
        }) as never,
      ),
    )) as typeof store.transaction;
  s.ctx.worker.start();
  while (late.length < due && Date.now() < start + 40_000) await new Promise((r) => setTimeout(r, 200));
  await s.close();
  tmp.done();
  say(`real clock, ${fmt(total)} timers stored, ${fmt(due)} due within 10 s: fired ${fmt(late.length)}, lateness p50 ${fmt(percentile(late, 50))} ms, p99 ${fmt(percentile(late, 99))} ms (target p99 ≤ 1000 ms)`);
}

interface Load {
  average: number;
  non2xx: number;
  errors: number;
}

/** Runs autocannon in a child process (tests/bench/load.ts) against `url`; the server keeps its event loop to itself. */
function load(url: string, seconds: number, kind: 'get' | 'events', type = 'go'): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'load.ts'), url, String(seconds), kind, type], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`load generator exited with ${code}`))));
  });
}

/**
 * POST /api/events over loopback (autocannon) vs a Hono hello-world route in the same process.
 * Printed next to it for context: a bare JSON POST route (reads the body, answers JSON, no
 * auth and no storage) — what any POST endpoint costs over the GET hello-world — and events that
 * start nothing (stored idempotently, no step), besides the headline: events that start a run.
 */
async function http() {
  const { s, admin, tmp } = await server('FULL', 'real');
  await addContacts(s, 200_000, 'h');
  await s.ctx.funnels.create(benchFunnel() as never);
  await s.ctx.funnels.publish('bench', undefined, admin.id);
  const api = serve({ fetch: s.app.fetch, port: 0, hostname: '127.0.0.1' });
  const hello = new Hono()
    .get('/hello', (c) => c.text('hello'))
    .post('/echo', async (c) => {
      const body = (await c.req.json()) as { type: string };
      return c.json({ accepted: 1, duplicate: 0, type: body.type }, 202);
    });
  const helloServer = serve({ fetch: hello.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => setTimeout(r, 200));
  const port = (srv: ReturnType<typeof serve>) => (srv.address() as { port: number }).port;
  const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
  const h = await load(`http://127.0.0.1:${port(helloServer)}/hello`, seconds, 'get');
  const echo = await load(`http://127.0.0.1:${port(helloServer)}/echo`, seconds, 'events', 'go');
  const quiet = await load(`http://127.0.0.1:${port(api)}/api/events`, seconds, 'events', 'page.viewed');
  const e = await load(`http://127.0.0.1:${port(api)}/api/events`, seconds, 'events', 'go');
  await new Promise((r) => setTimeout(r, 500)); // let the last answers go out before closing
  api.close();
  helloServer.close();
  await s.close();
  tmp.done();
  const bad = (r: Load) => (r.non2xx || r.errors ? ` (${r.non2xx} non-2xx, ${r.errors} errors!)` : '');
  say(`hello-world route (GET, text):                 ${fmt(h.average)} req/s`);
  say(`  for context, a bare JSON POST route:         ${fmt(echo.average)} req/s → ${(echo.average / h.average).toFixed(2)}x of hello-world`);
  say(`  POST /api/events, events that start nothing: ${fmt(quiet.average)} req/s${bad(quiet)} → ${(quiet.average / h.average).toFixed(2)}x`);
  say(`POST /api/events (each starts a run, durable):  ${fmt(e.average)} req/s${bad(e)} → ${ratio(e.average, h.average, '≥ 0.7')}`);
}

/** Resident memory with many runs waiting in delays: no live actor per contact. */
async function memory() {
  const sizes = [10_000, Number(process.env.BENCH_MEMORY_RUNS ?? 1_000_000)];
  for (const size of sizes) {
    const { s, admin, tmp } = await server('NORMAL');
    await s.ctx.funnels.create(benchFunnel() as never);
    const v = await s.ctx.funnels.publish('bench', undefined, admin.id);
    const db = (s.ctx.store as unknown as { writer: { $client: import('better-sqlite3').Database } }).writer.$client;
    const snapshot = JSON.stringify({ machine: { status: 'active', value: 'pause', context: {}, children: {}, historyValue: {} }, run: { id: 'x', funnelId: 'bench', contactId: 'x', startedAt: T0, startEvent: { type: 'go' }, seq: 1, task: null, sent: [] } });
    const insRun = db.prepare("INSERT INTO runs (id, funnel_id, version, contact_id, key, \"trigger\", status, node, snapshot, started_at, updated_at) VALUES (?, 'bench', ?, ?, NULL, 'start', 'waiting', 'pause', ?, ?, ?)");
    const insTimer = db.prepare("INSERT INTO timers (run_id, timer_id, funnel_id, event, due_at) VALUES (?, 'xstate.after.t_pause.funnel.pause', 'bench', '{\"type\":\"xstate.after.t_pause.funnel.pause\"}', ?)");
    db.transaction(() => {
      for (let i = 0; i < size; i++) {
        insRun.run(`m${i}`, v.version, `mc${i}`, snapshot, T0, T0);
        insTimer.run(`m${i}`, T0 + 86_400_000 + i);
      }
    })();
    globalThis.gc?.();
    await addContacts(s, 1000, 'w');
    await s.ctx.runtime.ingest(Array.from({ length: 1000 }, (_, k) => ({ id: `w-${k}`, type: 'go', contactId: `w${k}` })));
    globalThis.gc?.();
    const rss = process.memoryUsage().rss / 1024 / 1024;
    const runs = await s.ctx.store.read.countRuns();
    say(`resident memory with ${fmt(runs)} runs waiting in delays: ${rss.toFixed(0)} MiB RSS (heap ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB)`);
    await s.close();
    tmp.done();
  }
}

await main();
