import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store, Tx } from '../types.ts';
import type { Db } from './db.ts';
import { stmt } from './prepared.ts';
import { authQueries } from './repos/auth.ts';
import { contactQueries } from './repos/contacts.ts';
import { funnelQueries } from './repos/funnels.ts';
import { runQueries } from './repos/runs.ts';
import { stepQueries } from './repos/steps.ts';
import { taskQueries } from './repos/tasks.ts';
import { workQueries } from './repos/work.ts';
import * as schema from './schema.ts';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface SqliteOptions {
  /** `FULL` (default): every commit is durable. `NORMAL`: faster, may lose the last commits on power loss. */
  synchronous?: 'FULL' | 'NORMAL';
}

function open(file: string, opts: SqliteOptions): Db {
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  client.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
  client.pragma('busy_timeout = 10000');
  // a 64 MiB page cache: the hot index pages of runs, timers, outbox and journal stay in memory
  client.pragma('cache_size = -65536');
  client.pragma('foreign_keys = ON');
  return drizzle({ client, schema });
}

let depth = 0;
const queries = (db: Db): Tx => ({
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++depth}`;
    stmt(db.$client, `SAVEPOINT ${name}`).run();
    try {
      const out = await fn();
      stmt(db.$client, `RELEASE ${name}`).run();
      return out;
    } catch (e) {
      stmt(db.$client, `ROLLBACK TO ${name}`).run();
      stmt(db.$client, `RELEASE ${name}`).run();
      throw e;
    } finally {
      depth--;
    }
  },
  ...contactQueries(db),
  ...stepQueries(db),
  ...funnelQueries(db),
  ...runQueries(db),
  ...workQueries(db),
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

  constructor(readonly file: string, opts: SqliteOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.writer = open(file, opts);
    migrate(this.writer, { migrationsFolder: MIGRATIONS });
    this.reader = file === ':memory:' ? this.writer : open(file, opts);
    this.read = queries(this.reader);
    this.writeTx = queries(this.writer);
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const run = async () => {
      const c = this.writer.$client;
      c.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this.writeTx);
        c.exec('COMMIT');
        return out;
      } catch (e) {
        if (c.inTransaction) c.exec('ROLLBACK');
        throw e;
      }
    };
    const p = this.tail.then(run, run);
    this.tail = p.catch(() => {});
    return p;
  }

  async close(): Promise<void> {
    await this.tail;
    this.writer.$client.close();
    if (this.reader !== this.writer) this.reader.$client.close();
  }
}
