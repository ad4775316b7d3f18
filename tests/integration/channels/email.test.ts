import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailChannel, messageIdFor, type ClosableChannelAdapter } from '../../../server/channels/email.ts';
import { PermanentChannelError } from '../../../server/channels/types.ts';
import { contactRow, decodeWords, message, outboxRow, parseMail, smtpReceiver } from './helpers.ts';

let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
let email: ClosableChannelAdapter;
const unsub = 'https://voronka.test/u/c-1/email?sig=abc&x=1';

beforeAll(async () => {
  smtp = await smtpReceiver({ 'gone@example.com': 550, 'busy@example.com': 451 });
  email = emailChannel({ smtpUrl: smtp.url, from: 'Voronka <shop@voronka.test>' });
});
afterAll(async () => {
  await email.close();
  await smtp.close();
});

const lastMail = () => parseMail(smtp.raw[smtp.raw.length - 1]);

describe('email channel over a real SMTP server', () => {
  it('delivers the message with recipient, subject, headers and both parts', async () => {
    const row = outboxRow({ id: 'run-1:welcome:1', payload: { subject: 'Your guide', body: 'Hi &lt;script&gt;alert(1)&lt;/script&gt;\nSecond line' } });
    const reply = await email.send(message(row, contactRow({ email: 'anna@example.com' }), unsub));
    expect(reply).toMatch(/^250 /);
    expect(smtp.raw).toHaveLength(1);
    const mail = lastMail();
    expect(mail.headers.to).toBe('anna@example.com');
    expect(mail.headers.from).toContain('shop@voronka.test');
    expect(mail.headers.subject).toBe('Your guide');
    expect(mail.headers['list-unsubscribe']).toBe(`<${unsub}>`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers['x-voronka-message-id']).toBe('run-1:welcome:1');
    expect(mail.headers['message-id']).toBe(messageIdFor('run-1:welcome:1'));
    expect(mail.headers['message-id']).toBe('<run-1%3Awelcome%3A1@voronka>');

    const html = mail.parts.find((p) => p.type === 'text/html')!.body;
    expect(html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;<br>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Second line');
    expect(html).toContain('href="https://voronka.test/u/c-1/email?sig=abc&amp;x=1"');
    expect(html).toContain('>Отписаться от рассылки</a>'); // no locale in the row: the funnels' default, Russian

    const text = mail.parts.find((p) => p.type === 'text/plain')!.body;
    expect(text).toContain('Hi <script>alert(1)</script>\nSecond line');
    expect(text).not.toContain('&lt;');
    expect(text).toContain(`Отписаться от рассылки: ${unsub}`);
  });

  it('sends an address written in the text as a link in the HTML part (and as written in the text part)', async () => {
    const body = 'Загляните: https://lavanda-nsk.ru/catalog.\nИли <a href="https://lavanda-nsk.ru/sale">распродажа</a>';
    await email.send(message(outboxRow({ id: 'run-links:1', payload: { subject: 'S', body } }), contactRow({ email: 'anna@example.com' }), unsub));
    const mail = lastMail();
    const html = mail.parts.find((p) => p.type === 'text/html')!.body;
    expect(html).toContain('Загляните: <a href="https://lavanda-nsk.ru/catalog">https://lavanda-nsk.ru/catalog</a>.<br>');
    expect(html).toContain('Или <a href="https://lavanda-nsk.ru/sale">распродажа</a>'); // a link the template wrote: not linked twice
    expect(mail.parts.find((p) => p.type === 'text/plain')!.body).toContain('Загляните: https://lavanda-nsk.ru/catalog.\nИли распродажа (https://lavanda-nsk.ru/sale)');
  });

  it('writes the footer in the language of the funnel that sent the message', async () => {
    for (const [locale, words] of [['en-US', 'Unsubscribe'], ['kk-KZ', 'Таратылымнан бас тарту'], ['de-DE', 'Unsubscribe'], ['ru-RU', 'Отписаться от рассылки']]) {
      await email.send(message(outboxRow({ id: `run-l:${locale}:1`, payload: { subject: 'S', body: 'B', locale } }), contactRow({ email: 'anna@example.com' }), unsub));
      const mail = lastMail();
      expect(mail.parts.find((p) => p.type === 'text/html')!.body).toContain(`>${words}</a>`);
      // its page speaks Russian for the Russian-reading languages, English for the others
      expect(mail.parts.find((p) => p.type === 'text/plain')!.body).toContain(`${words}: ${unsub}&lang=${/^(ru|kk)/.test(locale) ? 'ru' : 'en'}`);
    }
  });

  it('round-trips a Cyrillic subject through an encoded word', async () => {
    const subject = 'Ваш чек-лист готов, Анна!';
    await email.send(message(outboxRow({ id: 'r2', payload: { subject, body: 'Привет' } }), contactRow({ email: 'anna@example.com' })));
    const mail = lastMail();
    expect(mail.headers.subject).toMatch(/=\?UTF-8\?[BQ]\?/i);
    expect(decodeWords(mail.headers.subject)).toBe(subject);
    expect(mail.parts.find((p) => p.type === 'text/plain')!.body).toContain('Привет');
  });

  it('sends the same Message-ID for the same row (retries are recognisable)', async () => {
    const row = outboxRow({ id: 'retry-me' });
    await email.send(message(row, contactRow({ email: 'anna@example.com' })));
    const first = lastMail().headers['message-id'];
    await email.send(message(row, contactRow({ email: 'anna@example.com' })));
    expect(lastMail().headers['message-id']).toBe(first);
    expect(first).toBe('<retry-me@voronka>');
  });

  it('refuses a contact without a valid address, permanently', async () => {
    for (const attributes of [{}, { email: '' }, { email: 'not-an-email' }, { email: 42 }, { email: 'a@b.c>\r\nBcc: x@y.z' }]) {
      const err = await email.send(message(outboxRow(), contactRow(attributes))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentChannelError);
      expect((err as Error).message).toBe('the contact has no email address');
    }
  });

  it('a 550 for the recipient is permanent, a 451 is retried', async () => {
    const gone = await email.send(message(outboxRow(), contactRow({ email: 'gone@example.com' }))).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(PermanentChannelError);
    const busy = await email.send(message(outboxRow(), contactRow({ email: 'busy@example.com' }))).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(Error);
    expect(busy).not.toBeInstanceOf(PermanentChannelError);
  });

  it('an unreachable server is a retryable error', async () => {
    const dead = emailChannel({ smtpUrl: 'smtp://127.0.0.1:1?connectionTimeout=2000', from: 'shop@voronka.test' });
    try {
      const err = await dead.send(message(outboxRow(), contactRow({ email: 'anna@example.com' }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(PermanentChannelError);
    } finally {
      await dead.close();
    }
  });
});
