import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentChannelError } from '../../../server/channels/types.ts';
import { vkChannel, vkRandomId } from '../../../server/channels/vk.ts';
import { contactRow, httpReceiver, message, outboxRow, reply } from './helpers.ts';

const TOKEN = 'vk1.a.community-token';
let api: Awaited<ReturnType<typeof httpReceiver>>;
/** random_id values already used per peer: VK drops a repeat (answers with the first message's id). */
const delivered = new Map<string, number>();

/** A VK API stand-in: peer ids pick the error the real API would give (always HTTP 200, like VK). */
beforeAll(async () => {
  api = await httpReceiver((req, res) => {
    if (req.url !== '/method/messages.send') return reply(res, 404, 'not found');
    const f = new URLSearchParams(req.body);
    if (f.get('access_token') !== TOKEN) return reply(res, 200, { error: { error_code: 5, error_msg: 'User authorization failed: invalid access_token' } });
    const peer = f.get('peer_id')!;
    if (peer === '901') return reply(res, 200, { error: { error_code: 901, error_msg: "Can't send messages for users without permission" } });
    if (peer === '9') return reply(res, 200, { error: { error_code: 9, error_msg: 'Flood control' } });
    if (peer === '500') return reply(res, 502, 'Bad Gateway');
    const key = `${peer}:${f.get('random_id')}`;
    if (!delivered.has(key)) delivered.set(key, 1000 + delivered.size);
    reply(res, 200, { response: delivered.get(key) });
  });
});
afterAll(() => api.close());

const vk = (token = TOKEN) => vkChannel({ token, apiBase: `${api.url}/` });
const row = outboxRow({ id: 'run-7:hello:1', channel: 'vk', payload: { subject: 'Подарок', body: 'Анна, ваш чек-лист: https://example.com/a?b=1&c=2' } });

describe('vk channel against a VK API stand-in', () => {
  it('posts peer_id, plain text, the token, the API version and a random_id made from the message id', async () => {
    expect(await vk().send(message(row, contactRow({ vkId: 12345 })))).toBe('ok message_id=1000');
    const req = api.seen[api.seen.length - 1];
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const f = Object.fromEntries(new URLSearchParams(req.body));
    expect(f).toEqual({ peer_id: '12345', message: 'Подарок\n\nАнна, ваш чек-лист: https://example.com/a?b=1&c=2', random_id: String(vkRandomId(row.id)), access_token: TOKEN, v: '5.199' });
    expect(Number(f.random_id)).toBeGreaterThan(0);
    expect(Number(f.random_id)).toBeLessThan(2 ** 31);
  });

  it('a retry of the same message is the same random_id, so VK delivers it once', async () => {
    const first = await vk().send(message(row, contactRow({ vkId: '777' })));
    const again = await vk().send(message(row, contactRow({ vkId: '777' })));
    expect(again).toBe(first);
    expect(vkRandomId('run-7:hello:2')).not.toBe(vkRandomId(row.id));
  });

  it('permission and auth errors are permanent; flood control and 5xx are retried', async () => {
    const no = await vk().send(message(row, contactRow({ vkId: 901 }))).catch((e: unknown) => e);
    expect(no).toBeInstanceOf(PermanentChannelError);
    expect((no as Error).message).toBe("vk 901: Can't send messages for users without permission");
    const auth = await vk('wrong').send(message(row, contactRow({ vkId: 1 }))).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(PermanentChannelError);
    expect((auth as Error).message).not.toContain('wrong');
    for (const id of [9, 500]) {
      const err = await vk().send(message(row, contactRow({ vkId: id }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(PermanentChannelError);
    }
  });

  it('a contact without a numeric vkId is permanent, and nothing is sent', async () => {
    const before = api.seen.length;
    for (const attrs of [{}, { vkId: 'durov' }, { vkId: '' }]) {
      const err = await vk().send(message(row, contactRow(attrs))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentChannelError);
    }
    expect(api.seen.length).toBe(before);
  });
});
