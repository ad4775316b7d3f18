import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentChannelError } from '../../../server/channels/types.ts';
import { viberChannel } from '../../../server/channels/viber.ts';
import { contactRow, httpReceiver, message, outboxRow, reply } from './helpers.ts';

const TOKEN = '4453b6ac1-test';
let api: Awaited<ReturnType<typeof httpReceiver>>;

/** A Viber REST API stand-in: answers HTTP 200 with a status code in the body, like Viber. */
beforeAll(async () => {
  api = await httpReceiver((req, res) => {
    if (req.url !== '/pa/send_message') return reply(res, 404, 'not found');
    if (req.headers['x-viber-auth-token'] !== TOKEN) return reply(res, 200, { status: 2, status_message: 'invalidAuthToken' });
    const { receiver } = JSON.parse(req.body) as { receiver: string };
    if (receiver === 'not-subscribed') return reply(res, 200, { status: 6, status_message: 'notSubscribed' });
    if (receiver === 'busy') return reply(res, 200, { status: 12, status_message: 'tooManyRequests' });
    if (receiver === 'down') return reply(res, 503, 'Service Unavailable');
    reply(res, 200, { status: 0, status_message: 'ok', message_token: 5741311803571721087 });
  });
});
afterAll(() => api.close());

const viber = (token = TOKEN) => viberChannel({ token, sender: 'Школа Воронки', apiBase: `${api.url}/` });
const row = outboxRow({ id: 'run-5:hi:1', channel: 'viber', payload: { subject: 'Напоминание', body: 'Вебинар через час' } });

describe('viber channel against a Viber API stand-in', () => {
  it('posts a text message to the subscriber with the token header, the sender and the message id', async () => {
    expect(await viber().send(message(row, contactRow({ viberId: '01234567890A=' })))).toMatch(/^ok message_token=/);
    const req = api.seen[api.seen.length - 1];
    expect(req.headers['x-viber-auth-token']).toBe(TOKEN);
    expect(JSON.parse(req.body)).toEqual({ receiver: '01234567890A=', type: 'text', text: 'Напоминание\n\nВебинар через час', sender: { name: 'Школа Воронки' }, tracking_data: 'run-5:hi:1' });
  });

  it('not subscribed and a bad token are permanent; too many requests and 5xx are retried', async () => {
    const gone = await viber().send(message(row, contactRow({ viberId: 'not-subscribed' }))).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(PermanentChannelError);
    expect((gone as Error).message).toBe('viber 6: notSubscribed');
    const auth = await viber('wrong').send(message(row, contactRow({ viberId: 'x' }))).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(PermanentChannelError);
    for (const id of ['busy', 'down']) {
      const err = await viber().send(message(row, contactRow({ viberId: id }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(PermanentChannelError);
    }
  });

  it('a contact without a viberId is permanent, and nothing is sent', async () => {
    const before = api.seen.length;
    const err = await viber().send(message(row, contactRow({}))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentChannelError);
    expect(api.seen.length).toBe(before);
  });
});
