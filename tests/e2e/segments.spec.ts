import { expect, freshFunnel, login, ok, screen, test } from './fixtures.ts';

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
      await card.locator('input[name="lifecycle.sleepingAfterDays"]').fill('30');
      await card.getByTestId('lifecycle-save').click();
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
    }
  });
});
