import { linksOf } from '../../shared/engine/links.ts';
import { RuntimeInputError, type Runtime } from '../runtime/Runtime.ts';
import type { OutboxRow, Store } from '../store/types.ts';

type Verify = (token: string) => { messageId: string; index: number } | null;

/**
 * Clicks on tracked links and opens of emails. Each becomes an event of the contact —
 * `message.clicked` (data: messageId, funnelId, node, channel, url) or `message.opened` — so a
 * funnel can wait for it like for any other event; the message records its first open and first
 * click, and its node counts opened and clicked messages in the stats. A click counts as an open
 * too (images are often blocked). Repeats are recorded once (idempotent event ids).
 */
export class TrackingService {
  constructor(private readonly store: Store, private readonly runtime: Runtime, private readonly verify: Verify) {}

  /** The link's target, after recording the click; null when the token or the message is unknown. */
  async click(token: string): Promise<string | null> {
    const t = this.verify(token);
    const m = t && t.index >= 0 ? await this.store.read.getOutbox(t.messageId) : null;
    const url = m && typeof m.payload.body === 'string' ? linksOf(m.payload.body)[t!.index] : undefined;
    if (!m || !url) return null;
    await this.record(m, 'clicked', `clicked:${m.id}:${t!.index}`, { url });
    return url;
  }

  /** Records an open; false when the token or the message is unknown. */
  async open(token: string): Promise<boolean> {
    const t = this.verify(token);
    const m = t ? await this.store.read.getOutbox(t.messageId) : null;
    if (!m) return false;
    await this.record(m, 'opened', `opened:${m.id}`, {});
    return true;
  }

  private async record(m: OutboxRow, kind: 'opened' | 'clicked', id: string, extra: Record<string, unknown>) {
    const now = this.runtime.clock.now();
    const event = { id, type: `message.${kind}`, contactId: m.contactId, data: { messageId: m.id, funnelId: m.funnelId, node: m.node, channel: m.channel, ...extra } };
    try {
      await this.runtime.ingest([event], {
        onFresh: async (tx) => {
          if (kind === 'clicked') await tx.markEngaged(m, 'opened', now);
          await tx.markEngaged(m, kind, now);
        },
      });
    } catch (e) {
      // the contact was deleted since: the visitor still gets where the link leads
      if (!(e instanceof RuntimeInputError)) throw e;
    }
  }
}
