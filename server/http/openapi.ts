import { z } from 'zod';
import { LifecycleRules } from '../../shared/format/lifecycle.ts';
import { Funnel } from '../../shared/format/funnel.ts';
import { Scenario } from '../../shared/format/scenario.ts';
import { ContactInput, OrderInput } from '../services/contacts.ts';
import { WorkspaceSettings } from '../services/workspace.ts';
import { ChannelSettings } from '../channels/config.ts';
import { KeyBody, OutboxQuery, UserBody, UserPatch } from '../routes/misc.ts';
import { AssignBody, TasksQuery } from '../routes/tasks.ts';
import { ContactsQuery, EventsQuery } from '../routes/contacts.ts';
import { ExperimentsQuery, TrendQuery } from '../routes/funnels.ts';
import { ExitBody, RunsQuery } from '../routes/runs.ts';
import { MAX_BODY, MAX_CSV } from './body.ts';
import { PAGE_HEADERS } from './paging.ts';
import { EventBatch, EventInput } from '../routes/events.ts';

/**
 * One endpoint: `query`, the zod schema its route parses the query with (its parameters are listed
 * from it); `headers`, those its 200 answer carries (a paged list's); `optionalBody`, a JSON body that
 * may be left out.
 */
type Op = { method: string; path: string; summary: string; body?: z.ZodType; optionalBody?: boolean; bodyType?: string; query?: z.ZodObject; headers?: Record<string, unknown>; roles?: string; status?: Record<string, string> };

/** A paged list: `limit` items after the first `offset`; how many match and where the next page is, in headers. */
const PAGED = ' — a page: `limit` items after the first `offset`; `X-Total-Count` says how many match, `Link` (rel="next") where the next page is';

const ops: Op[] = [
  { method: 'post', path: '/api/auth/login', summary: 'Log in; sets the session cookie', body: z.object({ email: z.string(), password: z.string() }) },
  { method: 'post', path: '/api/auth/logout', summary: 'Log out' },
  { method: 'get', path: '/api/auth/me', summary: 'The signed-in user' },
  { method: 'get', path: '/api/auth/session', summary: 'Who the session cookie belongs to: { "user": … } or { "user": null } when signed out (200 either way; no credentials needed)' },
  { method: 'put', path: '/api/auth/me/preferences', summary: 'The signed-in user\'s own settings, in any browser: { "lang": "ru" | "en" } the UI\'s language, { "times": "workspace" | "mine" } the zone its times are written in' },
  { method: 'get', path: '/api/funnels', summary: 'Funnels with status, version and validation issues' },
  { method: 'post', path: '/api/funnels', summary: 'Create a draft (funnel@1 JSON)', body: Funnel, roles: 'admin, marketer', status: { '201': 'Created', '409': 'The id is taken' } },
  { method: 'get', path: '/api/funnels/{id}', summary: 'One funnel with its draft and issues' },
  { method: 'put', path: '/api/funnels/{id}', summary: 'Save the draft', body: Funnel, roles: 'admin, marketer' },
  { method: 'delete', path: '/api/funnels/{id}', summary: 'Delete a funnel with no waiting runs', roles: 'admin, marketer', status: { '204': 'Deleted', '409': 'The funnel has contacts in it (waiting runs): pause it and exit the runs first' } },
  { method: 'post', path: '/api/funnels/{id}/publish', summary: 'Publish the draft as a new version (201), or 422 with issues and failing scenarios (worded in `lang`, default en). With `enrolMembers: true` the contacts already in the segments the funnel starts on are let in now (the answer\'s `enrolled` says how many started, of `members` in them: the others are in it already or kept out by its re-entry rule); otherwise only those who enter later start it', body: z.object({ note: z.string().optional(), lang: z.enum(['en', 'ru']).optional(), enrolMembers: z.boolean().optional() }), optionalBody: true, roles: 'admin, marketer', status: { '201': 'The new version', '422': 'Validation issues and failing saved scenarios' } },
  { method: 'post', path: '/api/funnels/{id}/pause', summary: 'Stop new entries and hold timers', roles: 'admin, marketer', status: { '200': 'The funnel, paused', '409': 'The funnel is not live (a draft, or paused already)' } },
  { method: 'post', path: '/api/funnels/{id}/resume', summary: 'Resume; held timers keep their remaining time', roles: 'admin, marketer', status: { '200': 'The funnel, live again', '409': 'The funnel is not paused' } },
  { method: 'get', path: '/api/funnels/{id}/versions', summary: 'Published versions' },
  { method: 'get', path: '/api/funnels/{id}/audience', summary: 'How many contacts are already in each segment the draft starts on ({ segments: [{ segment, contacts }] }): entering starts it, so they would not, unless let in when it is published (`enrolMembers`)' },
  { method: 'get', path: '/api/funnels/{id}/stats', summary: 'Per node: entered, waiting, exits (and hand-off tasks open past their due time, late); per stage: conversions and revenue; per A/B split: each variant\'s conversions after the split and a χ² test of the difference' },
  { method: 'get', path: '/api/funnels/{id}/trend', summary: "Day by day over the last `days` (1–366, default 30) in the funnel's time zone: runs started, conversions at its stages and their revenue", query: TrendQuery },
  { method: 'get', path: '/api/funnels/{id}/experiments', summary: 'The A/B splits judged by a step of their own: ?goal=<node id> — a variant converts when its run enters that node after the split (same χ² test as in stats)', query: ExperimentsQuery },
  { method: 'post', path: '/api/funnels/{id}/nodes/{node}/test-send', summary: "Send a node's message from the draft at once: filled in with a contact's data (contactId) or the sender's, to `to` or the contact's address; the outbox rows (sent, dev or failed)", body: z.object({ contactId: z.string().optional(), to: z.string().optional(), eventData: z.record(z.string(), z.unknown()).optional() }), roles: 'admin, marketer, qa', status: { '200': 'The messages sent', '404': 'No such funnel, node or contact', '422': 'The node sends no message, its settings have problems, or there is no address' } },
  { method: 'put', path: '/api/funnels/{id}/scenarios', summary: 'Save QA scenarios with the funnel', body: z.object({ scenarios: z.array(Scenario) }), roles: 'admin, marketer, qa' },
  { method: 'get', path: '/api/contacts', summary: `Contacts, most recently updated first (search, tag)${PAGED}`, query: ContactsQuery, headers: PAGE_HEADERS },
  { method: 'post', path: '/api/contacts', summary: 'Create or update a contact by id: attributes and consents are merged (null removes an attribute), tags and segments replaced (the life-cycle segments, lifecycle:…, are worked out from paid orders: sent, they are left out)', body: ContactInput, roles: 'admin, marketer; an ingest API key', status: { '200': 'The contact as stored; warnings: [{ field, code: "lifecycle-segment", value, message }] for each life-cycle segment sent that the contact is not in', '400': 'A field is wrong (named): e.g. attributes.email that is not an address, attributes.timezone that is not a zone' } },
  { method: 'get', path: '/api/channels', summary: 'The channels messages go out through now (the others go to the dev outbox): configured, and checkable (those a connection check can test without sending)' },
  { method: 'get', path: '/api/contacts/attributes', summary: 'Attribute names in use (from the 1,000 most recently updated contacts), for template and rule hints' },
  { method: 'get', path: '/api/contacts/export.csv', summary: 'Contacts (all, or those matching `search`) as CSV in the import format: id, attributes, consent.<channel> (yes/no), tags and segments (;-separated); imports back as it was' },
  { method: 'get', path: '/api/metrics/customers', summary: 'The customer base in figures per currency: buyers, orders, revenue, average check, repeat share, frequency, active and churned buyers' },
  { method: 'get', path: '/api/contacts/{id}', summary: 'A contact with orders, payments that came as events, and `suppressed`: their addresses nothing is sent to after a hard bounce' },
  { method: 'delete', path: '/api/contacts/{id}', summary: 'Forget a contact: their runs, messages, tasks, events and orders are deleted (goals stay in the stats without them)', roles: 'admin, marketer', status: { '204': 'Deleted' } },
  { method: 'delete', path: '/api/contacts/{id}/suppressions/{channel}', summary: "Lift the suppression of the contact's address on a channel (after a hard bounce): messages go to it again", roles: 'admin, marketer', status: { '204': 'Lifted', '404': 'No such contact, or their address on that channel is not suppressed' } },
  { method: 'get', path: '/api/contacts/{id}/events', summary: "The contact's events, newest first (limit, default 100)", query: EventsQuery },
  { method: 'post', path: '/api/contacts/import', summary: 'Import contacts from CSV (text/csv); per-row error report (errors: rows left out; warnings: rows imported with a note, e.g. lifecycle-segment: a life-cycle segment left out)', bodyType: 'text/csv', roles: 'admin, marketer; an ingest API key' },
  { method: 'post', path: '/api/orders', summary: 'Record an order (currency: an ISO 4217 code, any case; amount: a number or text as people write it, "3 200" or "4 990,50", at most the currency\'s decimals); a paid one comes in as order.paid, and `ignored` lists the runs it did not move and why (as for events)', body: OrderInput, roles: 'admin, marketer; an ingest API key', status: { '201': 'Created: { created: true, ignored? }', '200': 'Already recorded, the same (idempotent by id)', '409': 'The id is taken by another order (another contact, amount, currency or product): what is stored is said, nothing changed' } },
  { method: 'post', path: '/api/events', summary: 'Ingest one event or { events: [...] }; 202 with accepted/duplicate counts; idempotent by id. An order.paid event with data.amount also records the contact\'s paid order (id data.orderId, else event:<id>)', body: z.union([EventInput, EventBatch]), roles: 'admin, marketer; an ingest API key', status: { '202': 'Accepted: { accepted, duplicate, ignored?, warnings? } — ignored lists events a keyed run waited for that lack its key (e.g. order.paid without data.cartId), with the reason; warnings, accepted events with something to know (a goal whose valueFrom found no amount there: the conversion counts without revenue). 400 for an order.paid whose data.amount or data.currency is not one' } },
  { method: 'get', path: '/api/runs', summary: `Runs, newest first (contactId, funnelId, status), with status, node and path${PAGED}`, query: RunsQuery, headers: PAGE_HEADERS },
  { method: 'get', path: '/api/runs/{id}', summary: 'A run with its journal' },
  { method: 'post', path: '/api/runs/{id}/exit', summary: 'End a run now (status exited); optionally { "reason": "…" }, kept in the run\'s path with who did it (`exitedBy`, `exitNote`)', body: ExitBody, optionalBody: true, roles: 'admin, marketer, qa', status: { '200': 'The run, exited', '409': 'The run has already ended (completed or exited)' } },
  { method: 'get', path: '/api/tasks', summary: `Hand-off tasks (mine=1, assigned=me, status, role, contactId), overdue first; a manager sees, and counts, only their own and their roles' tasks${PAGED}`, query: TasksQuery, headers: PAGE_HEADERS },
  { method: 'get', path: '/api/tasks/{id}', summary: "A task with the contact, funnel and the run's path" },
  { method: 'post', path: '/api/tasks/{id}/complete', summary: 'Complete with an outcome (an optional note for the people who look at the contact later; for an outcome that counts as a conversion, an optional amount: the deal value, recorded as revenue); resumes the run on that branch. A task that went overdue takes one outcome afterwards (a deal closed late): it is recorded (lateAt) and a conversion outcome counts with its amount, but the run, already on the overdue branch, does not move', body: z.object({ outcome: z.string(), note: z.string().optional(), amount: z.number().optional() }), status: { '409': 'Already closed (done, cancelled, or overdue with its late outcome recorded)', '422': 'Not one of the outcomes, or an amount with an outcome that is not a conversion' } },
  { method: 'post', path: '/api/tasks/{id}/assign', summary: 'Take a task (userId: yourself), give it back to its role queue (null), or — admin, marketer — give it to anyone', body: AssignBody },
  { method: 'get', path: '/api/outbox', summary: `Dev outbox and delivery log, newest first (status, contactId, funnelId)${PAGED}`, query: OutboxQuery, headers: PAGE_HEADERS },
  { method: 'post', path: '/api/outbox/{id}/retry', summary: 'Send a message that failed again: due now, its tries counted afresh (consent is checked again)', roles: 'admin, marketer', status: { '200': 'The message, waiting to go', '404': 'No such message', '409': 'The message did not fail (sent, waiting or cancelled)' } },
  { method: 'post', path: '/api/outbox/{id}/bounce', summary: "A provider's report that a sent message did not arrive (pass on your ESP's bounce webhook; the message id is the Idempotency-Key / X-Voronka-Message-Id it went with): the message becomes `bounced`, its node counts it, the contact gets the event `message.bounced` (data: messageId, funnelId, node, channel, hard, reason) that funnels can wait for, and a hard bounce suppresses the address on that channel", body: z.object({ hard: z.boolean().optional().describe('true (default): the address does not exist, nothing more is sent to it; false: a temporary failure'), reason: z.string().optional().describe("what the provider said, e.g. 550 5.1.1 user unknown") }), roles: 'admin, marketer; an ingest API key may too', status: { '200': 'The message, bounced (a repeat changes nothing)', '404': 'No such message', '409': 'The message did not go out (waiting, in the dev outbox, failed…)' } },
  { method: 'get', path: '/api/clock', summary: 'The server clock (manual in QA mode)' },
  { method: 'post', path: '/api/clock/advance', summary: 'QA clock only: move time forward, firing everything due in order', body: z.object({ by: z.string().describe('ISO 8601 (P1D, PT2H) or words: "1 day 12 hours", «3 дня»') }), roles: 'admin, marketer, qa' },
  { method: 'get', path: '/api/settings/workspace', summary: "The workspace's settings: `currency`, the currency of orders sent without one (RUB until an admin chooses another)" },
  { method: 'post', path: '/api/settings/workspace/lifecycle-preview', summary: 'What new life-cycle lines would do before they are saved (nothing changes): { moved, entered: [{ segment, contacts }], funnels: [{ id, name, contacts }] } — the buyers who would move, the segments they would enter, the live funnels those start', body: z.object({ lifecycle: LifecycleRules }), roles: 'admin' },
  { method: 'put', path: '/api/settings/workspace', summary: "Set the workspace's currency, time zone and life-cycle lines (`lifecycle`: sleepingAfterDays, lostAfterDays, repeatFrom, loyalFrom); new lines move every buyer at once", body: WorkspaceSettings, roles: 'admin' },
  { method: 'get', path: '/api/settings/channels', summary: 'Workspace channel settings (secrets masked)', roles: 'admin' },
  { method: 'put', path: '/api/settings/channels', summary: 'Set channel credentials (SMTP, webhook secret, Telegram, SMS gateway); environment variables win', body: ChannelSettings, roles: 'admin' },
  { method: 'post', path: '/api/settings/channels/{channel}/check', summary: 'Check a saved channel\'s connection without sending (email: SMTP connect and login; telegram: the bot\'s getMe): { ok, detail } or { ok: false, error }', roles: 'admin', status: { '404': 'The channel is not set up', '422': 'The channel cannot be checked without sending a message' } },
  { method: 'get', path: '/api/users', summary: 'Users', roles: 'admin' },
  { method: 'get', path: '/api/assignees', summary: 'Who a hand-off task can go to: users (name, role, teams) and queues (roles and teams with their number of users)', roles: 'admin, marketer, qa' },
  { method: 'post', path: '/api/users', summary: 'Create a user', body: UserBody, roles: 'admin', status: { '201': 'Created' } },
  { method: 'patch', path: '/api/users/{id}', summary: "Change a user's name, role, teams or password (a new password ends their sessions)", body: UserPatch, roles: 'admin' },
  { method: 'delete', path: '/api/users/{id}', summary: 'Delete a user: sessions and API keys end, open tasks go back to the role', roles: 'admin', status: { '204': 'Deleted' } },
  { method: 'post', path: '/api/api-keys', summary: 'Create an API key (shown once); scope: full (whatever its owner may, the default), ingest (only POST events, contacts, contacts/import, orders) or read (only GET)', body: KeyBody, roles: 'admin', status: { '201': 'Created: { key, scope }' } },
  { method: 'get', path: '/api/api-keys', summary: 'The API keys: id, name, scope, owner, created (never the keys)', roles: 'admin' },
  { method: 'delete', path: '/api/api-keys/{id}', summary: 'Revoke an API key: it stops working at once', roles: 'admin', status: { '204': 'Revoked' } },
];

const schemaOf = (s: z.ZodType) => {
  try {
    return z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });
  } catch {
    return { type: 'object' };
  }
};

/** The query parameters a route's zod schema takes, as OpenAPI parameters (required unless optional or defaulted). */
const queryParams = (q: z.ZodObject) => {
  const s = schemaOf(q) as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, { description, ...schema }]) => ({ name, in: 'query', required: s.required?.includes(name) ?? false, ...(description ? { description } : {}), schema }));
};

const mib = (bytes: number) => `${bytes / 1024 / 1024} MiB`;

/** The answers an endpoint gives: its own, then those every endpoint may give (a body over the limit for any that takes one). */
const responses = (op: Op) => {
  const own = op.status ?? { '200': 'OK' };
  const out: Record<string, { description: string; headers?: Record<string, unknown> }> = Object.fromEntries(Object.entries(own).map(([k, d]) => [k, { description: d }]));
  if (!Object.keys(own).some((k) => k.startsWith('2'))) out['200'] = { description: 'OK' };
  if (op.headers) out['200'] = { ...out['200'], headers: op.headers };
  const common: Record<string, string> = { '400': 'Bad input: the message names the field', '401': 'Not logged in', '403': 'Role not allowed', '404': 'Not found' };
  if (['post', 'put', 'patch'].includes(op.method)) common['413'] = `The body is over the limit (${mib(op.bodyType ? MAX_CSV : MAX_BODY)})`;
  for (const [k, d] of Object.entries(common)) out[k] ??= { description: d };
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
};

/** The OpenAPI 3.1 document served at `/api/openapi.json`, built from the same zod schemas the routes parse with. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const params = [...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })), ...(op.query ? queryParams(op.query) : [])];
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      ...(op.roles ? { description: `Roles: ${op.roles}` } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: !op.optionalBody, content: { 'application/json': { schema: schemaOf(op.body) } } } } : {}),
      ...(op.bodyType ? { requestBody: { required: true, content: { [op.bodyType]: { schema: { type: 'string' } } } } } : {}),
      responses: responses(op),
      security: op.path === '/api/auth/login' ? [] : [{ bearer: [] }, { cookie: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Voronka API', version: '1.0.0', description: 'Marketing automation funnels: funnels, contacts, events, runs, tasks, stats.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'voronka_session' } } },
    paths,
  };
}
