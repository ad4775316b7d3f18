import { notSentCount, type JournalEntry } from '../../../../shared/engine/types.ts';
import type { Db } from '../db.ts';
import { stmt } from '../prepared.ts';
import type { Tx } from '../../types.ts';
import { insertRunSync, updateRunSync } from './runs.ts';
import { insertGoalsSync } from './tasks.ts';
import { cancelRunOutboxSync, deleteRunTimersSync, withdrawOutboxSync, deleteTimersSync, insertOutboxSync, insertTimersSync } from './work.ts';

/**
 * Per-node counts (entered, left by exit, waiting now) added up in memory during a transaction and
 * written at its commit: one upsert per node and exit for a whole group commit instead of a row
 * per entry. A savepoint is a layer, dropped when it rolls back, merged when it is released.
 */
export class PendingCounts {
  private layers: Map<string, number>[] = [new Map()];

  add(funnelId: string, entries: JournalEntry[]): void {
    const top = this.layers[this.layers.length - 1];
    for (const e of entries) {
      // a message not sent at its step (no consent, a value it could not write) counts at its node, so the stats can say so
      if (e.node && e.kind === 'skipped') {
        this.bump(funnelId, e.node, notSentCount(e.reason));
        continue;
      }
      if (!e.node || (e.kind !== 'entered' && (e.kind !== 'left' || !e.exit))) continue;
      const key = `${funnelId}\u0000${e.node}\u0000${e.kind}\u0000${e.kind === 'left' ? e.exit : ''}`;
      top.set(key, (top.get(key) ?? 0) + 1);
    }
  }

  /** One more of `kind` (e.g. `opened`) at a node. */
  bump(funnelId: string, node: string, kind: string): void {
    const top = this.layers[this.layers.length - 1];
    const key = `${funnelId}\u0000${node}\u0000${kind}\u0000`;
    top.set(key, (top.get(key) ?? 0) + 1);
  }

  /** A run stopped waiting at `from` and/or started waiting at `to` (null: not waiting). */
  moved(funnelId: string, from: string | null, to: string | null): void {
    if (from === to) return;
    const top = this.layers[this.layers.length - 1];
    for (const [node, d] of [[from, -1], [to, 1]] as const) {
      if (node === null) continue;
      const key = `${funnelId}\u0000${node}\u0000waiting\u0000`;
      top.set(key, (top.get(key) ?? 0) + d);
    }
  }

  begin(): void {
    this.layers.push(new Map());
  }

  release(): void {
    const top = this.layers.pop()!;
    const below = this.layers[this.layers.length - 1];
    for (const [k, n] of top) below.set(k, (below.get(k) ?? 0) + n);
  }

  rollback(): void {
    this.layers.pop();
  }

  /** Writes the counts inside the transaction about to commit. */
  flush(db: Db): void {
    const up = stmt(db.$client, 'INSERT INTO node_counts (funnel_id, node, kind, exit, n) VALUES (?,?,?,?,?) ON CONFLICT (funnel_id, node, kind, exit) DO UPDATE SET n = n + excluded.n');
    for (const [k, n] of this.layers[0]) if (n !== 0) up.run(...k.split('\u0000'), n);
    this.reset();
  }

  reset(): void {
    this.layers = [new Map()];
  }
}

/** The step's writes as one synchronous batch of prepared statements. */
export const stepQueries = (db: Db, counts: PendingCounts): Pick<Tx, 'writeStep'> => ({
  async writeStep(w) {
    if (w.isNew) insertRunSync(db, w.run);
    else updateRunSync(db, w.run);
    const waitingAt = (r: { status: string; node: string | null } | null) => (r?.status === 'waiting' ? r.node : null);
    counts.moved(w.run.funnelId, waitingAt(w.was), waitingAt(w.run));
    if (w.outbox.length) insertOutboxSync(db, w.outbox);
    if (w.ended) {
      deleteRunTimersSync(db, w.run.id);
      if (w.ended === 'exited') cancelRunOutboxSync(db, w.run);
    } else {
      if (w.timersDelete.length) deleteTimersSync(db, w.timersDelete);
      if (w.timersInsert.length) insertTimersSync(db, w.timersInsert);
    }
    // a goal's id is one above the largest before it: the step's goals before a variant end at floor + goalsBefore
    const floor = w.variants.length ? (stmt(db.$client, 'SELECT coalesce(max(id), 0) AS n FROM goals').get() as { n: number }).n : 0;
    if (w.goals.length) insertGoalsSync(db, w.goals);
    for (const v of w.variants)
      stmt(db.$client, 'INSERT INTO run_variants (run_id, funnel_id, node, variant, at, goal_floor) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING').run(w.run.id, w.run.funnelId, v.node, v.variant, w.run.updatedAt, floor + v.goalsBefore);
    for (const node of w.withdraw) withdrawOutboxSync(db, w.run, node, w.run.updatedAt);
    if (w.journal.length) {
      stmt(db.$client, 'INSERT INTO journal (run_id, at, entries) VALUES (?,?,?)').run(w.run.id, w.journal[0].at, JSON.stringify(w.journal));
      counts.add(w.run.funnelId, w.journal);
    }
  },
});
