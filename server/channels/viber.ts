import { isRetryableStatus, jsonReply, plainText, request } from './http.ts';
import { ADDRESS_ATTRIBUTE, PermanentChannelError, type ChannelAdapter, type OutgoingMessage } from './types.ts';

export interface ViberConfig {
  /** The bot's authentication token (X-Viber-Auth-Token). */
  token: string;
  /** The sender name shown with the message. */
  sender: string;
  /** Default https://chatapi.viber.com (a test stand-in otherwise). */
  apiBase?: string;
}

const VIBER_LIMIT = 7000;
/** Viber statuses that will not get better on retry: bad receiver, not subscribed, blocked, bad message… */
const VIBER_PERMANENT = new Set([3, 5, 6, 7, 8, 10, 11]);

/** A Viber bot's `send_message` (text) to `contact.attributes.viberId` (the subscriber's id). */
export function viberChannel(cfg: ViberConfig): ChannelAdapter {
  const base = (cfg.apiBase ?? 'https://chatapi.viber.com').replace(/\/+$/, '');
  return {
    name: 'viber',
    links: 'plain',
    async send(m: OutgoingMessage): Promise<string> {
      const receiver = m.contact.attributes[ADDRESS_ATTRIBUTE.viber];
      if (typeof receiver !== 'string' || receiver.trim() === '') throw new PermanentChannelError('the contact has no viberId');
      const text = plainText(m.row.payload, VIBER_LIMIT);
      if (text.trim() === '') throw new PermanentChannelError('the message is empty');
      const r = await request(`${base}/pa/send_message`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Viber-Auth-Token': cfg.token },
        body: JSON.stringify({ receiver: receiver.trim(), type: 'text', text, sender: { name: cfg.sender }, tracking_data: m.row.id }),
      });
      const json = jsonReply<{ status?: number; status_message?: string; message_token?: number | string }>(r);
      if (r.status >= 200 && r.status < 300 && json.status === 0) return `ok message_token=${json.message_token ?? '?'}`;
      if (typeof json.status === 'number') {
        const msg = `viber ${json.status}: ${json.status_message ?? 'error'}`;
        if (VIBER_PERMANENT.has(json.status) || json.status === 2) throw new PermanentChannelError(msg);
        throw new Error(msg);
      }
      const msg = `viber answered ${r.status}: ${r.text.slice(0, 300)}`;
      if (isRetryableStatus(r.status) || (r.status >= 200 && r.status < 300)) throw new Error(msg);
      throw new PermanentChannelError(msg);
    },
  };
}
