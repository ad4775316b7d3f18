import type { ApiKeyScope, ContactDto, StatsDto, SuppressionDto, CustomerMetricsDto, EventDto, FunnelDto, NodeStatsDto, OrderDto, OutboxDto, RunDto, TaskDto, UserDto, VersionDto } from '../../shared/api/types.ts';
import type { JournalEntry, PersistedRun } from '../../shared/engine/types.ts';

/**
 * The store, as the runtime and services see it: async, and free of dialect assumptions, so a
 * Postgres implementation fits behind it. One `transaction` is one atomic unit of work.
 */
export interface Store {
  /**
   * Resolves once the commit is durable. `onCommit` is called as soon as it has committed (before
   * it is durable): a caller batching work may start the next transaction then, while this one syncs.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: { onCommit?: () => void }): Promise<T>;
  /** Reads outside a transaction (committed data only). */
  read: Tx;
  close(): Promise<void>;
}

/** Which contacts a list holds: `search` in the id or attributes, `tag` among the tags, `segment` among the segments. */
export interface ContactFilter {
  search?: string;
  tag?: string;
  segment?: string;
}

/** A contact as stored: the API shape (also the engine's `Contact`). */
export type ContactRow = ContactDto;
/** A funnel as stored: the API shape (without the derived issues), its draft as raw JSON. */
export type FunnelRow = Omit<FunnelDto, 'draft' | 'issues' | 'draftChanged'> & { draft: Record<string, unknown> };
/** A published version as stored: the API shape, its definition as raw JSON. */
export type VersionRow = Omit<VersionDto, 'definition'> & { definition: Record<string, unknown> };
/** A run as stored: the API shape without the path, plus the persisted engine snapshot. */
export type RunRow = Omit<RunDto, 'path'> & { snapshot: PersistedRun };
export interface TimerRow {
  runId: string;
  timerId: string;
  funnelId: string;
  event: { type: string };
  dueAt: number;
}
/** An outbox row as stored: the API shape with any payload and the next attempt time. */
export type OutboxRow = Omit<OutboxDto, 'payload'> & { payload: Record<string, unknown>; nextAttemptAt: number };
/** A hand-off task as stored (the API adds `overdue` and the contact). */
export interface TaskRow extends Omit<TaskDto, 'overdue' | 'contact'> {
  closedBy: string | null;
}
export interface GoalRow {
  runId: string;
  funnelId: string;
  contactId: string;
  node: string;
  name: string;
  value: number | null;
  /** A value in another currency than the funnel's: not part of its revenue. */
  foreign?: { amount: number; currency: string } | null;
  at: number;
}
export type EventRow = EventDto;
export type OrderRow = OrderDto;
/** A user as stored: the API shape plus the password hash. */
export type UserRow = UserDto & { passwordHash: string };

export type NodeStats = NodeStatsDto;

/** Every query the application makes. Implementations hold the SQL; nothing else does. */
/** Everything one engine step writes, as one store operation (the hot path: one call, no round trips). */
export interface StepWrites {
  run: RunRow;
  isNew: boolean;
  /** Where the run waited before this step (null for a new run): the waiting counts move with it. */
  was: { status: RunRow['status']; node: string | null } | null;
  outbox: OutboxRow[];
  timersInsert: TimerRow[];
  timersDelete: { runId: string; timerId: string }[];
  /** The run ended: drop all its timers (and, when exited, its pending messages). */
  ended: 'completed' | 'exited' | null;
  goals: GoalRow[];
  /** Nodes whose messages held back for later this run no longer sends (a stage's pitch once the contact bought). */
  withdraw: string[];
  /** The step's journal entries: stored as one row, and counted per node for the stats. */
  journal: JournalEntry[];
  /**
   * Experiment nodes (A/B splits) the run left in this step, by which variant, and how many of the
   * step's goals came before (those do not count for the variant).
   */
  variants: { node: string; variant: string; goalsBefore: number }[];
}

export interface Tx {
  /** Writes one step's rows (run, timers, outbox, goals, journal) in order. */
  writeStep(w: StepWrites): Promise<void>;
  /** Runs `fn` so that a throw undoes only its own writes (a savepoint inside the transaction). */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;

  // contacts and orders
  getContact(id: string): Promise<ContactRow | null>;
  getContacts(ids: string[]): Promise<ContactRow[]>;
  upsertContact(c: ContactRow): Promise<void>;
  /** Contacts newest first; `search` in the id or attributes, `tag` among the tags, `segment` among the segments. */
  listContacts(q: ContactFilter & { limit: number; offset: number }): Promise<ContactRow[]>;
  countContacts(q: ContactFilter): Promise<number>;
  /** The ids of every contact the filter holds, in id order. */
  listContactIds(q: ContactFilter): Promise<string[]>;
  /** The attribute names the most recently updated `sample` contacts have, sorted. */
  attributeKeys(sample: number): Promise<string[]>;
  insertOrder(o: OrderRow): Promise<boolean>;
  getOrder(id: string): Promise<OrderRow | null>;
  listOrders(contactId: string): Promise<OrderRow[]>;
  /** How many paid orders a contact has and when the last was paid (their life-cycle segments come from these). */
  paidOrders(contactId: string): Promise<{ count: number; lastAt: number | null }>;
  /** Contacts with a paid order, by id after `after`, `limit` at a time. */
  buyerIds(after: string, limit: number): Promise<string[]>;

  // funnels and versions
  listFunnels(): Promise<FunnelRow[]>;
  getFunnel(id: string): Promise<FunnelRow | null>;
  insertFunnel(f: FunnelRow): Promise<void>;
  updateFunnel(id: string, patch: Partial<Omit<FunnelRow, 'id' | 'createdAt'>>): Promise<void>;
  deleteFunnel(id: string): Promise<void>;
  insertVersion(v: VersionRow): Promise<void>;
  listVersions(funnelId: string): Promise<VersionRow[]>;
  getVersion(funnelId: string, version: number): Promise<VersionRow | null>;
  /** The published versions of every live or paused funnel (`paused` says which), for trigger matching. */
  publishedVersions(): Promise<(VersionRow & { paused: boolean })[]>;

  // runs
  insertRun(r: RunRow): Promise<void>;
  updateRun(r: RunRow): Promise<void>;
  getRun(id: string): Promise<RunRow | null>;
  /** Several runs by id in one query (the ones a batch of timers concerns). */
  getRuns(ids: string[]): Promise<RunRow[]>;
  /** Waiting runs of a contact (optionally of one funnel). */
  waitingRuns(contactId: string, funnelId?: string): Promise<RunRow[]>;
  /** Runs of a contact in a funnel (any status), for re-entry decisions. */
  /** A contact's runs of a funnel without their snapshots (what re-entry rules look at), oldest first. */
  contactRuns(contactId: string, funnelId: string): Promise<Pick<RunRow, 'id' | 'key' | 'status' | 'startedAt' | 'endedAt'>[]>;
  /** Runs newest first (ties by id, so pages neither skip nor repeat one): `limit` of them after the first `offset`. */
  listRuns(q: { contactId?: string; funnelId?: string; status?: string; limit: number; offset?: number }): Promise<RunRow[]>;
  /** How many runs match these filters of `listRuns` (all runs without any). */
  countRuns(q?: { contactId?: string; funnelId?: string; status?: string }): Promise<number>;

  // timers
  insertTimers(t: TimerRow[]): Promise<void>;
  deleteTimers(keys: { runId: string; timerId: string }[]): Promise<void>;
  deleteRunTimers(runId: string): Promise<void>;
  /** Timers due at or before `now`, earliest first, of funnels that are not paused. */
  dueTimers(now: number, limit: number): Promise<TimerRow[]>;
  nextTimerDue(): Promise<number | null>;
  /** One run's timers due at or before `now`, earliest first. */
  dueTimersForRun(runId: string, now: number): Promise<TimerRow[]>;
  /** Shifts the timers of a funnel's runs that are due after `from` by `by` ms (resume policy). */
  /** (A date entry — run `@date:<contact>` — due after the resume, `from + by`, keeps its own date.) */
  /**
   * Moves a funnel's clock on by a pause's length `by` (the pause began at `from`): its timers, its messages held back
   * to later and its open tasks' time limits due after `from`. Returns how many of each moved.
   */
  shiftClock(funnelId: string, from: number, by: number): Promise<{ timers: number; messages: number; tasks: number }>;

  // outbox
  insertOutbox(rows: OutboxRow[]): Promise<void>;
  dueOutbox(now: number, limit: number): Promise<OutboxRow[]>;
  nextOutboxDue(): Promise<number | null>;
  updateOutbox(id: string, patch: Partial<OutboxRow>): Promise<void>;
  getOutbox(id: string): Promise<OutboxRow | null>;
  /**
   * Records that the contact opened or clicked a message; true only the first time (then the
   * message's node counts one more opened / clicked message in the stats, at commit).
   */
  markEngaged(message: OutboxRow, kind: 'opened' | 'clicked', at: number): Promise<boolean>;
  /** Messages newest first (ties by id): `limit` of them after the first `offset`. */
  listOutbox(q: { status?: string; contactId?: string; funnelId?: string; limit: number; offset?: number }): Promise<OutboxRow[]>;
  /** How many messages match these filters of `listOutbox`. */
  countOutbox(q: { status?: string; contactId?: string; funnelId?: string }): Promise<number>;
  /** A run's messages that did not go out in the end (failed for good, withheld when due, or bounced), oldest first: the node and why. */
  undelivered(run: { id: string; contactId: string; funnelId: string }): Promise<{ node: string; status: 'failed' | 'withheld' | 'bounced'; lastError: string | null }[]>;
  /** Records that a sent message bounced: its status and why; true only the first time (then its node counts one more bounced message, at commit). */
  markBounced(message: OutboxRow, reason: string): Promise<boolean>;
  /** One more of `kind` at a funnel's node in the stats (counted at commit): a message held back when due (`skipped`: no consent; `blocked`: a suppressed address). */
  countAtNode(funnelId: string, node: string, kind: 'skipped' | 'blocked' | 'noAddress'): Promise<void>;
  /** Suppresses an address on a channel (a hard bounce); a second bounce of it keeps the first record. */
  suppress(s: SuppressionDto & { contactId: string | null }): Promise<void>;
  /** The suppressions among these channel-and-address pairs. */
  suppressions(keys: { channel: string; address: string }[]): Promise<SuppressionDto[]>;
  /** Lifts a suppression; false when there was none. */
  unsuppress(channel: string, address: string): Promise<boolean>;
  /** Marketing send times of a funnel to a contact since `since` (frequency cap). */
  marketingSends(funnelId: string, contactId: string, since: number, excludeRunId: string): Promise<number[]>;

  // tasks
  insertTask(t: TaskRow): Promise<void>;
  getTask(id: string): Promise<TaskRow | null>;
  /** Gives an open task to a user, or back to its role's queue (null); false when it is not open. */
  assignTask(id: string, userId: string | null): Promise<boolean>;
  closeTask(id: string, patch: { status: TaskRow['status']; outcome?: string | null; closedAt?: number; closedBy?: string | null; note?: string; amount?: number; lateAt?: number }): Promise<void>;
  /** A run's tasks, newest first (a call back: the earlier calls and who took them). */
  runTasks(runId: string): Promise<TaskRow[]>;
  /** `roles: []` matches nothing; `now` decides which open tasks are overdue (listed first; ties by id): `limit` of them after the first `offset`. */
  listTasks(q: { status?: string; userId?: string; roles?: string[]; contactId?: string; limit: number; offset?: number; now: number }): Promise<TaskRow[]>;
  /** How many tasks match these filters of `listTasks` (the same rules: `roles: []` matches nothing). */
  countTasks(q: { status?: string; userId?: string; roles?: string[]; contactId?: string }): Promise<number>;
  /** The next user (round-robin) among those with this role or team. */
  nextAssignee(role: string): Promise<string | null>;

  // journal, goals, events
  /** A run's journal entries, in order. */
  runJournal(runId: string): Promise<JournalEntry[]>;
  insertGoals(rows: GoalRow[]): Promise<void>;
  /** Inserts the event unless its id is known; false for a duplicate. */
  insertEvent(e: EventRow): Promise<boolean>;
  /**
   * Deletes a contact and everything about them: runs (with their journal and timers), messages,
   * tasks, events, orders. Goals stay in the stats without the person. False when there was none.
   */
  deleteContact(id: string): Promise<boolean>;
  /** Figures of the customer base from paid orders (per currency), `now` for recency. */
  customerMetrics(now: number, lines?: { activeDays: number; lostDays: number; repeatFrom: number }): Promise<CustomerMetricsDto>;
  /** A contact's events, newest first (what they did, as it came in). */
  contactEvents(contactId: string, limit: number): Promise<EventRow[]>;
  nodeStats(funnelId: string): Promise<NodeStats[]>;
  /** Per node of a funnel, its hand-off tasks still open past their due time at `now`. */
  lateTasks(funnelId: string, now: number): Promise<{ node: string; n: number }[]>;
  goalStats(funnelId: string): Promise<StatsDto['goals']>;
  /** Runs of a funnel started in each interval [bounds[i], bounds[i+1]) (ascending bounds). */
  runsStartedBetween(funnelId: string, bounds: number[]): Promise<number[]>;
  /** The goals one run reached, oldest first, with their value (or an amount in another currency). */
  runGoals(runId: string): Promise<{ node: string; value: number | null; foreignAmount: number | null; foreignCurrency: string | null; at: number }[]>;
  /** Goals a funnel's runs reached in [from, to), oldest first. */
  goalsBetween(funnelId: string, from: number, to: number): Promise<{ runId: string; node: string; value: number | null; at: number }[]>;
  /** How many runs reached a goal at a node other than `except` (each run once, however many goals it reached). */
  goalRuns(funnelId: string, except: string[]): Promise<number>;
  /**
   * Per experiment node and variant: the runs that took it, how many of them then reached a goal
   * counted as a conversion (`goals`: at those nodes; else at any node not in `except`), and the
   * value of every goal they reached after taking it (their revenue).
   */
  /**
   * Per A/B split and variant: the runs that took it, those that converted after it — reached one of
   * the counted goals, or (`reached`) entered that node — and the revenue of their goals after it.
   */
  variantStats(funnelId: string, goals: { only: string[] } | { except: string[] } | { reached: string }): Promise<{ node: string; variant: string; entered: number; converted: number; revenue: number }[]>;

  // users, sessions, keys, settings
  getUser(id: string): Promise<UserRow | null>;
  getUserByEmail(email: string): Promise<UserRow | null>;
  listUsers(): Promise<UserRow[]>;
  insertUser(u: UserRow): Promise<void>;
  updateUser(id: string, patch: Partial<Pick<UserRow, 'name' | 'role' | 'teams' | 'passwordHash'>>): Promise<void>;
  deleteSessionsOf(userId: string): Promise<void>;
  /** Deletes a user with their sessions and API keys; their open tasks go back to their role. */
  deleteUser(id: string): Promise<void>;
  insertSession(s: { id: string; userId: string; expiresAt: number }): Promise<void>;
  getSession(id: string): Promise<{ id: string; userId: string; expiresAt: number } | null>;
  deleteSession(id: string): Promise<void>;
  insertApiKey(k: { id: string; userId: string; name: string; hash: string; createdAt: number; scope: ApiKeyScope }): Promise<void>;
  getApiKeyByHash(hash: string): Promise<{ id: string; userId: string; scope: ApiKeyScope } | null>;
  listApiKeys(): Promise<{ id: string; userId: string; name: string; createdAt: number; scope: ApiKeyScope; lastUsedAt: number | null }[]>;
  /** Deletes a key; false when there was none. */
  deleteApiKey(id: string): Promise<boolean>;
  /** Notes that a key authenticated a request at `at`. */
  touchApiKey(id: string, at: number): Promise<void>;
  getSetting<T>(key: string): Promise<T | null>;
  setSetting(key: string, value: unknown): Promise<void>;
}
