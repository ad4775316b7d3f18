import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { stmt } from '../prepared.ts';
import { funnelVersions, funnels } from '../schema.ts';
import type { FunnelRow, Tx, VersionRow } from '../../types.ts';

export const funnelQueries = (db: Db): Pick<Tx, 'listFunnels' | 'getFunnel' | 'insertFunnel' | 'updateFunnel' | 'deleteFunnel' | 'insertVersion' | 'listVersions' | 'getVersion' | 'publishedVersions'> => ({
  async listFunnels() {
    return db.select().from(funnels).orderBy(desc(funnels.updatedAt)).all() as FunnelRow[];
  },
  async getFunnel(id) {
    return (db.select().from(funnels).where(eq(funnels.id, id)).get() as FunnelRow | undefined) ?? null;
  },
  async insertFunnel(f) {
    db.insert(funnels).values(f).run();
  },
  async updateFunnel(id, patch) {
    db.update(funnels).set(patch).where(eq(funnels.id, id)).run();
  },
  async deleteFunnel(id) {
    // its history and statistics go with it: a funnel made again under the same id starts clean
    // (no old runs to block re-entry, no old counts); messages already queued are still sent
    stmt(db.$client, 'DELETE FROM journal WHERE run_id IN (SELECT id FROM runs WHERE funnel_id = ?)').run(id);
    for (const table of ['runs', 'tasks', 'node_counts', 'goals', 'run_variants']) stmt(db.$client, `DELETE FROM ${table} WHERE funnel_id = ?`).run(id);
    db.delete(funnelVersions).where(eq(funnelVersions.funnelId, id)).run();
    db.delete(funnels).where(eq(funnels.id, id)).run();
  },
  async insertVersion(v) {
    db.insert(funnelVersions).values(v).run();
  },
  async listVersions(funnelId) {
    return db.select().from(funnelVersions).where(eq(funnelVersions.funnelId, funnelId)).orderBy(desc(funnelVersions.version)).all() as VersionRow[];
  },
  async getVersion(funnelId, version) {
    return (
      (db.select().from(funnelVersions).where(and(eq(funnelVersions.funnelId, funnelId), eq(funnelVersions.version, version))).get() as VersionRow | undefined) ?? null
    );
  },
  async publishedVersions() {
    return db
      .select({ v: funnelVersions, status: funnels.status })
      .from(funnels)
      .innerJoin(funnelVersions, and(eq(funnelVersions.funnelId, funnels.id), eq(funnelVersions.version, funnels.version)))
      .where(inArray(funnels.status, ['live', 'paused']))
      .all()
      .map((r) => ({ ...(r.v as VersionRow), paused: r.status === 'paused' }));
  },
});
