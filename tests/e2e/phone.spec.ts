import { expect, login, newFunnel, ok, screen, test } from './fixtures.ts';

test('on a phone the contact page fits the screen: orders and events scroll inside their cards, not the page', async ({ page, api }, info) => {
  await ok(await api.post('/api/contacts', { data: { id: 'phone-aigul', attributes: { firstName: 'Айгуль', lastName: 'Хасанова', phone: '+79171234567', city: 'Казань' } } }));
  await ok(await api.post('/api/orders', { data: { id: 'phone-order-100', contactId: 'phone-aigul', sku: 'CLEAN-PRO', amount: 3490 } }));
  await ok(await api.post('/api/orders', { data: { id: 'phone-order-101', contactId: 'phone-aigul', sku: 'IMPLANT-TURNKEY', amount: 85_000 } }));
  await ok(await api.post('/api/events', { data: { type: 'visit.booked', contactId: 'phone-aigul', data: { doctor: 'Сафина Р.', clinic: 'Казань, ул. Баумана 12', slot: '2026-11-27T10:00' } } }));
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'manager');
  await page.goto('/#/contacts/phone-aigul');
  await expect(page.getByTestId('contact-orders')).toContainText('IMPLANT-TURNKEY');
  await expect(page.getByTestId('contact-events')).toContainText('visit.booked');
  const [doc, content, width] = await page.evaluate(() => [document.documentElement.scrollWidth, document.querySelector('.content')!.scrollWidth, window.innerWidth]);
  expect(doc).toBeLessThanOrEqual(width);
  expect(content).toBeLessThanOrEqual(width);
  // the event's data reads in lines of words, not a letter or two a line
  expect((await page.getByTestId('contact-event').first().locator('td').last().boundingBox())!.width).toBeGreaterThanOrEqual(150);
  await screen(page, info, 'phone-contact');
});

test('on a phone the contacts list scrolls inside its card, the number written as everywhere else and right after the name', async ({ page, api }) => {
  await ok(await api.post('/api/contacts', { data: { id: 'phone-list-1', attributes: { firstName: 'Ильдар', email: 'ildar.very.long.address@example-company.ru', phone: '8 917 123-45-67' } } }));
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'marketer');
  await page.goto('/#/contacts');
  await page.getByTestId('contacts-search').fill('Ильдар');
  await expect(page.getByTestId('contacts-export')).toHaveText('Экспорт найденных (CSV)');
  const add = (await page.getByTestId('contact-new').boundingBox())!;
  expect(add.x + add.width).toBeLessThanOrEqual(390);
  await expect(page.getByTestId('contact-phone-phone-list-1')).toHaveText('+7 917 123-45-67');
  // the search box is wide enough to type in, and the head's buttons stay on the screen
  expect((await page.getByTestId('contacts-search').boundingBox())!.width).toBeGreaterThan(200);
  const [doc, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(doc).toBeLessThanOrEqual(width);
  const headers = await page.getByTestId('contacts-table').locator('th').allInnerTexts();
  expect(headers.indexOf('Телефон')).toBe(headers.indexOf('Имя') + 1);
});

test('a call task for a client with no phone says so on the card, and its title has no empty brackets', async ({ page, api }) => {
  await newFunnel(
    api,
    {
      id: 'e2e-no-phone',
      name: 'Звонок без телефона',
      nodes: [
        { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.no.phone' } },
        { id: 'call', type: 'handoff', position: { x: 320, y: 0 }, data: { title: 'Позвонить {{contact.firstName}} ({{contact.phone}}) и записать', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Записан' }] } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'call' }],
    },
    { publish: true },
  );
  await ok(await api.post('/api/contacts', { data: { id: 'no-phone-olga', attributes: { firstName: 'Ольга', email: 'olga@example.ru' } } }));
  await ok(await api.post('/api/events', { data: { type: 'e2e.no.phone', contactId: 'no-phone-olga' } }));
  const tasks = await ok<{ id: string; funnelId: string; title: string }[]>(await api.get('/api/tasks?contactId=no-phone-olga'));
  const task = tasks.find((x) => x.funnelId === 'e2e-no-phone')!;
  expect(task.title).toBe('Позвонить Ольга и записать');
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'manager');
  await page.getByTestId(`task-row-${task.id}`).click();
  await expect(page.getByTestId('task-no-phone')).toHaveText('☎ телефона нет');
  await expect(page.getByTestId('task-reach')).toContainText('✉ olga@example.ru');
});
