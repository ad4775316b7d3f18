import { textFieldError } from '../../shared/format/common.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { funnelCurrency } from '../../shared/format/funnel.ts';
import type { AppContext } from '../context.ts';
import type { Env } from '../http/auth.ts';
import { jsonBody, query } from '../http/body.ts';
import { pageHeaders, paging, totalOf } from '../http/paging.ts';
import { HttpError } from '../http/errors.ts';
import type { TaskRow, UserRow } from '../store/types.ts';

/** `GET /api/tasks`'s query (the OpenAPI document lists its parameters from it). */
export const TasksQuery = z.strictObject({
  mine: z.enum(['0', '1']).optional().describe("1: only the tasks assigned to me or to my roles' queues"),
  /** `me`: only the tasks assigned to me, not my roles' queues (a manager's «Мои»). */
  assigned: z.enum(['me']).optional().describe("me: only the tasks assigned to me, not my roles' queues"),
  status: z.enum(['open', 'done', 'overdue', 'cancelled']).optional(),
  role: z.string().optional(),
  contactId: z.string().optional(),
  ...paging(100),
});
const CompleteBody = z.strictObject({
  outcome: z.string({ error: textFieldError('one of the task outcome ids') }).min(1, { error: 'must not be empty: one of the task outcome ids' }),
  note: z.string({ error: 'must be text' }).max(2000, { error: 'must be at most 2000 characters' }).optional(),
  amount: z.number({ error: 'must be a number: the deal\'s value' }).finite().nonnegative({ error: 'must not be negative' }).max(1e12, { error: 'is too large' }).optional(),
});
export const AssignBody = z.strictObject({ userId: z.string().min(1).nullable() });

/** The roles whose tasks a user works: their role and teams. */
const rolesOf = (u: UserRow) => [u.role, ...u.teams];
const mayWork = (u: UserRow, t: TaskRow) => u.role === 'admin' || t.userId === u.id || (t.role !== null && rolesOf(u).includes(t.role));

const userNames = async (ctx: AppContext) => new Map((await ctx.store.read.listUsers()).map((x) => [x.id, x.name]));

/** `/api/tasks`: the managers' inbox. A manager sees and completes only their own and their roles' tasks. */
export function taskRoutes(ctx: AppContext) {
  const r = new Hono<Env>();
  r.get('/', async (c) => {
    const q = query(c, TasksQuery);
    const u = c.var.user;
    const seesAll = u.role === 'admin' || u.role === 'marketer' || u.role === 'qa';
    // a role filter shows that role's queue (a manager only their own roles'); otherwise a
    // manager (or anyone with mine=1) sees tasks assigned to them or to their roles
    const byRole = q.role !== undefined;
    const scoped = q.mine === '1' || !seesAll;
    // the page and its count by the same filter: a manager's total is of the tasks they may see
    const filter = {
      status: q.status,
      contactId: q.contactId,
      userId: !byRole && (scoped || q.assigned) ? u.id : undefined,
      roles: byRole ? (seesAll || rolesOf(u).includes(q.role!) ? [q.role!] : []) : q.assigned ? [] : scoped ? rolesOf(u) : undefined,
    };
    const tasks = await ctx.store.read.listTasks({ ...filter, limit: q.limit, offset: q.offset, now: ctx.clock.now() });
    pageHeaders(c, { ...q, total: await totalOf(tasks, q, () => ctx.store.read.countTasks(filter)) });
    const now = ctx.clock.now();
    const out = [];
    const currencies = new Map<string, string>();
    // who has each task and who decided each closed one, by name (a manager may not list the users)
    const names = tasks.some((t) => t.closedBy || t.userId) ? await userNames(ctx) : new Map<string, string>();
    for (const t of tasks) {
      const contact = await ctx.store.read.getContact(t.contactId);
      if (!currencies.has(t.funnelId)) currencies.set(t.funnelId, funnelCurrency((await ctx.store.read.getFunnel(t.funnelId))?.draft));
      const closedByName = t.closedBy ? (names.get(t.closedBy) ?? null) : null;
      const userName = t.userId ? names.get(t.userId) : undefined;
      out.push({ ...t, currency: currencies.get(t.funnelId), overdue: t.status === 'overdue' || (t.status === 'open' && t.dueAt !== null && t.dueAt < now), contact: contact && { id: contact.id, attributes: contact.attributes }, ...(closedByName ? { closedByName } : {}), ...(userName ? { userName } : {}) });
    }
    return c.json(out);
  });
  r.get('/:id', async (c) => {
    const t = await ctx.store.read.getTask(c.req.param('id'));
    if (!t || !mayWork(c.var.user, t) && c.var.user.role === 'manager') throw new HttpError(404, `no task "${c.req.param('id')}"`);
    const [contact, run, journal, orders] = await Promise.all([ctx.store.read.getContact(t.contactId), ctx.store.read.getRun(t.runId), ctx.store.read.runJournal(t.runId), ctx.store.read.listOrders(t.contactId)]);
    const funnel = await ctx.store.read.getFunnel(t.funnelId);
    const now = ctx.clock.now();
    // the run's earlier tasks (a call back after «перезвонить позже»): what came of them and the notes
    const earlier = (await ctx.store.read.runTasks(t.runId)).filter((x) => x.id !== t.id && x.createdAt <= t.createdAt);
    // a payment that came as an event of its own since the task was set (orders are listed apart)
    const paidSince = await ctx.contacts.payments(t.contactId, t.createdAt);
    const names = t.userId || t.closedBy ? await userNames(ctx) : new Map<string, string>();
    const userName = t.userId ? names.get(t.userId) : undefined;
    const closedByName = t.closedBy ? names.get(t.closedBy) : undefined;
    return c.json({ ...t, ...(userName ? { userName } : {}), ...(closedByName ? { closedByName } : {}), ...(paidSince.length ? { paidSince } : {}), earlier, overdue: t.status === 'overdue' || (t.status === 'open' && t.dueAt !== null && t.dueAt < now), contact, currency: funnelCurrency(funnel?.draft), funnel: funnel && { id: funnel.id, name: funnel.name }, run: run && { id: run.id, status: run.status, node: run.node }, path: run ? await ctx.paths.path(run, journal, contact) : [], orders });
  });
  /**
   * Takes a task of your role (e.g. a colleague's while they are away), gives your own back to the
   * role's queue (null), or — admin and marketer — gives it to anyone.
   */
  r.post('/:id/assign', async (c) => {
    const { userId } = await jsonBody(c, AssignBody);
    const u = c.var.user;
    const t = await ctx.store.read.getTask(c.req.param('id'));
    if (!t || (u.role === 'manager' && !mayWork(u, t))) throw new HttpError(404, `no task "${c.req.param('id')}"`);
    if (u.role === 'manager') {
      // (mayWork above: the task is theirs or their role's — a colleague's task of the same role may be taken over)
      const takes = userId === u.id;
      const givesBack = userId === null && t.userId === u.id;
      if (!takes && !givesBack) throw new HttpError(403, 'a manager can take a task of their role or give back their own; ask a marketer to give it to someone else');
    }
    if (u.role === 'qa') throw new HttpError(403, 'this needs the role manager, marketer or admin');
    if (userId !== null && !(await ctx.store.read.getUser(userId))) throw new HttpError(404, `userId: no user "${userId}"`);
    if (userId === null && t.role === null) throw new HttpError(409, 'userId: this task has no role queue to go back to');
    const done = await ctx.store.transaction((tx) => tx.assignTask(t.id, userId));
    if (!done) throw new HttpError(409, `task "${t.id}" is already ${t.status === 'open' ? 'closed' : t.status}`);
    return c.json(await ctx.store.read.getTask(t.id));
  });
  r.post('/:id/complete', async (c) => {
    const { outcome, note, amount } = await jsonBody(c, CompleteBody);
    const t = await ctx.store.read.getTask(c.req.param('id'));
    if (!t) throw new HttpError(404, `no task "${c.req.param('id')}"`);
    const u = c.var.user;
    if (u.role === 'qa' || u.role === 'marketer' ? false : !mayWork(u, t)) throw new HttpError(403, 'this task is assigned to someone else');
    await ctx.runtime.completeTask(t.id, outcome, u.id, note?.trim() || undefined, amount);
    return c.json(await ctx.store.read.getTask(t.id));
  });
  return r;
}
