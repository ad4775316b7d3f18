import { expect, freshFunnel, login, newFunnel, ok, screen, test } from './fixtures.ts';

test.describe('life-cycle segments', () => {
  test('a buyer is in the matrix by name; a trigger picks a cell and says its rule; an admin moves the lines and the rules follow', async ({ page, api }, info) => {
    // a contact with one paid order: a newcomer
    await ok(await api.post('/api/contacts', { data: { id: 'e2e-seg-1', attributes: { firstName: 'Вера' }, segments: ['vip'] } }));
    await ok(await api.post('/api/orders', { data: { id: 'e2e-seg-o1', contactId: 'e2e-seg-1', amount: 1200 } }));
    await login(page, 'admin');
    await page.goto('/#/contacts/e2e-seg-1');
    const badges = page.getByTestId('contact-segment');
    await expect(badges).toHaveText(['vip', 'Активные покупатели', 'Разовые покупатели', 'Новички']);
    await expect(badges.nth(3)).toHaveAttribute('title', 'lifecycle:active-single: последняя оплата меньше 90 дн. назад, 1 оплаченный заказ');
    // her events: the payment with its amount as money, and the segments she entered by their names
    const events = page.getByTestId('contact-event');
    await expect(events.filter({ has: page.locator('code', { hasText: 'order.paid' }) })).toContainText('amount: 1 200 ₽');
    const entered = events.filter({ has: page.locator('code', { hasText: 'segment.entered' }) });
    await expect(entered).toHaveCount(4);
    for (const name of ['vip', 'Активные покупатели', 'Разовые покупатели', 'Новички']) await expect(entered.filter({ hasText: name })).toHaveCount(1);

    // a trigger on entering a segment: the life-cycle cell is offered with its rule, and named on the canvas
    await freshFunnel(api, 'e2e-segments', 'E2E сегменты');
    await page.goto('/#/funnels/e2e-segments');
    await page.getByTestId('node-start').click();
    const inspector = page.getByTestId('inspector');
    await inspector.locator('select[name="kind"]').selectOption('segment');
    await expect(inspector.getByTestId('trigger-segment-rule')).toHaveText('Спящие: последняя оплата 90–180 дн. назад');
    const segment = inspector.locator('input[name="segment"]');
    await segment.fill('lifecycle:sleeping-loyal');
    await expect(inspector.getByTestId('trigger-segment-rule')).toHaveText('Засыпающее ядро: вернуть первыми: последняя оплата 90–180 дн. назад, оплаченных заказов: 4 и больше');
    await expect(page.getByTestId('node-start')).toContainText('Засыпающее ядро: вернуть первыми');
    const options = await inspector.locator('datalist option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options).toContain('lifecycle:sleeping-repeat');
    // a mistyped cell is not given a made-up rule: the one meant is named, and the node has an error
    await segment.fill('lifecycle:sleeping-loyl');
    await expect(inspector.getByTestId('trigger-segment-rule')).toHaveText('Нет такого сегмента жизненного цикла — может быть, lifecycle:sleeping-loyal? Выберите из списка.');
    await expect(page.getByTestId('node-start')).toHaveAttribute('data-errors', '1');
    // a segment of one's own is told apart from the computed ones
    await segment.fill('sleeping');
    await expect(inspector.getByTestId('trigger-segment-rule')).toHaveText('Свой сегмент (его ставит CRM или вы)');
    await screen(page, info, 'segment-trigger');

    try {
      // the admin draws the lines: a buyer is sleeping after 30 days
      await page.getByTestId('nav-settings').click();
      const card = page.getByTestId('settings-lifecycle');
      // the matrix: recency across with its rule, frequency down, each cell with how many are in it (Вера is a newcomer)
      const matrix = card.getByTestId('lifecycle-cells');
      await expect(matrix.locator('thead th')).toContainText(['', 'Активные покупатели', 'Спящие', 'Ушедшие']);
      await expect(matrix.locator('thead th').nth(2)).toContainText('последняя оплата 90–180 дн. назад');
      await expect(card.getByTestId('lifecycle-cell-sleeping-repeat')).toContainText('Засыпающие перспективные');
      await expect.poll(async () => Number((await card.getByTestId('lifecycle-cell-active-single').locator('.ls-lifecycle-count').textContent())?.replace(/\s/g, ''))).toBeGreaterThanOrEqual(1);
      await expect(card.getByTestId('lifecycle-save')).toBeDisabled();
      // a repeat buyer who last paid 40 days ago: the new line makes her sleeping — the admin is told before saving
      const now = Date.parse(((await (await api.get('/api/clock')).json()) as { now: string }).now);
      await ok(await api.post('/api/contacts', { data: { id: 'e2e-seg-2', attributes: { firstName: 'Лера' } } }));
      for (const [id, days] of [['e2e-seg-o2', 60], ['e2e-seg-o3', 40]] as const)
        await ok(await api.post('/api/orders', { data: { id, contactId: 'e2e-seg-2', amount: 900, at: new Date(now - days * 86_400_000).toISOString() } }));
      await card.locator('input[name="lifecycle.sleepingAfterDays"]').fill('30');
      await card.getByTestId('lifecycle-save').click();
      const confirm = page.getByTestId('confirm-dialog');
      await expect(confirm).toContainText(/покупател(ь|я|ей) перейд/);
      await expect(confirm).toContainText('«Засыпающие перспективные» — 1');
      await confirm.getByTestId('confirm-cancel').click();
      expect(((await (await api.get('/api/settings/workspace')).json()) as { lifecycle: { sleepingAfterDays: number } }).lifecycle.sleepingAfterDays).toBe(90);
      expect(((await (await api.get('/api/contacts/e2e-seg-2')).json()) as { segments: string[] }).segments).toContain('lifecycle:active-repeat');
      await card.getByTestId('lifecycle-save').click();
      await page.getByTestId('confirm-ok').click();
      await expect(matrix.locator('thead th').nth(2)).toContainText('последняя оплата 30–180 дн. назад');
      await expect.poll(async () => ((await (await api.get('/api/settings/workspace')).json()) as { lifecycle: { sleepingAfterDays: number } }).lifecycle.sleepingAfterDays).toBe(30);
      // lines that make no sense are refused with the field named
      await card.locator('input[name="lifecycle.lostAfterDays"]').fill('20');
      await expect(card.getByTestId('lifecycle-invalid')).toHaveText('lostAfterDays: «ушедшие» (lostAfterDays) должно быть больше, чем «спящие» (sleepingAfterDays)');
      await expect(card.getByTestId('lifecycle-save')).toBeDisabled();
      await screen(page, info, 'settings-lifecycle');
    } finally {
      await api.put('/api/settings/workspace', { data: { currency: 'RUB', timezone: null, lifecycle: { sleepingAfterDays: 90, lostAfterDays: 180, repeatFrom: 2, loyalFrom: 4 } } });
      await api.delete('/api/funnels/e2e-segments');
      await api.delete('/api/contacts/e2e-seg-2');
    }
  });

  test('publishing a funnel on a segment says who is in it already and can let them in now', async ({ page, api }) => {
    for (const id of ['e2e-aud-1', 'e2e-aud-2']) await ok(await api.post('/api/contacts', { data: { id, attributes: { firstName: 'Ира' }, segments: ['e2e-audience'] } }));
    await freshFunnel(api, 'e2e-audience', 'E2E уже в сегменте', [{ id: 'mail', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'email', subject: 'Мы скучаем', body: 'Возвращайтесь', marketing: false } }], [{ id: 'e1', source: 'start', target: 'mail' }]);
    const f = (await (await api.get('/api/funnels/e2e-audience')).json()) as { draft: { nodes: { id: string; data: object }[] } };
    f.draft.nodes[0].data = { segment: 'e2e-audience', reentry: 'never' };
    await ok(await api.put('/api/funnels/e2e-audience', { data: f.draft }));
    try {
      await login(page, 'marketer');
      await page.goto('/#/funnels/e2e-audience');
      await page.getByTestId('publish-open').click();
      const audience = page.getByTestId('publish-audience');
      await expect(audience).toContainText('В сегменте «e2e-audience» сейчас 2 контакта.');
      await expect(audience).toContainText('сами в неё не попадут');
      await audience.getByTestId('publish-enrol').check();
      await page.getByTestId('publish-submit').click();
      await expect(page.getByTestId('publish-enrolled')).toHaveText('Запущена для 2 контактов, уже бывших в сегменте.');
      const runs = (await (await api.get('/api/runs?funnelId=e2e-audience')).json()) as { contactId: string }[];
      expect(runs.map((r) => r.contactId).sort()).toEqual(['e2e-aud-1', 'e2e-aud-2']);
      // again, after an edit: both went through it and «once» lets no one in twice — said, not just «0»
      f.draft.nodes[1].data = { ...f.draft.nodes[1].data, subject: 'Мы всё ещё скучаем' };
      await ok(await api.put('/api/funnels/e2e-audience', { data: f.draft }));
      await page.reload();
      await page.getByTestId('publish-open').click();
      await page.getByTestId('publish-enrol').check();
      await page.getByTestId('publish-submit').click();
      await expect(page.getByTestId('publish-enrolled')).toHaveText('Запущена для 0 контактов, уже бывших в сегменте. Остальные (2) уже в воронке или прошли её, а правило повторного входа их не пускает.');
    } finally {
      await api.delete('/api/funnels/e2e-audience');
      for (const id of ['e2e-aud-1', 'e2e-aud-2']) await api.delete(`/api/contacts/${id}`);
    }
  });

  test('with the figures on, a Start on a segment names it as in edit mode, not by its id', async ({ page, api }) => {
    await newFunnel(
      api,
      {
        id: 'e2e-segment-stats',
        name: 'E2E спящие в аналитике',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { segment: 'lifecycle:sleeping' } },
          { id: 'done', type: 'exit', position: { x: 320, y: 0 }, data: {} },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'done' }],
      },
      { publish: true },
    );
    try {
      // a buyer whose only payment was 89½ days ago (on the server's clock; an order history, entering nothing) falls asleep a day on: she enters the funnel
      const now = Date.parse((await ok<{ now: string }>(await api.get('/api/clock'))).now);
      await ok(await api.post('/api/contacts', { data: { id: 'e2e-seg-sleepy', attributes: { firstName: 'Соня' } } }));
      await ok(await api.post('/api/orders', { data: { id: 'e2e-seg-sleepy-o1', contactId: 'e2e-seg-sleepy', amount: 900, at: new Date(now - 89.5 * 86_400_000).toISOString() } }));
      await ok(await api.post('/api/clock/advance', { data: { by: 'P1D' } }));
      await expect.poll(async () => (await ok<unknown[]>(await api.get('/api/runs?contactId=e2e-seg-sleepy&funnelId=e2e-segment-stats'))).length).toBe(1);
      await login(page, 'marketer');
      await page.goto('/#/funnels/e2e-segment-stats');
      const start = page.getByTestId('node-start');
      await expect(start).toContainText('Спящие');
      await page.getByTestId('tab-analytics').click();
      await expect(page.getByTestId('stats-start')).toContainText('вошли: 1');
      await expect(start.locator('.ed-node-gist')).toHaveText('Сегмент: Спящие');
      await expect(start).not.toContainText('lifecycle:sleeping');
      // zoomed far out it is called the same
      await expect(start).toHaveAttribute('data-title', 'Сегмент: Спящие');
    } finally {
      await api.delete('/api/funnels/e2e-segment-stats');
    }
  });
});
