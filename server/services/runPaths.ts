import type { PathEntryDto } from '../../shared/api/types.ts';
import { zoneFor, type CompiledFunnel } from '../../shared/compiler/compileFunnel.ts';
import { readableTemplateData, runTemplateData } from '../../shared/engine/effects.ts';
import { nodeTitle, productVariables } from '../../shared/engine/template.ts';
import { funnelCurrency, funnelLocale } from '../../shared/format/funnel.ts';
import { messageGist } from '../../shared/nodes/message.ts';
import { NOT_SENT, notSentCount, type JournalEntry } from '../../shared/engine/types.ts';
import { awaitedEvents } from '../../shared/validate/rules.ts';
import { ADDRESS_ATTRIBUTE, addressOf } from '../../shared/format/common.ts';
import type { FunnelCache } from '../runtime/FunnelCache.ts';
import type { ContactRow, RunRow, Store } from '../store/types.ts';

/**
 * The nodes a run entered, in order, with ISO times, each with the exit it left by (none yet where
 * it waits) and, where it stayed a while (a delay, a wait, a task), when it left.
 */
export function pathOf(journal: JournalEntry[]): PathEntryDto[] {
  const out: PathEntryDto[] = [];
  for (const j of journal) {
    const last = out[out.length - 1];
    if (j.kind === 'entered' && j.node) out.push({ node: j.node, at: new Date(j.at).toISOString(), ...(j.title ? { title: j.title } : {}) });
    else if (j.kind === 'left' && j.exit && last && last.node === j.node && last.exit === undefined) {
      last.exit = j.exit;
      if (j.exit === 'exited' && j.reason) last.exitReason = j.reason;
      if (j.by) last.exitedBy = j.by;
      if (j.note) last.exitNote = j.note;
      if (j.noDate) last.noDate = j.noDate;
      const left = new Date(j.at).toISOString();
      if (left !== last.at) last.leftAt = left;
    }
    // a message step says when it was not sent (for lack of consent, or a value it could not write), or held back
    // (older journals: the channel read from the reason)
    else if (j.kind === 'skipped' && last && last.node === j.node) {
      if (notSentCount(j.reason) === 'unreadable') last.withdrawn = j.reason;
      else last.skipped = j.channel ?? /no consent for (\S+)/.exec(j.reason ?? '')?.[1] ?? '';
    }
    else if (j.kind === 'postponed' && last && last.node === j.node) {
      const until = j.until ?? Date.parse(/goes out at (\S+)/.exec(j.reason ?? '')?.[1] ?? '');
      if (Number.isFinite(until)) last.postponedTo = new Date(until).toISOString();
    }
  }
  return out;
}

/**
 * A run's path as the API shows it: each node of the run's own version with its type and its own
 * words (a task's title, a message's subject, an exit's reason) filled in with the run's start
 * event and the contact's data, as the run's messages and tasks were.
 */
export class RunPathService {
  constructor(
    private store: Store,
    private versions: FunnelCache,
  ) {}

  /** The paths of several runs (a contact's, a funnel's), each contact read once. */
  async paths(runs: RunRow[]): Promise<PathEntryDto[][]> {
    const contacts = new Map<string, ContactRow | null>();
    const out: PathEntryDto[][] = [];
    for (const run of runs) {
      if (!contacts.has(run.contactId)) contacts.set(run.contactId, await this.store.read.getContact(run.contactId));
      out.push(await this.path(run, undefined, contacts.get(run.contactId)));
    }
    return out;
  }

  async path(run: RunRow, journal?: JournalEntry[], contact?: ContactRow | null): Promise<PathEntryDto[]> {
    const path = pathOf(journal ?? (await this.store.read.runJournal(run.id)));
    const cf = await this.versions.get(this.store.read, run.funnelId, run.version).catch(() => null);
    if (!cf) return path;
    const who = contact === undefined ? await this.store.read.getContact(run.contactId) : contact;
    const person = who ?? { id: run.contactId, attributes: {} };
    const data = readableTemplateData(runTemplateData(person, run.snapshot.run, cf.funnel));
    const zone = zoneFor(cf, person.attributes);
    for (const p of path) {
      const n = cf.nodes.get(p.node);
      if (!n) continue;
      p.type = n.node.type;
      if (n.node.label?.trim()) p.label = n.node.label.trim();
      // words written down on entering stay as they were; the others are filled in now
      const title = p.title ?? nodeTitle(n.def.title?.(n.data), data, zone);
      if (title) p.title = title;
      const messages = n.def.messages?.(n.data as never) ?? [];
      // a message sent to no one: the contact has no address for its channel (as the message lists say)
      if (who && p.skipped === undefined) {
        const missing = messages.find((m) => addressOf(m.channel, person.attributes as Record<string, unknown>) === null);
        if (missing) p.noAddress = ADDRESS_ATTRIBUTE[missing.channel];
      }
      // a node that also writes (a stage's own message): its subject, when the node's words are other
      const [sent] = messages;
      if (sent && sent.channel !== 'webhook') {
        const product = sent.product ? { product: productVariables(sent.product, funnelCurrency(cf.funnel), funnelLocale(cf.funnel)) } : {};
        const gist = nodeTitle(messageGist(sent), { ...data, ...product }, zone);
        if (gist && gist !== p.title) p.sent = { channel: sent.channel, gist };
      }
    }
    await this.goals(run, path, funnelCurrency(cf.funnel));
    await this.withdrawn(run, path);
    await this.undelivered(run, path);
    await this.whatNext(run, path, cf);
    return path;
  }

  /**
   * A message step whose message did not go out in the end says why: the channel failed after every
   * try, the provider reported it undeliverable (a bounce), or it was withheld when due (consent
   * withdrawn, the address suppressed). Each such message is matched to its node's visits in order.
   */
  private async undelivered(run: RunRow, path: PathEntryDto[]): Promise<void> {
    const rows = await this.store.read.undelivered(run);
    for (const p of path) {
      const i = rows.findIndex((r) => r.node === p.node && (p.skipped === undefined || r.status === 'withheld'));
      if (i < 0) continue;
      const [row] = rows.splice(i, 1);
      if (p.skipped !== undefined) continue; // withheld at the step for lack of consent: already said
      if (p.noAddress !== undefined && row.lastError === NOT_SENT.noAddress(p.noAddress)) continue; // no address: already said
      if (row.status === 'failed' || row.status === 'bounced') p.failed = row.lastError ?? row.status;
      else {
        p.withdrawn = row.lastError ?? NOT_SENT.noConsent('');
        delete p.postponedTo; // it was held back, and then did not go
      }
    }
  }

  /** Each conversion the run recorded, on the last visit of its node before it (a stage's sale shows on the stage). */
  private async goals(run: RunRow, path: PathEntryDto[], currency: string): Promise<void> {
    for (const g of await this.store.read.runGoals(run.id)) {
      const p = path.findLast((x) => x.node === g.node && Date.parse(x.at) <= g.at);
      if (!p) continue;
      p.goal = g.value !== null ? { value: g.value, currency } : g.foreignAmount !== null && g.foreignCurrency ? { value: g.foreignAmount, currency: g.foreignCurrency } : {};
    }
  }

  /** A message held back and then withdrawn (or cancelled with its run) is not «held until …» any more: it says why it did not go. */
  private async withdrawn(run: RunRow, path: PathEntryDto[]): Promise<void> {
    if (!path.some((p) => p.postponedTo)) return;
    const rows = await this.store.read.listOutbox({ contactId: run.contactId, funnelId: run.funnelId, limit: 1000 });
    for (const p of path) {
      if (!p.postponedTo) continue;
      const row = rows.find((r) => r.runId === run.id && r.node === p.node && r.status === 'cancelled');
      if (!row) continue;
      delete p.postponedTo;
      p.withdrawn = row.lastError ?? NOT_SENT.exited;
    }
  }

  /**
   * Where a waiting run stands, what moves it on: the outside events its node waits for (not the
   * engine's own: timers, dates, a task's outcome) and when its next timer fires if none comes.
   */
  private async whatNext(run: RunRow, path: PathEntryDto[], cf: CompiledFunnel): Promise<void> {
    const here = path.at(-1);
    if (run.status !== 'waiting' || !here || here.exit !== undefined || here.node !== run.node) return;
    const n = cf.nodes.get(here.node);
    const events = n ? awaitedEvents(here.node, n.def, n.data).map((a) => a.event).filter((e) => !e.startsWith('xstate.') && !e.startsWith('voronka.') && e !== 'task.completed') : [];
    if (events.length) here.waitsFor = [...new Set(events)];
    const [next] = await this.store.read.dueTimersForRun(run.id, Number.MAX_SAFE_INTEGER);
    if (next) here.until = new Date(next.dueAt).toISOString();
  }
}
