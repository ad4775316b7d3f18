import type { Funnel } from '../../../shared/format/funnel.ts';
import type { Scenario } from '../../../shared/format/scenario.ts';
import type {
  ApiKeyDto,
  WorkspaceDto,
  ApiKeyScope,
  ContactDto,
  CustomerMetricsDto,
  ExperimentDto,
  EventDto,
  FunnelDto,
  ImportReportDto,
  JournalDto,
  OrderDto,
  PaymentEventDto,
  SuppressionDto,
  OutboxDto,
  RunDto,
  StatsDto,
  TaskDetailDto,
  TaskDto,
  TrendDto,
  UserDto,
  LifecyclePreviewDto,
  AudienceDto,
  AssigneesDto,
  VersionDto,
} from '../../../shared/api/types.ts';

/** An error answer from the API: `status` and the server's message (which names the field). */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly body: any) {
    super(message);
  }
}

/** `keepalive`: the request outlives the page (sent as the tab closes). */
async function call<T>(method: string, path: string, body?: unknown, contentType = 'application/json', keepalive = false): Promise<T> {
  const res = await fetch(`/api${path}`, {
    method,
    keepalive,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : (body as string),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, data?.error ?? res.statusText, data);
  return data as T;
}

const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][]).toString();
  return s ? `?${s}` : '';
};

/** The one typed client the web app uses to reach the server. */
export const api = {
  login: (email: string, password: string) => call<UserDto>('POST', '/auth/login', { email, password }),
  logout: () => call<null>('POST', '/auth/logout'),
  /** The signed-in user, or null: no 401 in the browser's console before logging in. */
  session: () => call<{ user: UserDto | null }>('GET', '/auth/session'),
  setPreferences: (p: Pick<UserDto, 'lang' | 'times'>) => call<Pick<UserDto, 'lang' | 'times'>>('PUT', '/auth/me/preferences', p),
  users: () => call<UserDto[]>('GET', '/users'),
  assignees: () => call<AssigneesDto>('GET', '/assignees'),
  createUser: (u: { email: string; name: string; role: UserDto['role']; teams?: string[]; password: string }) => call<UserDto>('POST', '/users', u),
  updateUser: (id: string, patch: { name?: string; role?: UserDto['role']; teams?: string[]; password?: string }) => call<UserDto>('PATCH', `/users/${encodeURIComponent(id)}`, patch),
  deleteUser: (id: string) => call<void>('DELETE', `/users/${encodeURIComponent(id)}`),
  createApiKey: (name: string, scope: ApiKeyScope = 'full') => call<{ key: string; scope: ApiKeyScope }>('POST', '/api-keys', { name, scope }),
  apiKeys: () => call<ApiKeyDto[]>('GET', '/api-keys'),
  revokeApiKey: (id: string) => call<void>('DELETE', `/api-keys/${encodeURIComponent(id)}`),
  workspace: () => call<WorkspaceDto>('GET', '/settings/workspace'),
  /** What new life-cycle lines would do before they are saved (nothing changes). */
  lifecyclePreview: (lifecycle: WorkspaceDto['lifecycle']) => call<LifecyclePreviewDto>('POST', '/settings/workspace/lifecycle-preview', { lifecycle }),
  saveWorkspace: (s: { currency: string; timezone?: string | null; lifecycle?: WorkspaceDto['lifecycle'] }) => call<WorkspaceDto>('PUT', '/settings/workspace', s),
  channelSettings: () => call<Record<string, Record<string, string>>>('GET', '/settings/channels'),
  saveChannelSettings: (cfg: Record<string, Record<string, string>>) => call<{ saved: string[] }>('PUT', '/settings/channels', cfg),
  /** Checks a saved channel's connection without sending (SMTP login, Telegram bot token). */
  checkChannel: (channel: string, typed?: Record<string, string>) => call<{ ok: true; detail: string; who: string; login?: string } | { ok: false; error: string; reason: 'refused' | 'not-found' | 'timeout' | 'auth' | 'tls' | 'other' }>('POST', `/settings/channels/${encodeURIComponent(channel)}/check`, typed),

  funnels: () => call<FunnelDto[]>('GET', '/funnels'),
  funnel: (id: string) => call<FunnelDto>('GET', `/funnels/${encodeURIComponent(id)}`),
  createFunnel: (f: Funnel) => call<FunnelDto>('POST', '/funnels', f),
  saveFunnel: (f: Funnel) => call<FunnelDto>('PUT', `/funnels/${encodeURIComponent(f.id)}`, f),
  deleteFunnel: (id: string) => call<null>('DELETE', `/funnels/${encodeURIComponent(id)}`),
  /** Publishes the saved draft; `enrolMembers` lets the contacts already in the segments it starts on in now (`enrolled` of `members` started). */
  publish: (id: string, note?: string, lang?: 'ru' | 'en', enrolMembers?: boolean) =>
    call<VersionDto & { enrolled?: number; members?: number }>('POST', `/funnels/${encodeURIComponent(id)}/publish`, { ...(note ? { note } : {}), ...(lang ? { lang } : {}), ...(enrolMembers ? { enrolMembers } : {}) }),
  /** Who is already in the segments the saved draft starts on. */
  audience: (id: string) => call<AudienceDto>('GET', `/funnels/${encodeURIComponent(id)}/audience`),
  pause: (id: string) => call<FunnelDto>('POST', `/funnels/${encodeURIComponent(id)}/pause`),
  /** Resumes a paused funnel; how many of its timers, held-back messages and task time limits were moved on by the pause's length. */
  resume: (id: string) => call<FunnelDto & { shiftedTimers: number; shiftedMessages: number; shiftedTasks: number }>('POST', `/funnels/${encodeURIComponent(id)}/resume`),
  versions: (id: string) => call<VersionDto[]>('GET', `/funnels/${encodeURIComponent(id)}/versions`),
  stats: (id: string) => call<StatsDto>('GET', `/funnels/${encodeURIComponent(id)}/stats`),
  experiments: (id: string, goal: string) => call<ExperimentDto[]>('GET', `/funnels/${encodeURIComponent(id)}/experiments?goal=${encodeURIComponent(goal)}`),
  trend: (id: string, days: number) => call<TrendDto>('GET', `/funnels/${encodeURIComponent(id)}/trend${q({ days })}`),
  saveScenarios: (id: string, scenarios: Scenario[]) => call<FunnelDto>('PUT', `/funnels/${encodeURIComponent(id)}/scenarios`, { scenarios }),

  contacts: (search?: string, limit = 50, offset = 0, tag?: string) => call<ContactDto[]>('GET', `/contacts${q({ search, tag, limit, offset })}`),
  contact: (id: string) => call<ContactDto & { orders: OrderDto[]; payments?: PaymentEventDto[]; suppressed?: SuppressionDto[] }>('GET', `/contacts/${encodeURIComponent(id)}`),
  /** Lifts the suppression of the contact's address on a channel (after a hard bounce). */
  unsuppress: (id: string, channel: string) => call<void>('DELETE', `/contacts/${encodeURIComponent(id)}/suppressions/${encodeURIComponent(channel)}`),
  customerMetrics: () => call<CustomerMetricsDto>('GET', '/metrics/customers'),
  contactEvents: (id: string, limit = 100) => call<EventDto[]>('GET', `/contacts/${encodeURIComponent(id)}/events${q({ limit })}`),
  upsertContact: (c: Partial<ContactDto> & { id: string }) => call<ContactDto>('POST', '/contacts', c),
  deleteContact: (id: string) => call<void>('DELETE', `/contacts/${encodeURIComponent(id)}`),
  addOrder: (o: { id: string; contactId: string; amount: number; currency?: string; sku?: string; status?: 'paid' | 'pending' | 'refunded' }) => call<{ created: boolean }>('POST', '/orders', o),
  channels: () => call<{ configured: string[]; checkable: string[]; canCheck: string[] }>('GET', '/channels'),
  attributeKeys: () => call<{ keys: string[] }>('GET', '/contacts/attributes'),
  /** The address of the contacts' CSV export (a download link; the session cookie authorises it). */
  contactsExportUrl: (search?: string, tag?: string, delimiter?: ',' | ';') => `/api/contacts/export.csv${q({ search, tag, delimiter })}`,
  importContacts: (csv: string) => call<ImportReportDto>('POST', '/contacts/import', csv, 'text/csv'),

  sendEvent: (e: { id?: string; type: string; contactId: string; data?: Record<string, unknown> }) => call<{ accepted: number; duplicate: number }>('POST', '/events', e),
  runs: (p: { contactId?: string; funnelId?: string; status?: string; limit?: number }) => call<RunDto[]>('GET', `/runs${q(p)}`),
  run: (id: string) => call<RunDto & { journal: JournalDto[] }>('GET', `/runs/${encodeURIComponent(id)}`),
  /** Takes a contact out of a funnel now; `reason`, when given, is kept in the run's path with who did it. */
  exitRun: (id: string, reason?: string) => call<RunDto>('POST', `/runs/${encodeURIComponent(id)}/exit`, reason ? { reason } : undefined),

  tasks: (p: { mine?: boolean; assignedToMe?: boolean; status?: string; role?: string; contactId?: string }) => call<TaskDto[]>('GET', `/tasks${q({ mine: p.mine ? '1' : undefined, assigned: p.assignedToMe ? 'me' : undefined, status: p.status, role: p.role, contactId: p.contactId })}`),
  task: (id: string) => call<TaskDetailDto>('GET', `/tasks/${encodeURIComponent(id)}`),
  completeTask: (id: string, outcome: string, note?: string, amount?: number) =>
    // kept alive: an outcome still waiting out its «undo» seconds is sent as the page is left
    call<TaskDto>('POST', `/tasks/${encodeURIComponent(id)}/complete`, { outcome, ...(note ? { note } : {}), ...(amount !== undefined ? { amount } : {}) }, 'application/json', true),
  assignTask: (id: string, userId: string | null) => call<TaskDto>('POST', `/tasks/${encodeURIComponent(id)}/assign`, { userId }),

  /** Sends a node's message from the saved draft at once (test send): the outbox rows it made. */
  testSend: (funnelId: string, node: string, body: { contactId?: string; to?: string; eventData?: Record<string, unknown> }) =>
    call<OutboxDto[]>('POST', `/funnels/${encodeURIComponent(funnelId)}/nodes/${encodeURIComponent(node)}/test-send`, body),
  outbox: (p: { contactId?: string; funnelId?: string; status?: string }) => call<OutboxDto[]>('GET', `/outbox${q(p)}`),
  /** A message that failed, sent again now with its tries counted afresh (admin, marketer). */
  retryMessage: (id: string) => call<OutboxDto>('POST', `/outbox/${encodeURIComponent(id)}/retry`),
  clock: () => call<{ now: string; manual: boolean }>('GET', '/clock'),
  advanceClock: (by: string) => call<{ now: string; fired: number }>('POST', '/clock/advance', { by }),
};
