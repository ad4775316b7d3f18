import { linksOf } from '../../shared/engine/links.ts';
import { comparableAddress, deliveryAddress } from '../../shared/format/common.ts';
import { RuntimeInputError, type Runtime } from '../runtime/Runtime.ts';
import type { OutboxRow, Store, Tx } from '../store/types.ts';

type Verify = (token: string) => { messageId: string; index: number } | null;

/** Why a message cannot bounce, by its status: it never left. */
const NOT_GONE: Record<string, string> = {
  dev: 'is in the dev outbox (its channel is not set up, so it never went out)',
  pending: 'has not gone out yet',
  failed: 'failed: the provider never took it',
  withheld: 'was not sent (held back)',
  cancelled: 'was cancelled before it went',
};

/**
 * Clicks on tracked links and opens of emails. Each becomes an event of the contact —
 * `message.clicked` (data: messageId, funnelId, node, channel, url) or `message.opened` — so a
 * funnel can wait for it like for any other event; the message records its first open and first
 * click, and its node counts opened and clicked messages in the stats. A click counts as an open
 * too (images are often blocked). Repeats are recorded once (idempotent event ids).
 *
 * Bounces come the same way from the integration that hears them from the provider (an ESP's
 * webhook, a DSN mailbox): `message.bounced` (data: messageId, funnelId, node, channel, hard,
 * reason), so a funnel can wait for it (an SMS when the email did not arrive); the message is
 * marked `bounced` and its node counts it; a hard bounce suppresses the address on that channel.
 */
export class TrackingService {
  constructor(private readonly store: Store, private readonly runtime: Runtime, private readonly verify: Verify) {}

  /** The link's target, after recording the click; null when the token or the message is unknown. */
  async click(token: string): Promise<string | null> {
    const t = this.verify(token);
    const m = t && t.index >= 0 ? await this.store.read.getOutbox(t.messageId) : null;
    const url = m && typeof m.payload.body === 'string' ? linksOf(m.payload.body)[t!.index] : undefined;
    if (!m || !url) return null;
    await this.record(m, 'clicked', `clicked:${m.id}:${t!.index}`, { url }, async (tx, now) => {
      await tx.markEngaged(m, 'opened', now);
      await tx.markEngaged(m, 'clicked', now);
    });
    return url;
  }

  /** Records an open; false when the token or the message is unknown. */
  async open(token: string): Promise<boolean> {
    const t = this.verify(token);
    const m = t ? await this.store.read.getOutbox(t.messageId) : null;
    if (!m) return false;
    await this.record(m, 'opened', `opened:${m.id}`, {}, async (tx, now) => void (await tx.markEngaged(m, 'opened', now)));
    return true;
  }

  /**
   * Records that a sent message bounced (`hard`: the address does not exist, and is suppressed);
   * returns the message as it is now. A repeat changes nothing; a message that was not sent is refused (409).
   */
  async bounce(messageId: string, b: { hard: boolean; reason?: string }): Promise<OutboxRow> {
    const m = await this.store.read.getOutbox(messageId);
    if (!m) throw new RuntimeInputError(404, `no message "${messageId}"`);
    // the address it went to (kept when it was sent), else the contact's now
    const to = m.payload.to;
    const address = typeof to === 'string' ? comparableAddress(m.channel, to) : deliveryAddress(m.channel, (await this.store.read.getContact(m.contactId))?.attributes);
    const reason = `bounced (${b.hard ? 'hard' : 'soft'})${b.reason ? `: ${b.reason}` : ''}`;
    const block = async (tx: Tx, at: number) => {
      if (b.hard && address) await tx.suppress({ channel: m.channel, address, reason: b.reason ?? null, messageId: m.id, contactId: m.contactId, at });
    };
    if (m.status === 'bounced') {
      // a provider that first reported a temporary failure reports the permanent one after its retries:
      // the message says so and the address is blocked (the funnel heard of the bounce the first time)
      if (!b.hard || !m.lastError?.startsWith('bounced (soft)')) return m;
      await this.store.transaction(async (tx) => {
        await tx.updateOutbox(m.id, { lastError: reason });
        await block(tx, this.runtime.clock.now());
      });
    } else {
      if (m.status !== 'sent') throw new RuntimeInputError(409, `message "${messageId}" ${NOT_GONE[m.status] ?? `is ${m.status}`}: only a message that went out can bounce`);
      await this.record(m, 'bounced', `bounced:${m.id}`, { hard: b.hard, ...(b.reason ? { reason: b.reason } : {}) }, async (tx, now) => {
        await tx.markBounced(m, reason);
        await block(tx, now);
      });
    }
    return (await this.store.read.getOutbox(messageId)) ?? m;
  }

  /** Ingests the message's event `message.<kind>` (once per `id`) and, in the same transaction, what it changes (`write`). */
  private async record(m: OutboxRow, kind: 'opened' | 'clicked' | 'bounced', id: string, extra: Record<string, unknown>, write: (tx: Tx, now: number) => Promise<void>) {
    const now = this.runtime.clock.now();
    const event = { id, type: `message.${kind}`, contactId: m.contactId, data: { messageId: m.id, funnelId: m.funnelId, node: m.node, channel: m.channel, ...extra } };
    try {
      await this.runtime.ingest([event], {
        onFresh: (tx) => write(tx, now),
      });
    } catch (e) {
      // the contact was deleted since: the visitor still gets where the link leads
      if (!(e instanceof RuntimeInputError) || kind === 'bounced') throw e;
    }
  }
}
