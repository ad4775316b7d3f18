import { isRetryableStatus, jsonReply, plainText, request } from './http.ts';
import { ADDRESS_ATTRIBUTE, PermanentChannelError, type ChannelAdapter, type OutgoingMessage } from './types.ts';

export interface VkConfig {
  /** A community (group) access token with the messages permission. */
  token: string;
  /** Default https://api.vk.com (a test stand-in otherwise). */
  apiBase?: string;
}

const VK_VERSION = '5.199';
const VK_LIMIT = 4096;
/** VK errors worth a retry: unknown, too many requests, flood control, internal. */
const VK_RETRYABLE = new Set([1, 6, 9, 10]);


/**
 * VK's `random_id` for a message: VK refuses a second message with the same `random_id` from the
 * community to the same person, which makes it the idempotency key (a 31-bit hash of the row id).
 */
export function vkRandomId(messageId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < messageId.length; i++) {
    h ^= messageId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 1) || 1;
}

/** VK community messages: `messages.send` to `contact.attributes.vkId` (the person's VK id). */
export function vkChannel(cfg: VkConfig): ChannelAdapter {
  const base = (cfg.apiBase ?? 'https://api.vk.com').replace(/\/+$/, '');
  return {
    name: 'vk',
    links: 'plain',
    async send(m: OutgoingMessage): Promise<string> {
      const peer = m.contact.attributes[ADDRESS_ATTRIBUTE.vk];
      const peerId = typeof peer === 'number' ? String(peer) : typeof peer === 'string' && /^\d+$/.test(peer.trim()) ? peer.trim() : null;
      if (peerId === null) throw new PermanentChannelError('the contact has no vkId (a numeric VK user id)');
      const text = plainText(m.row.payload, VK_LIMIT);
      if (text.trim() === '') throw new PermanentChannelError('the message is empty');
      const form = new URLSearchParams({ peer_id: peerId, message: text, random_id: String(vkRandomId(m.row.id)), access_token: cfg.token, v: VK_VERSION });
      const r = await request(`${base}/method/messages.send`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      const json = jsonReply<{ response?: unknown; error?: { error_code?: number; error_msg?: string } }>(r);
      if (r.status >= 200 && r.status < 300 && json.response !== undefined) return `ok message_id=${typeof json.response === 'object' ? JSON.stringify(json.response) : String(json.response)}`;
      if (json.error) {
        const msg = `vk ${json.error.error_code ?? '?'}: ${json.error.error_msg ?? 'error'}`;
        if (VK_RETRYABLE.has(json.error.error_code ?? 1)) throw new Error(msg);
        throw new PermanentChannelError(msg);
      }
      const msg = `vk answered ${r.status}: ${r.text.slice(0, 300)}`;
      if (r.status >= 200 && r.status < 300) throw new Error(msg);
      if (isRetryableStatus(r.status)) throw new Error(msg);
      throw new PermanentChannelError(msg);
    },
  };
}
