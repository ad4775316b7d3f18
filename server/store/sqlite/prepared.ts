import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement, cached per connection. The hot path of a step (runs, timers, outbox,
 * journal, events) uses these instead of building a query per call: preparing dominated.
 */
export function stmt(client: Database.Database, sql: string): Database.Statement {
  let m = cache.get(client);
  if (!m) cache.set(client, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = client.prepare(sql)));
  return s;
}
