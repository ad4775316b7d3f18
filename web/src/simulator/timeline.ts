import type { JournalKind } from '../../../shared/engine/types.ts';
import type { DateGap } from '../../../shared/nodes/untilDate.ts';
import type { SimMessage, SimTask, Simulator } from '../../../shared/simulator/Simulator.ts';

/** One line of the simulator's timeline: a journal entry, or a postponed message going out later. */
export interface TimelineItem {
  key: string;
  at: number;
  kind: JournalKind | 'delivered' | 'goal';
  runId: string;
  node?: string;
  exit?: string;
  cause?: string;
  reason?: string;
  /** `left` a date step at once: why it did not wait (no date, not a date, a moment already past). */
  noDate?: DateGap;
  /** The message sent (for `sent` and `delivered`) or waiting to go out (for `postponed`). */
  message?: SimMessage;
  /** `postponed`: when it was to go out; and why it then did not (`NOT_SENT`), once withdrawn. */
  until?: number;
  notSent?: string;
  /** The hand-off task created when the run entered a handoff node. */
  task?: SimTask;
  /** What an action node did to the contact (attributes, points, tags), on the line where the run entered it. */
  update?: Simulator['updates'][number];
  /** The conversion recorded (a goal node, a stage's sale, an outcome that counts), with its value. */
  goal?: { name: string; value?: number; foreign?: { amount: number; currency: string }; unread?: { path: string; value: string } };
}

/**
 * Everything that happened in a simulation, in order: the journal, with each message attached to
 * the line that sent it, postponed messages shown again when they actually go out, and each
 * hand-off task attached to the line where the run entered its node; each goal reached follows
 * the last line of its node at that moment.
 */
export function timelineItems(sim: Simulator): TimelineItem[] {
  const sent = [...sim.messages];
  const waiting = [...sim.pending];
  const tasks = [...sim.tasks];
  const updates = [...sim.updates];
  const delivered: TimelineItem[] = [];
  const take = <T>(list: T[], match: (x: T) => boolean): T | undefined => {
    const i = list.findIndex(match);
    return i < 0 ? undefined : list.splice(i, 1)[0];
  };
  const stepsLeft = new Set<number>();
  const items: TimelineItem[] = sim.log.map((j, i) => {
    // the node the event or timer moved names the cause; the nodes the run then passed through do not repeat it
    const firstLeft = j.kind === 'left' && !stepsLeft.has(j.step);
    if (j.kind === 'left') stepsLeft.add(j.step);
    const item: TimelineItem = { key: `j${i}`, at: j.at, kind: j.kind, runId: j.runId, node: j.node, exit: j.exit, cause: firstLeft ? j.cause : undefined, reason: j.reason, until: j.until, ...(j.noDate ? { noDate: j.noDate } : {}) };
    if (j.kind === 'sent') item.message = take(sent, (m) => m.runId === j.runId && m.node === j.node && m.at === j.at);
    if (j.kind === 'postponed') {
      const later = (m: SimMessage) => m.runId === j.runId && m.node === j.node && m.at > j.at;
      const m = take(sent, later) ?? waiting.find(later);
      if (m) item.message = m;
      const gone = m ? undefined : sim.withdrawn.find(later);
      if (gone) item.notSent = gone.reason;
      if (m && sim.messages.includes(m)) delivered.push({ key: `d${i}`, at: m.at, kind: 'delivered', runId: m.runId, node: m.node, message: m });
    }
    // a message withheld at its step: what it would have said, under why it did not go
    if (j.kind === 'skipped') item.message = sim.withdrawn.find((m) => m.runId === j.runId && m.node === j.node && m.at === j.at && m.reason === j.reason);
    if (j.kind === 'entered') item.task = take(tasks, (t) => t.runId === j.runId && t.node === j.node && t.createdAt === j.at);
    if (j.kind === 'entered') {
      // an action's attributes and its tags are two updates of one entry: shown as one line
      const mine = updates.filter((u) => u.runId === j.runId && u.node === j.node && u.at === j.at);
      for (const u of mine) updates.splice(updates.indexOf(u), 1);
      if (mine.length)
        item.update = mine.reduce((a, u) => ({
          ...a,
          ...(u.set ? { set: { ...a.set, ...u.set } } : {}),
          ...(u.add ? { add: { ...a.add, ...u.add } } : {}),
          ...(u.addTags?.length ? { addTags: [...(a.addTags ?? []), ...u.addTags] } : {}),
          ...(u.removeTags?.length ? { removeTags: [...(a.removeTags ?? []), ...u.removeTags] } : {}),
        }));
    }
    return item;
  });
  sim.goals.forEach((g, i) => {
    let at = -1;
    items.forEach((it, k) => {
      if (it.runId === g.runId && it.node === g.node && it.at === g.at && it.kind !== 'sent') at = k;
    });
    const goal: TimelineItem = { key: `g${i}`, at: g.at, kind: 'goal', runId: g.runId, node: g.node, goal: { name: g.name, ...(g.value !== undefined ? { value: g.value } : {}), ...(g.foreign ? { foreign: g.foreign } : {}), ...(g.unread ? { unread: g.unread } : {}) } };
    if (at < 0) items.push(goal);
    else items.splice(at + 1, 0, goal);
  });
  // A postponed message goes out before anything else due at the same moment (as the simulator fires it).
  const out: TimelineItem[] = [];
  const later = delivered.sort((a, b) => a.at - b.at);
  for (const it of items) {
    while (later.length && later[0].at <= it.at) out.push(later.shift()!);
    out.push(it);
  }
  return out.concat(later);
}

/** Email bodies come HTML-escaped from the engine; shown as text (never as HTML), they read better unescaped. */
export const unescapeHtml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The channel of a "no consent for sms" reason, or null for any other reason. */
export const noConsentChannel = (reason: string | undefined): string | null => /^no consent for (\S+)/.exec(reason ?? '')?.[1] ?? null;
