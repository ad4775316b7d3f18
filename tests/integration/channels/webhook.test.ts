import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentChannelError } from '../../../server/channels/types.ts';
import { sign, verifySignature, webhookChannel } from '../../../server/channels/webhook.ts';
import { closedPort, contactRow, httpReceiver, message, outboxRow, reply } from './helpers.ts';

const SECRET = 'wh-secret-1';
let rx: Awaited<ReturnType<typeof httpReceiver>>;

beforeAll(async () => {
  // /status/<code> answers with that code; /verify checks the signature like a real receiver would.
  rx = await httpReceiver((req, res) => {
    const m = /^\/status\/(\d+)/.exec(req.url);
    if (m) return reply(res, Number(m[1]), { error: `status ${m[1]}` });
    if (req.url.startsWith('/verify')) {
      const ok = verifySignature(SECRET, req.body, req.headers['x-voronka-signature'] as string | undefined);
      return reply(res, ok ? 200 : 401, ok ? { received: true } : { error: 'bad signature' });
    }
    reply(res, 200, { received: true });
  });
});
afterAll(() => rx.close());

const actionRow = (path: string, body: string | null, method = 'POST') =>
  outboxRow({ id: 'run-7:hook:3', runId: 'run-7', node: 'hook', channel: 'webhook', marketing: false, payload: { url: `${rx.url}${path}`, method, body } });
const contact = contactRow({ email: 'anna@example.com' });

describe('webhook channel against a real HTTP receiver', () => {
  it('sends a JSON body as is, signed, with the idempotency key', async () => {
    const body = '{"event":"lead","amount":990}';
    const out = await webhookChannel({ secret: SECRET }).send(message(actionRow('/verify', body), contact));
    expect(out).toBe('200 {"received":true}');
    const req = rx.seen[rx.seen.length - 1];
    expect(req.method).toBe('POST');
    expect(req.body).toBe(body);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['idempotency-key']).toBe('run-7:hook:3');
    expect(req.headers['x-voronka-signature']).toBe(sign(SECRET, body));
    expect(verifySignature(SECRET, req.body, req.headers['x-voronka-signature'] as string)).toBe(true);
    expect(verifySignature('other-secret', req.body, req.headers['x-voronka-signature'] as string)).toBe(false);
    expect(verifySignature(SECRET, `${req.body} `, req.headers['x-voronka-signature'] as string)).toBe(false);
    expect(Number(req.headers['x-voronka-timestamp'])).toBeGreaterThan(1_600_000_000);
  });

  it('wraps a body that is not JSON, with contact, run and node', async () => {
    await webhookChannel({ secret: SECRET }).send(message(actionRow('/verify', 'Anna wants a call'), contact));
    const req = rx.seen[rx.seen.length - 1];
    expect(JSON.parse(req.body)).toEqual({ body: 'Anna wants a call', contactId: 'c-1', runId: 'run-7', node: 'hook' });
    expect(verifySignature(SECRET, req.body, req.headers['x-voronka-signature'] as string)).toBe(true);
  });

  it('works without a secret (unsigned) and honours the method', async () => {
    const out = await webhookChannel().send(message(actionRow('/plain', null, 'put'), contact));
    expect(out).toMatch(/^200 /);
    const req = rx.seen[rx.seen.length - 1];
    expect(req.method).toBe('PUT');
    expect(req.headers['x-voronka-signature']).toBeUndefined();
    expect(JSON.parse(req.body)).toEqual({ body: null, contactId: 'c-1', runId: 'run-7', node: 'hook' });
  });

  it('500, 408, 429 and network failures are retryable; other 4xx are permanent', async () => {
    const hook = webhookChannel({ secret: SECRET });
    for (const code of [500, 503, 408, 429]) {
      const err = await hook.send(message(actionRow(`/status/${code}`, '{}'), contact)).catch((e: unknown) => e);
      expect(err, String(code)).toBeInstanceOf(Error);
      expect(err, String(code)).not.toBeInstanceOf(PermanentChannelError);
      expect((err as Error).message).toContain(String(code));
    }
    for (const code of [400, 404, 410, 422]) {
      const err = await hook.send(message(actionRow(`/status/${code}`, '{}'), contact)).catch((e: unknown) => e);
      expect(err, String(code)).toBeInstanceOf(PermanentChannelError);
    }
    const closed = await closedPort();
    const dead = outboxRow({ channel: 'webhook', payload: { url: `http://127.0.0.1:${closed}/x`, method: 'POST', body: '{}' } });
    const net = await hook.send(message(dead, contact)).catch((e: unknown) => e);
    expect(net).toBeInstanceOf(Error);
    expect(net).not.toBeInstanceOf(PermanentChannelError);
    // an address no request can go to is not tried again: a port fetch refuses, a scheme it does not speak, no URL at all
    for (const url of ['http://127.0.0.1:9/x', 'ftp://127.0.0.1/x', 'http//no-colon']) {
      const err = await hook.send(message(outboxRow({ channel: 'webhook', payload: { url, method: 'POST', body: '{}' } }), contact)).catch((e: unknown) => e);
      expect(err, url).toBeInstanceOf(PermanentChannelError);
      if (url.includes(':9/')) expect((err as Error).message).toBe('network error: bad port (the address cannot be requested)');
    }
  });

  it('a message node on the webhook channel goes to contact.attributes.webhookUrl', async () => {
    const row = outboxRow({ id: 'run-8:msg:1', runId: 'run-8', node: 'msg', channel: 'webhook', payload: { subject: 'Hi', body: 'Your code: 42' } });
    await webhookChannel({ secret: SECRET }).send(message(row, contactRow({ webhookUrl: `${rx.url}/verify/contact` })));
    const req = rx.seen[rx.seen.length - 1];
    expect(req.url).toBe('/verify/contact');
    expect(req.headers['idempotency-key']).toBe('run-8:msg:1');
    expect(JSON.parse(req.body)).toEqual({ body: 'Your code: 42', subject: 'Hi', contactId: 'c-1', runId: 'run-8', node: 'msg' });

    const none = await webhookChannel({ secret: SECRET }).send(message(row, contactRow({}))).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(PermanentChannelError);
    const bad = await webhookChannel().send(message(row, contactRow({ webhookUrl: 'file:///etc/passwd' }))).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(PermanentChannelError);
  });

  it('verifySignature rejects missing and malformed headers', () => {
    expect(verifySignature(SECRET, 'x', undefined)).toBe(false);
    expect(verifySignature(SECRET, 'x', '')).toBe(false);
    expect(verifySignature(SECRET, 'x', 'sha256=zz')).toBe(false);
    expect(verifySignature(SECRET, 'x', sign(SECRET, 'x').replace('sha256=', 'sha1='))).toBe(false);
    expect(verifySignature(SECRET, Buffer.from('x'), sign(SECRET, 'x'))).toBe(true);
  });
});
