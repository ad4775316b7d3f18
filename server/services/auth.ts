import { randomUUID } from 'node:crypto';
import type { ApiKeyDto, ApiKeyScope, AssigneesDto } from '../../shared/api/types.ts';
import { HttpError } from '../http/errors.ts';
import type { Store, UserRow } from '../store/types.ts';
import { hashPassword, randomSecret, sha256, verifyPassword } from './passwords.ts';

const SESSION_DAYS = 30;

export type PublicUser = Omit<UserRow, 'passwordHash'>;
export const publicUser = ({ passwordHash: _hash, ...u }: UserRow): PublicUser => u;

/**
 * Failed logins per key (an email, a client address) within a sliding window; at the limit, the
 * key is refused until its oldest failure leaves the window. Kept in memory: a restart forgets.
 */
/** What a user chose for themselves. */
export interface UserPreferences {
  lang?: 'ru' | 'en';
  /** Which zone the UI writes times in: the workspace's (the default) or the user's own browser's. */
  times?: 'workspace' | 'mine';
}

export class FailedLogins {
  private hits = new Map<string, number[]>();

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** How long `key` is still refused (ms), 0 when it may try. */
  blockedFor(key: string, now: number): number {
    const recent = this.recent(key, now);
    return recent.length >= this.limit ? recent[0] + this.windowMs - now : 0;
  }

  fail(key: string, now: number): void {
    this.hits.set(key, [...this.recent(key, now), now]);
    if (this.hits.size > 50_000) for (const k of [...this.hits.keys()]) if (this.recent(k, now).length === 0) this.hits.delete(k);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }
}

const LOGIN_WINDOW_MS = 15 * 60_000;

/** Users, sessions and API keys. */
export class AuthService {
  /** Guessing passwords: 10 failures per email, 100 per client address, in 15 minutes. */
  private readonly byEmail = new FailedLogins(10, LOGIN_WINDOW_MS);
  private readonly byClient = new FailedLogins(100, LOGIN_WINDOW_MS);

  /** `envApiKey`: the key VORONKA_API_KEY sets (made again at each start), for the key list to name. */
  constructor(private readonly store: Store, private readonly now: () => number, private readonly envApiKey?: string) {}

  /**
   * Checks the password and opens a session; returns the cookie token (only its hash is stored).
   * After too many failures for the email or from the client address, 429 until the window passes
   * (even with the right password, so guessing cannot go on).
   */
  async login(email: string, password: string, client?: string): Promise<{ token: string; user: PublicUser; maxAge: number }> {
    // real time, like sessions: on the QA clock a lock must not last until someone moves the clock
    const now = Date.now();
    const keys: [FailedLogins, string][] = [[this.byEmail, email.trim().toLowerCase()], ...(client ? [[this.byClient, client] as [FailedLogins, string]] : [])];
    const wait = Math.max(...keys.map(([f, k]) => f.blockedFor(k, now)));
    if (wait > 0) throw new HttpError(429, `too many failed logins: try again in ${Math.ceil(wait / 60_000)} min`, { retryAfter: Math.ceil(wait / 1000) });
    const user = await this.store.read.getUserByEmail(email);
    // verify even for an unknown email, so timing does not tell which emails exist
    const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA');
    if (!user || !ok) {
      for (const [f, k] of keys) f.fail(k, now);
      throw new HttpError(401, 'wrong email or password');
    }
    this.byEmail.clear(keys[0][1]);
    const token = randomSecret(32);
    const maxAge = SESSION_DAYS * 86_400;
    await this.store.transaction((tx) => tx.insertSession({ id: sha256(token), userId: user.id, expiresAt: Date.now() + maxAge * 1000 }));
    return { token, user: publicUser(user), maxAge };
  }

  /** The user a session cookie belongs to, with their own choices; null when it is missing, unknown or expired. */
  async sessionUser(token: string | undefined): Promise<(PublicUser & UserPreferences) | null> {
    const session = token ? await this.store.read.getSession(sha256(token)) : null;
    const user = session && session.expiresAt > Date.now() ? await this.store.read.getUser(session.userId) : null;
    return user ? { ...publicUser(user), ...(await this.preferences(user.id)) } : null;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.store.transaction((tx) => tx.deleteSession(sha256(token)));
  }

  async createUser(u: { email: string; name: string; role: UserRow['role']; teams?: string[]; password: string }): Promise<PublicUser> {
    const row: UserRow = { id: randomUUID(), email: u.email.toLowerCase(), name: u.name, role: u.role, teams: u.teams ?? [], passwordHash: await hashPassword(u.password), createdAt: this.now() };
    await this.store.transaction(async (tx) => {
      if (await tx.getUserByEmail(row.email)) throw new HttpError(409, `email: a user with "${row.email}" exists`);
      await tx.insertUser(row);
    });
    return publicUser(row);
  }

  /** Creates an API key for a user (`scope`: what it may do); the key is shown once, only its hash is kept. */
  async createApiKey(userId: string, name: string, key = `vk_${randomSecret(24)}`, scope: ApiKeyScope = 'full'): Promise<string> {
    await this.store.transaction((tx) => tx.insertApiKey({ id: randomUUID(), userId, name, hash: sha256(key), createdAt: this.now(), scope }));
    return key;
  }

  /**
   * Changes a user's name, role, teams or password (a new password ends their sessions). The last
   * admin cannot stop being one.
   */
  async updateUser(id: string, patch: { name?: string; role?: UserRow['role']; teams?: string[]; password?: string }): Promise<PublicUser> {
    const { password, ...rest } = patch;
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    const out = await this.store.transaction(async (tx) => {
      const u = await tx.getUser(id);
      if (!u) throw new HttpError(404, `no user "${id}"`);
      if (u.role === 'admin' && rest.role && rest.role !== 'admin' && (await tx.listUsers()).filter((x) => x.role === 'admin').length === 1)
        throw new HttpError(409, 'role: this is the only admin; make someone else admin first');
      await tx.updateUser(id, { ...rest, ...(passwordHash ? { passwordHash } : {}) });
      if (passwordHash) await tx.deleteSessionsOf(id);
      return { ...u, ...rest };
    });
    return publicUser(out);
  }

  /** Deletes a user (not yourself): their sessions and API keys end, their open tasks go back to their role. */
  async deleteUser(id: string, by: string): Promise<void> {
    if (id === by) throw new HttpError(409, 'you cannot delete yourself');
    await this.store.transaction(async (tx) => {
      if (!(await tx.getUser(id))) throw new HttpError(404, `no user "${id}"`);
      await tx.deleteUser(id);
    });
  }

  /** The API keys (never the keys themselves): name, what each may do, owner, when made. */
  async apiKeys(): Promise<ApiKeyDto[]> {
    const users = new Map((await this.store.read.listUsers()).map((u) => [u.id, u]));
    const envKey = this.envApiKey ? (await this.store.read.getApiKeyByHash(sha256(this.envApiKey)))?.id : undefined;
    return (await this.store.read.listApiKeys()).map((k) => {
      const u = users.get(k.userId);
      return { id: k.id, name: k.name, scope: k.scope, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, user: u ? { id: u.id, name: u.name, email: u.email } : null, fromEnv: k.id === envKey };
    });
  }

  /** Revokes a key: it stops working at once (another process on the same data: within 5 s). */
  async revokeApiKey(id: string): Promise<void> {
    const gone = await this.store.transaction((tx) => tx.deleteApiKey(id));
    if (!gone) throw new HttpError(404, `no API key "${id}"`);
  }

  /** A user's own settings (the UI's language, the zone of its times), kept with the workspace so they follow the user to any browser. */
  async preferences(userId: string): Promise<UserPreferences> {
    const saved = await this.store.read.getSetting<Partial<UserPreferences>>(`prefs:${userId}`);
    return {
      ...(saved?.lang === 'ru' || saved?.lang === 'en' ? { lang: saved.lang } : {}),
      ...(saved?.times === 'workspace' || saved?.times === 'mine' ? { times: saved.times } : {}),
    };
  }

  async setPreferences(userId: string, prefs: UserPreferences): Promise<UserPreferences> {
    const next = { ...(await this.preferences(userId)), ...prefs };
    await this.store.transaction((tx) => tx.setSetting(`prefs:${userId}`, next));
    return next;
  }

  async users(): Promise<PublicUser[]> {
    return (await this.store.read.listUsers()).map(publicUser);
  }

  /**
   * Who a hand-off task can go to, for the funnel editor: every user (name, role, teams; no
   * e-mail addresses) and every queue — a role or a team — with how many users work it.
   */
  async assignees(): Promise<AssigneesDto> {
    const users = await this.store.read.listUsers();
    const queues = new Map<string, number>();
    for (const u of users) for (const q of new Set([u.role, ...u.teams])) queues.set(q, (queues.get(q) ?? 0) + 1);
    return {
      users: users.map((u) => ({ id: u.id, name: u.name, role: u.role, teams: u.teams })).sort((a, b) => a.name.localeCompare(b.name)),
      queues: [...queues].map(([name, n]) => ({ name, users: n })).sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
}
