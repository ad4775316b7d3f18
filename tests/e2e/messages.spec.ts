import { expect, login, newFunnel, screen, test, ok } from './fixtures.ts';
import { smtpReceiver } from '../integration/channels/helpers.ts';

test.describe('messages: why one did not go or did not arrive', () => {
  test('a marketing message to a contact without consent is listed on the messages page as not sent, with why', async ({ page, api }) => {
    const nodes = [
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.consent.check' } },
      { id: 'promo', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'email', subject: 'Скидка для {{contact.firstName}}', body: 'Только сегодня', marketing: true } },
      { id: 'chat', type: 'message', position: { x: 640, y: 0 }, data: { channel: 'telegram', body: 'Привет, <b>{{contact.firstName}}</b> & co', marketing: true } },
    ];
    const edges = [{ id: 'e1', source: 'start', target: 'promo' }, { id: 'e2', source: 'promo', target: 'chat' }];
    await newFunnel(api, { id: 'e2e-consent', name: 'Без согласия', nodes, edges }, { publish: true });
    await ok(await api.post('/api/contacts', { data: { id: 'e2e-noconsent-1', attributes: { firstName: 'Дарина', email: 'darina@example.com' }, consents: {} } }));
    expect((await api.post('/api/events', { data: { type: 'e2e.consent.check', contactId: 'e2e-noconsent-1' } })).status()).toBe(202);

    await login(page, 'marketer');
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('messages-status').selectOption('withheld');
    const row = page.getByTestId('messages-page').getByTestId('contact-message').filter({ hasText: 'Скидка для Дарина' });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('message-status')).toHaveText('не отправлено');
    await expect(row.getByTestId('message-reason')).toHaveText('контакт не давал согласия на этот канал');
    await expect(row.getByTestId('message-retry')).toHaveCount(0);
    // a chat message is listed as it would have gone: its markup is not an email's, nothing is taken out of it
    await expect(page.getByTestId('messages-page').getByTestId('message-open').filter({ hasText: 'Привет, <b>Дарина</b> & co' })).toHaveCount(1);
  });

  test('a webhook is listed with where it went, and the page fits a laptop screen', async ({ page, api }) => {
    const nodes = [
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.hook.row' } },
      { id: 'crm', type: 'action', label: 'В CRM', position: { x: 320, y: 0 }, data: { webhook: { url: 'http://127.0.0.1:9/hooks/voronka?src=e2e', body: '{"event":"purchase","email":"{{contact.email}}","company":"{{contact.company}}","amount":"{{event.data.amount}}"}' } } },
    ];
    await newFunnel(api, { id: 'e2e-hook-row', name: 'Вебхук в CRM', nodes, edges: [{ id: 'e1', source: 'start', target: 'crm' }] }, { publish: true });
    await ok(await api.post('/api/contacts', { data: { id: 'e2e-hook-1', attributes: { firstName: 'Зоя', email: 'zoya@example.com', company: 'Бистро «Лето» на набережной' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.hook.row', contactId: 'e2e-hook-1', data: { amount: 72000 } } }));
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, 'marketer');
    await page.getByTestId('nav-messages').click();
    const row = page.getByTestId('messages-page').getByTestId('contact-message').filter({ has: page.locator('[data-testid="message-url"]') }).first();
    await expect(row.getByTestId('message-url')).toHaveText('127.0.0.1:9/hooks/voronka');
    await expect(row.getByTestId('message-url')).toHaveAttribute('title', 'http://127.0.0.1:9/hooks/voronka?src=e2e');
    // every column, delivery and reactions too, is on screen without scrolling sideways
    const table = page.getByTestId('messages-page').getByTestId('contact-messages');
    const scroll = await table.evaluate((t) => { const box = t.parentElement!; return { over: box.scrollWidth - box.clientWidth }; });
    expect(scroll.over).toBeLessThanOrEqual(1);
  });

  test('a bounce reported for a sent email: the message says it did not arrive, the contact page says the address is blocked, and lifting it works', async ({ page, api }, info) => {
    const smtp = await smtpReceiver();
    try {
      expect((await api.put('/api/settings/channels', { data: { email: { smtpUrl: smtp.url, from: 'noreply@voronka.local' } } })).status()).toBe(200);
      const nodes = [
        { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.bounce.check' } },
        { id: 'hello', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'email', subject: 'Добро пожаловать, {{contact.firstName}}', body: 'Рады видеть' } },
      ];
      await newFunnel(api, { id: 'e2e-bounce', name: 'Отказы', nodes, edges: [{ id: 'e1', source: 'start', target: 'hello' }] }, { publish: true });
      await ok(await api.post('/api/contacts', { data: { id: 'e2e-bounce-1', attributes: { firstName: 'Лев', email: 'lev@nowhere.example' }, consents: { email: true } } }));
      expect((await api.post('/api/events', { data: { type: 'e2e.bounce.check', contactId: 'e2e-bounce-1' } })).status()).toBe(202);
      const sent = async () => ((await ok<{ id: string; status: string }[]>(await api.get('/api/outbox?contactId=e2e-bounce-1'))) ?? [])[0];
      await expect.poll(async () => (await sent())?.status).toBe('sent');
      expect(smtp.raw).toHaveLength(1);
      // the shop's ESP says the mailbox does not exist; the integration passes it on
      await ok(await api.post(`/api/outbox/${encodeURIComponent((await sent()).id)}/bounce`, { data: { reason: '550 5.1.1 user unknown' } }));

      await login(page, 'marketer');
      await page.getByTestId('nav-messages').click();
      // with SMTP set up, the page no longer says messages go nowhere
      await expect(page.getByTestId('messages-hint')).toContainText('Отправляются по-настоящему: Эл. почта');
      await page.getByTestId('messages-status').selectOption('bounced');
      const row = page.getByTestId('messages-page').getByTestId('contact-message').filter({ hasText: 'Добро пожаловать, Лев' });
      await expect(row.getByTestId('message-status')).toHaveText('не дошло (bounce)');
      await expect(row.getByTestId('message-reason')).toHaveText('адрес не существует (hard bounce): 550 5.1.1 user unknown');
      await page.goto('/#/contacts/e2e-bounce-1');
      const blocked = page.getByTestId('contact-suppressed');
      await expect(blocked).toContainText('Эл. почта: на адрес lev@nowhere.example ничего не отправляется');
      await expect(blocked).toContainText('550 5.1.1 user unknown');
      await screen(page, info, 'contact-bounced');
      // the run's path says the email did not arrive
      await expect(page.getByTestId('contact-page')).toContainText('550 5.1.1 user unknown');
      // the funnel's canvas counts it at its node
      await page.goto('/#/funnels/e2e-bounce');
      await page.getByTestId('tab-analytics').click();
      await expect(page.getByTestId('stats-hello-bounced')).toHaveText('не дошло (bounce): 1');
      await page.goto('/#/contacts/e2e-bounce-1');
      await blocked.getByTestId('contact-unsuppress').click();
      await expect(blocked).toHaveCount(0);
      expect((await ok<{ suppressed?: unknown }>(await api.get('/api/contacts/e2e-bounce-1'))).suppressed).toBeUndefined();
    } finally {
      expect((await api.put('/api/settings/channels', { data: {} })).status()).toBe(200); // back to the dev outbox for the other tests
      await smtp.close();
    }
  });
});
