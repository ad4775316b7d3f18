import { PermanentChannelError } from './types.ts';

export const HTTP_TIMEOUT_MS = 10_000;

export interface HttpReply {
  status: number;
  text: string;
}

/**
 * One HTTP request with a timeout. Network failures and timeouts become plain (retryable)
 * errors whose message never contains the URL (it may carry a token).
 */
export async function request(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<HttpReply> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError') throw new Error(`no answer within ${HTTP_TIMEOUT_MS / 1000} s`);
    // an address no request can go to (not a URL, a scheme fetch does not speak, a port browsers and fetch refuse) will
    // not get better by trying again
    const why = err.cause?.code ?? err.cause?.message ?? err.message;
    if (why === 'ERR_INVALID_URL' || why === 'bad port' || why === 'unknown scheme') throw new PermanentChannelError(`network error: ${why} (the address cannot be requested)`);
    throw new Error(`network error: ${why}`);
  }
  const text = await res.text().catch(() => '');
  return { status: res.status, text };
}

/** The reply's body as JSON, or `{}` when it is not JSON (a proxy's error page): its status decides then. */
export function jsonReply<T extends object>(r: HttpReply): Partial<T> {
  try {
    const v: unknown = JSON.parse(r.text);
    return v && typeof v === 'object' ? (v as Partial<T>) : {};
  } catch {
    return {};
  }
}

/**
 * A message as plain text: the subject (as `line` shapes it), if any, on its own line above the
 * body, cut to `limit` characters with an ellipsis.
 */
export function plainText(payload: Record<string, unknown>, limit: number, line: (subject: string) => string = (s) => s): string {
  const subject = typeof payload.subject === 'string' && payload.subject.trim() !== '' ? `${line(payload.subject.trim())}\n\n` : '';
  const text = subject + (typeof payload.body === 'string' ? payload.body : '');
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** 408 and 429 are worth a retry; so is every 5xx. Other 4xx (and 3xx) will not get better. */
export const isRetryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * The webhook / SMS error policy: 2xx → `"<status> <reply text>"`; 4xx other than 408/429
 * (and redirects, which are not followed) → PermanentChannelError; the rest → retryable Error.
 */
export function replyOrThrow(r: HttpReply, what: string): string {
  const snippet = r.text.slice(0, 500);
  if (r.status >= 200 && r.status < 300) return `${r.status} ${snippet}`;
  const msg = `${what} answered ${r.status}${snippet ? `: ${snippet}` : ''}`;
  if (isRetryableStatus(r.status)) throw new Error(msg);
  throw new PermanentChannelError(msg);
}

/** An http(s) URL or null. */
export function httpUrlOrNull(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
