import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { stmt } from '../prepared.ts';
import type { ApiKeyScope } from '../../../../shared/api/types.ts';
import { apiKeys, sessions, settings, users } from '../schema.ts';
import type { Tx, UserRow } from '../../types.ts';

export const authQueries = (
  db: Db,
): Pick<Tx, 'getUser' | 'getUserByEmail' | 'listUsers' | 'insertUser' | 'updateUser' | 'deleteUser' | 'deleteSessionsOf' | 'insertSession' | 'getSession' | 'deleteSession' | 'insertApiKey' | 'getApiKeyByHash' | 'listApiKeys' | 'deleteApiKey' | 'touchApiKey' | 'getSetting' | 'setSetting'> => ({
  async getUser(id) {
    const r = stmt(db.$client, 'SELECT id, email, name, role, teams, password_hash AS passwordHash, created_at AS createdAt FROM users WHERE id = ?').get(id) as (Omit<UserRow, 'teams'> & { teams: string }) | undefined;
    return r ? { ...r, teams: JSON.parse(r.teams) } : null;
  },
  async getUserByEmail(email) {
    return (db.select().from(users).where(eq(users.email, email.toLowerCase())).get() as UserRow | undefined) ?? null;
  },
  async listUsers() {
    return db.select().from(users).orderBy(asc(users.createdAt)).all() as UserRow[];
  },
  async insertUser(u) {
    db.insert(users).values({ ...u, email: u.email.toLowerCase() }).run();
  },
  async updateUser(id, patch) {
    if (Object.keys(patch).length) db.update(users).set(patch).where(eq(users.id, id)).run();
  },
  async deleteSessionsOf(userId) {
    stmt(db.$client, 'DELETE FROM sessions WHERE user_id = ?').run(userId);
  },
  async deleteUser(id) {
    // a task that was hers alone goes to her role
    stmt(db.$client, "UPDATE tasks SET user_id = NULL, role = coalesce(role, (SELECT role FROM users WHERE id = ?)) WHERE user_id = ? AND status = 'open'").run(id, id);
    for (const table of ['sessions', 'api_keys']) stmt(db.$client, `DELETE FROM ${table} WHERE user_id = ?`).run(id);
    stmt(db.$client, 'DELETE FROM users WHERE id = ?').run(id);
  },
  async insertSession(s) {
    db.insert(sessions).values(s).run();
  },
  async getSession(id) {
    return db.select().from(sessions).where(eq(sessions.id, id)).get() ?? null;
  },
  async deleteSession(id) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
  },
  async insertApiKey(k) {
    db.insert(apiKeys).values(k).run();
  },
  async getApiKeyByHash(hash) {
    return (stmt(db.$client, 'SELECT id, user_id AS userId, scope FROM api_keys WHERE hash = ?').get(hash) as { id: string; userId: string; scope: ApiKeyScope } | undefined) ?? null;
  },
  async listApiKeys() {
    return stmt(db.$client, 'SELECT id, user_id AS userId, name, created_at AS createdAt, scope, last_used_at AS lastUsedAt FROM api_keys ORDER BY created_at, id').all() as { id: string; userId: string; name: string; createdAt: number; scope: ApiKeyScope; lastUsedAt: number | null }[];
  },
  async touchApiKey(id, at) {
    stmt(db.$client, 'UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(at, id);
  },
  async deleteApiKey(id) {
    return stmt(db.$client, 'DELETE FROM api_keys WHERE id = ?').run(id).changes > 0;
  },
  async getSetting<T>(key: string) {
    return ((db.select().from(settings).where(eq(settings.key, key)).get()?.value as T | undefined) ?? null) as T | null;
  },
  async setSetting(key, value) {
    db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
  },
});
