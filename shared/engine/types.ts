import type { ContactUpdate } from '../format/contactUpdate.ts';
import type { FunnelEvent } from '../format/funnel.ts';
import type { DateGap } from '../nodes/untilDate.ts';

/** A contact as the engine sees it. `attributes.timezone` is its time zone. */
export interface Contact {
  id: string;
  attributes: Record<string, unknown>;
  consents?: Record<string, boolean>;
  segments?: string[];
  tags?: string[];
}

/** Engine-owned state of one run, persisted next to XState's snapshot. */
export interface RunState {
  id: string;
  funnelId: string;
  contactId: string;
  startedAt: number;
  /** The event that started the run: `event` in templates and branch rules. */
  startEvent: FunnelEvent;
  /**
   * The latest outside event the run took (an awaited event, a stage's conversion, a completed
   * task); absent until the first one after the start. `lastEvent` in templates and branch rules
   * is this, else the start event. Timers and exits from outside do not change it.
   */
  lastEvent?: FunnelEvent;
  /** Correlation: the trigger's `key` path and the value it had in the start event. */
  keyPath?: string;
  key?: string | null;
  /** Counter for deterministic effect ids (tasks, messages, webhooks). */
  seq: number;
  /** The open hand-off task, if the run stands at a handoff. */
  task?: { id: string; node: string } | null;
  /** Times of this run's marketing sends (for the frequency cap). */
  sent: number[];
}

/** XState's persisted snapshot of the funnel machine (flat: `value` is a state key). */
export interface MachineSnapshot {
  status: 'active' | 'done';
  value: string;
  context: Record<string, never>;
  children: Record<string, never>;
  historyValue: Record<string, never>;
  output?: unknown;
  error?: unknown;
}

/** What the engine persists for a run: XState's snapshot plus the run state. */
export interface PersistedRun {
  machine: MachineSnapshot;
  run: RunState;
}

export type RunStatus = 'waiting' | 'completed' | 'exited';

export type Effect =
  | {
      kind: 'send';
      id: string;
      node: string;
      channel: string;
      subject?: string;
      body: string;
      marketing: boolean;
      /** When it goes out (after quiet hours and the frequency cap), epoch ms. */
      at: number;
      /** The template's variables that filled in as nothing (`contact.company` for a contact without one). */
      empty?: string[];
    }
  /**
   * A message not sent, rendered as it would have gone: a marketing one for lack of consent, or any whose `money` or
   * date filter met a value it cannot write (`"завтра" | time` would read «в завтра»): `unreadable` names it.
   */
  | { kind: 'withhold'; id: string; node: string; channel: string; subject?: string; body: string; reason: string; marketing: boolean; unreadable?: UnreadableValue }
  | { kind: 'schedule'; timerId: string; event: { type: string }; dueAt: number; node: string }
  | { kind: 'cancel'; timerId: string }
  | {
      kind: 'createTask';
      taskId: string;
      node: string;
      title: string;
      description?: string;
      assignee: { role?: string; user?: string };
      outcomes: { id: string; label: string; goal?: boolean }[];
      dueAt?: number;
      /** Variables of its title or description that filled in as nothing: the manager reads a gap. */
      empty?: string[];
    }
  | { kind: 'closeTask'; taskId: string; node: string; status: 'done' | 'overdue' | 'cancelled'; outcome?: string }
  | { kind: 'webhook'; id: string; node: string; url: string; method: string; body?: string }
  /** What an action did to the contact (`ContactUpdate`: attributes written, points added, tags): the host applies it with `applyContactUpdate`. */
  | ({ kind: 'updateContact'; node: string } & ContactUpdate)
  /**
   * `foreign`: a value in another currency than the funnel's, not counted in its revenue; `unread`: the value at the
   * goal's `valueFrom` when it is not an amount (`"много"`) — the conversion counts, without revenue.
   */
  | { kind: 'goal'; node: string; name: string; value?: number; foreign?: { amount: number; currency: string }; unread?: { path: string; value: string } }
  /** The node's messages still waiting to go out no longer make sense (a stage's pitch once the contact bought): drop them. */
  | { kind: 'withdraw'; node: string; reason: string }
  | { kind: 'end'; status: 'completed' | 'exited'; reason?: string };

export type JournalKind = 'entered' | 'left' | 'sent' | 'postponed' | 'skipped' | 'ended';

/**
 * Why a message held back for later (quiet hours, the frequency cap) never went: the server stores
 * it as the outbox row's error, the simulator with the message; the web app words it.
 */
export const NOT_SENT = {
  /** The `withdraw` effect: the contact bought at the message's stage first. */
  converted: 'withdrawn: the contact converted at this stage',
  /** The run was exited (the contact asked to stop, or was taken out). */
  exited: 'cancelled',
  /** A marketing message to a channel the contact has not agreed to (`withhold` effect, outbox status `withheld`). */
  noConsent: (channel: string) => `no consent for ${channel}`,
  /** Held back when due by the dispatcher (status `withheld`): the address bounced for good before (a hard bounce). */
  suppressed: (address: string, reason: string | null) => `suppressed: ${address} bounced before${reason ? ` (${reason})` : ''}`,
  /** Withheld by the dispatcher (status `withheld`): the contact has no address for the channel — nothing to try, no delivery failure. */
  noAddress: (attribute: string) => (attribute === 'phone' ? 'the contact has no phone number' : attribute === 'email' ? 'the contact has no email address' : `the contact has no ${attribute}`),
  /** A message whose `money` or date filter met a value it cannot write (`withhold` effect): it would have printed it raw. */
  unreadable: (u: UnreadableValue) => `unreadable: ${u.path} ${JSON.stringify(u.value)} is not ${u.filter === 'money' ? 'an amount' : 'a date'}`,
} as const;

/** A value a message's `money` or date filter could not write (`{{event.data.visitAt | time}}` with `"завтра"`). */
export interface UnreadableValue {
  path: string;
  filter: string;
  value: string;
}

/** What a node counts a message not sent at its step as: for lack of consent (`skipped`), or for a value it could not write. */
export const notSentCount = (reason: string | undefined): 'skipped' | 'unreadable' | 'noAddress' => (reason?.startsWith('unreadable: ') ? 'unreadable' : reason?.startsWith('the contact has no ') ? 'noAddress' : 'skipped');

/** One line of a run's history: what happened, where, when and why. */
export interface JournalEntry {
  at: number;
  kind: JournalKind;
  node?: string;
  exit?: string;
  /** The event that caused it (`timer` for a timer firing). */
  cause?: string;
  reason?: string;
  /** `entered`: the node's own words as they read then, when they depend on the latest event (`{{lastEvent.…}}`). */
  title?: string;
  /** `skipped` / `postponed`: the message's channel. */
  channel?: string;
  /** `postponed`: when the message goes out (quiet hours, the frequency cap). */
  until?: number;
  /** `left` a date step at once: why it did not wait — no date, a value that is not one, or a moment already past. */
  noDate?: DateGap;
  /** `left` by an operator's exit: who took the run out (a user's name) and, when they said, why in their words. */
  by?: string;
  note?: string;
}

export interface StepInput {
  /** The run's persisted snapshot; omitted to try to start a run with this event. */
  snapshot?: PersistedRun | null;
  event: FunnelEvent;
  contact: Contact;
  now: number;
  /** Required when starting: the new run's id. */
  runId?: string;
  /** Times of marketing sends by this funnel to this contact from other runs (frequency cap). */
  history?: number[];
}

export interface StepResult {
  /** Null when the event did not start a run. */
  snapshot: PersistedRun | null;
  /** False when the event meant nothing to this run (same snapshot, no effects). */
  changed: boolean;
  status: RunStatus;
  /** The node where the run stands (null when ended). */
  at: string | null;
  effects: Effect[];
  journal: JournalEntry[];
}
