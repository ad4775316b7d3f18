import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sha256 } from '../services/passwords.ts';
import type { Store, UserRow } from '../store/types.ts';
import { HttpError } from './errors.ts';

export type Role = UserRow['role'];
export const SESSION_COOKIE = 'voronka_session';

export type Env = { Variables: { user: UserRow } };

/**
 * Authenticates a request: `Authorization: Bearer <API key>` for integrations, or the session
 * cookie for the web app. Sets `c.var.user`, or answers 401.
 */
/** Sessions live on real time (a QA clock advance must not log everyone out). */
export const authenticate = (store: Store): MiddlewareHandler<Env> => async (c, next) => {
  const auth = c.req.header('authorization');
  let userId: string | null = null;
  if (auth?.startsWith('Bearer ')) {
    const key = await store.read.getApiKeyByHash(sha256(auth.slice(7).trim()));
    if (!key) throw new HttpError(401, 'the API key is not valid');
    userId = key.userId;
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await store.read.getSession(sha256(token)) : null;
    if (session && session.expiresAt > Date.now()) userId = session.userId;
  }
  const user = userId ? await store.read.getUser(userId) : null;
  if (!user) throw new HttpError(401, 'log in first (session cookie) or send an API key as Authorization: Bearer <key>');
  c.set('user', user);
  await next();
};

/** Allows only these roles (admin always passes). */
export const allow = (...roles: Role[]): MiddlewareHandler<Env> => async (c, next) => {
  const u = c.var.user;
  if (u.role !== 'admin' && !roles.includes(u.role)) throw new HttpError(403, `this needs the role ${roles.join(' or ')}; you are ${u.role}`);
  await next();
};

export const currentUser = (c: Context<Env>): UserRow => c.var.user;
