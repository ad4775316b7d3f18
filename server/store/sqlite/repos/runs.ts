import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { stmt } from '../prepared.ts';
import { runs } from '../schema.ts';
import type { RunRow, Tx } from '../../types.ts';

type RawRun = { id: string; funnel_id: string; version: number; contact_id: string; key: string | null; trigger: string; status: string; node: string | null; snapshot: string; started_at: number; updated_at: number; ended_at: number | null };
const toRun = (r: RawRun): RunRow => ({
  id: r.id,
  funnelId: r.funnel_id,
  version: r.version,
  contactId: r.contact_id,
  key: r.key,
  trigger: r.trigger,
  status: r.status as RunRow['status'],
  node: r.node,
  snapshot: JSON.parse(r.snapshot),
  startedAt: r.started_at,
  updatedAt: r.updated_at,
  endedAt: r.ended_at,
});

export function insertRunSync(db: Db, r: RunRow): void {
  stmt(db.$client, 'INSERT INTO runs (id, funnel_id, version, contact_id, key, "trigger", status, node, snapshot, started_at, updated_at, ended_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)').run(
    r.id, r.funnelId, r.version, r.contactId, r.key, r.trigger, r.status, r.node, JSON.stringify(r.snapshot), r.startedAt, r.updatedAt, r.endedAt,
  );
}

export function updateRunSync(db: Db, r: RunRow): void {
  stmt(db.$client, 'UPDATE runs SET status = ?, node = ?, snapshot = ?, updated_at = ?, ended_at = ? WHERE id = ?').run(r.status, r.node, JSON.stringify(r.snapshot), r.updatedAt, r.endedAt, r.id);
}

/** The filters of the runs list, the same for a page and its count. */
const runFilter = ({ contactId, funnelId, status }: NonNullable<Parameters<Tx['countRuns']>[0]>) => {
  const w: SQL[] = [];
  if (contactId) w.push(eq(runs.contactId, contactId));
  if (funnelId) w.push(eq(runs.funnelId, funnelId));
  if (status) w.push(eq(runs.status, status));
  return and(...w);
};

export const runQueries = (db: Db): Pick<Tx, 'insertRun' | 'updateRun' | 'getRun' | 'getRuns' | 'waitingRuns' | 'contactRuns' | 'listRuns' | 'countRuns'> => ({
  async insertRun(r) {
    insertRunSync(db, r);
  },
  async updateRun(r) {
    updateRunSync(db, r);
  },
  async getRun(id) {
    const r = stmt(db.$client, 'SELECT * FROM runs WHERE id = ?').get(id) as RawRun | undefined;
    return r ? toRun(r) : null;
  },
  async getRuns(ids) {
    if (ids.length === 0) return [];
    return (stmt(db.$client, 'SELECT * FROM runs WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as RawRun[]).map(toRun);
  },
  async waitingRuns(contactId, funnelId) {
    const rows = funnelId
      ? stmt(db.$client, "SELECT * FROM runs WHERE contact_id = ? AND status = 'waiting' AND funnel_id = ? ORDER BY started_at").all(contactId, funnelId)
      : stmt(db.$client, "SELECT * FROM runs WHERE contact_id = ? AND status = 'waiting' ORDER BY started_at").all(contactId);
    return (rows as RawRun[]).map(toRun);
  },
  async contactRuns(contactId, funnelId) {
    const rows = stmt(db.$client, 'SELECT id, key, status, started_at, ended_at FROM runs INDEXED BY runs_contact_funnel WHERE contact_id = ? AND funnel_id = ? ORDER BY started_at').all(contactId, funnelId) as RawRun[];
    return rows.map((r) => ({ id: r.id, key: r.key, status: r.status as RunRow['status'], startedAt: r.started_at, endedAt: r.ended_at }));
  },
  async listRuns(q) {
    // newest first; runs started in the same millisecond (a batch of events) by id, so pages neither skip nor repeat one
    return db.select().from(runs).where(runFilter(q)).orderBy(desc(runs.startedAt), desc(runs.id)).limit(q.limit).offset(q.offset ?? 0).all() as RunRow[];
  },
  async countRuns(q = {}) {
    return db.select({ n: count() }).from(runs).where(runFilter(q)).get()!.n;
  },
});
