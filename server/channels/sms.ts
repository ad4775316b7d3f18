import { internationalPhone } from '../../shared/format/phone.ts';
import type { ChannelConfig } from './config.ts';
import { replyOrThrow, request } from './http.ts';
import { PermanentChannelError, type ChannelAdapter, type OutgoingMessage } from './types.ts';

export type SmsConfig = NonNullable<ChannelConfig['sms']>;

/** A loose phone check: digits with optional +, spaces, dashes and parentheses; 6–15 digits. */
export function normalizePhone(v: unknown): string | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).trim();
  if (!/^\+?[\d\s()-]+$/.test(s)) return null;
  // a Russian number written the domestic way (8 917 …) goes to +7 917 …
  const intl = internationalPhone(s);
  if (intl) return intl;
  const digits = s.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) return null;
  return (s.startsWith('+') ? '+' : '') + digits;
}

/**
 * SMS through a generic HTTP gateway: `POST cfg.url` with `{ to, text, from?, id }`, a bearer
 * token and the row id as `Idempotency-Key`. Same error policy as webhooks.
 */
export function smsChannel(cfg: SmsConfig): ChannelAdapter {
  return {
    name: 'sms',
    async send(m: OutgoingMessage): Promise<string> {
      const to = normalizePhone(m.contact.attributes.phone);
      if (!to) throw new PermanentChannelError('the contact has no phone number');
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
