import { and, asc, count, desc, eq, gt, inArray, lte, min, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { stmt } from '../prepared.ts';
import { fullName } from '../../../../shared/format/contactName.ts';
import { contactAddress } from '../../../../shared/format/common.ts';
import { NOT_SENT } from '../../../../shared/engine/types.ts';
import { contacts, outbox, runs, tasks, timers } from '../schema.ts';
import type { OutboxRow, TimerRow, Tx } from '../../types.ts';
import type { SuppressionDto } from '../../../../shared/api/types.ts';
import type { PendingCounts } from './steps.ts';


/** A paused funnel sends nothing: its messages wait for the resume (which moves them on by the pause's length). */
const notPaused = sql`${outbox.funnelId} NOT IN (SELECT id FROM funnels WHERE status = 'paused')`;
/** A paused funnel's timers wait for the resume; a contact's own life-cycle timer (funnel '') belongs to none. */
const timersNotPaused = sql`${timers.funnelId} NOT IN (SELECT id FROM funnels WHERE status = 'paused')`;

/** The filters of the outbox list, the same for a page and its count. */
const outboxFilter = ({ status, contactId, funnelId }: Parameters<Tx['countOutbox']>[0]) => {
  const w: SQL[] = [];
  if (status) w.push(eq(outbox.status, status));
  if (contactId) w.push(eq(outbox.contactId, contactId));
  if (funnelId) w.push(eq(outbox.funnelId, funnelId));
  return and(...w);
};

export function insertTimersSync(db: Db, rows: TimerRow[]): void {
  const ins = stmt(db.$client, 'INSERT INTO timers (run_id, timer_id, funnel_id, event, due_at) VALUES (?,?,?,?,?) ON CONFLICT (run_id, timer_id) DO UPDATE SET due_at = excluded.due_at, event = excluded.event');
  for (const t of rows) ins.run(t.runId, t.timerId, t.funnelId, JSON.stringify(t.event), t.dueAt);
}

export function deleteTimersSync(db: Db, keys: { runId: string; timerId: string }[]): void {
  const del = stmt(db.$client, 'DELETE FROM timers WHERE run_id = ? AND timer_id = ?');
  for (const k of keys) del.run(k.runId, k.timerId);
}

export function deleteRunTimersSync(db: Db, runId: string): void {
  stmt(db.$client, 'DELETE FROM timers WHERE run_id = ?').run(runId);
}

export function insertOutboxSync(db: Db, rows: OutboxRow[]): void {
  const ins = stmt(
    db.$client,
    'INSERT INTO outbox (id, run_id, funnel_id, contact_id, node, channel, marketing, payload, due_at, status, attempts, next_attempt_at, last_error, reply, sent_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING',
  );
  for (const o of rows)
    ins.run(o.id, o.runId, o.funnelId, o.contactId, o.node, o.channel, o.marketing ? 1 : 0, JSON.stringify(o.payload), o.dueAt, o.status, o.attempts, o.nextAttemptAt, o.lastError, o.reply, o.sentAt, o.createdAt);
}

/** Cancels a run's pending messages (the contact and funnel lead the index the frequency cap also uses). */
export function cancelRunOutboxSync(db: Db, run: { id: string; contactId: string; funnelId: string }): void {
  stmt(db.$client, "UPDATE outbox SET status = 'cancelled' WHERE contact_id = ? AND funnel_id = ? AND run_id = ? AND status = 'pending'").run(run.contactId, run.funnelId, run.id);
}

/**
 * A run's messages from `node` held back for later (quiet hours, the frequency cap) are not sent:
 * the contact converted there. One due by `now` is already on its way, as in the simulator.
 */
export function withdrawOutboxSync(db: Db, run: { id: string; contactId: string; funnelId: string }, node: string, now: number): void {
  stmt(db.$client, "UPDATE outbox SET status = 'cancelled', last_error = ? WHERE contact_id = ? AND funnel_id = ? AND run_id = ? AND node = ? AND status = 'pending' AND due_at > ?").run(NOT_SENT.converted, run.contactId, run.funnelId, run.id, node, now);
}

/** Timers and the outbox: the durable work queues. */
export const workQueries = (
  db: Db,
  counts: PendingCounts,
): Pick<Tx, 'insertTimers' | 'deleteTimers' | 'deleteRunTimers' | 'dueTimers' | 'nextTimerDue' | 'dueTimersForRun' | 'shiftClock' | 'insertOutbox' | 'dueOutbox' | 'nextOutboxDue' | 'updateOutbox' | 'getOutbox' | 'markEngaged' | 'markBounced' | 'countAtNode' | 'suppress' | 'suppressions' | 'unsuppress' | 'listOutbox' | 'countOutbox' | 'undelivered' | 'marketingSends'> => ({
  async insertTimers(rows) {
    insertTimersSync(db, rows);
  },
  async deleteTimers(keys) {
    deleteTimersSync(db, keys);
  },
  async deleteRunTimers(runId) {
    deleteRunTimersSync(db, runId);
  },
  async dueTimers(now, limit) {
    return db
      .select({ runId: timers.runId, timerId: timers.timerId, funnelId: timers.funnelId, event: timers.event, dueAt: timers.dueAt })
      .from(timers)
      .where(and(lte(timers.dueAt, now), timersNotPaused))
      .orderBy(asc(timers.dueAt), asc(timers.id))
      .limit(limit)
      .all() as TimerRow[];
  },
  async nextTimerDue() {
    return (
      db
        .select({ at: min(timers.dueAt) })
        .from(timers)
        .where(timersNotPaused)
        .get()?.at ?? null
    );
  },
  async dueTimersForRun(runId, now) {
    return (stmt(db.$client, 'SELECT run_id, timer_id, funnel_id, event, due_at FROM timers WHERE run_id = ? AND due_at <= ? ORDER BY due_at, id').all(runId, now) as { run_id: string; timer_id: string; funnel_id: string; event: string; due_at: number }[]).map((t) => ({
      runId: t.run_id,
      timerId: t.timer_id,
      funnelId: t.funnel_id,
      event: JSON.parse(t.event),
      dueAt: t.due_at,
    }));
  },
  async shiftClock(funnelId, from, by) {
    const shiftedTimers = db
      .update(timers)
      .set({ dueAt: sql`${timers.dueAt} + ${by}` })
      // a date entry (run `@date:<contact>`) due after the resume keeps its own date: only the ones that fell in the pause wait it out
      .where(and(eq(timers.funnelId, funnelId), gt(timers.dueAt, from), sql`NOT (${timers.runId} LIKE '@date:%' AND ${timers.dueAt} >= ${from + by})`))
      .run().changes;
    // a message held back to after the pause began (quiet hours, the cap, a retry) keeps the wait it had left, as a timer does
    const messages = db
      .update(outbox)
      .set({ nextAttemptAt: sql`${outbox.nextAttemptAt} + ${by}`, dueAt: sql`CASE WHEN ${outbox.dueAt} > ${from} THEN ${outbox.dueAt} + ${by} ELSE ${outbox.dueAt} END` })
      .where(and(eq(outbox.funnelId, funnelId), eq(outbox.status, 'pending'), gt(outbox.nextAttemptAt, from)))
      .run().changes;
    // a task's time limit stops with the funnel's clock: the manager gets the time it had left
    const taskLimits = db
      .update(tasks)
      .set({ dueAt: sql`${tasks.dueAt} + ${by}` })
      .where(and(eq(tasks.funnelId, funnelId), eq(tasks.status, 'open'), gt(tasks.dueAt, from)))
      .run().changes;
    return { timers: shiftedTimers, messages, tasks: taskLimits };
  },
  async insertOutbox(rows) {
    insertOutboxSync(db, rows);
  },
  async dueOutbox(now, limit) {
    return db
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now), notPaused))
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.createdAt))
      .limit(limit)
      .all() as OutboxRow[];
  },
  async nextOutboxDue() {
    return db.select({ at: min(outbox.nextAttemptAt) }).from(outbox).where(and(eq(outbox.status, 'pending'), notPaused)).get()?.at ?? null;
  },
  async updateOutbox(id, patch) {
    db.update(outbox).set(patch).where(eq(outbox.id, id)).run();
  },
  async getOutbox(id) {
    return (db.select().from(outbox).where(eq(outbox.id, id)).get() as OutboxRow | undefined) ?? null;
  },
  async markEngaged(m, kind, at) {
    const column = kind === 'opened' ? 'opened_at' : 'clicked_at';
    const first = stmt(db.$client, `UPDATE outbox SET ${column} = ? WHERE id = ? AND ${column} IS NULL`).run(at, m.id).changes > 0;
    if (first) counts.bump(m.funnelId, m.node, kind);
    return first;
  },
  async listOutbox(q) {
    // newest first by the time shown for a message: when it went out, or is due to (ties by id, so
    // pages neither skip nor repeat one); with its run's correlation key (a run per order or cart),
    // so two runs' messages can be told apart, and the contact's name, so a list of everyone's
    // messages says who each went to
    return db
      .select({ row: outbox, runKey: runs.key, attributes: contacts.attributes })
      .from(outbox)
      .leftJoin(runs, eq(runs.id, outbox.runId))
      .leftJoin(contacts, eq(contacts.id, outbox.contactId))
      .where(outboxFilter(q))
      .orderBy(desc(sql`coalesce(${outbox.sentAt}, ${outbox.dueAt})`), desc(outbox.createdAt), desc(outbox.id))
      .limit(q.limit)
      .offset(q.offset ?? 0)
      .all()
      .map(({ row, runKey, attributes }) => {
        // where it went (kept when sent), else the contact's address for the channel now as they wrote it (a phone
        // without its country code is read by the channel in the workspace's country when it sends, not here);
        // a webhook action names its own URL
        const p = row.payload as { url?: unknown; to?: unknown };
        const address = p.url ? undefined : typeof p.to === 'string' ? p.to : contactAddress(row.channel, attributes);
        return { ...(row as OutboxRow), runKey: runKey ?? null, contactName: attributes ? fullName(attributes) || null : null, address };
      });
  },
  async countOutbox(q) {
    return db.select({ n: count() }).from(outbox).where(outboxFilter(q)).get()!.n;
  },
  async markBounced(m, reason) {
    const first = stmt(db.$client, "UPDATE outbox SET status = 'bounced', last_error = ? WHERE id = ? AND status = 'sent'").run(reason, m.id).changes > 0;
    if (first) counts.bump(m.funnelId, m.node, 'bounced');
    return first;
  },
  async countAtNode(funnelId, node, kind) {
    counts.bump(funnelId, node, kind);
  },
  async suppress(x) {
    stmt(db.$client, 'INSERT INTO suppressions (channel, address, reason, message_id, contact_id, at) VALUES (?,?,?,?,?,?) ON CONFLICT (channel, address) DO NOTHING').run(x.channel, x.address, x.reason, x.messageId, x.contactId, x.at);
  },
  async suppressions(keys) {
    if (!keys.length) return [];
    const rows = stmt(db.$client, `SELECT channel, address, reason, message_id AS messageId, at FROM suppressions WHERE ${keys.map(() => '(channel = ? AND address = ?)').join(' OR ')}`).all(...keys.flatMap((k) => [k.channel, k.address]));
    return rows as SuppressionDto[];
  },
  async unsuppress(channel, address) {
    return stmt(db.$client, 'DELETE FROM suppressions WHERE channel = ? AND address = ?').run(channel, address).changes > 0;
  },
  async undelivered(run) {
    // the contact and funnel lead the index the run's other outbox queries use
    const rows = stmt(db.$client, "SELECT node, status, last_error FROM outbox WHERE contact_id = ? AND funnel_id = ? AND run_id = ? AND status IN ('failed', 'withheld', 'bounced') ORDER BY created_at, id").all(run.contactId, run.funnelId, run.id) as { node: string; status: 'failed' | 'withheld' | 'bounced'; last_error: string | null }[];
    return rows.map((r) => ({ node: r.node, status: r.status, lastError: r.last_error }));
  },
  async marketingSends(funnelId, contactId, since, excludeRunId) {
    return db
      .select({ at: outbox.dueAt })
      .from(outbox)
      .where(and(eq(outbox.funnelId, funnelId), eq(outbox.contactId, contactId), eq(outbox.marketing, true), gt(outbox.dueAt, since), ne(outbox.runId, excludeRunId), inArray(outbox.status, ['pending', 'sent', 'dev'])))
      .all()
      .map((r) => r.at);
  },
});
