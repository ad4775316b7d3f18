import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sha256 } from '../services/passwords.ts';
import type { ApiKeyScope } from '../../shared/api/types.ts';
import type { Store, UserRow } from '../store/types.ts';
import { HttpError } from './errors.ts';

export type Role = UserRow['role'];
export const SESSION_COOKIE = 'voronka_session';

export type Env = { Variables: { user: UserRow } };

/** The requests an `ingest` key may make: sending data in, nothing else (and bounces, `POST /api/outbox/:id/bounce`). */
const INGEST = new Set(['POST /api/events', 'POST /api/contacts', 'POST /api/contacts/import', 'POST /api/orders']);

/** Whether a key of this scope may make the request (its user's role is checked after, as for anyone). */
function scopeAllows(scope: ApiKeyScope, method: string, path: string): boolean {
  if (scope === 'full') return true;
  if (scope === 'read') return method === 'GET' || method === 'HEAD';
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  return INGEST.has(route) || /^POST \/api\/outbox\/[^/]+\/bounce$/.test(route); // a provider's bounce, passed on
}

function checkScope(scope: ApiKeyScope, c: Context): void {
  if (scopeAllows(scope, c.req.method, c.req.path)) return;
  const what = scope === 'read' ? 'only read (GET)' : `only send data in (${[...INGEST].join(', ')})`;
  throw new HttpError(403, `this API key may ${what}: its scope is "${scope}"; an admin makes a key with another scope in the settings`);
}

/** How long a checked API key is trusted without looking it up again. */
const API_KEY_CACHE_MS = 5000;

/**
 * Authenticates a request: `Authorization: Bearer <API key>` for integrations, or the session
 * cookie for the web app. Sets `c.var.user`, or answers 401. Sessions live on real time (a QA
 * clock advance must not log everyone out).
 */
/**
 * Valid API keys remembered for a few seconds: integrations send the same key with every request,
 * so its user is not looked up twice per call (unknown keys are never remembered). A key revoked
 * in this process is forgotten at once; another process sees it within the few seconds.
 */
export class ApiKeyCache {
  readonly keys = new Map<string, { id: string; user: UserRow; scope: ApiKeyScope; until: number }>();

  forget(keyId: string): void {
    for (const [hash, k] of this.keys) if (k.id === keyId) this.keys.delete(hash);
  }
}

/** `now`: the server's clock (the QA clock in QA mode) for when a key was last used, as for every other time it shows. */
export const authenticate = (store: Store, cache = new ApiKeyCache(), now: () => number = Date.now): MiddlewareHandler<Env> => {
  const keys = cache.keys;
  return async (c, next) => {
    const auth = c.req.header('authorization');
    if (auth?.startsWith('Bearer ')) {
      const hash = sha256(auth.slice(7).trim());
      const hit = keys.get(hash);
      if (hit && hit.until > Date.now()) {
        checkScope(hit.scope, c);
        c.set('user', hit.user);
        return next();
      }
      const key = await store.read.getApiKeyByHash(hash);
      if (!key) throw new HttpError(401, 'the API key is not valid');
      const user = await store.read.getUser(key.userId);
      if (!user) throw new HttpError(401, 'the API key is not valid');
      if (keys.size > 1000) keys.clear();
      keys.set(hash, { id: key.id, user, scope: key.scope, until: Date.now() + API_KEY_CACHE_MS });
      // when it was last used, written when the key is looked up (every few seconds at most), not per request
      await store.transaction((tx) => tx.touchApiKey(key.id, now()));
      checkScope(key.scope, c);
      c.set('user', user);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await store.read.getSession(sha256(token)) : null;
    const user = session && session.expiresAt > Date.now() ? await store.read.getUser(session.userId) : null;
    if (!user) throw new HttpError(401, 'log in first (session cookie) or send an API key as Authorization: Bearer <key>');
    c.set('user', user);
    await next();
  };
};

/** Allows only these roles (admin always passes). */
export const allow = (...roles: Role[]): MiddlewareHandler<Env> => async (c, next) => {
  const u = c.var.user;
  if (u.role !== 'admin' && !roles.includes(u.role)) throw new HttpError(403, `this needs the role ${roles.join(' or ')}; you are ${u.role}`);
  await next();
};

export const currentUser = (c: Context<Env>): UserRow => c.var.user;
