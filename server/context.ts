import type { Clock } from './runtime/clock.ts';
import type { Runtime } from './runtime/Runtime.ts';
import type { Worker } from './runtime/Worker.ts';
import type { AuthService } from './services/auth.ts';
import type { ContactService } from './services/contacts.ts';
import type { FunnelService } from './services/funnels.ts';
import type { RunPathService } from './services/runPaths.ts';
import type { TestSendService } from './services/testSend.ts';
import type { TrackingService } from './services/tracking.ts';
import type { Store } from './store/types.ts';

/** Everything the HTTP layer needs; built once by `createServer`. */
export interface AppContext {
  store: Store;
  clock: Clock;
  runtime: Runtime;
  worker: Worker;
  funnels: FunnelService;
  contacts: ContactService;
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
  /** Checks a configured channel's connection without sending (null: it cannot be checked that way). */
  checkChannel(name: string): Promise<{ ok: true; detail: string } | { ok: false; error: string } | null>;
  /** Folder of the built web app, served at `/`. */
  webDir: string | null;
}
