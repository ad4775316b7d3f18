import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** All times are epoch milliseconds; JSON columns hold parsed-at-the-edge values. */
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();

export const contacts = sqliteTable('contacts', {
  id: text('id').primaryKey(),
  attributes: json<Record<string, unknown>>('attributes').notNull(),
  consents: json<Record<string, boolean>>('consents').notNull(),
  tags: json<string[]>('tags').notNull(),
  segments: json<string[]>('segments').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    contactId: text('contact_id').notNull(),
    sku: text('sku'),
    amount: real('amount').notNull(),
    currency: text('currency').notNull(),
    status: text('status').notNull(),
    data: json<Record<string, unknown>>('data').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('orders_contact').on(t.contactId, t.at)],
);

export const funnels = sqliteTable('funnels', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  draft: json<Record<string, unknown>>('draft').notNull(),
  status: text('status').notNull(), // draft | live | paused
  version: integer('version'), // the live version, null until published
  pausedAt: integer('paused_at'),
  scenarios: json<unknown[]>('scenarios').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const funnelVersions = sqliteTable(
  'funnel_versions',
  {
    funnelId: text('funnel_id').notNull(),
    version: integer('version').notNull(),
    definition: json<Record<string, unknown>>('definition').notNull(),
    note: text('note'),
    publishedBy: text('published_by'),
    publishedAt: integer('published_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.funnelId, t.version] })],
);

export const runs = sqliteTable(
  'runs',
  {
    id: text('id').primaryKey(),
    funnelId: text('funnel_id').notNull(),
    version: integer('version').notNull(),
    contactId: text('contact_id').notNull(),
    key: text('key'),
    trigger: text('trigger').notNull(),
    status: text('status').notNull(), // waiting | completed | exited
    node: text('node'),
    snapshot: json<unknown>('snapshot').notNull(),
    startedAt: integer('started_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    endedAt: integer('ended_at'),
  },
  // no index on status or node: a step changes them, and how many wait at each node is kept in node_counts
  (t) => [index('runs_contact_funnel').on(t.contactId, t.funnelId), index('runs_funnel_started').on(t.funnelId, t.startedAt)],
);

export const timers = sqliteTable(
  'timers',
  {
    id: integer('id').primaryKey(),
    runId: text('run_id').notNull(),
    timerId: text('timer_id').notNull(),
    funnelId: text('funnel_id').notNull(),
    event: json<{ type: string }>('event').notNull(),
    dueAt: integer('due_at').notNull(),
  },
  (t) => [uniqueIndex('timers_run_timer').on(t.runId, t.timerId), index('timers_due').on(t.dueAt)],
);

export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(), // the effect id: also the idempotency key sent to providers
    runId: text('run_id').notNull(),
    funnelId: text('funnel_id').notNull(),
    contactId: text('contact_id').notNull(),
    node: text('node').notNull(),
    channel: text('channel').notNull(), // email | sms | telegram | … | webhook
    marketing: integer('marketing', { mode: 'boolean' }).notNull(),
    payload: json<Record<string, unknown>>('payload').notNull(),
    dueAt: integer('due_at').notNull(),
    status: text('status').notNull(), // pending | sent | dev | failed | cancelled | withheld (no consent, a suppressed address) | bounced
    attempts: integer('attempts').notNull(),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    reply: text('reply'),
    sentAt: integer('sent_at'),
    createdAt: integer('created_at').notNull(),
    /** First time the contact opened it (the email's image) or clicked a link in it: engagement. */
    openedAt: integer('opened_at'),
    clickedAt: integer('clicked_at'),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt), index('outbox_contact').on(t.contactId, t.funnelId, t.runId)],
);

export const tasks = sqliteTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    runId: text('run_id').notNull(),
    funnelId: text('funnel_id').notNull(),
    contactId: text('contact_id').notNull(),
    node: text('node').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    role: text('role'),
    userId: text('user_id'),
    outcomes: json<{ id: string; label: string; goal?: boolean }[]>('outcomes').notNull(),
    status: text('status').notNull(), // open | done | overdue | cancelled
    outcome: text('outcome'),
    dueAt: integer('due_at'),
    createdAt: integer('created_at').notNull(),
    closedAt: integer('closed_at'),
    closedBy: text('closed_by'),
    /** What the manager wrote when completing it (the call went well, call back on Friday…). */
    note: text('note'),
    /** The deal's value the manager entered with an outcome that counts as a conversion. */
    amount: real('amount'),
    /**
     * When the outcome was recorded after the task went overdue (a deal closed after the deadline):
     * the run had already taken the «overdue» branch, so it only counts (a conversion outcome is a goal).
     */
    lateAt: integer('late_at'),
  },
  (t) => [index('tasks_status').on(t.status, t.role), index('tasks_user').on(t.userId, t.status), index('tasks_run').on(t.runId)],
);

/**
 * The journal: one row per engine step, its entries as a JSON array (a step writes one row, not
 * one per entry). Per-node counts for the stats live in `node_counts`, added to once per commit.
 */
export const journal = sqliteTable(
  'journal',
  {
    id: integer('id').primaryKey(),
    runId: text('run_id').notNull(),
    at: integer('at').notNull(),
    entries: text('entries').notNull(), // JSON: JournalEntry[] of the step
  },
  (t) => [index('journal_run').on(t.runId, t.id)],
);

/** How many runs entered each node and left it by each exit, per funnel (all versions). */
export const nodeCounts = sqliteTable(
  'node_counts',
  {
    funnelId: text('funnel_id').notNull(),
    node: text('node').notNull(),
    /** `entered`, or `left` with the exit */
    kind: text('kind').notNull(),
    exit: text('exit').notNull(), // '' for `entered`
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.funnelId, t.node, t.kind, t.exit] })],
);

export const goals = sqliteTable(
  'goals',
  {
    id: integer('id').primaryKey(),
    runId: text('run_id').notNull(),
    funnelId: text('funnel_id').notNull(),
    contactId: text('contact_id').notNull(),
    node: text('node').notNull(),
    name: text('name').notNull(),
    value: real('value'),
    /** A value in another currency than the funnel's (no part of its revenue: there is no rate): said apart. */
    foreignAmount: real('foreign_amount'),
    foreignCurrency: text('foreign_currency'),
    at: integer('at').notNull(),
  },
  // by run: a run's goals after it took an A/B variant (the experiments' figures)
  (t) => [index('goals_funnel').on(t.funnelId, t.node), index('goals_funnel_at').on(t.funnelId, t.at), index('goals_run').on(t.runId)],
);

/**
 * The variant each run took at an experiment node (an A/B split), when it took it: the analytics
 * compare conversions after that moment by variant. Kept when a contact is deleted, like goals.
 */
export const runVariants = sqliteTable(
  'run_variants',
  {
    runId: text('run_id').notNull(),
    funnelId: text('funnel_id').notNull(),
    node: text('node').notNull(),
    variant: text('variant').notNull(),
    at: integer('at').notNull(),
    /** The id of the last goal stored before the variant was taken: a goal of the same millisecond counts only with a higher id. */
    goalFloor: integer('goal_floor').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.runId, t.node] }), index('run_variants_funnel').on(t.funnelId, t.node)],
);

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(), // the event's id: ingestion is idempotent by it
    contactId: text('contact_id').notNull(),
    type: text('type').notNull(),
    data: json<Record<string, unknown>>('data').notNull(),
    at: integer('at').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [index('events_contact').on(t.contactId, t.at)],
);

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role').notNull(), // admin | marketer | qa | manager
  teams: json<string[]>('teams').notNull(), // extra task roles, e.g. sales, service, insurance
  passwordHash: text('password_hash').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const sessions = sqliteTable('sessions', {
  id: text('id').primaryKey(), // sha256 of the cookie token
  userId: text('user_id').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

export const apiKeys = sqliteTable('api_keys', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  name: text('name').notNull(),
  hash: text('hash').notNull().unique(), // sha256 of the key
  createdAt: integer('created_at').notNull(),
  /** What the key may do (shared/api/types.ts ApiKeyScope): everything its user may, only send data in, or only read. */
  scope: text('scope').notNull().default('full'),
  /** When it last authenticated a request (to the nearest few seconds: written when the key is looked up, not per request). */
  lastUsedAt: integer('last_used_at'),
});

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: json<unknown>('value').notNull(),
});

/** Round-robin cursor per role for hand-off assignment. */
export const assignCursor = sqliteTable('assign_cursor', {
  role: text('role').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * Addresses a provider reported as undeliverable for good (a hard bounce): nothing more is sent to
 * them on that channel, whichever contact holds them, until the address is lifted (or the contact's
 * address changes). `address` as `addressOf` gives it, an email lower-cased.
 */
export const suppressions = sqliteTable(
  'suppressions',
  {
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    reason: text('reason'),
    /** The message that bounced, and its contact. */
    messageId: text('message_id'),
    contactId: text('contact_id'),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.address] })],
);
