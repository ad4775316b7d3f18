import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramChannel } from '../../../server/channels/telegram.ts';
import { PermanentChannelError } from '../../../server/channels/types.ts';
import { closedPort, contactRow, httpReceiver, message, outboxRow, reply } from './helpers.ts';

const TOKEN = '123456:ABC-test';
let api: Awaited<ReturnType<typeof httpReceiver>>;

/** A Bot API stand-in: chat ids pick the failure the real API would give. */
beforeAll(async () => {
  api = await httpReceiver((req, res) => {
    if (req.url !== `/bot${TOKEN}/sendMessage`) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const { chat_id } = JSON.parse(req.body) as { chat_id: unknown };
    if (chat_id === 400) return reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    if (chat_id === 403) return reply(res, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    if (chat_id === 429) return reply(res, 429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } });
    if (chat_id === 500) return reply(res, 502, 'Bad Gateway');
    reply(res, 200, { ok: true, result: { message_id: 77, chat: { id: chat_id } } });
  });
});
afterAll(() => api.close());

const tg = () => telegramChannel({ token: TOKEN, apiBase: `${api.url}/` });
const row = outboxRow({ channel: 'telegram', payload: { subject: 'Guide <ready>', body: 'Hi Anna & co, 2 < 3' } });

describe('telegram channel against a Bot API stand-in', () => {
  it('posts chat_id and HTML text to /bot<token>/sendMessage', async () => {
    const out = await tg().send(message(row, contactRow({ telegramChatId: 5550001 })));
    expect(out).toBe('ok message_id=77');
    const req = api.seen[api.seen.length - 1];
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`/bot${TOKEN}/sendMessage`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({
      chat_id: 5550001,
      text: '<b>Guide &lt;ready&gt;</b>\nHi Anna &amp; co, 2 &lt; 3',
      parse_mode: 'HTML',
    });
  });

  it('sends the body alone when there is no subject; string chat ids pass through', async () => {
    await tg().send(message(outboxRow({ channel: 'telegram', payload: { subject: null, body: 'Just text' } }), contactRow({ telegramChatId: '@voronka_news' })));
    expect(JSON.parse(api.seen[api.seen.length - 1].body)).toMatchObject({ chat_id: '@voronka_news', text: 'Just text' });
  });

  it('400 and 403 are permanent with Telegram\'s description', async () => {
    for (const [id, text] of [[400, 'Bad Request: chat not found'], [403, 'Forbidden: bot was blocked by the user']] as const) {
      const err = await tg().send(message(row, contactRow({ telegramChatId: id }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentChannelError);
      expect((err as Error).message).toBe(text);
    }
  });

  it('429 and 5xx are retryable', async () => {
    for (const id of [429, 500]) {
      const err = await tg().send(message(row, contactRow({ telegramChatId: id }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(PermanentChannelError);
    }
    const slow = await tg().send(message(row, contactRow({ telegramChatId: 429 }))).catch((e: Error) => e.message);
    expect(slow).toContain('retry after 5 s');
  });

  it('a contact without a chat id is permanent; the token never appears in errors', async () => {
    const err = await tg().send(message(row, contactRow({}))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentChannelError);
    const dead = await telegramChannel({ token: TOKEN, apiBase: `http://127.0.0.1:${await closedPort()}` }).send(message(row, contactRow({ telegramChatId: 1 }))).catch((e: unknown) => e as Error);
    expect(dead).toBeInstanceOf(Error);
    expect(dead).not.toBeInstanceOf(PermanentChannelError);
    expect((dead as Error).message).not.toContain(TOKEN);
  });
});
