import { expect, freshFunnel, login, newFunnel, ok, test } from './fixtures.ts';
import type { APIRequestContext } from '@playwright/test';

interface Draft {
  draft: { nodes: { id: string; data: Record<string, unknown> }[] };
}
const dataOf = async (api: APIRequestContext, id: string) =>
  (await ok<Draft>(await api.get('/api/funnels/e2e-inspector'))).draft.nodes.find((n) => n.id === id)!.data;

test.describe('inspector fields', () => {
  test('a stage\'s entry message and custom conversion switch off cleanly: the settings are removed, nothing is left invalid', async ({ page, api }) => {
    const stage = {
      id: 'trip',
      type: 'offer',
      position: { x: 320, y: 0 },
      data: { stage: 'tripwire', product: { sku: 'MINI', name: 'Мини-курс', price: 990 }, message: { channel: 'email', subject: '{{product.name}}', body: 'Купите' }, convertOn: { event: 'order.paid' }, window: 'P3D' },
    };
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', [stage], [{ id: 'e1', source: 'start', target: 'trip' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('node-trip').click();
    const inspector = page.getByTestId('inspector');
    // the stage is called by the stage it sells at, on the canvas and in the inspector
    await expect(page.getByTestId('node-trip').locator('.ed-node-head')).toContainText('Трипваер');
    await expect(inspector.locator('.ed-insp-head h2')).toHaveText('Трипваер');
    const message = inspector.locator('input[name="message"]');
    await expect(message).toBeChecked();
    await message.uncheck();
    await expect(message).not.toBeChecked();
    await expect(inspector.locator('[name="message.body"]')).toHaveCount(0);
    const conversion = inspector.locator('input[name="convertOn"]');
    await conversion.uncheck();
    await expect(conversion).not.toBeChecked();
    await expect(page.getByTestId('node-trip')).toHaveAttribute('data-errors', '0');
    await expect.poll(async () => Object.keys(await dataOf(api, 'trip')).sort()).toEqual(['product', 'stage', 'window']);
    // and back on: the default message returns
    await message.check();
    await expect(inspector.locator('[name="message.body"]')).toBeVisible();
    await expect.poll(async () => (await dataOf(api, 'trip')).message).toMatchObject({ channel: 'email' });
  });

  test('a stage whose message may fall in the quiet hours says its window runs from entering the stage', async ({ page, api }) => {
    const stage = { id: 'core', type: 'offer', position: { x: 320, y: 0 }, data: { stage: 'coreProduct', product: { sku: 'CORE', name: 'Курс', price: 29900 }, message: { channel: 'email', subject: 'Курс', body: 'Купите' }, window: 'P2D' } };
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', [stage], [{ id: 'e1', source: 'start', target: 'core' }], { quietHours: { from: '22:00', to: '09:00' } });
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('node-core').click();
    const windowField = page.getByTestId('inspector').locator('.ed-field', { has: page.locator('[name="window"]') });
    await expect(windowField).toContainText('Срок идёт с входа на этап: письмо этапа, пришедшееся на тихие часы (22:00–09:00), уйдёт в 09:00');
    // a transactional message is not held: nothing to say
    await page.getByTestId('inspector').locator('input[name="message.marketing"]').uncheck();
    await expect(windowField).not.toContainText('тихие часы');
  });

  test('a yearly date trigger switched to once removes "every", leaving a valid trigger', async ({ page, api }) => {
    await freshFunnel(
      api,
      'e2e-inspector',
      'E2E inspector',
      [
        { id: 'bday', type: 'trigger', position: { x: 0, y: 200 }, data: { date: { attribute: 'birthday', every: 'year' } } },
        { id: 'out', type: 'exit', position: { x: 320, y: 200 }, data: {} },
      ],
      [{ id: 'e-bday', source: 'bday', target: 'out' }],
    );
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('node-bday').click();
    const every = page.getByTestId('inspector').locator('input[name="date.every"]');
    await expect(every).toBeChecked();
    await every.uncheck();
    await expect(every).not.toBeChecked();
    await expect.poll(async () => (await dataOf(api, 'bday')).date).toEqual({ attribute: 'birthday' });
    await expect(page.getByTestId('node-bday')).toHaveAttribute('data-errors', '0');
    await expect(page.getByTestId('inspector')).toContainText('Один раз: в день birthday.');
    // «every year» follows the date's name while the marketer has not gone against it: on for a birthday, off for a last visit
    const attribute = page.getByTestId('inspector').locator('input[name="date.attribute"]');
    await every.check();
    await attribute.fill('lastVisit');
    await expect(every).not.toBeChecked();
    await page.getByTestId('inspector').locator('input[name="date.offset"]').fill('P6M');
    await expect(page.getByTestId('inspector')).toContainText('Один раз: через 6 месяцев после lastVisit.');
    await attribute.fill('weddingDate');
    await expect(every).toBeChecked();
    await expect(page.getByTestId('inspector')).toContainText('Каждый год: через 6 месяцев после weddingDate — как день рождения.');
    await expect.poll(async () => (await dataOf(api, 'bday')).date).toEqual({ attribute: 'weddingDate', offset: 'P6M', every: 'year' });
  });

  test('a long message text in the exit choices does not widen the inspector (nothing scrolls sideways)', async ({ page, api }) => {
    const long = 'Через час начинаем! {{contact.firstName}}, заходите в комнату вебинара по ссылке из письма, мы разберём рекламный кабинет целиком и ответим на вопросы';
    await freshFunnel(
      api,
      'e2e-inspector',
      'E2E inspector',
      [
        { id: 'remind_1h', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'telegram', body: long, marketing: false } },
        { id: 'remind_1d', type: 'message', position: { x: 640, y: 0 }, data: { channel: 'telegram', body: long, marketing: false } },
        { id: 'call', type: 'handoff', position: { x: 960, y: 0 }, data: { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'later', label: 'Попросил перезвонить после отпуска' }, { id: 'no', label: 'Отказ' }] } },
      ],
      [{ id: 'e1', source: 'start', target: 'remind_1h' }, { id: 'e2', source: 'remind_1h', target: 'remind_1d' }, { id: 'e3', source: 'remind_1d', target: 'call' }, { id: 'e4', source: 'call', exit: 'later', target: 'remind_1h' }],
    );
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('node-start').click();
    await expect(page.getByTestId('exits')).toBeVisible();
    const sideways = () => page.locator('.ed-side-body').evaluate((el) => [el.scrollWidth, el.clientWidth, (el.querySelector('[data-testid="exits"] select') as HTMLElement).getBoundingClientRect().right, el.getBoundingClientRect().right]);
    const [scroll, client, selectRight, panelRight] = await sideways();
    expect(scroll).toBeLessThanOrEqual(client);
    expect(selectRight).toBeLessThanOrEqual(panelRight);
    // a long outcome name wraps within half the row: where that exit leads keeps room to be read
    await page.getByTestId('node-call').click();
    const row = page.getByTestId('exits').locator('.ed-exit-row').first();
    await expect(row.locator('label')).toContainText('после отпуска');
    const [rowWidth, selectWidth] = await row.evaluate((el) => [el.getBoundingClientRect().width, el.querySelector('select')!.getBoundingClientRect().width]);
    expect(selectWidth).toBeGreaterThan(rowWidth * 0.4);
    await expect(row.locator('select option:checked')).toContainText('remind_1h');
    // the target's words come first (a narrow select cuts the end), and the whole text is its tooltip
    await expect(row.locator('select option:checked')).toHaveText(/^Сообщение: Через час начинаем.*· remind_1h$/);
    await expect(row.locator('select')).toHaveAttribute('title', /^Сообщение: Через час начинаем.* · remind_1h$/);
  });

  test('two messages alike are told apart by the names given to them: on the canvas, in the exit choices, in the simulator', async ({ page, api }) => {
    const text = '{{contact.firstName | default:Здравствуйте}}, вы записаны? Ответьте на это сообщение';
    await freshFunnel(
      api,
      'e2e-inspector',
      'E2E inspector',
      [
        { id: 'message_2', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'sms', body: text, marketing: false } },
        { id: 'message_3', type: 'message', position: { x: 640, y: 0 }, data: { channel: 'sms', body: text, marketing: false } },
      ],
      [{ id: 'e1', source: 'start', target: 'message_2' }, { id: 'e2', source: 'message_2', target: 'message_3' }],
    );
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('node-message_2').click();
    await page.getByTestId('node-label-input').fill('Напоминание A');
    await expect(page.getByTestId('node-label-message_2')).toHaveText('Напоминание A');
    await page.getByTestId('node-message_3').click();
    await page.getByTestId('node-label-input').fill('Напоминание B');
    // saved with the funnel, as an addition to funnel@1 beside the node's id
    await expect
      .poll(async () => (await ok<{ draft: { nodes: { id: string; label?: string }[] } }>(await api.get('/api/funnels/e2e-inspector'))).draft.nodes.map((n) => n.label ?? null))
      .toEqual([null, 'Напоминание A', 'Напоминание B']);
    // the choice of where an exit leads names them
    await page.getByTestId('node-start').click();
    const options = page.getByTestId('exits').locator('select option');
    await expect(options.filter({ hasText: 'Напоминание B (Сообщение) · message_3' })).toHaveCount(1);
    await expect(options.filter({ hasText: 'Напоминание A (Сообщение) · message_2' })).toHaveCount(1);
    // the simulator calls a node by its name
    await page.getByTestId('tab-simulator').click();
    await page.getByTestId('sim-start').click();
    await page.getByTestId('sim-event-lead.created').click();
    await page.getByTestId('sim-event-send').click();
    await expect(page.getByTestId('sim-timeline').locator('.sim-node-named', { hasText: 'Напоминание A' }).first()).toHaveText('«Напоминание A»');
  });

  test('a warning on a field is said under it as a warning, not as an error: a message still holding its sample text', async ({ page, api }) => {
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', [{ id: 'hi', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'email', subject: 'Эфир', body: 'Текст письма', marketing: false } }], [{ id: 'e1', source: 'start', target: 'hi' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('node-hi').click();
    const inspector = page.getByTestId('inspector');
    await expect(inspector.getByTestId('warning-body')).toContainText('Текст — всё ещё образец «Текст письма»');
    await expect(inspector.getByTestId('error-body')).toHaveCount(0);
    await expect(inspector.locator('textarea[name="body"]')).not.toHaveAttribute('aria-invalid', 'true');
    await inspector.locator('textarea[name="body"]').fill('Эфир начнётся в 19:00');
    await expect(inspector.getByTestId('warning-body')).toHaveCount(0);
  });

  test('a goal takes its revenue from the payment the run waited for: set in the inspector, shown on the card', async ({ page, api }) => {
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', [{ id: 'won', type: 'goal', position: { x: 320, y: 0 }, data: { name: 'Покупка' } }], [{ id: 'e1', source: 'start', target: 'won' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('node-won').click();
    await page.getByTestId('inspector').locator('input[name="valueFrom"]').fill('lastEvent.data.amount');
    await expect(page.getByTestId('node-won')).toContainText('lastEvent.data.amount');
    await expect.poll(async () => (await dataOf(api, 'won')).valueFrom).toBe('lastEvent.data.amount');
    // a variable nothing gives is named under the field
    await page.getByTestId('inspector').locator('input[name="valueFrom"]').fill('order.amount');
    await expect(page.getByTestId('error-valueFrom')).toContainText('order.amount');
  });

  test('a wait can also end no later than a date (the webinar start + 3 hours)', async ({ page, api }) => {
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', [{ id: 'w', type: 'wait', position: { x: 320, y: 0 }, data: { event: 'webinar.attended', timeout: 'P7D' } }], [{ id: 'e1', source: 'start', target: 'w' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('node-w').click();
    await page.getByTestId('wait-until-add').click();
    const until = page.getByTestId('wait-until');
    await until.locator('input[name="until.attribute"]').fill('event.data.webinarAt');
    await expect(page.getByTestId('node-w')).toContainText('Не позже');
    await expect(page.getByTestId('node-w')).toContainText('event.data.webinarAt');
    await expect.poll(async () => (await dataOf(api, 'w')).until).toEqual({ attribute: 'event.data.webinarAt', offset: 'PT3H' });
    await page.getByTestId('wait-until-remove').click();
    await expect.poll(async () => (await dataOf(api, 'w')).until).toBeUndefined();
    await expect(page.getByTestId('node-w')).not.toContainText('Не позже');
  });

  test('a new «no later than» date takes the date field the funnel already reads (the delay before it), not a sample name', async ({ page, api }) => {
    const delay = { id: 'before', type: 'delay', position: { x: 320, y: 0 }, data: { untilDate: { attribute: 'event.data.webinarAt', offset: '-PT1H' } } };
    const wait = { id: 'w', type: 'wait', position: { x: 640, y: 0 }, data: { event: 'webinar.attended', timeout: 'P1D' } };
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', [delay, wait], [{ id: 'e1', source: 'start', target: 'before' }, { id: 'e2', source: 'before', target: 'w' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('node-w').click();
    await page.getByTestId('wait-until-add').click();
    await expect(page.getByTestId('wait-until').locator('input[name="until.attribute"]')).toHaveValue('event.data.webinarAt');
    await expect.poll(async () => (await dataOf(api, 'w')).until).toEqual({ attribute: 'event.data.webinarAt', offset: 'PT3H' });
  });

  test('a duration typed in words reads as what it will become, without an error, and is written in ISO when the field is left', async ({ page, api }) => {
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', [{ id: 'w', type: 'wait', position: { x: 320, y: 0 }, data: { event: 'project.created', timeout: 'P1D' } }], [{ id: 'e1', source: 'start', target: 'w' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('node-w').click();
    const timeout = page.getByTestId('inspector').locator('input[name="timeout"]');
    await timeout.fill('2 дня');
    await expect(page.getByTestId('human-timeout')).toHaveText('= 2 дня');
    await expect(page.getByTestId('error-timeout')).toHaveCount(0);
    // stored as ISO while still being typed: an autosave now keeps a duration, not the words
    await expect.poll(async () => (await dataOf(api, 'w')).timeout).toBe('P2D');
    await timeout.blur();
    // kept as ISO, shown in words with the stored value under it
    await expect.poll(async () => (await dataOf(api, 'w')).timeout).toBe('P2D');
    await expect(timeout).toHaveValue('2 дня');
    await expect(page.getByTestId('iso-timeout')).toHaveText('P2D');
    await expect(page.getByTestId('node-w')).toContainText('2 дня');
    await timeout.fill('1 день 12 часов');
    await timeout.blur();
    await expect.poll(async () => (await dataOf(api, 'w')).timeout).toBe('P1DT12H');
    await expect(timeout).toHaveValue('1 день 12 часов');
    await page.getByTestId('inspector').getByRole('button', { name: '7 дней', exact: true }).click();
    await expect.poll(async () => (await dataOf(api, 'w')).timeout).toBe('P7D');
    await expect(timeout).toHaveValue('7 дней');
    await timeout.fill('P3DT1H');
    await timeout.blur();
    await expect(timeout).toHaveValue('3 дня 1 час');
    await timeout.fill('2 weeks of');
    await expect(page.getByTestId('error-timeout')).toBeVisible();
  });

  test('the funnel name cannot be left empty: cleared, nothing is saved, and leaving the field puts the name back', async ({ page, api }) => {
    await freshFunnel(api, 'e2e-inspector', 'Вебинар');
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    const name = page.getByTestId('funnel-name');
    await name.fill('');
    await expect(name).toHaveAttribute('placeholder', 'Название воронки');
    await name.blur();
    await expect(name).toHaveValue('Вебинар');
    await name.fill('Вебинар 2');
    await expect.poll(async () => (await ok<{ name: string }>(await api.get('/api/funnels/e2e-inspector'))).name).toBe('Вебинар 2');
  });

  test('a message moved from email to Telegram drops the email subject: an empty optional heading, the text on the card, no email address to test-send to', async ({ page, api }) => {
    const msg = { id: 'hello', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'email', subject: 'Здравствуйте, {{contact.firstName}}!', body: 'Ваш бонус ждёт в личном кабинете', marketing: true } };
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', [msg], [{ id: 'e1', source: 'start', target: 'hello' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    const node = page.getByTestId('node-hello');
    await node.click();
    const inspector = page.getByTestId('inspector');
    await expect(inspector.getByLabel('Тема', { exact: true })).toHaveValue('Здравствуйте, {{contact.firstName}}!');
    await expect(inspector.getByTestId('test-send-to')).toHaveValue('marketer@voronka.local');
    await inspector.locator('select[name="channel"]').selectOption('telegram');
    await expect(inspector.getByLabel('Тема', { exact: true })).toHaveCount(0);
    await expect(inspector.getByLabel('Заголовок (необязательно)')).toHaveValue('');
    await expect(inspector.getByTestId('test-send-to')).toHaveValue('');
    await expect(node).not.toContainText('Здравствуйте');
    await expect(node).toContainText('Ваш бонус ждёт');
    await expect.poll(async () => await dataOf(api, 'hello')).toEqual({ channel: 'telegram', body: 'Ваш бонус ждёт в личном кабинете', marketing: true });
    // one undo brings the email back whole
    await page.getByTestId('undo').click();
    await expect(inspector.getByLabel('Тема', { exact: true })).toHaveValue('Здравствуйте, {{contact.firstName}}!');
  });

  test('after a wait, a message offers {{lastEvent.data.…}} and says which event it is; before the wait it does not', async ({ page, api }) => {
    const nodes = [
      { id: 'hi', type: 'message', position: { x: 300, y: 0 }, data: { channel: 'sms', body: 'Пройдите тест' } },
      { id: 'w', type: 'wait', position: { x: 600, y: 0 }, data: { event: 'quiz.completed', timeout: 'P1D' } },
      { id: 'score', type: 'branch', position: { x: 900, y: 0 }, data: { rules: [{ id: 'high', label: 'Высокий', when: { '>=': [{ var: 'lastEvent.data.score' }, 7] } }] } },
      { id: 'result', type: 'message', position: { x: 1200, y: 0 }, data: { channel: 'sms', body: 'Ваш результат: ' } },
    ];
    const edges = [
      { id: 'e1', source: 'start', target: 'hi' },
      { id: 'e2', source: 'hi', target: 'w' },
      { id: 'e3', source: 'w', exit: 'received', target: 'score' },
      { id: 'e4', source: 'score', exit: 'high', target: 'result' },
    ];
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', nodes, edges);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    const inspector = page.getByTestId('inspector');
    await page.getByTestId('node-hi').click();
    await expect(inspector.getByTestId('var-body-event.data.')).toBeVisible();
    await expect(inspector.getByTestId('var-body-lastEvent.data.')).toHaveCount(0);
    // where an exit leads is named by kind and words, not by id alone
    await expect(inspector.locator('select[name="edge.next"] option[value="w"]')).toHaveText('Ожидание события · w');
    await expect(inspector.locator('select[name="edge.next"] option[value="result"]')).toHaveText('Сообщение: Ваш результат: · result');
    // a branch after the wait says where the awaited event's data is
    await page.getByTestId('node-score').click();
    await expect(inspector.getByTestId('branch-last-event')).toContainText('lastEvent.data.score');
    await expect(inspector.getByTestId('branch-last-event')).toContainText('«quiz.completed»');
    await page.getByTestId('node-result').click();
    await expect(inspector.getByTestId('vars-last-event-body')).toContainText('«quiz.completed» из «w»');
    await inspector.locator('textarea[name="body"]').click();
    await inspector.locator('textarea[name="body"]').press('End');
    await inspector.getByTestId('var-body-lastEvent.data.').click();
    await page.keyboard.type('score');
    await expect.poll(async () => (await dataOf(api, 'result')).body).toBe('Ваш результат: {{lastEvent.data.score}}');
    await expect(page.getByTestId('node-result')).toHaveAttribute('data-errors', '0');
  });

  test('the funnel\'s currency, chosen in its settings, prices a stage whose product names none', async ({ page, api }) => {
    const stage = { id: 'course', type: 'offer', position: { x: 320, y: 0 }, data: { stage: 'coreProduct', product: { sku: 'C-1', name: 'Курс', price: 45000 }, window: 'P7D' } };
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', [stage], [{ id: 'e1', source: 'start', target: 'course' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    const node = page.getByTestId('node-course');
    await expect(node).toContainText('45 000 ₽');
    await page.getByTestId('settings-open').click();
    const dialog = page.getByTestId('settings-dialog');
    await dialog.locator('select[name="settings.currency"]').selectOption('KZT');
    // the zone is picked by its cities, as in the workspace settings and the simulator
    const zone = dialog.locator('select[name="settings.timezone"]');
    await expect(zone.locator('option[value="Asia/Almaty"]')).toContainText('Алматы');
    await zone.selectOption('Asia/Almaty');
    await page.getByTestId('settings-dialog-close').click();
    await expect(node).toContainText('45 000 ₸');
    await expect
      .poll(async () => (await ok<{ draft: { settings?: { currency?: string; timezone?: string } } }>(await api.get('/api/funnels/e2e-inspector'))).draft.settings)
      .toMatchObject({ currency: 'KZT', timezone: 'Asia/Almaty' });
    await node.click();
    await expect(page.getByTestId('inspector').locator('input[name="product.currency"]')).toHaveAttribute('placeholder', 'KZT');
  });

  test("the managers' working hours, set in the funnel's settings, mark a task's time limit as working time", async ({ page, api }) => {
    const call = { id: 'call', type: 'handoff', position: { x: 320, y: 0 }, data: { title: 'Звонок', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Купил' }], dueIn: 'PT2H' } };
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', [call], [{ id: 'e1', source: 'start', target: 'call' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    const node = page.getByTestId('node-call');
    await expect(node).toContainText('2 часа');
    await expect(node).not.toContainText('(раб.)');
    // a limit of hours that runs through the night is a warning, with what to do
    await expect(page.getByTestId('node-issues-call')).toHaveText('! 2');
    await expect(page.getByTestId('node-issues-call')).toHaveAttribute('title', /срок в часах идёт круглые сутки: задача, пришедшая вечером, просрочится до начала рабочего дня/);
    await page.getByTestId('settings-open').click();
    const hours = page.getByTestId('settings-dialog').getByTestId('working-hours');
    await hours.locator('input[type="checkbox"][name="settings.workingHours"]').check();
    await expect(hours.locator('input[name="settings.workingHours.from"]')).toHaveValue('09:00');
    await expect(hours.locator('input[name="settings.workingHours.to"]')).toHaveValue('18:00');
    await hours.locator('input[name="settings.workingHours.to"]').fill('19:00');
    // Monday to Friday come ticked; this team has Fridays off
    await expect(hours.locator('input[name="settings.workingHours.days"]:checked')).toHaveCount(5);
    await hours.locator('input[name="settings.workingHours.days"][value="fri"]').uncheck();
    await page.getByTestId('settings-dialog-close').click();
    await expect(node).toContainText('2 часа (раб.)');
    // (its other warning, an outcome that sounds like a sale, stays)
    await expect(page.getByTestId('node-issues-call')).toHaveText('! 1');
    await expect(page.getByTestId('node-issues-call')).not.toHaveAttribute('title', /круглые сутки/);
    await expect
      .poll(async () => (await ok<{ draft: { settings?: { workingHours?: unknown } } }>(await api.get('/api/funnels/e2e-inspector'))).draft.settings?.workingHours)
      .toEqual({ from: '09:00', to: '19:00', days: ['mon', 'tue', 'wed', 'thu'] });
    await node.click();
    await expect(page.getByTestId('inspector')).toContainText('Срок считается в рабочем времени менеджеров: пн, вт, ср, чт 09:00–19:00');
  });

  test('in a funnel in New York, working hours come as 9 to 5', async ({ page, api }) => {
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector');
    const f = await ok<{ draft: Record<string, unknown> }>(await api.get('/api/funnels/e2e-inspector'));
    await ok(await api.put('/api/funnels/e2e-inspector', { data: { ...f.draft, settings: { timezone: 'America/New_York' } } }));
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('settings-open').click();
    const hours = page.getByTestId('settings-dialog').getByTestId('working-hours');
    await hours.locator('input[type="checkbox"][name="settings.workingHours"]').check();
    await expect(hours.locator('input[name="settings.workingHours.from"]')).toHaveValue('09:00');
    await expect(hours.locator('input[name="settings.workingHours.to"]')).toHaveValue('17:00');
  });

  test('a hand-off to an access role (admin) says its tasks go to those accounts, not to the staff; teams are listed apart', async ({ page, api }) => {
    const call = { id: 'call', type: 'handoff', position: { x: 320, y: 0 }, data: { title: 'Позвонить после пробной', assignee: { role: 'admin' }, outcomes: [{ id: 'won', label: 'Купил абонемент', goal: true }] } };
    await freshFunnel(api, 'e2e-inspector', 'E2E inspector', [call], [{ id: 'e1', source: 'start', target: 'call' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-inspector');
    await page.getByTestId('node-call').click();
    const inspector = page.getByTestId('inspector');
    await expect(inspector.getByTestId('assignee-system-role')).toContainText('«администратор» — роль доступа к Voronka, а не должность');
    const role = inspector.getByTestId('assignee-role');
    await expect(role.locator('optgroup[label="Команды"] option')).toHaveText([/^страхование \(insurance\)/, /^продажи \(sales\)/, /^сервис \(service\)/]);
    await expect(role.locator('optgroup[label="Роли доступа к Voronka"] option')).toHaveCount(4);
    await role.selectOption('manager');
    await expect(inspector.getByTestId('assignee-system-role')).toHaveCount(0);
    await expect(inspector.getByTestId('assignee-queue')).toBeVisible();
  });

  test("a new task's won / lost follow their buttons' words until the funnel is first published", async ({ page, api }) => {
    const call = { id: 'call', type: 'handoff', position: { x: 320, y: 0 }, data: { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Купил' }, { id: 'lost', label: 'Отказ' }] } };
    const done = { id: 'done', type: 'exit', position: { x: 640, y: 120 }, data: {} };
    // its own start event: once published it stays live, and must not take other tests' contacts
    const start = { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.outcome.ids' } };
    await newFunnel(api, { id: 'e2e-outcome-ids', name: 'E2E outcome ids', nodes: [start, call, done], edges: [{ id: 'e-start', source: 'start', target: 'call' }, { id: 'e-lost', source: 'call', exit: 'lost', target: 'done' }] });
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-outcome-ids');
    await page.getByTestId('node-call').click();
    const inspector = page.getByTestId('inspector');
    await inspector.locator('input[name="outcomes.1.label"]').fill('Не дозвонились');
    await expect(inspector.locator('input[name="outcomes.1.id"]')).toHaveValue('ne_dozvonilis');
    // the connection leaves by the renamed exit
    await expect
      .poll(async () => (await ok<{ draft: { edges: object[] } }>(await api.get('/api/funnels/e2e-outcome-ids'))).draft.edges)
      .toContainEqual({ id: 'e-lost', source: 'call', exit: 'ne_dozvonilis', target: 'done' });
    // once published, an id stays: runs, stats and integrations know it
    await ok(await api.post('/api/funnels/e2e-outcome-ids/publish', { data: {} }));
    await page.reload();
    await page.getByTestId('node-call').click();
    await inspector.locator('input[name="outcomes.0.label"]').fill('Записан');
    await expect(inspector.locator('input[name="outcomes.0.id"]')).toHaveValue('won');
  });
});
