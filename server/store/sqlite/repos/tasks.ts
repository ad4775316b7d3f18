import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { stmt } from '../prepared.ts';
import { assignCursor, goals, tasks, users } from '../schema.ts';
import type { JournalEntry } from '../../../../shared/engine/types.ts';
import type { GoalRow, NodeStats, TaskRow, Tx } from '../../types.ts';

export function insertGoalsSync(db: Db, rows: GoalRow[]): void {
  const ins = stmt(db.$client, 'INSERT INTO goals (run_id, funnel_id, contact_id, node, name, value, foreign_amount, foreign_currency, at) VALUES (?,?,?,?,?,?,?,?,?)');
  for (const g of rows) ins.run(g.runId, g.funnelId, g.contactId, g.node, g.name, g.value, g.foreign?.amount ?? null, g.foreign?.currency ?? null, g.at);
}

/**
 * The filters of the tasks list, the same for a page and its count (a manager's count is of what
 * they may see): null when nothing can match (`roles: []` and no user).
 */
function taskFilter({ status, userId, roles, contactId }: Parameters<Tx['countTasks']>[0]): SQL | undefined | null {
  if (roles && roles.length === 0 && !userId) return null;
  const w: SQL[] = [];
  if (status) w.push(eq(tasks.status, status));
  if (contactId) w.push(eq(tasks.contactId, contactId));
  const mine: SQL[] = [];
  if (userId) mine.push(eq(tasks.userId, userId));
  if (roles?.length) mine.push(inArray(tasks.role, roles));
  if (mine.length) w.push(or(...mine)!);
  return and(...w);
}

export const taskQueries = (
  db: Db,
): Pick<Tx, 'insertTask' | 'getTask' | 'assignTask' | 'closeTask' | 'runTasks' | 'listTasks' | 'countTasks' | 'nextAssignee' | 'runJournal' | 'insertGoals' | 'insertEvent' | 'contactEvents' | 'nodeStats' | 'lateTasks' | 'goalStats' | 'runsStartedBetween' | 'runGoals' | 'goalsBetween' | 'goalRuns' | 'variantStats'> => ({
  async insertTask(t) {
    db.insert(tasks).values(t).onConflictDoNothing().run();
  },
  async getTask(id) {
    return (db.select().from(tasks).where(eq(tasks.id, id)).get() as TaskRow | undefined) ?? null;
  },
  async assignTask(id, userId) {
    return stmt(db.$client, "UPDATE tasks SET user_id = ? WHERE id = ? AND status = 'open'").run(userId, id).changes > 0;
  },
  async closeTask(id, patch) {
    db.update(tasks).set(patch).where(eq(tasks.id, id)).run();
  },
  async runTasks(runId) {
    return db.select().from(tasks).where(eq(tasks.runId, runId)).orderBy(desc(tasks.createdAt)).all() as TaskRow[];
  },
  async listTasks(q) {
    const where = taskFilter(q);
    if (where === null) return [];
    // overdue first, then the earliest due, then the oldest (then by id, so pages neither skip nor repeat one)
    return db
      .select()
      .from(tasks)
      .where(where)
      .orderBy(sql`case when ${tasks.status} = 'overdue' or (${tasks.status} = 'open' and ${tasks.dueAt} is not null and ${tasks.dueAt} < ${q.now}) then 0 else 1 end`, asc(sql`coalesce(${tasks.dueAt}, 9e15)`), asc(tasks.createdAt), asc(tasks.id))
      .limit(q.limit)
      .offset(q.offset ?? 0)
      .all() as TaskRow[];
  },
  async countTasks(q) {
    const where = taskFilter(q);
    return where === null ? 0 : db.select({ n: count() }).from(tasks).where(where).get()!.n;
  },
  async nextAssignee(role) {
    const candidates = db
      .select({ id: users.id, role: users.role, teams: users.teams })
      .from(users)
      .orderBy(asc(users.createdAt), asc(users.id))
      .all()
      .filter((u) => u.role === role || u.teams.includes(role));
    if (candidates.length === 0) return null;
    const cur = db.select().from(assignCursor).where(eq(assignCursor.role, role)).get();
    const i = cur ? (cur.last + 1) % candidates.length : 0;
    db.insert(assignCursor).values({ role, last: i }).onConflictDoUpdate({ target: assignCursor.role, set: { last: i } }).run();
    return candidates[i].id;
  },
  async runJournal(runId) {
    const rows = stmt(db.$client, 'SELECT entries FROM journal WHERE run_id = ? ORDER BY id').all(runId) as { entries: string }[];
    return rows.flatMap((r) => JSON.parse(r.entries) as JournalEntry[]);
  },
  async insertGoals(rows) {
    insertGoalsSync(db, rows);
  },
  async contactEvents(contactId, limit) {
    const rows = stmt(db.$client, 'SELECT id, contact_id, type, data, at, received_at FROM events WHERE contact_id = ? ORDER BY at DESC, received_at DESC LIMIT ?').all(contactId, limit) as {
      id: string;
      contact_id: string;
      type: string;
      data: string;
      at: number;
      received_at: number;
    }[];
    return rows.map((r) => ({ id: r.id, contactId: r.contact_id, type: r.type, data: JSON.parse(r.data), at: r.at, receivedAt: r.received_at }));
  },
  async insertEvent(e) {
    return (
      stmt(db.$client, 'INSERT INTO events (id, contact_id, type, data, at, received_at) VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING').run(e.id, e.contactId, e.type, JSON.stringify(e.data), e.at, e.receivedAt)
        .changes > 0
    );
  },
  async lateTasks(funnelId, now) {
    return stmt(db.$client, "SELECT node, COUNT(*) AS n FROM tasks WHERE funnel_id = ? AND status = 'open' AND due_at IS NOT NULL AND due_at <= ? GROUP BY node").all(funnelId, now) as { node: string; n: number }[];
  },
  async nodeStats(funnelId) {
    const stats = new Map<string, NodeStats>();
    const get = (node: string) => {
      let s = stats.get(node);
      if (!s) stats.set(node, (s = { node, entered: 0, waiting: 0, exits: {} }));
      return s;
    };
    const rows = stmt(db.$client, 'SELECT node, kind, exit, n FROM node_counts WHERE funnel_id = ?').all(funnelId) as { node: string; kind: string; exit: string; n: number }[];
    for (const r of rows) {
      if (r.kind === 'entered') get(r.node).entered += r.n;
      else if (r.kind === 'waiting') get(r.node).waiting += r.n;
      else if (r.kind === 'opened' || r.kind === 'clicked' || r.kind === 'skipped' || r.kind === 'bounced' || r.kind === 'blocked' || r.kind === 'noAddress' || r.kind === 'unreadable') get(r.node)[r.kind] = (get(r.node)[r.kind] ?? 0) + r.n;
      else get(r.node).exits[r.exit] = (get(r.node).exits[r.exit] ?? 0) + r.n;
    }
    return [...stats.values()];
  },
  async goalStats(funnelId) {
    const rows = db
      .select({ node: goals.node, name: goals.name, count: sql<number>`count(*)`, revenue: sql<number>`coalesce(sum(${goals.value}), 0)`, valueless: sql<number>`sum(CASE WHEN ${goals.value} IS NULL AND ${goals.foreignCurrency} IS NULL THEN 1 ELSE 0 END)` })
      .from(goals)
      .where(eq(goals.funnelId, funnelId))
      .groupBy(goals.node, goals.name)
      .orderBy(desc(sql`count(*)`))
      .all();
    // values in other currencies, per goal and currency: said beside the revenue they are not part of
    const foreign = stmt(db.$client, 'SELECT node, name, foreign_currency AS currency, sum(foreign_amount) AS amount, count(*) AS n FROM goals WHERE funnel_id = ? AND foreign_currency IS NOT NULL GROUP BY node, name, foreign_currency').all(funnelId) as { node: string; name: string; currency: string; amount: number; n: number }[];
    return rows.map(({ valueless, ...r }) => {
      const own = foreign.filter((f) => f.node === r.node && f.name === r.name);
      return { ...r, ...(own.length ? { foreign: own.map(({ currency, amount, n }) => ({ currency, amount, count: n })) } : {}), ...(valueless > 0 ? { valueless } : {}) };
    });
  },
  async runsStartedBetween(funnelId, bounds) {
    // one count over the (funnel, started) index per interval
    const count = stmt(db.$client, 'SELECT count(*) AS n FROM runs WHERE funnel_id = ? AND started_at >= ? AND started_at < ?');
    return bounds.slice(1).map((to, i) => (count.get(funnelId, bounds[i], to) as { n: number }).n);
  },
  async runGoals(runId) {
    return stmt(db.$client, 'SELECT node, value, foreign_amount AS foreignAmount, foreign_currency AS foreignCurrency, at FROM goals WHERE run_id = ? ORDER BY at, id').all(runId) as Awaited<ReturnType<Tx['runGoals']>>;
  },
  async goalsBetween(funnelId, from, to) {
    return stmt(db.$client, 'SELECT run_id AS runId, node, value, at FROM goals WHERE funnel_id = ? AND at >= ? AND at < ? ORDER BY at').all(funnelId, from, to) as { runId: string; node: string; value: number | null; at: number }[];
  },
  async goalRuns(funnelId, except) {
    const row = stmt(db.$client, 'SELECT count(DISTINCT run_id) AS n FROM goals WHERE funnel_id = ? AND node NOT IN (SELECT value FROM json_each(?))').get(funnelId, JSON.stringify(except)) as { n: number };
    return row.n;
  },
  async variantStats(funnelId, goals) {
    // a run's goals after it took the variant (of the same millisecond: stored after it): it
    // converted when one of them counts; its revenue is every such goal's value (stage sales and
    // manager deals alike, as the funnel's revenue)
    const after = 'g.run_id = v.run_id AND (g.at > v.at OR (g.at = v.at AND g.id > v.goal_floor))';
    // `reached`: the run's journal has that node entered after the split's own entry (a later journal
    // row, or later in the row that entered the split: a goal passed just before it does not count)
    const splitAt = (col: string) =>
      `(SELECT ${col} FROM journal j2, json_each(j2.entries) e2 WHERE j2.run_id = v.run_id AND json_extract(e2.value, '$.kind') = 'entered' AND json_extract(e2.value, '$.node') = v.node ORDER BY j2.id, e2.key LIMIT 1)`;
    const converted =
      'reached' in goals
        ? `EXISTS (SELECT 1 FROM journal j, json_each(j.entries) e WHERE j.run_id = v.run_id AND json_extract(e.value, '$.kind') = 'entered' AND json_extract(e.value, '$.node') = ? AND (j.id > ${splitAt('j2.id')} OR (j.id = ${splitAt('j2.id')} AND e.key > ${splitAt('e2.key')})))`
        : `EXISTS (SELECT 1 FROM goals g WHERE ${after} AND ${'only' in goals ? 'g.node IN (SELECT value FROM json_each(?))' : 'g.node NOT IN (SELECT value FROM json_each(?))'})`;
    return stmt(
      db.$client,
      `SELECT v.node, v.variant, count(*) AS entered,
              sum(${converted}) AS converted,
              coalesce(sum((SELECT sum(g.value) FROM goals g WHERE ${after})), 0) AS revenue
       FROM run_variants v WHERE v.funnel_id = ? GROUP BY v.node, v.variant`,
    ).all('reached' in goals ? goals.reached : JSON.stringify('only' in goals ? goals.only : goals.except), funnelId) as { node: string; variant: string; entered: number; converted: number; revenue: number }[];
  },
});
