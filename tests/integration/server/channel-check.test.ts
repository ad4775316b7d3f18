import { afterEach, describe, expect, it } from 'vitest';
import { httpReceiver, reply, smtpReceiver } from '../channels/helpers.ts';
import { expectUnchanged, login, startServer, type Harness } from '../api/helpers.ts';
import { ChannelConfig } from '../../../server/channels/config.ts';
import { CAN_CHECK, buildChannels, closeChannels } from '../../../server/channels/registry.ts';

describe('checking a channel connection from the settings (POST /api/settings/channels/:channel/check)', () => {
  let h: Harness | null = null;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await h?.close();
    h = null;
    for (const c of closers.splice(0)) await c();
  });

  it('SMTP: logs in without sending anything; a wrong password and a server that is not there are told apart', async () => {
    const smtp = await smtpReceiver({}, { user: 'voronka', pass: 'right-pass' });
    closers.push(smtp.close);
    h = await startServer();
    const save = (password: string, port = smtp.port) => h!.api('PUT', '/api/settings/channels', { email: { smtpUrl: `smtp://voronka:${password}@127.0.0.1:${port}`, from: 'noreply@voronka.test' } });

    expect((await save('right-pass')).status).toBe(200);
    // the settings offer the check for it (Telegram and SMTP can be checked; an SMS gateway cannot)
    expect((await h.api('GET', '/api/channels')).body).toEqual({ configured: ['email', 'webhook'], checkable: ['email'], canCheck: ['email', 'telegram'] });
    const ok = await h.api('POST', '/api/settings/channels/email/check');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, detail: `127.0.0.1:${smtp.port} accepted the connection and the login of voronka`, who: `127.0.0.1:${smtp.port}`, login: 'voronka' });
    expect(smtp.raw).toHaveLength(0);

    expect((await save('wrong-pass')).status).toBe(200);
    const wrong = await h.api('POST', '/api/settings/channels/email/check');
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({ ok: false, reason: 'auth' });
    expect(wrong.body.error).toMatch(/535|Invalid/);

    const closed = await smtpReceiver();
    await closed.close(); // a port nobody listens on
    expect((await save('right-pass', closed.port)).status).toBe(200);
    const gone = await h.api('POST', '/api/settings/channels/email/check');
    expect(gone.body).toMatchObject({ ok: false, reason: 'refused', error: expect.stringMatching(/ECONNREFUSED/) });
    // the settings show where the saved SMTP goes, not its password
    expect((await h.api('GET', '/api/settings/channels')).body.email.smtpUrl).toBe(`smtp://voronka:•••@127.0.0.1:${closed.port}`);
  });

  it('the channels the settings offer to check are exactly those whose adapters can check', async () => {
    const all = buildChannels(ChannelConfig.parse({
      email: { smtpUrl: 'smtp://127.0.0.1:2525', from: 'a@b.c' }, telegram: { token: '1:x' }, sms: { url: 'http://127.0.0.1:1', token: 't' },
      vk: { token: 't' }, whatsapp: { token: 't', phoneNumberId: '1' }, viber: { token: 't', sender: 's' }, webhook: { secret: 's' },
    }));
    try {
      expect([...all].filter(([, a]) => a.check).map(([n]) => n).sort()).toEqual([...CAN_CHECK].sort());
    } finally {
      await closeChannels(all);
    }
  });

  it('SMTP settings typed but not saved are checked as they are, before anything is saved or sent through them; a bad field is named', async () => {
    const smtp = await smtpReceiver({}, { user: 'voronka', pass: 'right-pass' });
    closers.push(smtp.close);
    h = await startServer();
    const typed = (password: string) => ({ smtpUrl: `smtp://voronka:${password}@127.0.0.1:${smtp.port}`, from: 'noreply@voronka.test' });
    await expectUnchanged(h, async () => {
      expect((await h!.api('POST', '/api/settings/channels/email/check', typed('right-pass'))).body).toMatchObject({ ok: true, who: `127.0.0.1:${smtp.port}`, login: 'voronka' });
      expect((await h!.api('POST', '/api/settings/channels/email/check', typed('wrong-pass'))).body).toMatchObject({ ok: false, reason: 'auth' });
      const bad = await h!.api('POST', '/api/settings/channels/email/check', { smtpUrl: 'smtp://127.0.0.1:99999', from: 'noreply@voronka.test' });
      expect(bad.status).toBe(400);
      expect(bad.body.issues).toEqual([expect.objectContaining({ field: 'email.smtpUrl' })]);
    });
    // nothing was set up by checking
    expect((await h.api('GET', '/api/channels')).body.configured).toEqual(['webhook']);
    expect(smtp.raw).toHaveLength(0);
  });

  it("Telegram: asks the Bot API who the bot is (getMe); a bad token is the API's own words", async () => {
    const tg = await httpReceiver((req, res) => {
      if (req.url === '/bot123:good/getMe') return reply(res, 200, { ok: true, result: { id: 1, is_bot: true, username: 'voronka_bot', first_name: 'Воронка' } });
      reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    });
    closers.push(tg.close);
    h = await startServer();
    await h.api('PUT', '/api/settings/channels', { telegram: { token: '123:good', apiBase: tg.url } });
    expect((await h.api('POST', '/api/settings/channels/telegram/check')).body).toEqual({ ok: true, detail: 'the bot @voronka_bot (Воронка) answers', who: '@voronka_bot (Воронка)' });
    await h.api('PUT', '/api/settings/channels', { telegram: { token: '123:bad', apiBase: tg.url } });
    expect((await h.api('POST', '/api/settings/channels/telegram/check')).body).toEqual({ ok: false, error: 'telegram 401: Unauthorized', reason: 'auth' });
    expect(tg.seen.every((r) => r.url.endsWith('/getMe'))).toBe(true); // nothing was sent
  });

  it('a channel not set up is 404, one that cannot be checked without a message 422, and only admins may check', async () => {
    h = await startServer();
    const none = await h.api('POST', '/api/settings/channels/email/check');
    expect(none.status).toBe(404);
    expect(none.body.error).toMatch(/^channel: "email" is not set up/);
    await h.api('PUT', '/api/settings/channels', { sms: { url: 'http://127.0.0.1:9/sms', token: 't' } });
    const sms = await h.api('POST', '/api/settings/channels/sms/check');
    expect(sms.status).toBe(422);
    expect(sms.body.error).toMatch(/cannot be checked without sending a message/);
    const cookie = await login(h, 'marketer@voronka.local');
    expect((await h.api('POST', '/api/settings/channels/sms/check', undefined, { cookie })).status).toBe(403);
  });
});
