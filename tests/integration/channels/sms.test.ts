import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsChannel } from '../../../server/channels/sms.ts';
import { PermanentChannelError } from '../../../server/channels/types.ts';
import { contactRow, httpReceiver, message, outboxRow, reply } from './helpers.ts';

let gw: Awaited<ReturnType<typeof httpReceiver>>;

beforeAll(async () => {
  gw = await httpReceiver((req, res) => {
    if (req.headers.authorization !== 'Bearer sms-token') return reply(res, 401, { error: 'unauthorized' });
    const { to } = JSON.parse(req.body) as { to: string };
    if (to === '+70000000503') return reply(res, 503, { error: 'try later' });
    if (to === '+70000000422') return reply(res, 422, { error: 'bad number' });
    reply(res, 202, { id: 'gw-1', status: 'queued' });
  });
});
afterAll(() => gw.close());

const row = outboxRow({ id: 'run-3:sms:2', channel: 'sms', payload: { subject: null, body: 'Код: 1234' } });

describe('SMS channel against a real HTTP gateway', () => {
  it('posts to, text, from and id with the bearer token and idempotency key', async () => {
    const out = await smsChannel({ url: `${gw.url}/send`, token: 'sms-token', from: 'Voronka' }).send(message(row, contactRow({ phone: '+7 (912) 345-67-89' })));
    expect(out).toBe('202 {"id":"gw-1","status":"queued"}');
    const req = gw.seen[gw.seen.length - 1];
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/send');
    expect(req.headers.authorization).toBe('Bearer sms-token');
    expect(req.headers['idempotency-key']).toBe('run-3:sms:2');
    expect(JSON.parse(req.body)).toEqual({ to: '+79123456789', text: 'Код: 1234', from: 'Voronka', id: 'run-3:sms:2' });
  });

  it('leaves out `from` when not configured', async () => {
    await smsChannel({ url: gw.url, token: 'sms-token' }).send(message(row, contactRow({ phone: '89123456789' })));
    // a Russian number written the domestic way goes to the gateway in the international format
    expect(JSON.parse(gw.seen[gw.seen.length - 1].body)).toEqual({ to: '+79123456789', text: 'Код: 1234', id: 'run-3:sms:2' });
  });

  it('a number without its country code is read in the workspace\'s country; one that cannot be whole there is not sent', async () => {
    const us = smsChannel({ url: gw.url, token: 'sms-token' }, 'US');
    for (const [typed, to] of [['(312) 555-0108', '+13125550108'], ['3125550101', '+13125550101'], ['1-312-555-0105', '+13125550105'], ['+7 916 000-00-01', '+79160000001']]) {
      await us.send(message(row, contactRow({ phone: typed })));
      expect(JSON.parse(gw.seen[gw.seen.length - 1].body).to, typed).toBe(to);
    }
    const sent = gw.seen.length;
    const local = await us.send(message(row, contactRow({ phone: '555-0110' }))).catch((e: unknown) => e);
    expect(local).toBeInstanceOf(PermanentChannelError);
    expect((local as Error).message).toBe('"555-0110" is not a whole phone number in US: it needs its area or country code');
    expect(gw.seen).toHaveLength(sent); // never sent as typed
  });

  it('a wrong token (401) and a rejected number (422) are permanent; 503 is retryable', async () => {
    const wrong = await smsChannel({ url: gw.url, token: 'nope' }).send(message(row, contactRow({ phone: '+79123456789' }))).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(PermanentChannelError);
    const sms = smsChannel({ url: gw.url, token: 'sms-token' });
    expect(await sms.send(message(row, contactRow({ phone: '+70000000422' }))).catch((e: unknown) => e)).toBeInstanceOf(PermanentChannelError);
    const busy = await sms.send(message(row, contactRow({ phone: '+70000000503' }))).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(Error);
    expect(busy).not.toBeInstanceOf(PermanentChannelError);
  });

  it('a contact without a usable phone is permanent and nothing is sent', async () => {
    const before = gw.seen.length;
    for (const phone of [undefined, '', 'call me', '12']) {
      const err = await smsChannel({ url: gw.url, token: 'sms-token' }).send(message(row, contactRow({ phone }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentChannelError);
    }
    expect(gw.seen.length).toBe(before);
  });
});
