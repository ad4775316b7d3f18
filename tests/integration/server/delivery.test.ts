import { afterEach, describe, expect, it } from 'vitest';
import { httpReceiver, parseMail, smtpReceiver } from '../channels/helpers.ts';
import { verifySignature } from '../../../server/channels/webhook.ts';
import { ENV, login, startServer, withCookie, type Harness } from '../api/helpers.ts';
import type { PathEntryDto } from '../../../shared/api/types.ts';

/** A funnel that emails on `signup` (marketing, needs consent), waits a day, then calls a webhook. */
const funnel = (webhookUrl: string) => ({
  format: 'voronka/funnel@1',
  id: 'welcome',
  name: 'Welcome',
  settings: { timezone: 'Europe/Moscow', exitWhen: [{ event: 'unsubscribed' }] },
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'signup' } },
    { id: 'hello', type: 'message', data: { channel: 'email', subject: 'Welcome', body: 'Hi {{contact.firstName}}! <b>Bold</b> and {{event.data.note}}' } },
    { id: 'later', type: 'delay', data: { for: 'P1D' } },
    { id: 'crm', type: 'action', data: { webhook: { url: `${webhookUrl}/hook?c={{contact.id}}`, body: '{"contact":"{{contact.id}}","stage":"welcomed"}' } } },
    { id: 'again', type: 'message', data: { channel: 'email', subject: 'Still there?', body: 'Second email' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'hello' },
    { id: 'e2', source: 'hello', target: 'later' },
    { id: 'e3', source: 'later', target: 'crm' },
    { id: 'e4', source: 'crm', target: 'again' },
  ],
});

describe('delivery through the whole server: real SMTP, unsubscribe link, signed webhooks', () => {
  let h: Harness | null = null;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await h?.close();
    h = null;
    for (const c of closers.splice(0)) await c();
  });

  it('emails through SMTP with List-Unsubscribe; the link records the opt-out and ends the run', async () => {
    const smtp = await smtpReceiver();
    closers.push(smtp.close);
    const hook = await httpReceiver();
    closers.push(hook.close);
    h = await startServer({ env: { ...ENV, VORONKA_SMTP_URL: smtp.url, VORONKA_SMTP_FROM: 'Voronka <noreply@voronka.test>', VORONKA_WEBHOOK_SECRET: 'hook-secret' } });
    expect((await h.api('POST', '/api/funnels', funnel(hook.url))).status).toBe(201);
    expect((await h.api('POST', '/api/funnels/welcome/publish', {})).status).toBe(201);
    await h.api('POST', '/api/contacts', { id: 'ira', attributes: { firstName: 'Ира', email: 'ira@example.com' }, consents: { email: true } });
    const r = await h.api('POST', '/api/events', { id: 'ev-1', type: 'signup', contactId: 'ira', data: { note: '<script>x</script>' } });
    expect(r.status).toBe(202);
    await h.settle();

    expect(smtp.raw).toHaveLength(1);
    const mail = parseMail(smtp.raw[0]);
    expect(mail.headers.to).toContain('ira@example.com');
    const unsubscribe = /<([^>]+)>/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1];
    expect(unsubscribe).toMatch(/^http:\/\/localhost:\d+\/u\//);
    const html = mail.parts.find((p) => p.type === 'text/html')?.body ?? '';
    expect(html).toContain('Hi Ира!');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;'); // values escaped, the template's own <b> kept
    expect(html).toContain('<b>Bold</b>');
    expect(html).toContain('>Отписаться от рассылки</a>'); // the funnel's language (ru-RU by default), not both
    const outbox = (await h.api('GET', '/api/outbox?contactId=ira')).body;
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ status: 'sent', node: 'hello', channel: 'email', contactName: 'Ира' });
    expect(outbox[0].reply).toMatch(/250/);

    // the contact opens the link (the path of the URL, on this app): she is asked, nothing is recorded yet
    // (a mail scanner fetching links unsubscribes nobody)
    const link = new URL(unsubscribe!);
    expect(link.searchParams.get('lang')).toBe('ru'); // the page speaks the funnel's language
    const asked = await h.s.app.request(link.pathname + link.search);
    expect(asked.status).toBe(200);
    const askedText = await asked.text();
    expect(askedText).toContain('<form method="post">');
    expect(askedText).toContain('Отписаться от рассылки «Voronka»?'); // who the mail came from: the sender's name
    expect(askedText).not.toContain('Unsubscribe');
    // in English for an English funnel, in both for a link that names no language
    expect(await (await h.s.app.request(`${link.pathname}?lang=en`)).text()).toContain('<h1>Unsubscribe from the emails of “Voronka”?</h1>');
    const both = await (await h.s.app.request(link.pathname)).text();
    expect(both).toContain('Отписаться от рассылки «Voronka»?');
    expect(both).toContain('Unsubscribe from the emails of “Voronka”?');
    expect((await h.api('GET', '/api/contacts/ira')).body.consents.email).toBe(true);
    // and presses the button
    const page = await h.s.app.request(link.pathname + link.search, { method: 'POST', body: 'confirm=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Вы отписались от рассылки.');
    const contact = (await h.api('GET', '/api/contacts/ira')).body;
    expect(contact.consents.email).toBe(false);
    const runs = (await h.api('GET', '/api/runs?contactId=ira')).body;
    expect(runs[0].status).toBe('exited');

    // nothing more goes out, even after the delay would have passed
    await h.api('POST', '/api/clock/advance', { by: 'P3D' });
    expect(smtp.raw).toHaveLength(1);
    expect(hook.seen).toHaveLength(0);
    // a forged link does nothing
    expect((await h.s.app.request('/u/forged.token')).status).toBe(404);
  });

  it('tracks clicks and opens: links go through the tracker, a click redirects, counts once and moves a run waiting for it', async () => {
    const smtp = await smtpReceiver();
    closers.push(smtp.close);
    h = await startServer({ env: { ...ENV, VORONKA_SMTP_URL: smtp.url, VORONKA_SMTP_FROM: 'noreply@voronka.test' } });
    const promo = {
      format: 'voronka/funnel@1',
      id: 'promo',
      name: 'Promo',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'signup' } },
        { id: 'hello', type: 'message', data: { channel: 'email', subject: 'Offer', body: 'See https://shop.example/offer?a=1&b=2. Or <a href="https://shop.example/guide">the guide</a>', marketing: false } },
        { id: 'clicked', type: 'wait', data: { event: 'message.clicked', where: { '==': [{ var: 'event.data.node' }, 'hello'] }, timeout: 'P2D' } },
        { id: 'thanks', type: 'message', data: { channel: 'email', subject: 'Thanks', body: 'Glad you looked', marketing: false } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'hello' },
        { id: 'e2', source: 'hello', target: 'clicked' },
        { id: 'e3', source: 'clicked', exit: 'received', target: 'thanks' },
      ],
    };
    expect((await h.api('POST', '/api/funnels', promo)).status).toBe(201);
    expect((await h.api('POST', '/api/funnels/promo/publish', {})).status).toBe(201);
    await h.api('POST', '/api/contacts', { id: 'lev', attributes: { email: 'lev@example.com' } });
    await h.api('POST', '/api/events', { id: 'su-lev', type: 'signup', contactId: 'lev' });
    await h.settle();
    expect(smtp.raw).toHaveLength(1);

    const html = parseMail(smtp.raw[0]).parts.find((p) => p.type === 'text/html')!.body;
    const tracked = [...html.matchAll(/http:\/\/localhost:\d+(\/c\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    expect(tracked).toHaveLength(2);
    // every link goes through the tracker; a bare one reads as written (a reader sees where it goes), a link in an href keeps its words
    expect(html).toMatch(/See <a href="http:\/\/localhost:\d+\/c\/[^"]+">https:\/\/shop\.example\/offer\?a=1&b=2<\/a>\. Or <a href="http:\/\/localhost:\d+\/c\/[^"]+">the guide<\/a>/);
    expect(html).not.toContain('href="https://shop.example');
    expect(html).toMatch(/. Or <a href="http:\/\/localhost:\d+\/c\//); // the sentence's full stop stays outside the link
    const pixel = /<img src="http:\/\/localhost:\d+(\/o\/[^"]+)"/.exec(html)?.[1];
    expect(pixel).toBeDefined();
    // the plain-text part has the same tracked links (a click from a plain-text reader counts too); a link with words keeps its address after them
    const text = parseMail(smtp.raw[0]).parts.find((p) => p.type === 'text/plain')!.body;
    expect(text).toMatch(new RegExp(`^See http://localhost:\\d+${tracked[0]}\\. Or the guide \\(http://localhost:\\d+${tracked[1]}\\)`));
    expect(text).not.toContain('https://shop.example');

    // the first link: redirects where it pointed, the run waiting for a click goes on
    const first = await h.s.app.request(tracked[0]);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('https://shop.example/offer?a=1&b=2');
    await h.settle();
    expect(smtp.raw).toHaveLength(2);
    expect(parseMail(smtp.raw[1]).headers.subject).toBe('Thanks');
    // clicked again, the other link, the pixel: redirects and a GIF, but the message counts once
    expect((await h.s.app.request(tracked[0])).status).toBe(302);
    expect((await h.s.app.request(tracked[1])).headers.get('location')).toBe('https://shop.example/guide');
    const img = await h.s.app.request(pixel!);
    expect(img.headers.get('content-type')).toBe('image/gif');
    const hello = (await h.api('GET', '/api/funnels/promo/stats')).body.nodes.find((n: { node: string }) => n.node === 'hello');
    expect(hello).toMatchObject({ entered: 1, opened: 1, clicked: 1 });
    const sent = (await h.api('GET', '/api/outbox?contactId=lev')).body.find((m: { node: string }) => m.node === 'hello');
    expect(sent.openedAt).toEqual(expect.any(Number));
    expect(sent.clickedAt).toEqual(expect.any(Number));
    expect(sent.payload.body).toContain('https://shop.example/offer'); // the stored message keeps its links

    // forged or unknown tokens lead nowhere
    expect((await h.s.app.request(tracked[0].replace(/\.[^.]+$/, '.forged'))).status).toBe(404);
    expect((await h.s.app.request(pixel!.replace('/o/', '/c/'))).status).toBe(404); // the pixel's token names no link
  });

  it('VORONKA_TRACKING=off sends links as written and no pixel', async () => {
    const smtp = await smtpReceiver();
    closers.push(smtp.close);
    h = await startServer({ env: { ...ENV, VORONKA_SMTP_URL: smtp.url, VORONKA_SMTP_FROM: 'noreply@voronka.test', VORONKA_TRACKING: 'off' } });
    const f = { format: 'voronka/funnel@1', id: 'plain', name: 'Plain', nodes: [{ id: 'start', type: 'trigger', data: { event: 'go' } }, { id: 'm', type: 'message', data: { channel: 'email', subject: 'S', body: 'https://shop.example/x', marketing: false } }], edges: [{ id: 'e', source: 'start', target: 'm' }] };
    expect((await h.api('POST', '/api/funnels', f)).status).toBe(201);
    expect((await h.api('POST', '/api/funnels/plain/publish', {})).status).toBe(201);
    await h.api('POST', '/api/contacts', { id: 'zoe', attributes: { email: 'zoe@example.com' } });
    await h.api('POST', '/api/events', { type: 'go', contactId: 'zoe' });
    await h.settle();
    const html = parseMail(smtp.raw[0]).parts.find((p) => p.type === 'text/html')!.body;
    expect(html).toContain('<a href="https://shop.example/x">https://shop.example/x</a>'); // untracked, still a link
    expect(html).not.toContain('<img');
  });

  it('calls an action webhook with an HMAC signature and an idempotency key, after the delay', async () => {
    const smtp = await smtpReceiver();
    closers.push(smtp.close);
    const hook = await httpReceiver();
    closers.push(hook.close);
    h = await startServer({ env: { ...ENV, VORONKA_SMTP_URL: smtp.url, VORONKA_SMTP_FROM: 'noreply@voronka.test', VORONKA_WEBHOOK_SECRET: 'hook-secret' } });
    await h.api('POST', '/api/funnels', funnel(hook.url));
    await h.api('POST', '/api/funnels/welcome/publish', {});
    await h.api('POST', '/api/contacts', { id: 'oleg', attributes: { firstName: 'Олег', email: 'oleg@example.com' }, consents: { email: true } });
    await h.api('POST', '/api/events', { id: 'ev-2', type: 'signup', contactId: 'oleg' });
    await h.settle();
    expect(hook.seen).toHaveLength(0);
    await h.api('POST', '/api/clock/advance', { by: 'P1D' });
    expect(hook.seen).toHaveLength(1);
    const req = hook.seen[0];
    expect(req.url).toBe('/hook?c=oleg');
    expect(JSON.parse(req.body)).toEqual({ contact: 'oleg', stage: 'welcomed' });
    expect(verifySignature('hook-secret', req.body, req.headers['x-voronka-signature'] as string)).toBe(true);
    expect(verifySignature('other-secret', req.body, req.headers['x-voronka-signature'] as string)).toBe(false);
    expect(req.headers['idempotency-key']).toMatch(/:crm:/);
    expect(smtp.raw).toHaveLength(2);
    const runs = (await h.api('GET', '/api/runs?contactId=oleg')).body;
    expect(runs[0]).toMatchObject({ status: 'completed' });
    expect(runs[0].path.map((p: { node: string }) => p.node)).toEqual(['start', 'hello', 'later', 'crm', 'again']);
  });

  it('retries a failing receiver with backoff and records the provider reply', async () => {
    let calls = 0;
    const hook = await httpReceiver((_, res) => {
      calls++;
      res.statusCode = calls < 3 ? 503 : 200;
      res.end(calls < 3 ? 'busy' : 'accepted');
    });
    closers.push(hook.close);
    h = await startServer({ env: { ...ENV, VORONKA_WEBHOOK_SECRET: 's' } });
    await h.api('POST', '/api/funnels', funnel(hook.url));
    await h.api('POST', '/api/funnels/welcome/publish', {});
    await h.api('POST', '/api/contacts', { id: 'lena', attributes: { firstName: 'Лена' }, consents: {} });
    await h.api('POST', '/api/events', { id: 'ev-3', type: 'signup', contactId: 'lena' });
    await h.api('POST', '/api/clock/advance', { by: 'P1D' });
    const first = (await h.api('GET', '/api/outbox?contactId=lena')).body.find((o: { channel: string }) => o.channel === 'webhook');
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first.lastError).toMatch(/503/);
    await h.api('POST', '/api/clock/advance', { by: 'PT2H' }); // past the backoff of attempts 1 and 2
    const done = (await h.api('GET', '/api/outbox?contactId=lena')).body.find((o: { channel: string }) => o.channel === 'webhook');
    expect(done).toMatchObject({ status: 'sent', attempts: 3 });
    expect(done.reply).toContain('accepted');
    // the emails had neither consent nor an address: they went nowhere, and the delivery log names the address, what to fix first, for each node
    const email = (await h.api('GET', '/api/outbox?contactId=lena')).body.filter((o: { channel: string }) => o.channel === 'email');
    expect(email.map((o: { node: string; status: string; lastError: string; sentAt: number | null }) => [o.node, o.status, o.lastError, o.sentAt]).sort()).toEqual([
      ['again', 'withheld', 'the contact has no email address', null],
      ['hello', 'withheld', 'the contact has no email address', null],
    ]);
    expect(email.find((o: { node: string }) => o.node === 'hello').payload.body).toContain('Лена');
    expect((await h.api('GET', '/api/outbox?status=withheld')).body).toHaveLength(2);
    const hello = email.find((o: { node: string }) => o.node === 'hello');
    expect((await h.api('POST', `/api/outbox/${encodeURIComponent(hello.id)}/retry`, {})).status).toBe(409); // not a failure to send again
    // the action's webhook goes to its own URL: no address of hers is asked for
    const rows = (await h.api('GET', '/api/outbox?contactId=lena')).body as { channel: string; address?: string | null }[];
    expect(rows.find((o) => o.channel === 'webhook')).not.toHaveProperty('address');
    // and the funnel's stats say so at each message node (she went on past both)
    const stats = (await h.api('GET', '/api/funnels/welcome/stats')).body as { nodes: { node: string; entered: number; skipped?: number; noAddress?: number }[] };
    expect(stats.nodes.find((n) => n.node === 'hello')).toMatchObject({ entered: 1, noAddress: 1 });
    expect(stats.nodes.find((n) => n.node === 'again')).toMatchObject({ entered: 1, noAddress: 1 });
    expect(stats.nodes.find((n) => n.node === 'hello')?.skipped).toBeUndefined();
    expect(stats.nodes.find((n) => n.node === 'crm')?.skipped).toBeUndefined();
  });

  it('an outage of two hours is retried through; one that outlasts the tries fails, and a marketer sends it again', async () => {
    let down = true;
    const hook = await httpReceiver((_, res) => {
      res.statusCode = down ? 500 : 200;
      res.end(down ? 'gateway down' : 'accepted');
    });
    closers.push(hook.close);
    h = await startServer({ env: { ...ENV, VORONKA_WEBHOOK_SECRET: 's' } });
    await h.api('POST', '/api/funnels', funnel(hook.url));
    await h.api('POST', '/api/funnels/welcome/publish', {});
    const webhookOf = async (who: string) => (await h!.api('GET', `/api/outbox?contactId=${who}`)).body.find((o: { channel: string }) => o.channel === 'webhook');
    for (const who of ['anna', 'boris']) {
      await h.api('POST', '/api/contacts', { id: who, attributes: { firstName: who }, consents: {} });
      await h.api('POST', '/api/events', { id: `ev-${who}`, type: 'signup', contactId: who });
    }
    // anna's webhook: two hours of 500s, then the receiver is back — a try after that gets through
    await h.api('POST', '/api/clock/advance', { by: 'P1D' });
    await h.api('POST', '/api/clock/advance', { by: 'PT2H' });
    expect(await webhookOf('anna')).toMatchObject({ status: 'pending' });
    down = false;
    await h.api('POST', '/api/clock/advance', { by: 'PT1H' });
    expect(await webhookOf('anna')).toMatchObject({ status: 'sent', reply: expect.stringContaining('accepted') });
    const calls = hook.seen.length;
    expect(calls).toBeGreaterThan(5);

    // a message not failed cannot be sent again; an unknown one is not found
    const sent = await webhookOf('anna');
    expect((await h.api('POST', `/api/outbox/${encodeURIComponent(sent.id)}/retry`)).status).toBe(409);
    expect((await h.api('POST', '/api/outbox/nope/retry')).status).toBe(404);
  });

  it('a failed message is sent again on request, with its tries counted afresh; a manager may not', async () => {
    const hook = await httpReceiver((_, res) => {
      res.statusCode = 500;
      res.end('down');
    });
    closers.push(hook.close);
    h = await startServer({ env: { ...ENV, VORONKA_WEBHOOK_SECRET: 's' } });
    await h.api('POST', '/api/funnels', funnel(hook.url));
    await h.api('POST', '/api/funnels/welcome/publish', {});
    await h.api('POST', '/api/contacts', { id: 'vera', attributes: { firstName: 'Вера' }, consents: {} });
    await h.api('POST', '/api/events', { id: 'ev-vera', type: 'signup', contactId: 'vera' });
    await h.api('POST', '/api/clock/advance', { by: 'P2D' });
    const failed = (await h.api('GET', '/api/outbox?contactId=vera')).body.find((o: { channel: string }) => o.channel === 'webhook');
    expect(failed).toMatchObject({ status: 'failed', attempts: 10 });
    // her run's path marks the step whose message failed, with the provider's answer (the emails went to the dev outbox)
    const [run] = (await h.api('GET', '/api/runs?contactId=vera')).body as { path: PathEntryDto[] }[];
    const step = (node: string) => run.path.find((p) => p.node === node)!;
    expect(step('crm').failed).toMatch(/^the webhook answered 500/);
    expect(step('hello').failed).toBeUndefined();
    const tries = hook.seen.length;
    const manager = withCookie(await login(h, 'manager@voronka.local'));
    expect((await h.api('POST', `/api/outbox/${encodeURIComponent(failed.id)}/retry`, undefined, manager)).status).toBe(403);
    const again = await h.api('POST', `/api/outbox/${encodeURIComponent(failed.id)}/retry`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: failed.id, status: 'pending', attempts: 0 });
    expect((((await h.api('GET', '/api/runs?contactId=vera')).body as { path: PathEntryDto[] }[])[0].path.find((p) => p.node === 'crm')!).failed).toBeUndefined(); // being sent again
    await h.api('POST', '/api/clock/advance', { by: 'PT1M' });
    expect(hook.seen.length).toBeGreaterThan(tries);
    expect(hook.seen.at(-1)!.headers['idempotency-key']).toBe(hook.seen[0].headers['idempotency-key']);
  });
});

describe('channel settings in the workspace', () => {
  it('an admin sets SMTP in the settings; the next email goes out through it (no restart)', async () => {
    const smtp = await smtpReceiver();
    const h = await startServer();
    try {
      const bad = await h.api('PUT', '/api/settings/channels', { email: { smtpUrl: 'http://nope', from: 'x@y.z' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toContain('email.smtpUrl');
      const ok = await h.api('PUT', '/api/settings/channels', { email: { smtpUrl: smtp.url, from: 'noreply@voronka.test' } });
      expect(ok.status).toBe(200);
      const shown = (await h.api('GET', '/api/settings/channels')).body;
      expect(shown.email.from).toBe('noreply@voronka.test');
      await h.api('POST', '/api/events', { id: 'go-anna', type: 'lead.created', contactId: 'anna' });
      await h.api('POST', '/api/clock/advance', { by: 'PT12H' }); // past quiet hours of the classic funnel
      expect(smtp.raw.length).toBeGreaterThanOrEqual(1);
      expect(parseMail(smtp.raw[0]).headers.to).toContain('anna@example.com');

      // a form sends back what GET showed (secrets masked) plus a new channel: the secrets stay
      expect(shown.email.smtpUrl).toBe(smtp.url); // no password in it: nothing to hide
      const again = await h.api('PUT', '/api/settings/channels', { ...shown, telegram: { token: '123:abc-secret' } });
      expect(again.status).toBe(200);
      const sent = smtp.raw.length;
      await h.api('POST', '/api/events', { id: 'go-boris', type: 'lead.created', contactId: 'boris' });
      await h.api('POST', '/api/clock/advance', { by: 'PT12H' });
      expect(smtp.raw.length).toBeGreaterThan(sent); // still the real SMTP URL
      const after = (await h.api('GET', '/api/settings/channels')).body;
      expect(after.telegram.token).toBe('•••cret');
      expect(after.email.smtpUrl).toBe(shown.email.smtpUrl);
    } finally {
      await h.close();
      await smtp.close();
    }
  });

  it('sends through VK to the contact\'s vkId with a tracked link; the outbox records VK\'s answer', async () => {
    const vk = await httpReceiver((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ response: 4242 }));
    });
    const h = await startServer({ env: { ...ENV, VORONKA_VK_TOKEN: 'vk-token', VORONKA_VK_API: vk.url } });
    try {
      const f = {
        format: 'voronka/funnel@1',
        id: 'vk-hello',
        name: 'VK hello',
        nodes: [
          { id: 'start', type: 'trigger', data: { event: 'signup' } },
          { id: 'hello', type: 'message', data: { channel: 'vk', body: 'Привет, {{contact.firstName}}! Запись: https://example.com/webinar' } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'hello' }],
      };
      expect((await h.api('POST', '/api/funnels', f)).status).toBe(201);
      expect((await h.api('POST', '/api/funnels/vk-hello/publish', {})).status).toBe(201);
      await h.api('POST', '/api/contacts', { id: 'pavel', attributes: { firstName: 'Павел', vkId: 1234567 }, consents: { vk: true } });
      expect((await h.api('POST', '/api/events', { id: 'vk-1', type: 'signup', contactId: 'pavel' })).status).toBe(202);
      await h.settle();
      expect(vk.seen).toHaveLength(1);
      const form = new URLSearchParams(vk.seen[0].body);
      expect(form.get('peer_id')).toBe('1234567');
      expect(form.get('access_token')).toBe('vk-token');
      expect(form.get('message')).toMatch(/^Привет, Павел! Запись: http:\/\/localhost:\d+\/c\/\S+$/);
      const [row] = (await h.api('GET', '/api/outbox?contactId=pavel')).body;
      expect(row).toMatchObject({ channel: 'vk', status: 'sent', reply: 'ok message_id=4242' });
    } finally {
      await h.close();
      await vk.close();
    }
  });
  it('an SMS keeps its links as written (short, no tracker): each channel says how its links are tracked', async () => {
    const gateway = await httpReceiver((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"queued"}');
    });
    const h = await startServer({ env: { ...ENV, VORONKA_SMS_URL: gateway.url, VORONKA_SMS_TOKEN: 'sms-token' } });
    try {
      const f = {
        format: 'voronka/funnel@1',
        id: 'sms-link',
        name: 'SMS link',
        nodes: [
          { id: 'start', type: 'trigger', data: { event: 'signup' } },
          { id: 'hello', type: 'message', data: { channel: 'sms', body: 'Запись: https://example.com/webinar' } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'hello' }],
      };
      expect((await h.api('POST', '/api/funnels', f)).status).toBe(201);
      expect((await h.api('POST', '/api/funnels/sms-link/publish', {})).status).toBe(201);
      await h.api('POST', '/api/contacts', { id: 'olga', attributes: { firstName: 'Ольга', phone: '+7 916 000-00-01' }, consents: { sms: true } });
      expect((await h.api('POST', '/api/events', { id: 'sms-1', type: 'signup', contactId: 'olga' })).status).toBe(202);
      await h.settle();
      expect(gateway.seen).toHaveLength(1);
      expect(JSON.parse(gateway.seen[0].body)).toMatchObject({ to: '+79160000001', text: 'Запись: https://example.com/webinar' });
      // a contact with no phone: not sent, said why — not a failed delivery offered to be sent again
      await h.api('POST', '/api/contacts', { id: 'grace', attributes: { firstName: 'Grace' }, consents: { sms: true } });
      expect((await h.api('POST', '/api/events', { id: 'sms-2', type: 'signup', contactId: 'grace' })).status).toBe(202);
      await h.settle();
      expect(gateway.seen).toHaveLength(1);
      const [row] = (await h.api('GET', '/api/outbox?contactId=grace')).body;
      expect(row).toMatchObject({ channel: 'sms', status: 'withheld', lastError: 'the contact has no phone number', attempts: 0 });
      // her run's path says it once: no phone (not also «not sent: the contact has no phone number»)
      const [graceRun] = (await h.api('GET', '/api/runs?contactId=grace')).body;
      const step = graceRun.path.find((p: { node: string }) => p.node === 'hello');
      expect(step).toMatchObject({ noAddress: 'phone' });
      expect(step.withdrawn).toBeUndefined();
      // and its node counts it on the canvas, apart from the messages without consent
      const hello = (await h.api('GET', '/api/funnels/sms-link/stats')).body.nodes.find((n: { node: string }) => n.node === 'hello');
      expect(hello).toMatchObject({ noAddress: 1 });
      expect(hello.skipped).toBeUndefined();
      // a workspace in Chicago: a phone written the American way is an American number
      expect((await h.api('PUT', '/api/settings/workspace', { currency: 'USD', timezone: 'America/Chicago' })).status).toBe(200);
      await h.api('POST', '/api/contacts', { id: 'sam', attributes: { firstName: 'Sam', phone: '(312) 555-0101' }, consents: { sms: true } });
      expect((await h.api('POST', '/api/events', { id: 'sms-3', type: 'signup', contactId: 'sam' })).status).toBe(202);
      await h.settle();
      expect(JSON.parse(gateway.seen[gateway.seen.length - 1].body)).toMatchObject({ to: '+13125550101' });
      // the delivery log keeps the number it went to, and a bounce blocks that number, however the contact wrote it
      const [toSam] = (await h.api('GET', '/api/outbox?contactId=sam')).body;
      expect(toSam.payload.to).toBe('+13125550101');
      expect((await h.api('POST', `/api/outbox/${toSam.id}/bounce`, { hard: true, reason: 'unknown subscriber' })).status).toBe(200);
      expect((await h.api('GET', '/api/contacts/sam')).body.suppressed).toMatchObject([{ channel: 'sms', address: '+13125550101' }]);
      await h.api('POST', '/api/contacts', { id: 'sam2', attributes: { firstName: 'Sam', phone: '1-312-555-0101' }, consents: { sms: true } });
      expect((await h.api('POST', '/api/events', { id: 'sms-4', type: 'signup', contactId: 'sam2' })).status).toBe(202);
      await h.settle();
      const [toSam2] = (await h.api('GET', '/api/outbox?contactId=sam2')).body;
      expect(toSam2).toMatchObject({ status: 'withheld', lastError: 'suppressed: +13125550101 bounced before (unknown subscriber)' });
      expect(gateway.seen.filter((r) => JSON.parse(r.body).to === '+13125550101')).toHaveLength(1);
      // lifted from the contact's page: the number as the workspace reads it
      expect((await h.api('DELETE', '/api/contacts/sam2/suppressions/sms')).status).toBe(204);
      expect((await h.api('GET', '/api/contacts/sam')).body.suppressed).toBeUndefined();
      // a message held back (quiet hours all day) lists the number as the contact wrote it, for the page to read in the
      // workspace's country — not as a Russian one because it starts with 9 (+79175550144)
      const held = { ...f, id: 'sms-held', name: 'SMS held', settings: { timezone: 'America/Chicago', quietHours: { from: '00:00', to: '23:59' } }, nodes: [{ ...f.nodes[0], data: { event: 'held' } }, f.nodes[1]] };
      expect((await h.api('POST', '/api/funnels', held)).status).toBe(201);
      expect((await h.api('POST', '/api/funnels/sms-held/publish', {})).status).toBe(201);
      await h.api('POST', '/api/contacts', { id: 'nina', attributes: { firstName: 'Nina', phone: '(917) 555-0144' }, consents: { sms: true } });
      expect((await h.api('POST', '/api/events', { id: 'sms-5', type: 'held', contactId: 'nina' })).status).toBe(202);
      await h.settle();
      const [toNina] = (await h.api('GET', '/api/outbox?contactId=nina')).body;
      expect(toNina).toMatchObject({ status: 'pending', address: '(917) 555-0144' });
    } finally {
      await h.close();
      await gateway.close();
    }
  });
});
