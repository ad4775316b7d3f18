import type { Clock } from './runtime/clock.ts';
import type { Runtime } from './runtime/Runtime.ts';
import type { Worker } from './runtime/Worker.ts';
import type { AuthService } from './services/auth.ts';
import type { ContactService } from './services/contacts.ts';
import type { WorkspaceService } from './services/workspace.ts';
import type { FunnelService } from './services/funnels.ts';
import type { RunPathService } from './services/runPaths.ts';
import type { TestSendService } from './services/testSend.ts';
import type { TrackingService } from './services/tracking.ts';
import type { Store } from './store/types.ts';
import type { CheckResult } from './channels/types.ts';
import type { ChannelConfig } from './channels/config.ts';

/** Why a channel check failed, for words a person understands (the provider's own text comes with it). */
export type CheckFailure = 'refused' | 'not-found' | 'timeout' | 'auth' | 'tls' | 'other';

/** The kind of a connection failure, from Node's and nodemailer's error codes and the provider's status. */
export function checkFailure(e: unknown): CheckFailure {
  const err = e as { code?: string; responseCode?: number; message?: string };
  // nodemailer wraps socket errors (code ESOCKET, «connect ECONNREFUSED …» in the message)
  const text = `${err.code ?? ''} ${err.message ?? ''}`;
  if (/ECONNREFUSED/.test(text)) return 'refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'not-found';
  if (/ETIMEDOUT|ECONNRESET|timeout/i.test(text)) return 'timeout';
  if (err.code === 'EAUTH' || err.responseCode === 535 || / 401: /.test(text)) return 'auth';
  if (/certificate|TLS|SSL/i.test(text)) return 'tls';
  return 'other';
}

/** Everything the HTTP layer needs; built once by `createServer`. */
export interface AppContext {
  store: Store;
  clock: Clock;
  runtime: Runtime;
  worker: Worker;
  funnels: FunnelService;
  contacts: ContactService;
  /** The workspace's settings (currency, zone, the life-cycle matrix's lines). */
  workspace: WorkspaceService;
  auth: AuthService;
  /** Runs' paths in words (their nodes' titles filled in). */
  paths: RunPathService;
  /** Signs and checks unsubscribe links. */
  unsubscribe: { url(contactId: string, channel: string): string; verify(token: string): { contactId: string; channel: string } | null };
  /** Tracked links and opens of sent messages. */
  tracking: TrackingService;
  /** A node's message sent at once to a tester. */
  testSends: TestSendService;
  /** The channels messages really go out through now (the others go to the dev outbox). */
  configuredChannels(): string[];
  /** Who a channel's messages come from, as their reader knows it (the email sender's name, else its address); null when unknown. */
  senderName(channel: string): string | null;
  /**
   * Checks a channel's connection without sending — the settings in use, or `cfg` (settings typed
   * but not saved yet); null: it cannot be checked that way.
   */
  checkChannel(name: string, cfg?: ChannelConfig): Promise<({ ok: true } & CheckResult) | { ok: false; error: string; reason: CheckFailure } | null>;
  /** Folder of the built web app, served at `/`. */
  webDir: string | null;
}
