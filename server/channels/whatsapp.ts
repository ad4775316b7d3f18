import type { CountryCode } from 'libphonenumber-js';
import { channelAddress, phoneForSending } from './phone.ts';
import { isRetryableStatus, jsonReply, plainText, request } from './http.ts';
import { ADDRESS_ATTRIBUTE, PermanentChannelError, type ChannelAdapter, type OutgoingMessage } from './types.ts';

export interface WhatsappConfig {
  /** A WhatsApp Business Cloud API access token. */
  token: string;
  /** The sending number's id in the Cloud API. */
  phoneNumberId: string;
  /** Default https://graph.facebook.com/v21.0 (a test stand-in otherwise). */
  apiBase?: string;
}

const WA_LIMIT = 4096;

/**
 * WhatsApp through the Business Cloud API: a text message to `contact.attributes.phone`. WhatsApp
 * delivers free text only within 24 hours of the person's last message to the business; outside
 * that window it refuses it (a permanent failure here: such messages need an approved template).
 */
export function whatsappChannel(cfg: WhatsappConfig, country: CountryCode = 'RU'): ChannelAdapter {
  const base = (cfg.apiBase ?? 'https://graph.facebook.com/v21.0').replace(/\/+$/, '');
  return {
    name: 'whatsapp',
    address: (attributes) => channelAddress('whatsapp', attributes, country) ?? null,
    links: 'plain',
    async send(m: OutgoingMessage): Promise<string> {
      const raw = m.contact.attributes[ADDRESS_ATTRIBUTE.whatsapp];
      if (raw === undefined || raw === null || String(raw).trim() === '') throw new PermanentChannelError('the contact has no phone number');
      // the Cloud API takes the international number's digits
      const to = phoneForSending(raw, country)?.replace(/\D/g, '');
      if (!to) throw new PermanentChannelError(`${JSON.stringify(raw)} is not a whole phone number in ${country}: it needs its area or country code`);
      const text = plainText(m.row.payload, WA_LIMIT, (s) => `*${s}*`); // the subject in bold
      if (text.trim() === '') throw new PermanentChannelError('the message is empty');
      const r = await request(`${base}/${encodeURIComponent(cfg.phoneNumberId)}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${cfg.token}` },
        body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body: text, preview_url: true }, biz_opaque_callback_data: m.row.id }),
      });
      const json = jsonReply<{ messages?: { id?: string }[]; error?: { code?: number; message?: string } }>(r);
      if (r.status >= 200 && r.status < 300 && json.messages?.[0]?.id) return `ok id=${json.messages[0].id}`;
      const msg = `whatsapp ${json.error?.code ?? r.status}: ${json.error?.message ?? r.text.slice(0, 300)}`;
      if (r.status >= 200 && r.status < 300) throw new Error(msg);
      if (isRetryableStatus(r.status)) throw new Error(msg);
      throw new PermanentChannelError(msg);
    },
  };
}
