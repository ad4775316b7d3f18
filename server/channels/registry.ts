import type { CountryCode } from 'libphonenumber-js';
import type { ChannelConfig } from './config.ts';
import { emailChannel } from './email.ts';
import { smsChannel } from './sms.ts';
import { telegramChannel } from './telegram.ts';
import type { ChannelAdapter } from './types.ts';
import { viberChannel } from './viber.ts';
import { vkChannel } from './vk.ts';
import { webhookChannel } from './webhook.ts';
import { whatsappChannel } from './whatsapp.ts';

/**
 * The adapters for the configured channels. 'webhook' is always present: action-node webhooks
 * carry their own URL and must go out even without a secret (then they are sent unsigned).
 * Channels missing from the map go to the dev outbox. The email adapter keeps pooled SMTP
 * connections: build the map once per config and `closeChannels` the old one when it changes.
 */
/** The channels configured; `country`: where a phone without a country code is (the workspace's, by its time zone). */
export function buildChannels(cfg: ChannelConfig, country: CountryCode = 'RU'): Map<string, ChannelAdapter> {
  const map = new Map<string, ChannelAdapter>();
  if (cfg.email) map.set('email', emailChannel(cfg.email));
  if (cfg.sms) map.set('sms', smsChannel(cfg.sms, country));
  if (cfg.telegram) map.set('telegram', telegramChannel(cfg.telegram));
  if (cfg.vk) map.set('vk', vkChannel(cfg.vk));
  if (cfg.whatsapp) map.set('whatsapp', whatsappChannel(cfg.whatsapp, country));
  if (cfg.viber) map.set('viber', viberChannel(cfg.viber));
  map.set('webhook', webhookChannel(cfg.webhook ?? {}));
  return map;
}

/** The channels whose adapters have `check()` (a connection checked without sending): the settings form offers it for them. */
export const CAN_CHECK: readonly string[] = ['email', 'telegram'];

/** Closes the adapters that hold connections (SMTP pools). */
export async function closeChannels(map: Map<string, ChannelAdapter>): Promise<void> {
  for (const a of map.values()) {
    const c = (a as ChannelAdapter & { close?: () => Promise<void> }).close;
    if (typeof c === 'function') await c.call(a);
  }
}
