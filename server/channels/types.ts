import type { ContactRow, OutboxRow } from '../store/types.ts';

/** A message ready to go out through a channel. `id` is the idempotency key. */
export interface OutgoingMessage {
  row: OutboxRow;
  contact: ContactRow;
  /** Link that records an opt-out for this contact and channel (emails carry it). */
  unsubscribeUrl: string;
  /** An image whose loading records that the email was opened (none when tracking is off). */
  openPixelUrl?: string;
  /** When it goes, by the server's clock (the QA clock's time under VORONKA_CLOCK=manual): an email's `Date`. */
  at?: number;
}

/** A channel adapter: sends one message and returns the provider's reply (kept in the outbox). */
export interface ChannelAdapter {
  readonly name: string;
  /**
   * How the dispatcher tracks this channel's links (absent: sent as written, as an SMS keeps them
   * short): `plain` — each link replaced by its tracked one; `html` — as in an email, a bare link
   * becomes `<a href="tracked">the link as written</a>` (the reader sees where it goes) and an open
   * pixel is added.
   */
  readonly links?: 'plain' | 'html';
  send(m: OutgoingMessage): Promise<string>;
  /**
   * The address a message to this contact goes to, as suppressions keep it, where the channel reads it its own way (an
   * SMS: the international number in the workspace's country); absent: the contact's attribute as written.
   */
  address?(attributes: Record<string, unknown>): string | null;
  /**
   * Checks the connection without sending anything (the SMTP login, the bot's token): what the
   * provider said; throws with the reason. Channels that cannot be checked without a message omit it.
   */
  check?(): Promise<CheckResult>;
}

/** A working connection: what the provider said (`detail`, English), and who answered, for the web app to say in its words. */
export interface CheckResult {
  detail: string;
  /** The bot (`@name (title)`) or the mail server (`host:port`) that answered. */
  who: string;
  /** The login the mail server accepted. */
  login?: string;
}

/** A failure the dispatcher should not retry (a bad address, a missing chat id). */
export class PermanentChannelError extends Error {}

export { ADDRESS_ATTRIBUTE } from '../../shared/format/common.ts';
