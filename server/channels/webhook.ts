import { createHmac, timingSafeEqual } from 'node:crypto';
import { httpUrlOrNull, replyOrThrow, request } from './http.ts';
import { ADDRESS_ATTRIBUTE, PermanentChannelError, type ChannelAdapter, type OutgoingMessage } from './types.ts';

export interface WebhookConfig {
  /** HMAC-SHA256 key; without one the X-Voronka-Signature header is left out. */
  secret?: string;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** `sha256=<hex>`: the HMAC-SHA256 of the exact body bytes. */
export function sign(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * For receivers: checks an `X-Voronka-Signature` header against the raw body (compare the bytes
 * as received, before any JSON parsing). Constant-time.
 */
export function verifySignature(secret: string, body: string | Uint8Array, header: string | null | undefined): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** The request a row stands for: an action webhook (payload url) or a message to contact.attributes.webhookUrl. */
export function webhookRequest(m: OutgoingMessage): { url: string; method: string; body: string | undefined } {
  const { row, contact } = m;
  const p = row.payload;
  const isAction = p.url !== undefined && p.url !== null;
  const url = httpUrlOrNull(isAction ? p.url : contact.attributes[ADDRESS_ATTRIBUTE.webhook]);
  if (!url) throw new PermanentChannelError(isAction ? 'the webhook URL is not a valid http(s) URL' : 'the contact has no webhookUrl');
  const method = typeof p.method === 'string' && p.method.trim() ? p.method.trim().toUpperCase() : 'POST';
  if (!METHODS.has(method)) throw new PermanentChannelError(`unsupported webhook method ${method}`);
  if (method === 'GET' || method === 'HEAD') return { url, method, body: undefined };
  const text = typeof p.body === 'string' ? p.body : null;
  if (text !== null && isJson(text)) return { url, method, body: text };
  const wrapped: Record<string, unknown> = { body: text, contactId: row.contactId, runId: row.runId, node: row.node };
  if (!isAction && typeof p.subject === 'string') wrapped.subject = p.subject;
  return { url, method, body: JSON.stringify(wrapped) };
}

/**
 * Webhooks: action nodes (payload `{ url, method, body }`) and messages on the 'webhook'
 * channel (to `contact.attributes.webhookUrl`). JSON, signed when a secret is configured, with
 * the row id as `Idempotency-Key`. 2xx → reply text; 4xx (not 408/429) → permanent; else retry.
 */
export function webhookChannel(cfg: WebhookConfig = {}): ChannelAdapter {
  return {
    name: 'webhook',
    async send(m: OutgoingMessage): Promise<string> {
      const { url, method, body } = webhookRequest(m);
      const headers: Record<string, string> = {
        'Idempotency-Key': m.row.id,
        'X-Voronka-Timestamp': String(Math.floor(Date.now() / 1000)),
        'User-Agent': 'Voronka-Webhook/1',
      };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (cfg.secret) headers['X-Voronka-Signature'] = sign(cfg.secret, body ?? '');
      const reply = await request(url, { method, headers, body });
      return replyOrThrow(reply, 'the webhook');
    },
  };
}
