import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { runs } from '../schema.ts';
import type { RunRow, Tx } from '../../types.ts';

export const runQueries = (db: Db): Pick<Tx, 'insertRun' | 'updateRun' | 'getRun' | 'waitingRuns' | 'contactRuns' | 'listRuns' | 'countRuns'> => ({
  async insertRun(r) {
    db.insert(runs).values(r).run();
  },
  async updateRun(r) {
    db.update(runs).set({ status: r.status, node: r.node, snapshot: r.snapshot, updatedAt: r.updatedAt, endedAt: r.endedAt }).where(eq(runs.id, r.id)).run();
  },
  async getRun(id) {
    return (db.select().from(runs).where(eq(runs.id, id)).get() as RunRow | undefined) ?? null;
  },
  async waitingRuns(contactId, funnelId) {
    const w = [eq(runs.contactId, contactId), eq(runs.status, 'waiting')];
    if (funnelId) w.push(eq(runs.funnelId, funnelId));
    return db.select().from(runs).where(and(...w)).orderBy(runs.startedAt).all() as RunRow[];
  },
  async contactRuns(contactId, funnelId) {
    return db.select().from(runs).where(and(eq(runs.contactId, contactId), eq(runs.funnelId, funnelId))).orderBy(runs.startedAt).all() as RunRow[];
  },
  async listRuns({ contactId, funnelId, status, limit }) {
    const w: SQL[] = [];
    if (contactId) w.push(eq(runs.contactId, contactId));
    if (funnelId) w.push(eq(runs.funnelId, funnelId));
    if (status) w.push(eq(runs.status, status));
    return db.select().from(runs).where(and(...w)).orderBy(desc(runs.startedAt)).limit(limit).all() as RunRow[];
  },
  async countRuns() {
    return db.select({ n: count() }).from(runs).get()!.n;
  },
});
