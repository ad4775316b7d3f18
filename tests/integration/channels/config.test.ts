import { describe, expect, it } from 'vitest';
import { ChannelConfig, ChannelSettings, channelConfigFromEnv, mergeChannelConfig } from '../../../server/channels/config.ts';
import { buildChannels, closeChannels } from '../../../server/channels/registry.ts';

describe('channel config', () => {
  it('reads every channel from the environment', () => {
    const cfg = channelConfigFromEnv({
      VORONKA_SMTP_URL: 'smtps://user:pass@smtp.example.com:465', VORONKA_SMTP_FROM: 'shop@example.com',
      VORONKA_WEBHOOK_SECRET: 's3cret', VORONKA_TELEGRAM_TOKEN: '1:abc',
      VORONKA_SMS_URL: 'https://sms.example.com/send', VORONKA_SMS_TOKEN: 't', VORONKA_SMS_FROM: 'Shop',
    });
    expect(cfg).toEqual({
      email: { smtpUrl: 'smtps://user:pass@smtp.example.com:465', from: 'shop@example.com' },
      webhook: { secret: 's3cret' },
      telegram: { token: '1:abc', apiBase: 'https://api.telegram.org' },
      sms: { url: 'https://sms.example.com/send', token: 't', from: 'Shop' },
    });
  });

  it('reads VK, WhatsApp and Viber from the environment, with their API addresses defaulted', () => {
    expect(channelConfigFromEnv({ VORONKA_VK_TOKEN: 'vk1', VORONKA_WHATSAPP_TOKEN: 'wa', VORONKA_WHATSAPP_PHONE_ID: '42' })).toEqual({
      vk: { token: 'vk1', apiBase: 'https://api.vk.com' },
      whatsapp: { token: 'wa', phoneNumberId: '42', apiBase: 'https://graph.facebook.com/v21.0' },
    });
    expect(channelConfigFromEnv({ VORONKA_VK_TOKEN: 'vk1', VORONKA_VK_API: 'http://127.0.0.1:9' }).vk?.apiBase).toBe('http://127.0.0.1:9');
    expect(() => channelConfigFromEnv({ VORONKA_WHATSAPP_TOKEN: 'wa' })).toThrow(/VORONKA_WHATSAPP_PHONE_ID/);
    expect(channelConfigFromEnv({ VORONKA_VIBER_TOKEN: 'b', VORONKA_VIBER_SENDER: 'Shop' }).viber).toEqual({ token: 'b', sender: 'Shop', apiBase: 'https://chatapi.viber.com' });
    expect(() => channelConfigFromEnv({ VORONKA_VIBER_TOKEN: 'b' })).toThrow(/VORONKA_VIBER_SENDER/);
    expect(() => channelConfigFromEnv({ VORONKA_VK_API: 'http://x' })).toThrow(/VORONKA_VK_TOKEN/);
    expect(() => channelConfigFromEnv({ VORONKA_VK_TOKEN: 't', VORONKA_VK_API: 'ftp://x' })).toThrow(/vk\.apiBase/);
  });

  it('an empty environment configures nothing; a half-set channel is an error', () => {
    expect(channelConfigFromEnv({ VORONKA_SMTP_URL: '' })).toEqual({});
    expect(() => channelConfigFromEnv({ VORONKA_SMTP_URL: 'smtp://localhost' })).toThrow(/VORONKA_SMTP_FROM/);
    expect(() => channelConfigFromEnv({ VORONKA_SMS_TOKEN: 't' })).toThrow(/VORONKA_SMS_URL/);
    expect(() => channelConfigFromEnv({ VORONKA_SMTP_URL: 'http://x', VORONKA_SMTP_FROM: 'a@b.c' })).toThrow(/email\.smtpUrl/);
    expect(channelConfigFromEnv({ VORONKA_TELEGRAM_TOKEN: 't', VORONKA_TELEGRAM_API: 'http://127.0.0.1:8081' }).telegram?.apiBase).toBe('http://127.0.0.1:8081');
  });

  it('the environment wins per channel when merged with settings', () => {
    const merged = mergeChannelConfig(
      { email: { smtpUrl: 'smtp://settings', from: 'a@settings' }, sms: { url: 'https://sms.settings', token: 'st' } },
      { email: { smtpUrl: 'smtp://env', from: 'a@env' }, telegram: { token: 'tt' } },
    );
    expect(merged).toEqual({
      email: { smtpUrl: 'smtp://env', from: 'a@env' },
      sms: { url: 'https://sms.settings', token: 'st' },
      telegram: { token: 'tt', apiBase: 'https://api.telegram.org' },
    });
    expect(mergeChannelConfig(null, {})).toEqual({});
    expect(ChannelConfig.safeParse({ email: { smtpUrl: 'ftp://x', from: 'a' } }).success).toBe(false);
    // what an admin saves is checked further: a port out of range, a sender that is no address, a Telegram token that is not one
    const why = (cfg: unknown) => {
      const r = ChannelSettings.safeParse(cfg);
      return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    };
    expect(why({ email: { smtpUrl: 'smtp://u:p@mail.example.com:99999', from: 'a@b.c' } })).toContain('email.smtpUrl: the port 99999 is not a port');
    expect(why({ email: { smtpUrl: 'smtp://mail.example.com:0', from: 'a@b.c' } })).toContain('the port 0 is not a port');
    expect(why({ email: { smtpUrl: 'smtp://mail.example.com:587', from: 'bad' } })).toContain('email.from: must be an email address');
    expect(why({ telegram: { token: 'x' } })).toContain('telegram.token: is not a Telegram bot token');
    // an SMS gateway's port out of range is said as such, not as «not an http:// URL»
    expect(why({ sms: { url: 'http://localhost:99999/sms', token: 't' } })).toBe('sms.url: the port 99999 is not a port: use 1–65535');
    expect(why({ sms: { url: 'ftp://gw.example.com', token: 't' } })).toBe('sms.url: must be an http:// or https:// URL');
    expect(why({ email: { smtpUrl: 'smtps://u:p@mail.example.com:465', from: 'Магазин <shop@example.com>' }, telegram: { token: '123456:AAH-x_y' } })).toBeNull();
    expect(why({ email: { smtpUrl: 'smtp://127.0.0.1', from: 'noreply@localhost' } })).toBeNull();
    // settings saved before these checks, or set in the environment, are still read as they are
    expect(ChannelConfig.safeParse({ email: { smtpUrl: 'smtp://mail.example.com', from: 'Shop' }, telegram: { token: 't' } }).success).toBe(true);
  });

  it('buildChannels holds only configured channels, and always webhook', async () => {
    expect([...buildChannels({}).keys()]).toEqual(['webhook']);
    const all = buildChannels(channelConfigFromEnv({
      VORONKA_SMTP_URL: 'smtp://127.0.0.1:2525', VORONKA_SMTP_FROM: 'a@b.c', VORONKA_TELEGRAM_TOKEN: 't',
      VORONKA_SMS_URL: 'http://127.0.0.1:1', VORONKA_SMS_TOKEN: 't', VORONKA_VK_TOKEN: 'v',
      VORONKA_WHATSAPP_TOKEN: 'w', VORONKA_WHATSAPP_PHONE_ID: '1', VORONKA_VIBER_TOKEN: 'b', VORONKA_VIBER_SENDER: 'Shop',
    }));
    expect([...all.keys()].sort()).toEqual(['email', 'sms', 'telegram', 'viber', 'vk', 'webhook', 'whatsapp']);
    for (const [name, a] of all) expect(a.name).toBe(name);
    await closeChannels(all);
  });
});
