import type { CountryCode } from 'libphonenumber-js';
import { channelAddress, phoneForSending } from './phone.ts';
import type { ChannelConfig } from './config.ts';
import { replyOrThrow, request } from './http.ts';
import { PermanentChannelError, type ChannelAdapter, type OutgoingMessage } from './types.ts';

export type SmsConfig = NonNullable<ChannelConfig['sms']>;

/**
 * SMS through a generic HTTP gateway: `POST cfg.url` with `{ to, text, from?, id }`, a bearer
 * token and the row id as `Idempotency-Key`. Same error policy as webhooks.
 */
export function smsChannel(cfg: SmsConfig, country: CountryCode = 'RU'): ChannelAdapter {
  return {
    name: 'sms',
    address: (attributes) => channelAddress('sms', attributes, country) ?? null,
    async send(m: OutgoingMessage): Promise<string> {
      const raw = m.contact.attributes.phone;
      if (raw === undefined || raw === null || String(raw).trim() === '') throw new PermanentChannelError('the contact has no phone number');
      const to = phoneForSending(raw, country);
      if (!to) throw new PermanentChannelError(`${JSON.stringify(raw)} is not a whole phone number in ${country}: it needs its area or country code`);
      const text = typeof m.row.payload.body === 'string' ? m.row.payload.body : '';
      if (text.trim() === '') throw new PermanentChannelError('the message is empty');
      const body = JSON.stringify({ to, text, ...(cfg.from ? { from: cfg.from } : {}), id: m.row.id });
      const reply = await request(cfg.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${cfg.token}`, 'Idempotency-Key': m.row.id },
        body,
      });
      return replyOrThrow(reply, 'the SMS gateway');
    },
  };
}
