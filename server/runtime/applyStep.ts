import type { CompiledFunnel } from '../../shared/compiler/compileFunnel.ts';
import type { JournalEntry, StepResult } from '../../shared/engine/types.ts';
import { funnelLocale } from '../../shared/format/funnel.ts';
import { applyContactUpdate } from '../../shared/format/contactUpdate.ts';
import type { ContactRow, OutboxRow, RunRow, StepWrites, Tx } from '../store/types.ts';

/** A new outbox row: due at `dueAt`, sent by the dispatcher with its id as the idempotency key. */
function outboxRow(run: RunRow, id: string, node: string, channel: string, marketing: boolean, payload: Record<string, unknown>, dueAt: number, now: number): OutboxRow {
  return { id, runId: run.id, funnelId: run.funnelId, contactId: run.contactId, node, channel, marketing, payload, dueAt, status: 'pending', attempts: 0, nextAttemptAt: dueAt, lastError: null, reply: null, sentAt: null, createdAt: now };
}

/** A contact whose attributes the step may have changed; written back once at the end. */
export interface ContactRef {
  row: ContactRow;
  dirty: boolean;
}

/**
 * Writes one engine step: the run's snapshot, its timers, outbox rows, tasks, goals, contact
 * changes and journal — inside the caller's transaction, so a step is all or nothing. The common
 * rows go in one store call (`writeStep`); tasks, which need the assignee, go separately.
 * Returns the due time of the earliest timer it created (null for none).
 */
export async function applyStep(tx: Tx, cf: CompiledFunnel, run: RunRow, r: StepResult, contact: ContactRef, now: number, isNew: boolean): Promise<number | null> {
  const was = isNew ? null : { status: run.status, node: run.node };
  run.snapshot = r.snapshot!;
  run.status = r.status;
  run.node = r.at;
  run.updatedAt = now;
  if (r.status !== 'waiting') run.endedAt = now;
  const w: StepWrites = { run, isNew, was, outbox: [], timersInsert: [], timersDelete: [], ended: null, goals: [], withdraw: [], journal: [], variants: [] };
  for (const e of r.effects) {
    switch (e.kind) {
      case 'schedule':
        w.timersInsert.push({ runId: run.id, timerId: e.timerId, funnelId: run.funnelId, event: e.event, dueAt: e.dueAt });
        break;
      case 'cancel':
        w.timersDelete.push({ runId: run.id, timerId: e.timerId });
        break;
      case 'send':
        // an email's footer speaks the funnel's language
        w.outbox.push(outboxRow(run, e.id, e.node, e.channel, e.marketing, { subject: e.subject ?? null, body: e.body, ...(e.channel === 'email' ? { locale: funnelLocale(cf.funnel) } : {}) }, e.at, now));
        break;
      case 'withhold':
        w.outbox.push({ ...outboxRow(run, e.id, e.node, e.channel, e.marketing, { subject: e.subject ?? null, body: e.body }, now, now), status: 'withheld', lastError: e.reason });
        break;
      case 'webhook':
        w.outbox.push(outboxRow(run, e.id, e.node, 'webhook', false, { url: e.url, method: e.method, body: e.body ?? null }, now, now));
        break;
      case 'goal':
        w.goals.push({ runId: run.id, funnelId: run.funnelId, contactId: run.contactId, node: e.node, name: e.name, value: e.value ?? null, ...(e.foreign ? { foreign: e.foreign } : {}), at: now });
        break;
      case 'end':
        w.ended = e.status;
        break;
      case 'withdraw':
        w.withdraw.push(e.node);
        break;
      case 'createTask': {
        const userId = e.assignee.user ?? (e.assignee.role ? await assigneeFor(tx, run, e.assignee.role) : null);
        await tx.insertTask({
          id: e.taskId,
          runId: run.id,
          funnelId: run.funnelId,
          contactId: run.contactId,
          node: e.node,
          title: e.title,
          description: e.description ?? null,
          role: e.assignee.role ?? null,
          userId,
          outcomes: e.outcomes,
          status: 'open',
          outcome: null,
          dueAt: e.dueAt ?? null,
          createdAt: now,
          closedAt: null,
          closedBy: null,
        });
        break;
      }
      case 'closeTask': {
        const t = await tx.getTask(e.taskId);
        if (t && t.status === 'open') await tx.closeTask(e.taskId, { status: e.status, outcome: e.outcome ?? null, closedAt: now });
        break;
      }
      case 'updateContact': {
        // to the contact as stored in this transaction: points add to the score another run gave in the same batch
        const c = contact.row;
        contact.row = { ...c, ...applyContactUpdate(c.attributes, c.tags, e), updatedAt: now };
        contact.dirty = true;
        break;
      }
    }
  }
  w.journal = r.journal;
  w.variants = experimentsLeft(cf, r.journal, w.goals);
  await tx.writeStep(w);
  return w.ended || w.timersInsert.length === 0 ? null : Math.min(...w.timersInsert.map((t) => t.dueAt));
}

/**
 * The experiment nodes (A/B splits) a step left, with the variant taken and how many of the step's
 * goals were reached before it (a goal's place is its node's last line in the step's journal).
 */
function experimentsLeft(cf: CompiledFunnel, journal: JournalEntry[], goals: { node: string }[]): StepWrites['variants'] {
  const out: StepWrites['variants'] = [];
  journal.forEach((j, i) => {
    if (j.kind !== 'left' || !j.node || !j.exit || !cf.nodes.get(j.node)?.def.variantFor) return;
    const before = (node: string) => journal.findLastIndex((x) => x.node === node) < i;
    out.push({ node: j.node, variant: j.exit, goalsBefore: goals.filter((g) => before(g.node)).length });
  });
  return out;
}

/**
 * Who gets a task for a role: a call back in the same run goes to the manager who worked the run's
 * earlier task for that role (they know the client and wrote the note), while they still work the
 * role; otherwise the next in the role's rotation.
 */
async function assigneeFor(tx: Tx, run: RunRow, role: string): Promise<string | null> {
  const earlier = (await tx.runTasks(run.id)).find((t) => t.role === role && (t.closedBy ?? t.userId));
  const who = earlier ? (earlier.closedBy ?? earlier.userId) : null;
  if (who) {
    const u = await tx.getUser(who);
    if (u && (u.role === role || u.teams.includes(role))) return u.id;
  }
  return tx.nextAssignee(role);
}
