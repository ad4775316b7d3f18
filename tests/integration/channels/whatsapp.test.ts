import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentChannelError } from '../../../server/channels/types.ts';
import { whatsappChannel } from '../../../server/channels/whatsapp.ts';
import { contactRow, httpReceiver, message, outboxRow, reply } from './helpers.ts';

const TOKEN = 'EAAG-test-token';
let api: Awaited<ReturnType<typeof httpReceiver>>;

/** A Cloud API stand-in: the recipient's number picks the error the real API would give. */
beforeAll(async () => {
  api = await httpReceiver((req, res) => {
    if (req.url !== '/1098765/messages') return reply(res, 404, { error: { code: 100, message: 'Unsupported post request' } });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return reply(res, 401, { error: { code: 190, message: 'Invalid OAuth access token' } });
    const { to } = JSON.parse(req.body) as { to: string };
    if (to === '79000000400') return reply(res, 400, { error: { code: 131047, message: 'Re-engagement message: more than 24 hours have passed since the customer last replied' } });
    if (to === '79000000429') return reply(res, 429, { error: { code: 130429, message: 'Rate limit hit' } });
    if (to === '79000000500') return reply(res, 500, { error: { code: 131000, message: 'Something went wrong' } });
    reply(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: 'wamid.HBgL' }] });
  });
});
afterAll(() => api.close());

const wa = () => whatsappChannel({ token: TOKEN, phoneNumberId: '1098765', apiBase: `${api.url}/` });
const row = outboxRow({ id: 'run-3:remind:1', channel: 'whatsapp', payload: { subject: 'Вебинар', body: 'Начинаем через час: https://example.com/live' } });

describe('whatsapp channel against a Cloud API stand-in', () => {
  it('posts a text message to the number (digits only) with the bearer token and the message id', async () => {
    expect(await wa().send(message(row, contactRow({ phone: '+7 (900) 123-45-67' })))).toBe('ok id=wamid.HBgL');
    const req = api.seen[api.seen.length - 1];
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '79001234567',
      type: 'text',
      text: { body: '*Вебинар*\n\nНачинаем через час: https://example.com/live', preview_url: true },
      biz_opaque_callback_data: 'run-3:remind:1',
    });
    // a Russian number written the domestic way goes to its international digits
    await wa().send(message(row, contactRow({ phone: '8 900 123-45-67' })));
    expect(JSON.parse(api.seen[api.seen.length - 1].body).to).toBe('79001234567');
  });

  it('outside the 24-hour window the refusal is permanent; rate limits and 5xx are retried', async () => {
    const late = await wa().send(message(row, contactRow({ phone: '79000000400' }))).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(PermanentChannelError);
    expect((late as Error).message).toContain('131047');
    for (const phone of ['79000000429', '79000000500']) {
      const err = await wa().send(message(row, contactRow({ phone }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(PermanentChannelError);
    }
  });

  it('a wrong token is permanent and not repeated in the error; no phone sends nothing', async () => {
    const bad = await whatsappChannel({ token: 'nope', phoneNumberId: '1098765', apiBase: api.url }).send(message(row, contactRow({ phone: '79001234567' }))).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(PermanentChannelError);
    expect((bad as Error).message).not.toContain('nope');
    const before = api.seen.length;
    const none = await wa().send(message(row, contactRow({}))).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(PermanentChannelError);
    expect(api.seen.length).toBe(before);
  });
});
