import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchesSearch } from '../../../shared/format/search.ts';
import type { Store, Tx } from '../types.ts';
import type { Db } from './db.ts';
import { stmt } from './prepared.ts';
import { authQueries } from './repos/auth.ts';
import { contactQueries } from './repos/contacts.ts';
import { funnelQueries } from './repos/funnels.ts';
import { runQueries } from './repos/runs.ts';
import { PendingCounts, stepQueries } from './repos/steps.ts';
import { taskQueries } from './repos/tasks.ts';
import { workQueries } from './repos/work.ts';
import * as schema from './schema.ts';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface SqliteOptions {
  /**
   * `FULL` (default): every commit is durable before `transaction()` resolves. `NORMAL`: faster,
   * may lose the last commits on power loss. FULL is done as SQLite's `synchronous = NORMAL` plus
   * an `fdatasync` of the WAL file on the thread pool after the commit — the guarantee of
   * `synchronous = FULL` in WAL mode (the WAL is on disk before the commit is acknowledged),
   * without blocking the event loop on the disk, and one sync covers every commit before it.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

function open(file: string): Db {
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  client.pragma('synchronous = NORMAL'); // FULL: the WAL is synced by SqliteStore.durable()
  client.pragma('busy_timeout = 10000');
  // a 64 MiB page cache: the hot index pages of runs, timers, outbox and journal stay in memory
  client.pragma('cache_size = -65536');
  client.pragma('foreign_keys = ON');
  // contact search: SQLite's LIKE folds only ASCII letters ("иван" must find "Иван")
  client.function('voronka_matches', { deterministic: true }, (text: unknown, query: unknown) => (matchesSearch(String(text ?? ''), String(query ?? '')) ? 1 : 0));
  return drizzle({ client, schema });
}


let depth = 0;
const queries = (db: Db, counts: PendingCounts): Tx => ({
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++depth}`;
    stmt(db.$client, `SAVEPOINT ${name}`).run();
    counts.begin();
    try {
      const out = await fn();
      stmt(db.$client, `RELEASE ${name}`).run();
      counts.release();
      return out;
    } catch (e) {
      stmt(db.$client, `ROLLBACK TO ${name}`).run();
      stmt(db.$client, `RELEASE ${name}`).run();
      counts.rollback();
      throw e;
    } finally {
      depth--;
    }
  },
  ...contactQueries(db, counts),
  ...stepQueries(db, counts),
  ...funnelQueries(db),
  ...runQueries(db),
  ...workQueries(db, counts),
  ...taskQueries(db),
  ...authQueries(db),
});

/**
 * The embedded store: one SQLite file in WAL mode. A writer connection runs transactions one at
 * a time (an in-process queue plus `BEGIN IMMEDIATE`, which also serialises a second process on
 * the same file); a reader connection sees committed data only.
 */
export class SqliteStore implements Store {
  readonly read: Tx;
  private readonly writer: Db;
  private readonly reader: Db;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly writeTx: Tx;
  /** Stats counts of the transaction in progress, written just before it commits. */
  private readonly counts = new PendingCounts();
  /** Durable commits: numbered, and acknowledged once a WAL sync started after them has finished. */
  private readonly durableCommits: boolean;
  private commits = 0;
  private synced = 0;
  private syncing: Promise<void> | null = null;
  private wal: Promise<FileHandle> | null = null;

  constructor(readonly file: string, opts: SqliteOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.durableCommits = file !== ':memory:' && (opts.synchronous ?? 'FULL') === 'FULL';
    this.writer = open(file);
    // the writer's savepoint journals (one per caller of `ingest`) in memory, not in a temp file:
    // every page a one-event request changes is copied there first, and as a file that cost
    // writes and syscalls of its own (with 50 one-event requests waiting, ~1.5× the steps/s)
    this.writer.$client.pragma('temp_store = MEMORY');
    migrate(this.writer, { migrationsFolder: MIGRATIONS });
    this.reader = file === ':memory:' ? this.writer : open(file);
    this.read = queries(this.reader, new PendingCounts());
    this.writeTx = queries(this.writer, this.counts);
  }

  /**
   * Runs `fn` in one write transaction (queued behind the others). It resolves once the commit is
   * durable; the next transaction may start as soon as this one has committed, so commits that
   * pile up while the disk syncs are made durable by the next single sync (group commit).
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>, opts: { onCommit?: () => void } = {}): Promise<T> {
    const run = async () => {
      const c = this.writer.$client;
      c.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this.writeTx);
        this.counts.flush(this.writer);
        c.exec('COMMIT');
        opts.onCommit?.();
        return { out, seq: ++this.commits };
      } catch (e) {
        this.counts.reset();
        if (c.inTransaction) c.exec('ROLLBACK');
        throw e;
      }
    };
    const committed = this.tail.then(run, run);
    this.tail = committed.catch(() => {});
    return committed.then(async ({ out, seq }) => {
      if (this.durableCommits) await this.durable(seq);
      return out;
    });
  }

  /** Waits until commit number `seq` is on disk: one WAL `fdatasync` (off the event loop) serves all commits before it. */
  private async durable(seq: number): Promise<void> {
    while (this.synced < seq) {
      if (!this.syncing) {
        const upTo = this.commits;
        this.wal ??= openFile(`${this.file}-wal`, 'r+');
        this.syncing = this.wal
          .then((h) => h.datasync())
          .then(() => {
            this.synced = Math.max(this.synced, upTo);
          })
          .finally(() => {
            this.syncing = null;
          });
      }
      await this.syncing;
    }
  }

  async close(): Promise<void> {
    await this.tail;
    await this.syncing?.catch(() => {});
    if (this.wal) await (await this.wal).close();
    this.writer.$client.close();
    if (this.reader !== this.writer) this.reader.$client.close();
  }
}
