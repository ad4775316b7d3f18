import { z } from 'zod';

const smtpUrl = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
  } catch {
    return false;
  }
}, 'must be an smtp:// or smtps:// URL with a host');

// stricter forms of the same fields, for what an admin saves now (stored settings and environment
// variables are read with the lenient ones above, so an upgrade never drops a working channel)

/** `smtp://user:password@host:587` or `smtps://…:465`: a host, and a port when given that is 1–65535. */
const smtpUrlChecked = z.string().superRefine((s, ctx) => {
  const port = /^smtps?:\/\/(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)/i.exec(s)?.[1];
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535))
    return void ctx.addIssue({ code: 'custom', message: `the port ${port} is not a port: use 1–65535 (usually 587, or 465 for smtps)` });
  try {
    const u = new URL(s);
    if ((u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '') return;
  } catch {
    /* reported below */
  }
  ctx.addIssue({ code: 'custom', message: 'must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@smtp.example.com:587' });
});

/** A sender: `shop@example.com` or `Shop <shop@example.com>`. */
const sender = z.string().regex(/^(?:[^<>@]*<\s*[^\s<>@]+@[^\s<>@]+\s*>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an email address, e.g. shop@example.com or Shop <shop@example.com>');

/** A Telegram bot token as @BotFather gives it: `123456789:AA…`. */
const telegramToken = z.string().regex(/^\d+:[\w-]+$/, 'is not a Telegram bot token: it looks like 123456789:AAH… (from @BotFather)');

const httpUrl = z.string().superRefine((s, ctx) => {
  // a port out of range would read as "not a URL": said as what it is
  const port = /^https?:\/\/(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)/i.exec(s)?.[1];
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) return void ctx.addIssue({ code: 'custom', message: `the port ${port} is not a port: use 1–65535` });
  try {
    const u = new URL(s);
    if (u.protocol === 'http:' || u.protocol === 'https:') return;
  } catch {
    /* reported below */
  }
  ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
});

const nonEmpty = z.string().min(1);

/** Credentials of the outgoing channels. A channel that is absent goes to the dev outbox. */
export const ChannelConfig = z.object({
  email: z.object({ smtpUrl, from: nonEmpty }).optional(),
  webhook: z.object({ secret: nonEmpty }).optional(),
  telegram: z.object({ token: nonEmpty, apiBase: httpUrl.default('https://api.telegram.org') }).optional(),
  sms: z.object({ url: httpUrl, token: nonEmpty, from: nonEmpty.optional() }).optional(),
  vk: z.object({ token: nonEmpty, apiBase: httpUrl.default('https://api.vk.com') }).optional(),
  whatsapp: z.object({ token: nonEmpty, phoneNumberId: nonEmpty, apiBase: httpUrl.default('https://graph.facebook.com/v21.0') }).optional(),
  viber: z.object({ token: nonEmpty, sender: nonEmpty, apiBase: httpUrl.default('https://chatapi.viber.com') }).optional(),
});
export type ChannelConfig = z.output<typeof ChannelConfig>;

/** What the settings form saves: the same, with the port, the sender address and the Telegram token checked. */
export const ChannelSettings = ChannelConfig.extend({
  email: z.object({ smtpUrl: smtpUrlChecked, from: sender }).optional(),
  telegram: z.object({ token: telegramToken, apiBase: httpUrl.default('https://api.telegram.org') }).optional(),
});
/** The config as stored or written by hand (defaults not yet applied). */
export type ChannelConfigInput = z.input<typeof ChannelConfig>;

/**
 * Who a channel's messages come from, as their reader knows it: the display name of a sender
 * (`Лаванда <shop@lavanda.ru>` → `Лаванда`), else its address (`shop@lavanda.ru`); the SMS sender
 * name and the Viber sender as they are; null when the channel is not set up or names nobody.
 */
export function senderName(cfg: ChannelConfig, channel: string): string | null {
  const from = channel === 'email' ? cfg.email?.from : channel === 'sms' ? cfg.sms?.from : channel === 'viber' ? cfg.viber?.sender : undefined;
  if (!from) return null;
  const m = /^([\s\S]*)<\s*([^<>\s]+)\s*>\s*$/.exec(from.trim()); // `name <address>`: the address is the last <…>
  const name = (m ? m[1] : '').trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1').trim();
  return name || (m ? m[2] : from.trim()) || null;
}

const CHANNELS = ['email', 'webhook', 'telegram', 'sms', 'vk', 'whatsapp', 'viber'] as const;

/**
 * Reads the channel config from environment variables. An empty variable counts as unset; a
 * channel whose required variables are only partly set is an error (a typo should be loud).
 */
export function channelConfigFromEnv(env: NodeJS.ProcessEnv): ChannelConfig {
  const get = (k: string) => (env[k] && env[k]!.trim() !== '' ? env[k]!.trim() : undefined);
  const both = (a: string, b: string) => {
    const [va, vb] = [get(a), get(b)];
    if ((va === undefined) !== (vb === undefined)) throw new Error(`${va === undefined ? b : a} is set but ${va === undefined ? a : b} is not`);
    return va !== undefined && vb !== undefined ? [va, vb] : undefined;
  };
  const raw: ChannelConfigInput = {};
  const email = both('VORONKA_SMTP_URL', 'VORONKA_SMTP_FROM');
  if (email) raw.email = { smtpUrl: email[0], from: email[1] };
  const secret = get('VORONKA_WEBHOOK_SECRET');
  if (secret) raw.webhook = { secret };
  const token = get('VORONKA_TELEGRAM_TOKEN');
  const api = get('VORONKA_TELEGRAM_API');
  if (api && !token) throw new Error('VORONKA_TELEGRAM_API is set but VORONKA_TELEGRAM_TOKEN is not');
  if (token) raw.telegram = { token, ...(api ? { apiBase: api } : {}) };
  const sms = both('VORONKA_SMS_URL', 'VORONKA_SMS_TOKEN');
  const smsFrom = get('VORONKA_SMS_FROM');
  if (smsFrom && !sms) throw new Error('VORONKA_SMS_FROM is set but VORONKA_SMS_URL / VORONKA_SMS_TOKEN are not');
  if (sms) raw.sms = { url: sms[0], token: sms[1], ...(smsFrom ? { from: smsFrom } : {}) };
  const vkToken = get('VORONKA_VK_TOKEN');
  const vkApi = get('VORONKA_VK_API');
  if (vkApi && !vkToken) throw new Error('VORONKA_VK_API is set but VORONKA_VK_TOKEN is not');
  if (vkToken) raw.vk = { token: vkToken, ...(vkApi ? { apiBase: vkApi } : {}) };
  const wa = both('VORONKA_WHATSAPP_TOKEN', 'VORONKA_WHATSAPP_PHONE_ID');
  const waApi = get('VORONKA_WHATSAPP_API');
  if (waApi && !wa) throw new Error('VORONKA_WHATSAPP_API is set but VORONKA_WHATSAPP_TOKEN / VORONKA_WHATSAPP_PHONE_ID are not');
  const viber = both('VORONKA_VIBER_TOKEN', 'VORONKA_VIBER_SENDER');
  const viberApi = get('VORONKA_VIBER_API');
  if (viberApi && !viber) throw new Error('VORONKA_VIBER_API is set but VORONKA_VIBER_TOKEN / VORONKA_VIBER_SENDER are not');
  if (viber) raw.viber = { token: viber[0], sender: viber[1], ...(viberApi ? { apiBase: viberApi } : {}) };
  if (wa) raw.whatsapp = { token: wa[0], phoneNumberId: wa[1], ...(waApi ? { apiBase: waApi } : {}) };
  const parsed = ChannelConfig.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid channel environment variables: ${issues}`);
  }
  return parsed.data;
}

/**
 * Merges the config saved in settings with the one from the environment: for each channel the
 * environment wins when it configures that channel. The result is validated (defaults applied).
 */
export function mergeChannelConfig(fromSettings: ChannelConfigInput | null | undefined, fromEnv: ChannelConfigInput): ChannelConfig {
  const merged: Record<string, unknown> = {};
  for (const ch of CHANNELS) {
    const v = fromEnv[ch] ?? fromSettings?.[ch];
    if (v !== undefined && v !== null) merged[ch] = v;
  }
  return ChannelConfig.parse(merged);
}
