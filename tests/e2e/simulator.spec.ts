import type { Page } from '@playwright/test';
import { delayRow, expect, freshFunnel, login, ok, screen, test } from './fixtures.ts';

/** Opens the simulator on the funnel in view and starts a walk with the trigger's event, `lead.created`. */
async function startWalk(page: Page): Promise<void> {
  await page.getByTestId('tab-simulator').click();
  await page.getByTestId('sim-start').click();
  await page.getByTestId('sim-event-lead.created').click();
  await page.getByTestId('sim-event-send').click();
}

/** The QA simulator beside the canvas: a real contact's data, times in the contact's zone, failing scenarios, events that change nothing. */
test.describe('simulator', () => {
  test.beforeEach(async ({ api }) => {
    await freshFunnel(api, 'e2e-editor', 'E2E editor');
  });

  test('an action gives lead-scoring points: set in the inspector, shown on the card, and the walk says the score they made', async ({ page, api }) => {
    const score = { id: 'score', type: 'action', position: { x: 320, y: 0 }, data: { tags: { add: ['lead'] } } };
    const hot = { id: 'hot', type: 'branch', position: { x: 640, y: 0 }, data: { rules: [{ id: 'hot', when: { '>=': [{ var: 'contact.visits' }, 3] } }] } };
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [score, hot], [{ id: 'e1', source: 'start', target: 'score' }, { id: 'e2', source: 'score', target: 'hot' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    await page.getByTestId('node-score').click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByTestId('points-add').click();
    const points = inspector.locator('input[name="add.score"]');
    await expect(points).toHaveValue('10');
    await points.fill('много');
    await expect(inspector.getByTestId('unreadable-add.score')).toHaveText('Не число — введите, например, 24 900,50 (сохранено: 10)');
    // emptied, the entry keeps its points (it is removed with ✕)
    await points.fill('');
    await expect(page.getByTestId('node-score')).toContainText('+10 баллов');
    await points.fill('15');
    await expect(inspector.getByTestId('unreadable-add.score')).toHaveCount(0);
    await expect(page.getByTestId('node-score')).toContainText('+15 баллов');
    await expect.poll(async () => (await ok<{ draft: { nodes: { id: string; data: { add?: unknown } }[] } }>(await api.get('/api/funnels/e2e-editor'))).draft.nodes.find((n) => n.id === 'score')?.data.add).toEqual({ score: 15 });
    // a branch after it offers the score among the attributes to test, before any contact has one
    await page.getByTestId('node-hot').click();
    await expect(inspector.locator('datalist option[value="contact.score"]')).toHaveCount(1);
    // the walk: the test contact had no score, so it is the points
    await startWalk(page);
    await expect(page.getByTestId('sim-update')).toHaveText('✎ score +15 → 15 · + тег lead');
  });

  test('a date step that did not wait says why in the walk, and its open «no date» exit is a warning', async ({ page, api }) => {
    const before = { id: 'before', type: 'delay', position: { x: 320, y: 0 }, data: { untilDate: { attribute: 'event.data.webinarAt', offset: '-P1D' } } };
    const remind = { id: 'remind', type: 'message', position: { x: 640, y: 0 }, data: { channel: 'email', subject: 'Завтра вебинар', body: 'Ждём вас', marketing: false } };
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [before, remind], [{ id: 'e1', source: 'start', target: 'before' }, { id: 'e2', source: 'before', target: 'remind' }]);
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    await expect(page.getByTestId('node-issues-before')).toHaveAttribute('title', /выход «нет даты» не подключён: контакт без даты, с непрочитанной или уже прошедшей датой сразу пойдёт дальше по «далее»/);
    // the form offers a webinar far enough ahead for «a day before» to wait
    await page.getByTestId('tab-simulator').click();
    await page.getByTestId('sim-start').click();
    await page.getByTestId('sim-event-lead.created').click();
    await page.getByTestId('sim-event-json').click();
    const offered = JSON.parse(await page.getByTestId('sim-event-data-json').inputValue()) as { webinarAt: string };
    const start = Date.parse(offered.webinarAt);
    expect(start).toBeGreaterThan(Date.now() - 365 * 86_400_000); // a date, not text
    // QA sends a webinar that is already over: the reminder goes at once, and the line says why
    await page.getByTestId('sim-event-data-json').fill(JSON.stringify({ webinarAt: '2020-01-10T19:00:00+03:00' }));
    await page.getByTestId('sim-event-send').click();
    await expect(page.getByTestId('sim-no-date')).toHaveText(/^ · дата уже прошла \(9 янв\. 2020 г\., \d\d:00\): задержка не ждала$/);
    // a node with no name is called by its kind and id, not by the id alone
    await expect(page.getByTestId('sim-timeline').locator('.sim-node', { hasText: '(before)' }).first()).toHaveText('Задержка (before)');
  });

  test('the event form closes when a timer moves the run past the event it was for', async ({ page }) => {
    await login(page, 'qa');
    await page.goto('/#/funnels/classic');
    await startWalk(page);
    await page.getByTestId('sim-event-offer.accepted').click();
    await expect(page.getByTestId('sim-event-form')).toBeVisible();
    await page.getByTestId('sim-next-timer').click();
    await expect(page.getByTestId('sim-event-offer.accepted')).toHaveCount(0);
    await expect(page.getByTestId('sim-event-form')).toHaveCount(0);
  });

  test("QA takes a real contact's data into the simulator", async ({ page }) => {
    await login(page, 'qa');
    await page.goto('/#/funnels/classic');
    await page.getByTestId('tab-simulator').click();
    const sim = page.getByTestId('simulator');
    await sim.getByTestId('sim-real-id').fill('nobody-here');
    await sim.getByTestId('sim-real-load').click();
    await expect(sim.getByTestId('sim-real-error')).toContainText('Контакта «nobody-here» нет');
    // a demo contact: id, name, email, zone and consents come from the base
    await sim.getByTestId('sim-real-id').fill('vera');
    await sim.getByTestId('sim-real-id').press('Enter');
    await expect(sim.locator('input[name="contact.id"]')).toHaveValue('vera');
    await expect(sim.locator('select[name="attr.timezone"]')).toHaveValue('Asia/Yekaterinburg');
    await expect(sim.locator('input[name="consent.email"]')).toBeChecked();
    await expect(sim.locator('input[name="consent.sms"]')).toBeChecked();
    await expect(sim.getByTestId('sim-attrs').locator('input[value="Вера"]')).toHaveCount(1);
    await expect(sim.getByTestId('sim-real-error')).toHaveCount(0);
    // each sample says what it agreed to: a walk with Boris skips the marketing email
    const preset = sim.locator('select[name="contact.preset"]');
    await expect(preset.locator('option[value="qa-anna"]')).toHaveText('qa-anna — Анна (согласие: Эл. почта)');
    await expect(preset.locator('option[value="qa-boris"]')).toHaveText('qa-boris — Борис (без согласий на рассылку)');
    // a new contact with no data: nothing of Vera's carried over
    await sim.locator('select[name="contact.preset"]').selectOption({ label: 'Новый, без данных' });
    await expect(sim.locator('input[name="contact.id"]')).toHaveValue('qa-new');
    await expect(sim.getByTestId('sim-attrs').locator('input[value="Вера"]')).toHaveCount(0);
    await expect(sim.locator('input[name="consent.email"]')).not.toBeChecked();
  });

  test('the canvas shows the simulated times in the test contact’s zone, like the simulator', async ({ page, api }) => {
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [{ id: 'wait', type: 'delay', position: { x: 320, y: 0 }, data: { for: 'P1D' } }], [{ id: 'e1', source: 'start', target: 'wait' }]);
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    // React Flow's words for screen readers are in the UI's language too
    await expect(page.locator('.react-flow__edge').first()).toHaveAttribute('aria-label', 'Связь из start в wait');
    await expect(page.locator('.react-flow__controls-zoomin')).toHaveAttribute('aria-label', /[а-я]/);
    await page.getByTestId('tab-simulator').click();
    const sim = page.getByTestId('simulator');
    // the funnel's own zone is offered in words (a funnel with none is on UTC)
    await expect(sim.locator('select[name="attr.timezone"] option[value=""]')).toHaveText('Как в воронке: UTC');
    // the browser is in Moscow (UTC+3); the contact in Novosibirsk (UTC+7)
    await sim.locator('select[name="attr.timezone"]').selectOption('Asia/Novosibirsk');
    await sim.locator('input[name="start"]').fill('2026-03-02T10:00');
    await page.getByTestId('sim-start').click();
    await page.getByTestId('sim-event-lead.created').click();
    await page.getByTestId('sim-event-send').click();
    await expect(page.getByTestId('sim-order-wait')).toHaveText('2');
    await expect(page.getByTestId('sim-order-wait')).toHaveAttribute('title', /10:00/);
    await expect(page.getByTestId('node-wait').locator('.ed-node-at')).toContainText('10:00');
    // a node picked while simulating is offered for the inspector; the walk stays as it was
    await page.getByTestId('node-wait').click();
    await expect(page.getByTestId('picked-node')).toContainText('wait');
    await page.getByTestId('picked-open').click();
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-node', 'wait');
    await page.getByTestId('tab-simulator').click();
    await expect(page.getByTestId('sim-order-wait')).toHaveText('2');
  });

  test('a failing saved scenario opened in the simulator stops at the step it cannot do and marks where the path parted', async ({ page, api }, info) => {
    const nodes = [
      { id: 'city', type: 'branch', position: { x: 320, y: 0 }, data: { rules: [{ id: 'moscow', label: 'Москва', when: { '==': [{ var: 'contact.city' }, 'Москва'] } }] } },
      // far to the right: the funnel opens at a readable zoom from its start, with these out of view
      { id: 'call', type: 'handoff', position: { x: 2400, y: 0 }, data: { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Купил' }] } },
      { id: 'end', type: 'exit', position: { x: 2720, y: 0 }, data: { reason: 'продано' } },
      { id: 'bye', type: 'exit', position: { x: 2400, y: 240 }, data: { reason: 'не Москва' } },
    ];
    const edges = [
      { id: 'e1', source: 'start', target: 'city' },
      { id: 'e2', source: 'city', exit: 'moscow', target: 'call' },
      { id: 'e3', source: 'city', exit: 'else', target: 'bye' },
      { id: 'e4', source: 'call', exit: 'won', target: 'end' },
    ];
    await freshFunnel(api, 'e2e-editor', 'E2E editor', nodes, edges);
    // written for a Moscow buyer, but the contact is in Kazan: the branch sends her elsewhere
    const scenario = {
      format: 'voronka/scenario@1',
      name: 'звонок и покупка',
      funnel: 'e2e-editor',
      start: '2026-03-02T10:00:00+03:00',
      contact: { id: 'sc-1', attributes: { firstName: 'Ася', city: 'Казань' } },
      steps: [{ event: { type: 'lead.created' } }, { task: { outcome: 'won' } }],
      expect: { path: ['start', 'city', 'call', 'end'], status: 'completed' },
    };
    await ok(await api.put('/api/funnels/e2e-editor/scenarios', { data: { scenarios: [scenario] } }));
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    await expect(page.getByTestId('node-bye')).not.toBeInViewport();
    await page.getByTestId('tab-simulator').click();
    await page.getByTestId('sim-scenario').getByRole('button', { name: 'открыть' }).click();
    const check = page.getByTestId('sim-check');
    await expect(check).toHaveAttribute('data-ok', 'false');
    await expect(check).toContainText('Сценарий «звонок и покупка» не проходит');
    await expect(check).toContainText('путь, узел №3: ожидался Задача менеджеру (call), а прогон пошёл в Выход (bye) (после Условие (city))');
    await expect(check).toContainText('Шаг 2 сценария выполнить нельзя');
    await expect(check).toContainText('шаг сценария 2: нет открытой задачи');
    await expect(page.getByTestId('sim-error')).toHaveCount(0);
    // the timeline marks the step where the run went elsewhere
    const marked = page.locator('.sim-tl-diverged');
    await expect(marked).toHaveCount(1);
    await expect(marked).toHaveAttribute('data-node', 'bye');
    await expect(marked.getByTestId('sim-diverged')).toHaveText('✗ Здесь сценарий ожидал узел «call»');
    // and the canvas shows both: where the run went and where it was expected
    await expect(page.getByTestId('node-bye')).toBeInViewport();
    await expect(page.getByTestId('node-call')).toBeInViewport();
    await screen(page, info, '26-sim-failing-scenario');
  });

  test('the simulator says when an event changed nothing, instead of a silent step', async ({ page, api }) => {
    const wait = { id: 'paid', type: 'wait', position: { x: 320, y: 0 }, data: { event: 'order.paid', where: { '==': [{ var: 'event.data.sku' }, 'A'] }, timeout: 'P1D' } };
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [wait], [{ id: 'e1', source: 'start', target: 'paid' }]);
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    await startWalk(page);
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-at', 'paid');
    await expect(page.getByTestId('sim-notice')).toHaveCount(0);
    // a payment for another product: the wait does not take it
    await page.getByTestId('sim-event-order.paid').click();
    await page.getByTestId('sim-event-form').locator('input[name="data.sku"]').fill('B');
    await page.getByTestId('sim-event-send').click();
    await expect(page.getByTestId('sim-notice')).toContainText('«order.paid» ничего не изменило');
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-at', 'paid');
    // the right one moves the run on, and the note goes
    await page.getByTestId('sim-event-order.paid').click();
    await page.getByTestId('sim-event-form').locator('input[name="data.sku"]').fill('A');
    await page.getByTestId('sim-event-send').click();
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-status', 'completed');
    await expect(page.getByTestId('sim-notice')).toHaveCount(0);
  });

  test('a message the test contact has no address for is shown with a warning that a real contact without it will not get it', async ({ page, api }) => {
    const tg = { id: 'tg', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'telegram', body: 'Эфир через час, {{contact.company}}', marketing: false } };
    const mail = { id: 'mail', type: 'message', position: { x: 640, y: 0 }, data: { channel: 'email', subject: 'Запись', body: 'Запись эфира', marketing: false } };
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [tg, mail], [{ id: 'e1', source: 'start', target: 'tg' }, { id: 'e2', source: 'tg', target: 'mail' }]);
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    await startWalk(page);
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-status', 'completed');
    const timeline = page.getByTestId('sim-timeline');
    await expect(timeline.locator('[data-testid="sim-message"][data-node="tg"] [data-testid="sim-no-address"]')).toHaveText(/У контакта нет атрибута telegramChatId: настоящему контакту без него это сообщение не дойдёт/);
    await expect(timeline.locator('[data-testid="sim-message"][data-node="mail"]')).toBeVisible();
    await expect(timeline.locator('[data-testid="sim-message"][data-node="mail"] [data-testid="sim-no-address"]')).toHaveCount(0);
    // the line itself says it will not arrive, not «sent»
    await expect(timeline.locator('li[data-node="tg"][data-kind="sent"]')).toContainText('сообщение «Telegram» не дойдёт: у контакта нет адреса');
    await expect(timeline.locator('li[data-node="mail"][data-kind="sent"] [data-testid="sim-undeliverable"]')).toHaveCount(0);
    // a variable the test contact has nothing for: the gap is pointed out
    await expect(timeline.locator('[data-testid="sim-message"][data-node="tg"] [data-testid="sim-empty-vars"]')).toContainText('Пусто: {{contact.company}}');
    await expect(timeline.locator('[data-testid="sim-message"][data-node="mail"] [data-testid="sim-empty-vars"]')).toHaveCount(0);
  });

  test('walking a long funnel, the canvas brings the node where the run waits into view', async ({ page, api }) => {
    const { nodes, edges } = delayRow(12, 'PT1H');
    await freshFunnel(api, 'e2e-editor', 'E2E editor', nodes, edges);
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    await expect(page.getByTestId('node-start')).toBeInViewport();
    await expect(page.getByTestId('node-d10')).not.toBeInViewport();
    await startWalk(page);
    for (let i = 1; i < 10; i++) await page.getByTestId('sim-next-timer').click();
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-at', 'd10');
    await expect(page.getByTestId('node-d10')).toBeInViewport({ ratio: 0.9 });
  });

  test('the notice that a walk was saved goes when the walk changes', async ({ page, api }) => {
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [{ id: 'wait', type: 'delay', position: { x: 320, y: 0 }, data: { for: 'P1D' } }], [{ id: 'e1', source: 'start', target: 'wait' }]);
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    await startWalk(page);
    await page.getByTestId('simulator').locator('input[name="scenarioName"]').fill('Ждёт сутки');
    await page.getByTestId('sim-save').click();
    await expect(page.getByTestId('sim-saved')).toContainText('Ждёт сутки');
    await page.getByTestId('sim-step-back').click();
    await expect(page.getByTestId('sim-saved')).toHaveCount(0);
  });

  test('after a deliberate change, a failing scenario is opened, walked on the new funnel and replaced in place', async ({ page, api }) => {
    const nodes = [
      { id: 'wait', type: 'delay', position: { x: 320, y: 0 }, data: { for: 'P1D' } },
      { id: 'hi', type: 'message', position: { x: 640, y: 0 }, data: { channel: 'email', subject: 'Привет', body: 'Прошли сутки', marketing: false } },
    ];
    const edges = [{ id: 'e1', source: 'start', target: 'wait' }, { id: 'e2', source: 'wait', target: 'hi' }];
    await freshFunnel(api, 'e2e-editor', 'E2E editor', nodes, edges);
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    await startWalk(page);
    await page.getByTestId('sim-next-timer').click();
    await page.getByTestId('simulator').locator('input[name="scenarioName"]').fill('Письмо через паузу');
    await page.getByTestId('sim-save').click();
    await expect(page.getByTestId('sim-saved')).toBeVisible();
    // the marketer makes the pause two days
    const f = await ok<{ draft: { nodes: { id: string; data?: Record<string, unknown> }[] } }>(await api.get('/api/funnels/e2e-editor'));
    f.draft.nodes.find((n) => n.id === 'wait')!.data = { for: 'P2D' };
    await ok(await api.put('/api/funnels/e2e-editor', { data: f.draft }));
    await page.reload();
    await page.getByTestId('tab-simulator').click();
    await page.getByTestId('sim-run-all').click();
    await expect(page.getByTestId('sim-scenario')).toHaveAttribute('data-ok', 'false');
    // opened, the walk is replayed on the new funnel and its name is offered: saving replaces it
    await page.getByTestId('sim-scenario-open').click();
    await expect(page.getByTestId('simulator').locator('input[name="scenarioName"]')).toHaveValue('Письмо через паузу');
    await expect(page.getByTestId('sim-save')).toHaveText('Заменить');
    await expect(page.getByTestId('sim-save-replaces')).toContainText('сохранение заменит его этим проходом');
    await page.getByTestId('sim-next-timer').click();
    await page.getByTestId('sim-save').click();
    await expect(page.getByTestId('sim-saved')).toBeVisible();
    const scenarios = (await ok<{ scenarios: { name: string; steps: unknown[] }[] }>(await api.get('/api/funnels/e2e-editor'))).scenarios;
    expect(scenarios.map((sc) => sc.name)).toEqual(['Письмо через паузу']);
    await page.getByTestId('sim-run-all').click();
    await expect(page.getByTestId('sim-scenario')).toHaveAttribute('data-ok', 'true');
  });

  test('QA sends any event — one the funnel does not wait for, with nested data typed as JSON — and an exit event ends the walk', async ({ page, api }) => {
    const hi = { id: 'hi', type: 'message', position: { x: 640, y: 0 }, data: { channel: 'email', subject: 'Корзина', body: 'В корзине: {{event.data.items | list:name}}', marketing: false } };
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [{ id: 'wait', type: 'wait', position: { x: 320, y: 0 }, data: { event: 'order.paid', timeout: 'P1D' } }, hi], [{ id: 'e1', source: 'start', target: 'hi' }, { id: 'e2', source: 'hi', target: 'wait' }]);
    const f = await ok<{ draft: Record<string, unknown> }>(await api.get('/api/funnels/e2e-editor'));
    await ok(await api.put('/api/funnels/e2e-editor', { data: { ...f.draft, settings: { exitWhen: [{ event: 'unsubscribed' }] } } }));
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    await page.getByTestId('tab-simulator').click();
    await expect(page.getByTestId('sim-source')).toContainText('Проходит черновик');
    await page.getByTestId('sim-start').click();
    // a length of time it cannot move by says why
    const by = page.getByTestId('simulator').locator('input[name="advanceBy"]');
    for (const [text, why] of [['-P1D', 'Назад время не идёт'], ['P0D', 'Это ноль времени'], ['три дня', 'Это не длительность'], ['P100Y', 'похоже на опечатку']]) {
      await by.fill(text);
      await expect(page.getByTestId('sim-advance-problem')).toContainText(why);
      await expect(page.getByTestId('sim-advance')).toBeDisabled();
    }
    // words as the editor's duration fields take them, or ISO
    for (const text of ['2 дня', '1,5 часа', 'P1D']) {
      await by.fill(text);
      await expect(page.getByTestId('sim-advance-problem')).toHaveCount(0);
      await expect(page.getByTestId('sim-advance')).toBeEnabled();
    }
    // the start event's data as one JSON object: a list of items
    await page.getByTestId('sim-event-lead.created').click();
    await page.getByTestId('sim-event-json').click();
    const json = page.getByTestId('sim-event-data-json');
    await json.fill('{"items": [{"name": "Маска"}, ');
    await expect(page.getByTestId('sim-event-form')).toContainText('Это не JSON: проверьте скобки');
    await json.fill('[1, 2]');
    await expect(page.getByTestId('sim-event-form')).toContainText('Это JSON, но не объект');
    await expect(page.getByTestId('sim-event-send')).toBeDisabled();
    await json.fill('{"items": [{"name": "Маска"}, {"name": "Бальзам"}]}');
    await page.getByTestId('sim-event-send').click();
    await expect(page.getByTestId('sim-timeline').locator('[data-testid="sim-message"][data-node="hi"]')).toContainText('В корзине: Маска, Бальзам');
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-at', 'wait');
    // an event nobody waits for changes nothing, and says so
    await page.getByTestId('sim-event-other').click();
    await expect(page.getByTestId('sim-event-send')).toBeDisabled();
    await page.getByTestId('sim-event-type').fill('page.viewed');
    await page.getByTestId('sim-event-send').click();
    await expect(page.getByTestId('sim-notice')).toContainText('«page.viewed» ничего не изменило');
    // the funnel's exit event ends the run at once
    await page.getByTestId('sim-event-other').click();
    await page.getByTestId('sim-event-type').fill('unsubscribed');
    await page.getByTestId('sim-event-send').click();
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-status', 'exited');
    await expect(page.getByTestId('sim-timeline')).toContainText('Ожидание события (wait): выведен из воронки');
  });

  test('a task whose time passed with no «overdue» exit says the manager is late while the run keeps waiting', async ({ page, api }) => {
    const call = { id: 'call', type: 'handoff', position: { x: 320, y: 0 }, data: { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'done', label: 'Готово' }], dueIn: 'PT1H' } };
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [call], [{ id: 'e1', source: 'start', target: 'call' }]);
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    await startWalk(page);
    const card = page.getByTestId('sim-timeline').getByTestId('sim-task-card');
    await expect(card.getByTestId('sim-task-late')).toHaveCount(0);
    await page.getByTestId('sim-advance-PT1H').click();
    await page.getByTestId('sim-advance-PT1H').click();
    await expect(card.getByTestId('sim-task-late')).toContainText('срок прошёл');
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-at', 'call');
    // the canvas agrees: the unconnected «overdue» holds the run, it does not end it
    await expect(page.getByTestId('exit-open-call-overdue')).toHaveText('→ ждёт дальше');
    await expect(page.getByTestId('exit-open-call-done')).toHaveText('→ конец');
  });

  test('a scenario that stopped at a step it cannot do is not replaced by its first part until the walk is finished', async ({ page, api }) => {
    const call = { id: 'call', type: 'handoff', position: { x: 640, y: 0 }, data: { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'ok', label: 'Ок' }] } };
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [call], [{ id: 'e1', source: 'start', target: 'call' }]);
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    await startWalk(page);
    await page.getByTestId('sim-task-ok').click();
    await page.getByTestId('simulator').locator('input[name="scenarioName"]').fill('Звонок');
    await page.getByTestId('sim-save').click();
    await expect(page.getByTestId('sim-saved')).toBeVisible();
    // a pause of an hour before the call: the saved «complete the task» step finds no task
    const f = await ok<{ draft: { nodes: object[]; edges: object[] } }>(await api.get('/api/funnels/e2e-editor'));
    await ok(await api.put('/api/funnels/e2e-editor', { data: { ...f.draft, nodes: [...f.draft.nodes, { id: 'pause', type: 'delay', position: { x: 320, y: 0 }, data: { for: 'PT1H' } }], edges: [{ id: 'e1', source: 'start', target: 'pause' }, { id: 'e2', source: 'pause', target: 'call' }] } }));
    await page.reload();
    await page.getByTestId('tab-simulator').click();
    await page.getByTestId('sim-scenario-open').click();
    await expect(page.getByTestId('sim-save-cut')).toContainText('Шаг 2 сценария на этой воронке не выполнился');
    await expect(page.getByTestId('sim-save')).toBeDisabled();
    // walked on to the end, it replaces
    await page.getByTestId('sim-next-timer').click();
    await page.getByTestId('sim-task-ok').click();
    await expect(page.getByTestId('sim-save-cut')).toHaveCount(0);
    await page.getByTestId('sim-save').click();
    await expect(page.getByTestId('sim-saved')).toBeVisible();
    await page.getByTestId('sim-run-all').click();
    await expect(page.getByTestId('sim-scenario')).toHaveAttribute('data-ok', 'true');
    const saved = (await ok<{ scenarios: { steps: unknown[] }[] }>(await api.get('/api/funnels/e2e-editor'))).scenarios;
    expect(saved[0].steps).toHaveLength(3);
  });

  test('QA walks each variant of an A/B split: the simulator says which the contact gets and takes a contact for the other', async ({ page, api }) => {
    await freshFunnel(
      api,
      'e2e-editor',
      'E2E editor',
      [
        { id: 'ab', type: 'split', position: { x: 320, y: 0 }, data: { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }] } },
        { id: 'waitA', type: 'delay', position: { x: 640, y: -80 }, data: { for: 'P1D' } },
        { id: 'waitB', type: 'delay', position: { x: 640, y: 80 }, data: { for: 'P2D' } },
      ],
      [
        { id: 'e1', source: 'start', target: 'ab' },
        { id: 'eA', source: 'ab', exit: 'A', target: 'waitA' },
        { id: 'eB', source: 'ab', exit: 'B', target: 'waitB' },
      ],
    );
    await login(page, 'qa');
    await page.goto('/#/funnels/e2e-editor');
    await page.getByTestId('tab-simulator').click();
    const line = page.getByTestId('sim-variant-ab');
    await expect(line).toContainText('этот контакт попадёт в вариант');
    const first = (await line.getAttribute('data-variant'))!;
    const other = first === 'A' ? 'B' : 'A';
    const id = page.getByTestId('simulator').locator('input[name="contact.id"]');
    const before = await id.inputValue();
    await line.getByTestId(`sim-variant-ab-${other}`).click();
    await expect(line).toHaveAttribute('data-variant', other);
    expect(await id.inputValue()).not.toBe(before);
    await page.getByTestId('sim-start').click();
    await page.getByTestId('sim-event-lead.created').click();
    await page.getByTestId('sim-event-send').click();
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-at', `wait${other}`);
  });
});
