import type { Funnel } from '../format/funnel.ts';
import { applyContactUpdate, type ContactUpdate } from '../format/contactUpdate.ts';
import { ADDRESS_ATTRIBUTE, contactAddress } from '../format/common.ts';
import { DEFAULT_CURRENCY, paidAmount } from '../format/currency.ts';
import { readablePhone } from '../format/phone.ts';
import { iso } from '../format/time.ts';
import { taskDueAt } from '../format/workingTime.ts';
import type { SendParams, StepEnv } from '../nodes/types.ts';
import { EXIT_EVENT } from '../compiler/machineConfig.ts';
import { funnelTemplateData } from './funnelVariables.ts';
import { marketingSendTime, pruneSends } from './messages.ts';
import { currencyNextTo, escapeHtml, jsonEscapeFor, getPath, nodeTitle, productVariables, renderTemplate, templateNotes, tidyLine, type TemplateNotes } from './template.ts';
import { NOT_SENT, type Contact, type Effect, type JournalEntry, type RunState, type UnreadableValue } from './types.ts';

/** What an action handler may do while a step runs. */
export interface StepOutput {
  env: StepEnv;
  effects: Effect[];
  journal: JournalEntry[];
  /** The node the run stood at when the step began (for exits from outside). */
  from: string | null;
  /** Marketing sends by this funnel from other runs (frequency cap). */
  history: readonly number[];
  note(kind: JournalEntry['kind'], node: string | undefined, extra?: Partial<JournalEntry>): void;
  /** Called after the contact changed, so conditions and templates later in the step see the change. */
  contactChanged(): void;
  /** The step's template data (worked out once per step; `extra` laid over it, e.g. a stage's product). */
  data(extra?: Record<string, unknown>): Record<string, unknown>;
}

const nextId = (o: StepOutput, node: string) => `${o.env.run.id}:${node}:${++o.env.run.seq}`;

/** The template data of a run of `funnel`, for a contact (also what the API fills a path's node titles with). */
export function runTemplateData(contact: Pick<Contact, 'id' | 'attributes'>, run: RunState, funnel: Funnel): Record<string, unknown> {
  return {
    contact: { ...contact.attributes, id: contact.id },
    event: run.startEvent,
    lastEvent: run.lastEvent ?? run.startEvent,
    run: { id: run.id, startedAt: iso(run.startedAt), key: run.key ?? null },
    ...funnelTemplateData(funnel),
  };
}

/**
 * Template data for words people read in the app (a task's title and description, a path's titles):
 * the contact's phone as people write it (`+7 916 555-12-34`, not `89165551234`). Messages and
 * webhooks get the data as stored.
 */
export function readableTemplateData(data: Record<string, unknown>): Record<string, unknown> {
  const contact = data.contact as Record<string, unknown> | undefined;
  if (typeof contact?.phone !== 'string' || !contact.phone) return data;
  return { ...data, contact: { ...contact, phone: readablePhone(contact.phone) } };
}

/** A message's subject and text filled in with `data` (an email's text HTML-escaped, a webhook's JSON body JSON-escaped), dates in `zone`. */
export function renderMessage(p: SendParams, data: Record<string, unknown>, zone?: string, notes?: TemplateNotes): { subject?: string; body: string } {
  const subject = p.subject === undefined ? undefined : renderTemplate(p.subject, data, undefined, zone, notes);
  const body = renderTemplate(p.body, data, p.channel === 'email' ? escapeHtml : p.channel === 'webhook' ? jsonEscapeFor(p.body) : undefined, zone, notes);
  return subject === undefined ? { body } : { subject, body };
}

/** Changes the run's copy of the contact (a branch after it reads the new score) and says so to the host, which stores the same change. */
function updateContact(o: StepOutput, node: string, u: ContactUpdate): void {
  const next = applyContactUpdate(o.env.contact.attributes, o.env.contact.tags, u);
  o.env.contact = { ...o.env.contact, ...next };
  o.contactChanged();
  o.effects.push({ kind: 'updateContact', node, ...u });
}

const causeOf = (type: string) => (type.startsWith('xstate.after.') ? 'timer' : type);

type Handler = (o: StepOutput, p: any) => void;

type GoalEffect = Extract<Effect, { kind: 'goal' }>;

/**
 * A conversion with the amount paid (in `currency`, when the payment says it), else `fallback` (a price, a fixed
 * value): a payment in another currency than the funnel's is no part of its revenue (there is no rate to convert it
 * by) — the conversion counts, its value said apart.
 */
function valuedGoal(o: StepOutput, node: string, name: string, paid: number | undefined, currency: string | undefined, fallback: number | undefined): GoalEffect {
  if (paid !== undefined && currency && currency !== (o.env.settings.currency ?? DEFAULT_CURRENCY)) return { kind: 'goal', node, name, foreign: { amount: paid, currency } };
  const value = paid ?? fallback;
  return { kind: 'goal', node, name, ...(value !== undefined ? { value } : {}) };
}

/**
 * How each custom action of the funnel machine becomes effects and journal entries. Keyed by
 * action (what happens), not by node type: node types choose which actions they compile to.
 */
export const ACTION_HANDLERS: Record<string, Handler> = {
  enter(o, p: { node: string; title?: string }) {
    const title = p.title === undefined ? undefined : nodeTitle(p.title, o.data(), o.env.zone);
    o.note('entered', p.node, { cause: causeOf(o.env.event.type), ...(title ? { title } : {}) });
  },
  leave(o, p: { node: string; exit: string; note?: Partial<JournalEntry> }) {
    o.note('left', p.node, { exit: p.exit, cause: causeOf(o.env.event.type), ...p.note });
  },
  send(o, p: SendParams & { node: string }) {
    const { env } = o;
    const notes = templateNotes();
    const { subject, body } = renderMessage(p, o.data(p.product ? { product: productVariables(p.product, env.settings.currency, env.settings.locale) } : undefined), env.zone, notes);
    // not sent, but recorded as written, so the delivery log can say who did not get what and why
    const withhold = (reason: string, unreadable?: UnreadableValue) => {
      o.effects.push({ kind: 'withhold', id: nextId(o, p.node), node: p.node, channel: p.channel, subject, body, reason, marketing: p.marketing, ...(unreadable ? { unreadable } : {}) });
      o.note('skipped', p.node, { reason, channel: p.channel });
    };
    // with neither consent nor an address, the address is what to fix first (asking consent on a channel the contact is not on helps nobody)
    if (p.marketing && env.contact.consents?.[p.channel] !== true)
      return withhold(contactAddress(p.channel, env.contact.attributes) === null ? NOT_SENT.noAddress(ADDRESS_ATTRIBUTE[p.channel]) : NOT_SENT.noConsent(p.channel));
    // a value its filter cannot write would reach the contact raw («ждём вас в завтра», «итого много»): not sent, and said why
    const [unreadable] = notes.unformatted;
    if (unreadable) return withhold(NOT_SENT.unreadable(unreadable), unreadable);
    const { empty } = notes;
    let at = env.now;
    if (p.marketing) {
      env.run.sent = pruneSends(env.run.sent, env.now, env.settings, env.zone);
      at = marketingSendTime(env.now, env.settings, env.zone, [...o.history, ...env.run.sent]);
      if (env.settings.frequencyCap) env.run.sent.push(at);
    }
    o.effects.push({ kind: 'send', id: nextId(o, p.node), node: p.node, channel: p.channel, subject, body, marketing: p.marketing, at, ...(empty.length ? { empty } : {}) });
    if (at > env.now) o.note('postponed', p.node, { reason: `${p.channel} goes out at ${iso(at)} (quiet hours or frequency cap)`, channel: p.channel, until: at });
    else o.note('sent', p.node, { reason: p.channel });
  },
  convert(o, p: { node: string; stage: string; price: number | null }) {
    // the amount paid (a number, or text as people write it: "1,497.00"), else the product's price
    const data = (o.env.event.data ?? {}) as Record<string, unknown>;
    const paid = paidAmount(data.amount);
    o.effects.push(valuedGoal(o, p.node, p.stage, paid, paid === undefined ? undefined : currencyNextTo({ data }, 'data.amount'), p.price ?? undefined));
    // the stage's pitch held back by quiet hours or the frequency cap must not reach a buyer
    o.effects.push({ kind: 'withdraw', node: p.node, reason: 'converted' });
  },
  task(o, p: { node: string; title: string; description?: string; assignee: { role?: string; user?: string }; outcomes: { id: string; label: string; goal?: boolean }[]; dueIn?: string }) {
    const { env } = o;
    const taskId = nextId(o, p.node);
    env.run.task = { id: taskId, node: p.node };
    const data = readableTemplateData(o.data());
    const notes = templateNotes();
    const title = renderTemplate(p.title, data, undefined, env.zone, notes);
    // a value the contact lacks reads as a dash in the description («Телефон: —.»), not as a gap
    const description = p.description === undefined ? undefined : renderTemplate(p.description, data, (v) => v || '—', env.zone, notes);
    o.effects.push({
      kind: 'createTask',
      taskId,
      node: p.node,
      // a title whose variables are all empty for this contact keeps what they left rather than nothing
      title: tidyLine(title) || title,
      ...(description !== undefined ? { description } : {}),
      assignee: p.assignee,
      outcomes: p.outcomes,
      ...(p.dueIn ? { dueAt: taskDueAt(env.now, p.dueIn, env.settings, env.zone) } : {}),
      ...(notes.empty.length ? { empty: notes.empty } : {}),
    });
  },
  closeTask(o, p: { node: string; status: 'done' | 'overdue' }) {
    const t = o.env.run.task;
    if (!t) return;
    const outcome = p.status === 'done' ? String((o.env.event.data as { outcome?: unknown } | undefined)?.outcome) : undefined;
    o.effects.push({ kind: 'closeTask', taskId: t.id, node: t.node, status: p.status, ...(outcome ? { outcome } : {}) });
    o.env.run.task = null;
  },
  goal(o, p: { node: string; name: string; value?: number; valueFrom?: string; amountFromEvent?: boolean }) {
    // a hand-off outcome's goal takes the deal's amount the manager entered, when there is one
    const amount = p.amountFromEvent ? (o.env.event.data as { amount?: unknown } | undefined)?.amount : undefined;
    // a goal node's value may come from the run's data (the payment the run waited for), else it is fixed
    const fixed = p.value ?? (typeof amount === 'number' && Number.isFinite(amount) && amount >= 0 ? amount : undefined);
    if (!p.valueFrom) return void o.effects.push(valuedGoal(o, p.node, p.name, undefined, undefined, fixed));
    const data = o.data();
    const raw = getPath(data, p.valueFrom);
    const from = paidAmount(raw);
    const goal = valuedGoal(o, p.node, p.name, from, from === undefined ? undefined : currencyNextTo(data, p.valueFrom), fixed);
    // something there that is not an amount: said (the sender is told, the path shows it), not read as nothing
    const unread = from === undefined && raw !== undefined && raw !== null && raw !== '' && goal.value === undefined;
    o.effects.push(unread ? { ...goal, unread: { path: p.valueFrom, value: (typeof raw === 'string' ? raw : JSON.stringify(raw)).slice(0, 60) } } : goal);
  },
  setAttrs(o, p: { node: string; set: Record<string, string>; add?: Record<string, number> }) {
    const data = o.data();
    const set = Object.fromEntries(Object.entries(p.set).map(([k, t]) => [k, renderTemplate(t, data, undefined, o.env.zone)]));
    const u = { ...(Object.keys(set).length ? { set } : {}), ...(p.add ? { add: p.add } : {}) };
    updateContact(o, p.node, u);
  },
  tags(o, p: { node: string; add: string[]; remove: string[] }) {
    updateContact(o, p.node, { addTags: p.add, removeTags: p.remove });
  },
  webhook(o, p: { node: string; url: string; method: string; body?: string }) {
    const data = o.data();
    o.effects.push({
      kind: 'webhook',
      id: nextId(o, p.node),
      node: p.node,
      url: renderTemplate(p.url, data, encodeURIComponent, o.env.zone),
      method: p.method,
      // a JSON body stays JSON whatever the contact's data holds: values are escaped as JSON text («ООО "Ромашка"»)
      ...(p.body !== undefined ? { body: renderTemplate(p.body, data, jsonEscapeFor(p.body), o.env.zone) } : {}),
    });
  },
  finish(o, p: { node: string; reason?: string }) {
    if (p.reason) o.note('left', p.node, { reason: p.reason });
  },
  exitRun(o, p: { reason: string }) {
    // an operator's exit says who, and why in their words when they gave it
    const d = o.env.event.type === EXIT_EVENT ? o.env.event.data : undefined;
    const by = typeof d?.by === 'string' && d.by ? { by: d.by } : {};
    const note = typeof d?.note === 'string' && d.note ? { note: d.note } : {};
    if (o.from) o.note('left', o.from, { exit: 'exited', cause: o.env.event.type, reason: p.reason, ...by, ...note });
    const t = o.env.run.task;
    if (t) {
      o.effects.push({ kind: 'closeTask', taskId: t.id, node: t.node, status: 'cancelled' });
      o.env.run.task = null;
    }
  },
};
