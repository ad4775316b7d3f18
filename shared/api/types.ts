/**
 * The HTTP API's response shapes, shared by the server and the web app's typed client. Times are
 * epoch milliseconds unless named `…At` strings in ISO (path entries, journal).
 */
import type { LifecycleRules } from '../format/lifecycle.ts';
import type { Funnel } from '../format/funnel.ts';
import type { Issue } from '../validate/issues.ts';

export const ROLES = ['admin', 'marketer', 'qa', 'manager'] as const;
export type Role = (typeof ROLES)[number];
export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  teams: string[];
  createdAt: number;
  /** The UI's language the user chose (in any browser); absent until they chose one. */
  lang?: 'ru' | 'en';
  /** The zone the UI writes times in, as the user chose: the workspace's (the default) or their browser's own. */
  times?: 'workspace' | 'mine';
}

/** `GET /api/assignees`: who a hand-off task can be given to. */
export interface AssigneesDto {
  users: { id: string; name: string; role: Role; teams: string[] }[];
  /** Each role and team that has users, with how many (a task for a queue goes round-robin among them). */
  queues: { name: string; users: number }[];
}

export interface FunnelDto {
  id: string;
  name: string;
  draft: Funnel;
  status: 'draft' | 'live' | 'paused';
  version: number | null;
  pausedAt: number | null;
  scenarios: unknown[];
  createdAt: number;
  updatedAt: number;
  issues: Issue[];
  /** The draft differs from the last published version (false before the first publish). */
  draftChanged: boolean;
}

export interface VersionDto {
  funnelId: string;
  version: number;
  definition: Funnel;
  note: string | null;
  publishedBy: string | null;
  publishedAt: number;
}

export interface PublishError {
  error: string;
  issues: Issue[];
  scenarios: { name: string; failures: string[] }[];
}

export interface NodeStatsDto {
  node: string;
  entered: number;
  waiting: number;
  exits: Record<string, number>;
  /** Messages of this node opened / clicked at least once (present once any was). */
  opened?: number;
  clicked?: number;
  /** Messages of this node not sent for lack of the contact's consent (present once any was). */
  skipped?: number;
  /** Messages of this node sent and then reported undeliverable (a bounce; present once any was). */
  bounced?: number;
  /** Messages of this node held back when due because their address is suppressed after a hard bounce (present once any was). */
  blocked?: number;
  /** Messages of this node not sent because the contact has no address for the channel (no phone for an SMS; present once any was). */
  noAddress?: number;
  /** Messages of this node not sent because a value their `money` or date filter had to write was not one (`"завтра" | time`; present once any was). */
  unreadable?: number;
  /** Hand-off tasks of this node still open past their due time (a funnel without an «overdue» exit keeps waiting): present when any is. */
  late?: number;
}
export interface StatsDto {
  nodes: NodeStatsDto[];
  stages: { node: string; stage: string; product: string; entered: number; converted: number; conversion: number; revenue: number }[];
  /**
   * `foreign`: values in other currencies than the funnel's, per currency — counted as conversions, not in `revenue`
   * (there is no rate); `valueless`: conversions of a goal that reads an amount (a payment's, a deal the manager enters)
   * that came with none, or with one that was not an amount, when there are any — a goal with no value is not said.
   */
  goals: { node: string; name: string; count: number; revenue: number; foreign?: { currency: string; amount: number; count: number }[]; valueless?: number }[];
  /** The funnel's conversions: runs that bought at its main stage or reached a goal beyond its stages, each once. */
  converted: number;
  /**
   * What a conversion is, decided by the funnel's graph (and goals an earlier version recorded), so it
   * reads the same before the first is reached: a goal beyond the stages, the main stage's sale (`lastStage`: the core
   * product, else the last stage), both (`stageAndGoals`), or none.
   */
  conversions: 'goals' | 'lastStage' | 'stageAndGoals' | 'none';
  /** The stage whose sales are conversions (`lastStage`, `stageAndGoals`): the core product, else the last stage. */
  mainStage?: string;
  /** The graph's goals beyond the stages (goal nodes, hand-offs with an outcome that counts as a sale). */
  goalNodes: string[];
  /** Each A/B split: the funnel's conversions after each variant was taken, and whether they differ by more than chance. */
  experiments: ExperimentDto[];
}

/** One experiment node's results (server/services/stats.ts; the test in shared/analytics/experiment.ts). */
export interface ExperimentDto {
  node: string;
  variants: { id: string; entered: number; converted: number; conversion: number; revenue: number }[];
  /** The variant converting best (null while none has converted anyone). */
  leader: string | null;
  /** χ² test of the variants' conversion rates: the chance of such a difference between alike variants (null: nothing to compare yet). */
  p: number | null;
  /** Every expected count is at least 5: the test can be trusted. */
  enough: boolean;
  /** Enough runs and p < 0.05. */
  significant: boolean;
  /** What counted as a conversion when not the funnel's goals: entering this node after the split. */
  goal?: { reached: string };
}

/** `GET /api/funnels/:id/trend`: day by day in the funnel's zone (see server/services/stats.ts). */
export interface TrendDto {
  zone: string;
  /** Whether the conversions are the main stage's sales alone (else those and the goals beyond the stages, each run once). */
  stages: boolean;
  days: { date: string; entered: number; converted: number; revenue: number }[];
}

/**
 * What an API key may do: `full` — whatever its user may; `ingest` — only send data in (events,
 * contacts, orders: a website or a CRM); `read` — only read (reports, exports).
 */
export const API_KEY_SCOPES = ['full', 'ingest', 'read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The workspace's settings: the currency and time zone of what nobody said otherwise (zone null: the user's own). */
export interface WorkspaceDto {
  currency: string;
  timezone: string | null;
  /** Where the life-cycle matrix draws its lines (`shared/format/lifecycle.ts`). */
  lifecycle: LifecycleRules;
}

export interface ApiKeyDto {
  id: string;
  name: string;
  scope: ApiKeyScope;
  createdAt: number;
  /** When it last authenticated a request (to within a few seconds); null: never used. */
  lastUsedAt: number | null;
  user: { id: string; name: string; email: string } | null;
  /** The key set by the server's environment (VORONKA_API_KEY): revoked, it comes back at the next start while the variable is set. */
  fromEnv: boolean;
}

export interface ContactDto {
  id: string;
  attributes: Record<string, unknown>;
  consents: Record<string, boolean>;
  tags: string[];
  segments: string[];
  createdAt: number;
  updatedAt: number;
}
/**
 * An address nothing more is sent to on a channel: the provider reported it undeliverable for good
 * (a hard bounce of `messageId`). Lifted by hand, or by the contact's address changing.
 */
export interface SuppressionDto {
  channel: string;
  address: string;
  reason: string | null;
  messageId: string | null;
  at: number;
}
/** A payment that came as an event of its own (`subscription.paid` with `data.amount`), not as an order. */
export interface PaymentEventDto {
  type: string;
  amount: number;
  /** `data.currency` when the event named one. */
  currency?: string;
  at: number;
}
export interface OrderDto {
  id: string;
  contactId: string;
  sku: string | null;
  amount: number;
  currency: string;
  status: string;
  data: Record<string, unknown>;
  at: number;
}

/** One node a run entered: when, its type, its own words filled in for this run, and how it was left. */
export interface PathEntryDto {
  node: string;
  at: string;
  /** The node's type in the run's version (absent when that version no longer has the node). */
  type?: string;
  /** The node's own words with the run's data filled in: a task's title, a message's subject, an exit's reason… */
  title?: string;
  /** The node's name for people, when it has one (`FunnelNode.label`). */
  label?: string;
  /** The exit it left by; none where the run waits now. */
  exit?: string;
  /** Taken out of the funnel (`exit` is `exited`): why — `exitWhen: <event>` (an event such as an unsubscribe came), or `exited by an operator`. */
  exitReason?: string;
  /** Taken out by hand: who did it (a user's name) and why, in their words, when they said. */
  exitedBy?: string;
  exitNote?: string;
  /** When it left, ISO, where that was later than it entered (a delay, a wait, a task). */
  leftAt?: string;
  /** A date step that did not wait: no date (`{}`), a value that is not one (`value`), or a moment already past (`passed`, ms). */
  noDate?: { value?: string; passed?: number };
  /** A message not sent: the channel the contact has no consent for. */
  skipped?: string;
  /** A message the contact has no address for on its channel (an SMS to someone without a phone): the attribute missing. */
  noAddress?: string;
  /** A message the node writes besides its own words (a stage's pitch): its channel and subject (or first line) with the run's data. */
  sent?: { channel: string; gist: string };
  /** A held-back message that was then not sent (the contact converted at the stage first, the run was exited): why, as the message list says. */
  withdrawn?: string;
  /** A message held back (quiet hours, the frequency cap): when it goes out, ISO. */
  postponedTo?: string;
  /** A message the channel failed to deliver, after every try: the provider's error, as the message list says. */
  failed?: string;
  /** A conversion recorded here (a stage's sale, a goal, an outcome that counts): its value and currency, when it had one. */
  goal?: { value?: number; currency?: string };
  /** Where the run waits now: the events that would move it on (`viewing.done`)… */
  waitsFor?: string[];
  /** …and when its next timer moves it on if none comes (a delay's end, a wait's timeout, a task's due time), ISO. */
  until?: string;
}

export interface RunDto {
  id: string;
  funnelId: string;
  version: number;
  contactId: string;
  key: string | null;
  trigger: string;
  status: 'waiting' | 'completed' | 'exited';
  node: string | null;
  startedAt: number;
  updatedAt: number;
  endedAt: number | null;
  /** Each node entered, with the exit it left by (none where the run waits now). */
  path: PathEntryDto[];
}
export interface JournalDto {
  at: string;
  kind: string;
  node?: string | null;
  exit?: string | null;
  cause?: string | null;
  reason?: string | null;
}

export interface TaskDto {
  id: string;
  runId: string;
  funnelId: string;
  contactId: string;
  node: string;
  title: string;
  description: string | null;
  role: string | null;
  userId: string | null;
  outcomes: { id: string; label: string; goal?: boolean }[];
  status: 'open' | 'done' | 'overdue' | 'cancelled';
  outcome: string | null;
  dueAt: number | null;
  createdAt: number;
  closedAt: number | null;
  /** The manager's note when completing it. */
  note?: string | null;
  /** The deal's value entered with an outcome that counts as a conversion. */
  amount?: number | null;
  /** When the outcome was recorded after the task went overdue (the run had moved on; it only counts). */
  lateAt?: number | null;
  /** The currency of the funnel the task came from: the amount is in it. */
  currency?: string;
  /** Who recorded the outcome (a user's id; null when an integration did with an API key of no user). */
  closedBy?: string | null;
  /** Their name, in lists (the user may since have been deleted: then absent). */
  closedByName?: string;
  /** The name of the user the task is assigned to (a manager may not list the users; absent when none or deleted). */
  userName?: string;
  overdue?: boolean;
  contact?: { id: string; attributes: Record<string, unknown> } | null;
}
export interface TaskDetailDto extends TaskDto {
  /** The same run's earlier tasks, newest first (a call back: what came of the first call, its note). */
  earlier?: TaskDto[];
  /**
   * Payments the contact made since the task was set that are events, not orders (`subscription.paid`
   * with `data.amount`): the manager should know before calling. Newest first; absent when none.
   */
  paidSince?: PaymentEventDto[];
  contact: ContactDto | null;
  funnel: { id: string; name: string } | null;
  run: { id: string; status: string; node: string | null } | null;
  path: PathEntryDto[];
  /** The contact's orders, newest first: a payment made since the task was set is the manager's to know before calling. */
  orders?: OrderDto[];
}

export interface OutboxDto {
  id: string;
  runId: string;
  /** The run's correlation key (a run per order or cart), in lists; null when the run has none. */
  runKey?: string | null;
  funnelId: string;
  contactId: string;
  /** The contact's name (first + last), in lists; null when they have none (or are gone). */
  contactName?: string | null;
  /** Where it went (kept when it was sent), else where the channel reaches the contact now (their `phone` for an SMS), in lists; null when they have no such address. */
  address?: string | null;
  node: string;
  channel: string;
  marketing: boolean;
  /** `to`: the address it went to, kept when it was sent (an email, a phone…). */
  payload: { subject?: string | null; body?: string; url?: string; to?: string };
  dueAt: number;
  /**
   * `withheld`: not sent on purpose — no consent, or the address is suppressed after a hard bounce
   * (`lastError` says which); `bounced`: sent, then reported undeliverable by the provider (`lastError`: why).
   */
  status: 'pending' | 'sent' | 'dev' | 'failed' | 'cancelled' | 'withheld' | 'bounced';
  attempts: number;
  lastError: string | null;
  reply: string | null;
  sentAt: number | null;
  createdAt: number;
  /** When the contact first opened the message (an email's image loaded) and first clicked a link in it. */
  openedAt?: number | null;
  clickedAt?: number | null;
}

/** What is wrong with a cell of an imported row: `code` is stable (the web app words it in its language), `message` is English. */
/** A note on a contact saved through `POST /api/contacts`: `lifecycle-segment`, a life-cycle segment sent that the contact is not in (left out: worked out from paid orders). */
export interface ContactWarning {
  field: string;
  code: 'lifecycle-segment';
  value: string;
  message: string;
}

export interface ImportRowProblem {
  field: string;
  code: 'empty' | 'not-yes-no' | 'not-email' | 'not-phone' | 'not-timezone' | 'columns' | 'duplicate' | 'unreadable' | 'not-number' | 'not-date' | 'lifecycle-segment';
  /** The cell's text, when it matters (for `columns` the row's field count, for `unreadable` its lines such as "9–12"). */
  value?: string;
  /** `columns`: how many fields the header has. */
  expected?: number;
  /** `not-timezone`: the zone of the city typed instead («Казань» → Europe/Moscow), when it is a known one. */
  zone?: string;
  /** `duplicate`: the row where this id first appears. */
  firstRow?: number;
  /** The row's contact id, when it has one: which contact the line is, not only where. */
  id?: string;
  message: string;
}

/**
 * The customer base in figures, per currency of paid orders: how many bought, the average check,
 * the share of repeat buyers, purchases per buyer, and how many bought recently vs. not for long.
 */
export interface CustomerMetricsDto {
  contacts: number;
  /** How many contacts are in each life-cycle segment now (`lifecycle:sleeping-loyal` → 12; none: left out). */
  lifecycle: Record<string, number>;
  currencies: {
    currency: string;
    buyers: number;
    orders: number;
    revenue: number;
    averageCheck: number;
    /** Buyers with two or more paid orders, of all buyers (0…1). */
    repeatShare: number;
    /** Paid orders per buyer. */
    frequency: number;
    /** Buyers whose last paid order is within 90 days, and older than 180 days (churned). */
    activeBuyers: number;
    churnedBuyers: number;
  }[];
}

/** `GET /api/funnels/:id/audience`: who is already in the segments the draft starts on (they would not start it by entering). */
export interface AudienceDto {
  segments: { segment: string; contacts: number }[];
}

/** `POST /api/settings/workspace/lifecycle-preview`: what new life-cycle lines would do before they are saved. */
export interface LifecyclePreviewDto {
  /** Buyers whose life-cycle segments would change. */
  moved: number;
  /** The segments they would enter, with how many would. */
  entered: { segment: string; contacts: number }[];
  /** Live funnels starting on those segments, with how many contacts would start each (before its re-entry rule). */
  funnels: { id: string; name: string; contacts: number }[];
}

/** An event as it came in for a contact. */
export interface EventDto {
  id: string;
  contactId: string;
  type: string;
  data: Record<string, unknown>;
  /** When it happened (the event's `at`, else when it arrived) and when it arrived. */
  at: number;
  receivedAt: number;
}

export interface ImportReportDto {
  /** Rows written: new contacts and updated ones. */
  imported: number;
  /** Of those, contacts that did not exist before. */
  created?: number;
  failed: number;
  errors: ({ row: number } & ImportRowProblem)[];
  /** Rows imported with a note (`not-number`: text in a column of numbers, which a numeric rule will not match; `not-date`: a date written for people, 05/25/2026, which funnels cannot read; `lifecycle-segment`: life-cycle segments in `segments`, left out — they are worked out from paid orders). Absent when none. */
  warnings?: ({ row: number } & ImportRowProblem)[];
  /**
   * Imported contacts with an address for a channel (the file's email or phone column) but no consent
   * to it, per channel: the funnels' marketing messages will not reach them. Absent when none.
   */
  withoutConsent?: Record<string, number>;
}
