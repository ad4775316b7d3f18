import { readFileSync } from 'node:fs';
import { expect, login, newFunnel, screen, test, useLanguage, ok } from './fixtures.ts';

test.describe('contacts', () => {
  test('a marketer imports a CSV with a bad row: good rows are imported, the bad one is reported by row and field', async ({ page, api }, info) => {
    await useLanguage(page, 'ru');
    await login(page, 'marketer');
    await page.getByTestId('nav-contacts').click();
    await expect(page.getByTestId('contacts')).toBeVisible();
    await expect(page.getByTestId('contact-row-anna')).toBeVisible();
    const count = page.getByTestId('customer-metrics').locator('[data-field="contacts"]');
    const before = Number((await count.innerText()).replace(/\D/g, ''));

    const csv = [
      'id,firstName,email,timezone,consent.email,tags',
      'csv-ivan,Иван,ivan@example.com,Europe/Moscow,да,vip;csv',
      'csv-olga,Ольга,not-an-email,Europe/Moscow,yes,csv',
      'csv-petr,Пётр,petr@example.com,Asia/Novosibirsk,no,csv',
      'csv-ivan,Иван Второй,ivan2@example.com,Europe/Moscow,да,csv',
      'csv-anya,Аня,Анина,anya@example.com,Europe/Moscow,да,csv',
    ].join('\n');
    await page.getByTestId('csv-file').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('csv-import').click();
    const report = page.getByTestId('csv-report');
    await expect(report).toBeVisible();
    await expect(report).toContainText('Загружено: 2');
    await expect(report).toContainText('С ошибками: 3');
    await expect(report.getByTestId('csv-created')).toHaveText('(новых — 2, обновлено — 0)');
    // the figure above the list counts the new contacts at once (not at its next refresh)
    await expect(count).toHaveText(String(before + 2));
    const errors = report.getByTestId('csv-error');
    await expect(errors).toHaveCount(3);
    // row 3 of the file (the header is row 1), the email column
    await expect(errors.nth(0)).toContainText('3');
    await expect(errors.nth(0)).toContainText('email');
    // and whose row it is
    await expect(errors.nth(0)).toContainText('csv-olga');
    await expect(errors.nth(0)).toContainText('«not-an-email» — не адрес эл. почты');
    // the same id twice: the second row is left out (not silently merged into the first)
    await expect(errors.nth(1)).toContainText('5');
    await expect(errors.nth(1)).toContainText('id «csv-ivan» уже есть в строке 2; эта строка пропущена');
    await expect(errors.nth(1).locator('td').nth(1)).toHaveText('csv-ivan'); // whose row: the id it repeats
    // a comma too many: the row is left out instead of shifting the email into the name
    await expect(errors.nth(2)).toContainText('6');
    await expect(errors.nth(2)).toContainText('полей в строке: 7, а в заголовке: 6');
    await screen(page, info, '20-contacts-csv-report');

    // the good rows are in the list; the bad one is not
    await expect(page.getByTestId('contact-row-csv-ivan')).toBeVisible();
    await expect(page.getByTestId('contact-row-csv-petr')).toBeVisible();
    await expect(page.getByTestId('contact-row-csv-olga')).toHaveCount(0);
    await expect(page.getByTestId('contact-row-csv-anya')).toHaveCount(0);
    const stored = await api.get('/api/contacts/csv-ivan');
    expect(stored.status()).toBe(200);
    const ivan = (await stored.json()) as { attributes: Record<string, unknown>; consents: Record<string, boolean>; tags: string[] };
    expect(ivan.attributes.firstName).toBe('Иван');
    expect(ivan.consents.email).toBe(true);
    expect(ivan.tags).toEqual(['vip', 'csv']);
    expect((await api.get('/api/contacts/csv-olga')).status()).toBe(404);

    // the customer base in figures: Ivan pays twice, Petr once — the line above the list says so
    for (const [id, contactId, amount] of [['csv-o1', 'csv-ivan', 1000], ['csv-o2', 'csv-ivan', 3000], ['csv-o3', 'csv-petr', 2000]] as const)
      expect((await api.post('/api/orders', { data: { id, contactId, amount, currency: 'RUB' } })).status()).toBe(201);
    const metrics = (await (await api.get('/api/metrics/customers')).json()) as { currencies: { currency: string; buyers: number; averageCheck: number }[] };
    const rub = metrics.currencies.find((c) => c.currency === 'RUB')!;
    expect(rub.buyers).toBeGreaterThanOrEqual(2);
    await page.reload();
    const line = page.getByTestId('customer-metrics').locator('[data-currency="RUB"]');
    await expect(line.locator('[data-field="buyers"]')).toHaveText(String(rub.buyers));
    await expect(line.locator('[data-field="averageCheck"]')).toHaveText(new RegExp(Math.round(rub.averageCheck).toLocaleString('ru-RU').replace(/\s/g, '\\s')));
    await screen(page, info, '21-contacts-metrics');

    // search narrows the list; a row opens the contact's page
    await page.getByTestId('contacts-search').fill('petr@example');
    await expect(page.getByTestId('contact-row-csv-ivan')).toHaveCount(0);
    await expect(page.getByTestId('contact-row-csv-petr')).toBeVisible();
    await page.getByTestId('contact-row-csv-petr').click();
    await expect(page).toHaveURL(/#\/contacts\/csv-petr$/);
    await expect(page.getByTestId('contact-page')).toContainText('Пётр');
    await expect(page.getByTestId('contact-consents')).toBeVisible();
  });

  test('a marketer takes a contact out of a funnel from the contact page; a manager cannot', async ({ page, api }) => {
    expect((await api.post('/api/contacts', { data: { id: 'quit-1', attributes: { firstName: 'Кира' }, consents: { email: true } } })).status()).toBe(200);
    expect((await api.post('/api/events', { data: { type: 'lead.created', contactId: 'quit-1' } })).status()).toBe(202);
    const [run] = (await (await api.get('/api/runs?contactId=quit-1&funnelId=classic')).json()) as { id: string; status: string }[];
    expect(run.status).toBe('waiting');

    await login(page, 'manager');
    await page.goto('/#/contacts/quit-1');
    await expect(page.getByTestId(`run-${run.id}`)).toBeVisible();
    await expect(page.getByTestId(`run-exit-${run.id}`)).toHaveCount(0);
    await page.context().clearCookies();

    await login(page, 'marketer');
    await page.goto('/#/contacts/quit-1');
    await page.getByTestId(`run-exit-${run.id}`).click();
    // asked in the page, naming the funnel and the action; cancelling changes nothing
    await expect(page.getByTestId('confirm-dialog')).toContainText('Вывести контакт из воронки');
    await page.getByTestId('confirm-cancel').click();
    await expect(page.getByTestId(`run-${run.id}`)).toHaveAttribute('data-status', 'waiting');
    await page.getByTestId(`run-exit-${run.id}`).click();
    await expect(page.getByTestId('confirm-ok')).toHaveText('Вывести из воронки');
    // why, in her words: kept in the path with who did it
    await page.getByTestId('confirm-input').fill('попросила не писать по телефону');
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId(`run-${run.id}`)).toHaveAttribute('data-status', 'exited');
    await expect(page.getByTestId(`run-exit-${run.id}`)).toHaveCount(0);
    await expect(page.getByTestId(`run-path-${run.id}`).locator('[data-exit="exited"]')).toHaveText('→ выведен из воронки вручную (Марина Маркетолог: попросила не писать по телефону)');
    const after = (await (await api.get(`/api/runs/${run.id}`)).json()) as { status: string; path: { exitedBy?: string; exitNote?: string }[] };
    expect(after.status).toBe('exited');
    expect(after.path.at(-1)).toMatchObject({ exitedBy: 'Марина Маркетолог', exitNote: 'попросила не писать по телефону' });
  });

  test('a marketer records an order by hand: it is listed, and a paid one converts the stage selling its sku', async ({ page, api }, info) => {
    await newFunnel(
      api,
      {
        id: 'e2e-order',
        name: 'E2E ручной заказ',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.order.start' } },
          { id: 'trip', type: 'offer', position: { x: 320, y: 0 }, data: { stage: 'tripwire', product: { sku: 'E2E-MINI', name: 'Мини-курс', price: 990, currency: 'RUB' }, window: 'P3D', message: { channel: 'email', subject: '{{contact.firstName}}, мини-курс за {{product.priceText}}', body: 'Оплатить', marketing: false } } },
          { id: 'won', type: 'exit', position: { x: 640, y: 0 }, data: { reason: 'Продан мини-курс' } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'trip' },
          { id: 'e2', source: 'trip', exit: 'converted', target: 'won' },
        ],
      },
      { publish: true },
    );
    await ok(await api.post('/api/contacts', { data: { id: 'order-1', attributes: { firstName: 'Зоя' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.order.start', contactId: 'order-1' } }));
    const [run] = await ok<{ id: string; status: string }[]>(await api.get('/api/runs?contactId=order-1&funnelId=e2e-order'));
    expect(run.status).toBe('waiting');
    // she thinks it over for two days
    await ok(await api.post('/api/clock/advance', { data: { by: 'P2D' } }));

    await login(page, 'marketer');
    await page.goto('/#/contacts/order-1');
    // where the run waits says what moves it on: a payment, else the window's end a day later
    // in words a manager reads (the event's name in data-events)
    await expect(page.getByTestId(`run-path-${run.id}`).locator('[data-node="trip"] [data-testid="path-next"]')).toContainText('ждёт: оплата — не дольше чем до');
    await expect(page.getByTestId(`run-path-${run.id}`).locator('[data-node="trip"] [data-testid="path-next"]')).toHaveAttribute('data-events', 'order.paid');
    await page.getByTestId('order-add-open').click();
    const dialog = page.getByTestId('order-add');
    await dialog.locator('input[name="amount"]').fill('сто');
    await dialog.getByTestId('order-add-save').click();
    await expect(dialog.getByTestId('order-add-error')).toContainText('Сумма — число');
    await dialog.locator('input[name="sku"]').fill('E2E-MINI');
    await dialog.locator('input[name="amount"]').fill('990');
    await screen(page, info, '28-order-add');
    await dialog.getByTestId('order-add-save').click();
    await expect(dialog).toHaveCount(0);
    const orders = page.getByTestId('contact-orders');
    // named as the funnel's stage sells it, the sku beside
    await expect(orders.getByTestId('order-product')).toHaveText('Мини-курс E2E-MINI');
    await expect(orders).toContainText('990');
    // paid: it came in as order.paid too, and the stage selling E2E-MINI converted
    await expect(page.getByTestId(`run-${run.id}`)).toHaveAttribute('data-status', 'completed');
    await expect(page.getByTestId(`run-path-${run.id}`).locator('[data-node="trip"]')).toContainText('Мини-курс');
    await expect(page.getByTestId(`run-path-${run.id}`).locator('[data-node="trip"]')).toContainText('→ купил');
    // the stage's own email shows under it, with her name and the price filled in
    await expect(page.getByTestId(`run-path-${run.id}`).locator('[data-node="trip"] [data-testid="path-sent"]')).toHaveText(/^✉ Эл\. почта: «Зоя, мини-курс за 990\s₽»$/);
    // how long she stayed at the stage before buying
    await expect(page.getByTestId(`run-path-${run.id}`).locator('[data-node="trip"] [data-testid="path-stayed"]')).toHaveText('2 дня на шаге');
    // the exit's reason names the last step
    await expect(page.getByTestId(`run-path-${run.id}`).locator('[data-node="won"] .ls-chip-node')).toHaveText('Продан мини-курс');
  });

  test('a marketer edits a contact; putting her in a segment starts the funnel that begins with it', async ({ page, api }, info) => {
    expect((await api.post('/api/funnels/reactivation/publish', { data: {} })).status()).toBe(201);
    expect((await api.post('/api/contacts', { data: { id: 'edit-1', attributes: { firstName: 'Лиза', city: 'Казань', timezone: 'Europe/Moscow' } } })).status()).toBe(200);
    await login(page, 'marketer');
    await page.goto('/#/contacts/edit-1');
    // nothing changed: Escape just closes
    await page.getByTestId('contact-edit-open').click();
    const dialog = page.getByTestId('contact-edit');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await page.getByTestId('contact-edit-open').click();
    // her attributes by name, not by the key a template uses
    const attrs = dialog.getByTestId('contact-edit-attributes');
    await expect(attrs.locator('[data-key="firstName"]')).toHaveText('Имя');
    await expect(attrs.locator('[data-key="timezone"]')).toHaveText('Часовой пояс');
    await dialog.locator('input[name="attr.firstName"]').fill('Елизавета');
    // a new attribute: its key offered with its words
    await attrs.getByRole('button', { name: '+ поле' }).click();
    const newKey = attrs.locator('input[name^="attr.key."]').last();
    expect(await attrs.locator(`datalist[id="${await newKey.getAttribute('list')}"] option[value="company"]`).textContent()).toBe('Компания');
    // a key a template cannot name is pointed out (not refused)
    await newKey.fill('Дата рождения');
    await expect(dialog.getByTestId('contact-edit-key-hint')).toContainText('Ключ «Дата рождения» не получится вставить в шаблон');
    await newKey.fill('company');
    await expect(dialog.getByTestId('contact-edit-key-hint')).toHaveCount(0);
    await attrs.locator('input[name="attr.company"]').fill('Ромашка');
    await dialog.locator('input[name="attr.city"]').locator('xpath=..').getByRole('button').click(); // remove the city
    await dialog.locator('input[name="consent.email"]').check();
    // a life-cycle segment typed by hand is said at once: it follows the paid orders
    await dialog.locator('input[name="segments"]').fill('sleeping, lifecycle:active-loyal');
    await expect(dialog.getByTestId('contact-edit-lifecycle')).toContainText('lifecycle:active-loyal — сегменты жизненного цикла');
    await dialog.locator('input[name="segments"]').fill('sleeping');
    await expect(dialog.getByTestId('contact-edit-lifecycle')).toHaveCount(0);
    // a time zone in words is refused here, as in a CSV import (the engine would silently use the funnel's)
    await dialog.locator('input[name="attr.timezone"]').fill('Мск');
    await expect(page.getByTestId('contact-edit-bad-zone')).toContainText('«Мск» — не часовой пояс');
    // a city the pickers know says which zone to write
    await dialog.locator('input[name="attr.timezone"]').fill('Москва');
    await expect(page.getByTestId('contact-edit-bad-zone')).toHaveText('«Москва» — город, а не часовой пояс: укажите Europe/Moscow.');
    await page.getByTestId('contact-edit-save').click();
    await expect(dialog).toBeVisible();
    await dialog.locator('input[name="attr.timezone"]').fill('Europe/Samara');
    await expect(page.getByTestId('contact-edit-bad-zone')).toHaveCount(0);
    // Escape with edits not saved asks first; Escape again answers «no» and keeps the edits
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('confirm-dialog')).toContainText('Закрыть без сохранения?');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
    await expect(dialog.locator('input[name="attr.timezone"]')).toHaveValue('Europe/Samara');
    await screen(page, info, '22-contact-edit');
    await page.getByTestId('contact-edit-save').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('contact-page').locator('h1')).toContainText('Елизавета');
    const stored = (await (await api.get('/api/contacts/edit-1')).json()) as { attributes: Record<string, unknown>; consents: Record<string, boolean>; segments: string[] };
    expect(stored.attributes).toEqual({ firstName: 'Елизавета', timezone: 'Europe/Samara', company: 'Ромашка' });
    expect(stored.consents.email).toBe(true);
    expect(stored.segments).toEqual(['sleeping']);
    // entering «sleeping» started the re-activation funnel; its run shows on the page
    const runs = (await (await api.get('/api/runs?contactId=edit-1&funnelId=reactivation')).json()) as { id: string }[];
    expect(runs).toHaveLength(1);
    await expect(page.getByTestId(`run-${runs[0].id}`)).toBeVisible();
  });

  test('the contact page says its times are the viewer\'s, and what time it is for a contact in another zone', async ({ page, api }) => {
    expect((await api.post('/api/contacts', { data: { id: 'zone-1', attributes: { firstName: 'Ира', timezone: 'Asia/Vladivostok' } } })).status()).toBe(200);
    expect((await api.post('/api/contacts', { data: { id: 'zone-2', attributes: { firstName: 'Оля', timezone: 'Europe/Moscow' } } })).status()).toBe(200);
    await login(page, 'marketer');
    await page.goto('/#/contacts/zone-1');
    await expect(page.getByTestId('viewer-zone')).toHaveText('Время на странице — ваше (Europe/Moscow)');
    await expect(page.getByTestId('task-contact-clock')).toContainText(/У клиента сейчас .*\d\d:\d\d \(Asia\/Vladivostok\)/);
    // a contact in the viewer's own zone: no second clock
    await page.goto('/#/contacts/zone-2');
    await expect(page.getByTestId('viewer-zone')).toBeVisible();
    await expect(page.getByTestId('task-contact-clock')).toHaveCount(0);
  });

  test('a marketer deletes a contact on request: the contact and her runs are gone', async ({ page, api }) => {
    expect((await api.post('/api/contacts', { data: { id: 'erase-1', attributes: { firstName: 'Зоя' }, consents: { email: true } } })).status()).toBe(200);
    expect((await api.post('/api/events', { data: { type: 'lead.created', contactId: 'erase-1' } })).status()).toBe(202);
    await login(page, 'marketer');
    await page.goto('/#/contacts/erase-1');
    await page.getByTestId('contact-delete').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('Зоя');
    await page.getByTestId('confirm-ok').click();
    await expect(page).toHaveURL(/#\/contacts$/);
    await expect(page.getByTestId('contact-row-erase-1')).toHaveCount(0);
    expect((await api.get('/api/contacts/erase-1')).status()).toBe(404);
    expect(await (await api.get('/api/runs?contactId=erase-1')).json()).toEqual([]);
  });

  test('a manager looks contacts up but cannot import, add, export the base or see its money', async ({ page }) => {
    await login(page, 'manager');
    await page.getByTestId('nav-contacts').click();
    await expect(page.getByTestId('contact-row-anna')).toBeVisible();
    await expect(page.getByTestId('csv-file')).toHaveCount(0);
    await expect(page.getByTestId('contact-new')).toHaveCount(0);
    await expect(page.getByTestId('contacts-export')).toHaveCount(0);
    await expect(page.getByTestId('customer-metrics')).toHaveCount(0);
    await page.goto('/#/contacts/anna');
    await expect(page.getByTestId('contact-page')).toBeVisible();
    await expect(page.getByTestId('contact-delete')).toHaveCount(0);
    await expect(page.getByTestId('contact-edit-open')).toHaveCount(0);
  });

  test('a CSV as Russian Excel saves it (Windows-1251, semicolons) is read right and says so; one without an id column is refused in words', async ({ page, api }) => {
    await api.delete('/api/contacts/e2e-cp-1');
    const cp1251 = (text: string) => Buffer.from([...text].map((ch) => (ch >= 'А' && ch <= 'я' ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))));
    await login(page, 'marketer');
    await page.goto('/#/contacts');
    await page.getByTestId('csv-file').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: cp1251('id;firstName;lastName;consent.sms\ne2e-cp-1;Иван;Петров;да\n') });
    await page.getByTestId('csv-import').click();
    await expect(page.getByTestId('csv-report')).toContainText('Загружено: 1');
    await expect(page.getByTestId('csv-encoding')).toContainText('прочитан как Windows-1251');
    const c = await ok<{ attributes: Record<string, unknown>; consents: Record<string, boolean> }>(await api.get('/api/contacts/e2e-cp-1'));
    expect(c.attributes).toMatchObject({ firstName: 'Иван', lastName: 'Петров' });
    expect(c.consents).toMatchObject({ sms: true });
    await page.getByTestId('csv-file').setInputFiles({ name: 'noid.csv', mimeType: 'text/csv', buffer: Buffer.from('Имя;Телефон\nИван;+79990001122\n') });
    await page.getByTestId('csv-import').click();
    await expect(page.getByTestId('csv-report').getByRole('alert')).toContainText('В первой строке файла нет столбца «id» — идентификатора контакта (в файле: Имя, Телефон)');
    await api.delete('/api/contacts/e2e-cp-1');
  });

  test('a CSV with an impossible phone reports the row; a column no contact had before is named, in case its header has a typo', async ({ page, api }) => {
    await login(page, 'marketer');
    await page.goto('/#/contacts');
    const csv = 'id;phone;budget;любимый_цвет\ne2e-ph-1;12345;9000000;синий\ne2e-ph-2;+7 916 555-12-34;12 000 000;зелёный\n';
    await page.getByTestId('csv-file').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('csv-import').click();
    const report = page.getByTestId('csv-report');
    await expect(report).toContainText('Загружено: 1');
    await expect(report.getByTestId('csv-error')).toHaveCount(1);
    await expect(report.getByTestId('csv-error')).toContainText('«12345» — не номер телефона');
    await expect(report.getByTestId('csv-new-columns')).toHaveText(/^Новые атрибуты контактов: \{\{contact\.budget\}\}, \{\{contact\.любимый_цвет\}\}\. Раньше таких не было/);
    const c = await ok<{ attributes: Record<string, unknown> }>(await api.get('/api/contacts/e2e-ph-2'));
    expect(c.attributes).toMatchObject({ budget: 12000000 });
    await api.delete('/api/contacts/e2e-ph-2');
  });

  test('a CSV of leads without consent says their marketing messages will not reach them; a word among numbers is flagged', async ({ page, api }) => {
    await login(page, 'marketer');
    await page.goto('/#/contacts');
    const csv = 'id,firstName,email,seats\ne2e-lead-1,Сергей,sergey@example.com,25\ne2e-lead-2,Мария,maria@example.com,двадцать\ne2e-lead-3,Олег,oleg@example.com,5\n';
    await page.getByTestId('csv-file').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('csv-import').click();
    const report = page.getByTestId('csv-report');
    await expect(report).toContainText('Загружено: 3');
    await expect(report.getByTestId('csv-no-consent')).toHaveText(/^⚠ Без согласия на канал \(контактов\): Эл\. почта — 3\. Маркетинговые сообщения до них не дойдут .*столбцы consent\.email/);
    await expect(report.getByTestId('csv-warning')).toHaveCount(1);
    await expect(report.getByTestId('csv-warning')).toContainText('e2e-lead-2');
    await expect(report.getByTestId('csv-warning')).toContainText('«двадцать» — не число');
    for (const id of ['e2e-lead-1', 'e2e-lead-2', 'e2e-lead-3']) await api.delete(`/api/contacts/${id}`);
  });

  test('a marketer adds a contact by hand (a phone lead): it opens on its page; an id already taken is refused, nothing overwritten', async ({ page, api }) => {
    await api.delete('/api/contacts/e2e-walk-in');
    await login(page, 'marketer');
    await page.goto('/#/contacts');
    await page.getByTestId('contact-new').click();
    const dialog = page.getByTestId('contact-edit');
    await expect(dialog.locator('h2')).toHaveText('Новый контакт');
    // an id already there: refused, and that contact keeps her name
    await page.getByTestId('contact-new-id').fill('anna');
    await dialog.locator('input[name="attr.firstName"]').fill('Не Анна');
    await page.getByTestId('contact-edit-save').click();
    await expect(dialog.getByRole('alert')).toContainText('Контакт с идентификатором «anna» уже есть');
    expect(((await (await api.get('/api/contacts/anna')).json()) as { attributes: { firstName: string } }).attributes.firstName).toBe('Анна');
    await page.getByTestId('contact-new-id').fill('e2e-walk-in');
    await dialog.locator('input[name="attr.firstName"]').fill('Пётр');
    // a phone typed the Russian way: the dialog offers the international number SMS gateways want
    await dialog.locator('input[name="attr.phone"]').fill('8 (999) 123-45-67');
    await expect(page.getByTestId('contact-edit-phone-hint')).toContainText('наверное, +79991234567');
    await page.getByTestId('contact-edit-phone-fix').click();
    await expect(dialog.locator('input[name="attr.phone"]')).toHaveValue('+79991234567');
    await expect(page.getByTestId('contact-edit-phone-hint')).toHaveCount(0);
    // an e-mail without its domain is refused
    await dialog.locator('input[name="attr.email"]').fill('petr@mail');
    await expect(page.getByTestId('contact-edit-bad-email')).toContainText('«petr@mail» — не адрес эл. почты');
    await dialog.locator('input[name="attr.email"]').fill('');
    await dialog.locator('input[name="consent.sms"]').check();
    await page.getByTestId('contact-edit-save').click();
    await expect(page).toHaveURL(/#\/contacts\/e2e-walk-in$/);
    await expect(page.getByTestId('contact-page')).toContainText('Пётр');
    const saved = (await (await api.get('/api/contacts/e2e-walk-in')).json()) as { attributes: Record<string, unknown>; consents: Record<string, boolean> };
    // the attributes left empty are not stored as empty text
    expect(saved.attributes).toEqual({ firstName: 'Пётр', phone: '+79991234567' });
    expect(saved.consents).toMatchObject({ sms: true });
    // and is put into a live funnel from their page: its start event is sent for them
    await newFunnel(api, { id: 'e2e-walkin', name: 'Пришёл сам', nodes: [{ id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.walkin' } }, { id: 'wait', type: 'delay', position: { x: 320, y: 0 }, data: { for: 'P1D' } }], edges: [{ id: 'e1', source: 'start', target: 'wait' }] }, { publish: true });
    await page.reload();
    await page.getByTestId('enroll-open').click();
    await page.getByTestId('enroll-funnel').selectOption({ label: 'Пришёл сам — e2e.walkin' });
    await page.getByTestId('enroll-data').fill('{"source": "звонок"}');
    await page.getByTestId('enroll-go').click();
    await expect(page.getByTestId('enroll')).toHaveCount(0);
    await expect.poll(async () => (await ok<{ status: string }[]>(await api.get('/api/runs?contactId=e2e-walk-in&funnelId=e2e-walkin'))).map((r) => r.status)).toEqual(['waiting']);
    // a second time the funnel does not take him (he is in it): said, not silently nothing
    await page.getByTestId('enroll-open').click();
    await page.getByTestId('enroll-funnel').selectOption({ label: 'Пришёл сам — e2e.walkin' });
    await page.getByTestId('enroll-go').click();
    await expect(page.getByTestId('enroll-not-taken')).toContainText('воронка «Пришёл сам» контакта не приняла');
    await page.keyboard.press('Escape');
    await ok(await api.post(`/api/runs/${(await ok<{ id: string }[]>(await api.get('/api/runs?contactId=e2e-walk-in&funnelId=e2e-walkin')))[0].id}/exit`, { data: {} }));
    await api.delete('/api/contacts/e2e-walk-in');
  });

  test('a marketer downloads the found contacts as CSV in the import format', async ({ page }) => {
    await login(page, 'marketer');
    await page.goto('/#/contacts');
    await page.getByTestId('contacts-search').fill('vera');
    const link = page.getByTestId('contacts-export');
    await expect(link).toHaveText('Экспорт найденных (CSV)');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('contacts.csv');
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = text.trim().split('\r\n');
    // separated by semicolons in the Russian UI, as Russian Excel opens a CSV in columns
    expect(header.split(';')[0]).toBe('id');
    expect(header).toContain('consent.email');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^vera;/);
  });

  test('a click on a tag shows only the contacts that have it', async ({ page, api }) => {
    for (const [id, tags] of [['e2e-tag-1', ['e2e-vip']], ['e2e-tag-2', ['e2e-vip', 'e2e-other']], ['e2e-tag-3', ['e2e-other']]] as const)
      await ok(await api.post('/api/contacts', { data: { id, attributes: { firstName: id }, tags } }));
    await login(page, 'marketer');
    await page.goto('/#/contacts');
    await page.getByTestId('contacts-search').fill('e2e-tag');
    await expect(page.locator('[data-testid^="contact-row-e2e-tag-"]')).toHaveCount(3);
    await page.getByTestId('tag-e2e-tag-2-e2e-vip').click();
    await expect(page.getByTestId('contacts-tag-filter')).toContainText('e2e-vip');
    await expect(page.locator('[data-testid^="contact-row-e2e-tag-"]')).toHaveCount(2);
    await expect(page.getByTestId('contact-row-e2e-tag-3')).toHaveCount(0);
    // the page did not open the contact: the tag is a filter, not the row's link
    await expect(page).toHaveURL(/#\/contacts$/);
    await expect(page.getByTestId('contacts-export')).toHaveAttribute('href', /tag=e2e-vip/);
    await page.getByTestId('contacts-tag-clear').click();
    await expect(page.locator('[data-testid^="contact-row-e2e-tag-"]')).toHaveCount(3);
  });

  test('a funnel started per cart: each run shows its key on the contact page, and the wait says it is keyed', async ({ page, api }) => {
    const id = 'e2e-cart';
    await newFunnel(
      api,
      {
        id,
        name: 'Брошенная корзина (e2e)',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.cart.abandoned', key: 'data.cartId', reentry: 'always' } },
          { id: 'nudge', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'telegram', body: 'Корзина {{event.data.cartId}} ждёт', marketing: false } },
          { id: 'paid', type: 'wait', position: { x: 640, y: 0 }, data: { event: 'order.paid', timeout: 'P1D' } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'nudge' },
          { id: 'e2', source: 'nudge', target: 'paid' },
        ],
      },
      { publish: true },
    );
    await ok(await api.post('/api/contacts', { data: { id: 'cart-1', attributes: { firstName: 'Лев' } } }));
    for (const cartId of ['X1', 'X2']) await ok(await api.post('/api/events', { data: { type: 'e2e.cart.abandoned', contactId: 'cart-1', data: { cartId } } }));
    const runs = (await (await api.get(`/api/runs?contactId=cart-1&funnelId=${id}`)).json()) as { id: string; key: string }[];
    expect(runs.map((r) => r.key).sort()).toEqual(['X1', 'X2']);

    await login(page, 'marketer');
    await page.goto('/#/contacts/cart-1');
    for (const r of runs) await expect(page.getByTestId(`run-key-${r.id}`)).toHaveText(`ключ ${r.key}`);
    // each cart's message says which run (cart) it belongs to
    const keys = page.getByTestId('contact-messages').getByTestId('message-run-key');
    await expect(keys).toHaveCount(2);
    expect((await keys.allInnerTexts()).sort()).toEqual(['ключ X1', 'ключ X2']);
    await page.goto(`/#/funnels/${id}`);
    await page.getByTestId('node-paid').click();
    await expect(page.getByTestId('wait-keyed')).toContainText('data.cartId');
  });
});
