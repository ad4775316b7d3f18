import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Runtime } from '../../../server/runtime/Runtime.ts';
import { SqliteStore } from '../../../server/store/sqlite/SqliteStore.ts';
import type { RunRow, Store, StepWrites } from '../../../server/store/types.ts';
import { API_KEY, publishFunnel, startServer, START, tinyFunnel, type Harness } from '../api/helpers.ts';

const MIGRATIONS = resolve(import.meta.dirname, '../../../server/store/sqlite/migrations');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'voronka-store-'));
  dirs.push(d);
  return d;
};
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const run = (id: string): RunRow => ({
  id,
  funnelId: 'f',
  version: 1,
  contactId: 'c',
  key: null,
  trigger: 'start',
  status: 'waiting',
  node: 'w',
  snapshot: { machine: {}, run: {} } as never,
  startedAt: START,
  updatedAt: START,
  endedAt: null,
});
const step = (r: RunRow): StepWrites => ({
  run: r,
  isNew: true,
  was: null,
  outbox: [],
  timersInsert: [],
  timersDelete: [],
  withdraw: [],
  ended: null,
  goals: [],
  variants: [],
  journal: [
    { at: START, kind: 'entered', node: 'start', cause: 'go' },
    { at: START, kind: 'left', node: 'start', exit: 'next' },
    { at: START, kind: 'entered', node: 'w' },
  ],
});

describe('the SQLite store', () => {
  it('writes a step’s journal as one row and counts nodes per commit; a rolled-back savepoint counts nothing', async () => {
    const dir = tempDir();
    const store = new SqliteStore(join(dir, 'v.db'));
    await store.transaction(async (tx) => {
      await tx.writeStep(step(run('r1')));
      await expect(
        tx.savepoint(async () => {
          await tx.writeStep(step(run('r2')));
          throw new Error('this request fails');
        }),
      ).rejects.toThrow('this request fails');
      await tx.savepoint(async () => tx.writeStep(step(run('r3'))));
    });
    await expect(store.transaction(async (tx) => {
      await tx.writeStep(step(run('r4')));
      throw new Error('the whole transaction fails');
    })).rejects.toThrow();
    const stats = await store.read.nodeStats('f');
    expect(stats.find((s) => s.node === 'start')).toEqual({ node: 'start', entered: 2, waiting: 0, exits: { next: 2 } });
    expect(stats.find((s) => s.node === 'w')).toEqual({ node: 'w', entered: 2, waiting: 2, exits: {} });
    expect(await store.read.runJournal('r1')).toEqual(step(run('r1')).journal);
    expect(await store.read.runJournal('r3')).toEqual(step(run('r3')).journal);
    expect(await store.read.runJournal('r2')).toEqual([]);
    await store.close();
    const db = new Database(join(dir, 'v.db'), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n).toBe(2);
    db.close();
  });

  it('keeps how many runs wait at each node as the runs move, end and roll back, without counting runs', async () => {
    const dir = tempDir();
    const store = new SqliteStore(join(dir, 'v.db'));
    const waiting = async () => Object.fromEntries((await store.read.nodeStats('f')).filter((s) => s.waiting).map((s) => [s.node, s.waiting]));
    const a = run('a');
    const b = run('b');
    await store.transaction(async (tx) => {
      await tx.writeStep(step(a));
      await tx.writeStep(step(b));
    });
    expect(await waiting()).toEqual({ w: 2 });
    // a step from `r` (where it waits now) to `node`
    const move = (r: RunRow, node: string, status: RunRow['status'] = 'waiting'): StepWrites => ({ ...step({ ...r, node, status }), isNew: false, was: { status: r.status, node: r.node }, journal: [] });
    await store.transaction(async (tx) => {
      await tx.writeStep(move(a, 'x'));
      await tx.savepoint(async () => tx.writeStep(move(b, 'x'))); // released: b is at x
      const undone = tx.savepoint(async () => {
        await tx.writeStep(move({ ...b, node: 'x' }, 'y'));
        throw new Error('undone');
      });
      await expect(undone).rejects.toThrow('undone'); // rolled back: b stays at x
    });
    expect(await waiting()).toEqual({ x: 2 });
    await store.transaction(async (tx) => tx.writeStep(move({ ...a, node: 'x' }, 'x', 'completed')));
    expect(await waiting()).toEqual({ x: 1 });
    await store.close();
  });

  it('FULL commits resolve only after the WAL is synced, and every one of many concurrent commits survives a reopen', async () => {
    const dir = tempDir();
    const store = new SqliteStore(join(dir, 'v.db'), { synchronous: 'FULL' });
    const internals = store as unknown as { synced: number; commits: number };
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store
          .transaction(async (tx) => tx.writeStep(step(run(`r${i}`))))
          .then(() => seen.push(internals.synced)),
      ),
    );
    // every caller was answered after a sync that covered it; far fewer syncs than commits
    seen.forEach((synced, i) => expect(synced, `commit ${i}`).toBeGreaterThanOrEqual(1));
    expect(Math.max(...seen)).toBe(internals.commits);
    await store.close();
    const again = new SqliteStore(join(dir, 'v.db'));
    expect(await again.read.countRuns()).toBe(200);
    await again.close();
  });

  it('takes the next batch of events as soon as the previous one has committed, and answers each caller only once its commit is durable', async () => {
    h = await startServer();
    await publishFunnel(h, tinyFunnel('g'));
    for (const id of ['c1', 'c2']) expect((await h.api('POST', '/api/contacts', { id, attributes: { firstName: id } })).status).toBe(200);
    // the real store, with each commit taking 100 ms longer to become durable
    const real = h.s.ctx.store;
    const log: string[] = [];
    let n = 0;
    const slow: Store = {
      read: real.read,
      close: () => real.close(),
      transaction: (fn, opts) => {
        const k = ++n;
        return real
          .transaction(fn, { onCommit: () => (log.push(`commit ${k}`), opts?.onCommit?.()) })
          .then(async (out) => {
            await new Promise((r) => setTimeout(r, 100));
            log.push(`durable ${k}`);
            return out;
          });
      },
    };
    const runtime = new Runtime(slow, h.s.ctx.clock);
    const a = runtime.ingest([{ id: 'ga', type: 'g.start', contactId: 'c1' }]).then((r) => log.push(`answered a ${r.accepted}`));
    while (!log.includes('commit 1')) await new Promise((r) => setTimeout(r, 5));
    const b = runtime.ingest([{ id: 'gb', type: 'g.start', contactId: 'c2' }]).then((r) => log.push(`answered b ${r.accepted}`));
    await Promise.all([a, b]);
    expect(log).toEqual(['commit 1', 'commit 2', 'durable 1', 'answered a 1', 'durable 2', 'answered b 1']);
    expect((await h.api('GET', '/api/runs?funnelId=g')).body.map((r: { contactId: string }) => r.contactId).sort()).toEqual(['c1', 'c2']);
  });

  it('looks up a contact’s past marketing sends (frequency cap) and a run’s pending messages by index, never by scanning the outbox', async () => {
    const dir = tempDir();
    const store = new SqliteStore(join(dir, 'v.db'));
    await store.close();
    const db = new Database(join(dir, 'v.db'), { readonly: true });
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan("SELECT due_at FROM outbox WHERE funnel_id = 'f' AND contact_id = 'c' AND marketing = 1 AND due_at > 0 AND run_id <> 'r' AND status IN ('pending', 'sent', 'dev')")).toMatch(/USING INDEX outbox_contact/);
    expect(plan("UPDATE outbox SET status = 'cancelled' WHERE contact_id = 'c' AND funnel_id = 'f' AND run_id = 'r' AND status = 'pending'")).toMatch(/USING INDEX outbox_contact/);
    expect(plan("SELECT * FROM runs WHERE contact_id = 'c' AND status = 'waiting' ORDER BY started_at")).toMatch(/USING INDEX runs_contact_funnel/);
    db.close();
  });

  it('lists messages newest first by the time shown for them: when sent, else when due', async () => {
    const store = new SqliteStore(join(tempDir(), 'o.db'));
    const msg = (id: string, createdAt: number, dueAt: number, sentAt: number | null) => ({
      id, runId: 'r', funnelId: 'f', contactId: 'c', node: id, channel: 'email', marketing: false, payload: { body: id },
      dueAt, status: sentAt ? ('sent' as const) : ('pending' as const), attempts: 0, lastError: null, reply: null, sentAt, createdAt, nextAttemptAt: dueAt,
    });
    await store.transaction(async (tx) => {
      await tx.insertOutbox([
        msg('early-made-sent-late', START, START, START + 5_000), // retried: went out last
        msg('made-later-sent', START + 1_000, START + 1_000, START + 2_000),
        msg('held-for-quiet-hours', START + 500, START + 9_000, null), // due after the quiet hours
      ]);
    });
    expect((await store.read.listOutbox({ limit: 10 })).map((m) => m.id)).toEqual(['held-for-quiet-hours', 'early-made-sent-late', 'made-later-sent']);
    await store.close();
  });

  it('migrates a journal of the first schema (one row per entry) into one row per run, with the node counts', async () => {
    const dir = tempDir();
    const file = join(dir, 'v.db');
    const db = new Database(file);
    const init = readFileSync(join(MIGRATIONS, '0000_init.sql'), 'utf8');
    for (const sql of init.split('--> statement-breakpoint')) db.exec(sql);
    const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
    db.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
    db.prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)').run(createHash('sha256').update(init).digest('hex'), journal.entries[0].when);
    const ins = db.prepare('INSERT INTO journal (run_id, funnel_id, version, contact_id, at, kind, node, exit, cause, reason) VALUES (?,?,?,?,?,?,?,?,?,?)');
    ins.run('old1', 'f', 1, 'c', START, 'entered', 'start', null, 'go', null);
    ins.run('old1', 'f', 1, 'c', START, 'left', 'start', 'next', null, null);
    ins.run('old1', 'f', 1, 'c', START + 1, 'entered', 'w', null, null, null);
    ins.run('old2', 'f', 1, 'c2', START, 'entered', 'start', null, 'go', null);
    db.prepare("INSERT INTO runs (id, funnel_id, version, contact_id, key, \"trigger\", status, node, snapshot, started_at, updated_at) VALUES ('old1', 'f', 1, 'c', NULL, 'start', 'waiting', 'w', '{}', ?, ?)").run(START, START);
    db.close();

    const store = new SqliteStore(file);
    expect((await store.read.runJournal('old1')).map((j) => ({ kind: j.kind, node: j.node, exit: j.exit, cause: j.cause, at: j.at }))).toEqual([
      { kind: 'entered', node: 'start', exit: undefined, cause: 'go', at: START },
      { kind: 'left', node: 'start', exit: 'next', cause: undefined, at: START },
      { kind: 'entered', node: 'w', exit: undefined, cause: undefined, at: START + 1 },
    ]);
    const stats = await store.read.nodeStats('f');
    expect(stats.find((s) => s.node === 'start')).toEqual({ node: 'start', entered: 2, waiting: 0, exits: { next: 1 } });
    expect(stats.find((s) => s.node === 'w')).toEqual({ node: 'w', entered: 1, waiting: 1, exits: {} });
    await store.close();
  });
});

describe('request bodies over real HTTP', () => {
  async function post(port: number, body: string[], headers: Record<string, string>): Promise<{ status: number; body: string }> {
    return new Promise((done, fail) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/events', method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', ...headers } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => done({ status: res.statusCode!, body: text }));
      });
      req.on('error', fail);
      for (const chunk of body) req.write(chunk);
      req.end();
    });
  }

  it('reads a chunked body from the socket, and refuses one that grows past 1 MiB with 413 without storing it', async () => {
    h = await startServer();
    await h.api('POST', '/api/contacts', { id: 'anna', attributes: { firstName: 'Анна' } });
    const server = serve({ fetch: h.s.app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await new Promise((r) => server.once('listening', r));
      const port = (server.address() as AddressInfo).port;
      const ok = await post(port, ['{"id":"e1","type":"page.viewed",', '"contactId":"anna","data":{"page":"/цены"}}'], {});
      expect(ok.status).toBe(202);
      expect(JSON.parse(ok.body)).toEqual({ accepted: 1, duplicate: 0 });
      const pad = 'x'.repeat(256 * 1024);
      const huge = await post(port, ['{"id":"e2","type":"page.viewed","contactId":"anna","data":{"pad":"', pad, pad, pad, pad, pad, '"}}'], {});
      expect(huge.status).toBe(413);
      expect(JSON.parse(huge.body).error).toMatch(/too large/);
      const declared = await post(port, ['{}'], { 'content-length': String(2 * 1024 * 1024) }).catch(() => ({ status: 413, body: '' }));
      expect(declared.status).toBe(413);
      const events = h.dbState().events as { id: string }[];
      expect(events.map((e) => e.id)).toEqual(['e1']);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
