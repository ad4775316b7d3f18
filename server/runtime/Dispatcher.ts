import type { ChannelAdapter, OutgoingMessage } from '../channels/types.ts';
import type { ContactRow, OutboxRow, Store } from '../store/types.ts';
import { PermanentChannelError } from '../channels/types.ts';
import { mapLinks } from '../../shared/engine/links.ts';
import { NOT_SENT } from '../../shared/engine/types.ts';
import { ADDRESS_ATTRIBUTE, addressOf, comparableAddress } from '../../shared/format/common.ts';
import type { Clock } from './clock.ts';
import { RuntimeInputError } from './Runtime.ts';

/**
 * How long a claimed message is another process's to send (a crash between send and mark is sent
 * again, with the same key, after it): longer than a send can take — an SMTP server may stall up to
 * its 60 s socket timeout after the 10 s connection and greeting ones.
 */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** How a queued message's row changes when it is sent; `held`: not sent when due, counted at its node (no consent, a blocked address, no address at all). */
interface Sent {
  patch: Partial<OutboxRow>;
  held?: 'skipped' | 'blocked' | 'noAddress';
}

/** Tries per message before it fails for good (see `backoff`). */
const MAX_ATTEMPTS = 10;

export interface DispatcherOptions {
  /** Adapters by channel name; a channel without one goes to the dev outbox. */
  channels: () => Map<string, ChannelAdapter>;
  unsubscribeUrl: (contactId: string, channel: string) => string;
  /** Tracked links and the open pixel (absent: messages go out as written). */
  tracking?: { link(messageId: string, index: number): string; pixel(messageId: string): string } | null;
  maxAttempts?: number;
  /** ms before retry n (1-based): exponential backoff. */
  backoff?: (attempt: number) => number;
  /** How long a claimed message is reserved for this sender before another may retry it. */
  leaseMs?: number;
  /** Messages claimed per batch, and sent at once. */
  batch?: number;
  concurrency?: number;
}

/**
 * Sends the outbox: claims due rows, re-checks consent (a contact who unsubscribed after the
 * message was queued gets nothing), holds back a message to a suppressed address (a hard bounce),
 * sends through the channel adapter with the row id as the idempotency key, and records the
 * provider's reply. Failures retry with backoff.
 */
export class Dispatcher {
  constructor(private readonly store: Store, private readonly clock: Clock, private readonly opts: DispatcherOptions) {}

  // 30 s, 1, 2, 4, 8, 16, 32 min, then hourly: ten tries span about three hours of a provider's outage
  private backoff(n: number) {
    return this.opts.backoff ? this.opts.backoff(n) : Math.min(3_600_000, 30_000 * 2 ** (n - 1));
  }

  /**
   * A message that failed, sent again: due now, with its tries counted afresh (consent is checked
   * again when it goes). Anything else — sent, waiting, cancelled — is refused (409).
   */
  async retry(id: string): Promise<OutboxRow> {
    return this.store.transaction(async (tx) => {
      const row = await tx.getOutbox(id);
      if (!row) throw new RuntimeInputError(404, `no message "${id}"`);
      if (row.status !== 'failed') throw new RuntimeInputError(409, `message "${id}" is ${row.status}: only a message that failed can be sent again`);
      const patch = { status: 'pending' as const, attempts: 0, nextAttemptAt: this.clock.now() };
      await tx.updateOutbox(id, patch);
      return { ...row, ...patch };
    });
  }

  /** The batch being sent now (batches of this process go one at a time). */
  private current: Promise<unknown> = Promise.resolve();

  /**
   * Sends what is due now; returns how many rows were handled. Batches of this process go one at a
   * time — the worker's loop and the QA clock's `advanceTo` both send — so a message being sent is
   * never claimed again here, whatever the clock does meanwhile (its lease is for other processes).
   */
  dispatchDue(limit = this.opts.batch ?? 32): Promise<number> {
    const batch = this.current.then(() => this.dispatchBatch(limit));
    this.current = batch.catch(() => undefined);
    return batch;
  }

  /** Resolves when no batch of this process is being sent. */
  async idle(): Promise<void> {
    for (let c; c !== this.current; ) await (c = this.current);
  }

  private async dispatchBatch(limit: number): Promise<number> {
    const now = this.clock.now();
    const lease = this.opts.leaseMs ?? DEFAULT_LEASE_MS;
    const claimed: OutboxRow[] = await this.store.transaction(async (tx) => {
      const rows = await tx.dueOutbox(now, limit);
      for (const r of rows) await tx.updateOutbox(r.id, { nextAttemptAt: now + lease });
      return rows;
    });
    if (claimed.length === 0) return 0;
    const adapters = this.opts.channels();
    // send concurrently (a slow provider must not hold the whole batch), a few at a time; the
    // outcomes are written together in one transaction (one durable commit per batch)
    const results: [OutboxRow, Sent][] = [];
    const queue = [...claimed];
    const sendOne = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) results.push([row, await this.send(row, adapters)]);
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency ?? 8, queue.length) }, sendOne));
    await this.store.transaction(async (tx) => {
      for (const [row, { patch, held }] of results) {
        await tx.updateOutbox(row.id, patch);
        // held back when due: its node counts it, as a step's message without consent is counted
        if (held) await tx.countAtNode(row.funnelId, row.node, held);
      }
    });
    return claimed.length;
  }

  /**
   * A message goes out with its links through the tracker, as its channel says (`ChannelAdapter.links`;
   * each link named by its position in the stored body, so retries send the same links), and with
   * an open pixel where the channel is HTML.
   */
  private tracked(row: OutboxRow, adapter: ChannelAdapter | undefined): { row: OutboxRow; openPixelUrl?: string } {
    const t = this.opts.tracking;
    const links = adapter?.links;
    if (!t || !links || typeof row.payload.body !== 'string') return { row };
    const body = mapLinks(row.payload.body, (url, i, inAttribute) => (links === 'html' && !inAttribute ? `<a href="${t.link(row.id, i)}">${url}</a>` : t.link(row.id, i)));
    return { row: { ...row, payload: { ...row.payload, body } }, ...(links === 'html' ? { openPixelUrl: t.pixel(row.id) } : {}) };
  }

  /**
   * Sends one message at once, outside the queue: a test send from the editor. No consent check,
   * no tracked links, no retry; returns how the row ends (sent, dev outbox or failed).
   */
  async sendTest(row: OutboxRow, contact: ContactRow, unsubscribeUrl: string): Promise<Partial<OutboxRow>> {
    return this.deliver({ row, contact, unsubscribeUrl }, this.opts.channels(), false);
  }

  /** Sends one message of the queue; returns how its outbox row changes, and why its node counts it held back. */
  private async send(row: OutboxRow, adapters: Map<string, ChannelAdapter>): Promise<Sent> {
    const contact = await this.store.read.getContact(row.contactId);
    if (!contact) return { patch: { status: 'cancelled', lastError: 'the contact no longer exists' } };
    if (row.marketing && row.channel !== 'webhook' && contact.consents[row.channel] !== true) return { patch: { status: 'withheld', lastError: `${NOT_SENT.noConsent(row.channel)} at send time` }, held: 'skipped' };
    // where it goes, as the channel reads the contact's address (an SMS: the international number) — the block and the log compare that
    const adapter = adapters.get(row.channel);
    const to = adapter?.address ? adapter.address(contact.attributes) : addressOf(row.channel, contact.attributes);
    const address = to ? comparableAddress(row.channel, to) : to;
    const [suppressed] = address ? await this.store.read.suppressions([{ channel: row.channel, address }]) : [];
    if (suppressed) return { patch: { status: 'withheld', lastError: NOT_SENT.suppressed(address!, suppressed.reason) }, held: 'blocked' };
    // no address for the channel (an SMS to a contact without a phone): nothing to try — not sent, not a failed delivery
    // (a row that carries its own address — a webhook action's URL — needs none; the dev outbox still shows what would have gone)
    const ownAddress = typeof row.payload.url === 'string';
    if (adapter && !ownAddress && to === null) return { patch: { status: 'withheld', lastError: NOT_SENT.noAddress(ADDRESS_ATTRIBUTE[row.channel]) }, held: 'noAddress' };
    const out = await this.deliver({ ...this.tracked(row, adapter), contact, unsubscribeUrl: this.opts.unsubscribeUrl(contact.id, row.channel) }, adapters, true);
    // where it went, as it went: the delivery log shows it, and a bounce blocks that address (not a later one)
    return { patch: out.status === 'sent' && to && row.channel !== 'webhook' ? { ...out, payload: { ...row.payload, to } } : out };
  }

  /** Hands a message to its channel's adapter (the dev outbox without one); a failure is retried with backoff when `retry`. */
  private async deliver(m: OutgoingMessage, adapters: Map<string, ChannelAdapter>, retry: boolean): Promise<Partial<OutboxRow>> {
    const { row } = m;
    const adapter = adapters.get(row.channel);
    if (!adapter) return { status: 'dev', sentAt: this.clock.now(), reply: 'dev outbox: no channel configured' };
    const attempts = row.attempts + 1;
    try {
      const reply = await adapter.send({ ...m, at: this.clock.now() });
      return { status: 'sent', sentAt: this.clock.now(), attempts, reply: reply.slice(0, 2000), lastError: null };
    } catch (e) {
      const lastError = String((e as Error).message ?? e).slice(0, 2000);
      if (!retry || e instanceof PermanentChannelError || attempts >= (this.opts.maxAttempts ?? MAX_ATTEMPTS)) return { status: 'failed', attempts, lastError };
      return { status: 'pending', attempts, lastError, nextAttemptAt: this.clock.now() + this.backoff(attempts) };
    }
  }
}
