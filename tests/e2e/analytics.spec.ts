import { expect, login, newFunnel, ok, screen, test } from './fixtures.ts';

test.describe('analytics on the canvas', () => {
  test('a payment in dollars in a rouble funnel: counted as a conversion, and said to be left out of the revenue', async ({ page, api }) => {
    await newFunnel(
      api,
      {
        id: 'e2e-goal-usd',
        name: 'E2E оплата в долларах',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.usd.cart' } },
          { id: 'wait', type: 'wait', position: { x: 320, y: 0 }, data: { event: 'e2e.usd.paid', timeout: 'P1D' } },
          { id: 'paid', type: 'goal', label: 'Оплатил картой', position: { x: 640, y: 0 }, data: { name: 'Оплата', valueFrom: 'lastEvent.data.amount' } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'wait' }, { id: 'e2', source: 'wait', exit: 'received', target: 'paid' }],
      },
      { publish: true },
    );
    for (const [id, amount, currency] of [['e2e-usd-1', 2500, 'RUB'], ['e2e-usd-2', 50, 'USD'], ['e2e-usd-3', 'много', 'RUB']] as const) {
      await ok(await api.post('/api/contacts', { data: { id } }));
      await ok(await api.post('/api/events', { data: { type: 'e2e.usd.cart', contactId: id } }));
      await ok(await api.post('/api/events', { data: { type: 'e2e.usd.paid', contactId: id, data: { amount, currency } } }));
    }
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-goal-usd');
    await page.getByTestId('tab-analytics').click();
    await expect(page.getByTestId('goals-table')).toContainText(/2\s500\s₽/);
    // a goal node named on the canvas is called by that name, its goal's id beside it
    await expect(page.getByTestId('goals-table')).toContainText('Оплатил картой (Оплата)');
    await expect(page.getByTestId('goal-foreign')).toHaveText(/^\+ 50\s\$ \(1 оплата\) не в выручке: воронка считает в RUB, курса нет$/);
    await expect(page.getByTestId('revenue-foreign')).toHaveCount(1);
    // a payment whose amount is not one: counted, said to be without an amount
    await expect(page.getByTestId('goal-valueless')).toHaveText('1 без суммы — не в выручке');
    // zoomed far out, a node says how many entered under its title
    await expect(page.getByTestId('node-paid')).toHaveAttribute('data-stat', 'вошли: 3');
    // a contact's run shows what was paid at the step that counted it, in the currency paid
    await page.goto('/#/contacts/e2e-usd-2');
    await expect(page.getByTestId('path-goal')).toHaveText(/^★ 50\s\$$/);
    await page.goto('/#/contacts/e2e-usd-3');
    await expect(page.getByTestId('path-goal')).toHaveText('★ конверсия');
  });

  test('the share of each exit sits by its exit: edges that meet at one node do not pile their figures up', async ({ page, api }) => {
    const variants = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id.toUpperCase(), weight: 1 }));
    await newFunnel(
      api,
      {
        id: 'e2e-analytics',
        name: 'E2E analytics',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.analytics.go' } },
          { id: 'ab', type: 'split', position: { x: 320, y: 0 }, data: { variants } },
          { id: 'done', type: 'goal', position: { x: 900, y: 40 }, data: { name: 'done' } },
        ],
        edges: [{ id: 'e0', source: 'start', target: 'ab' }, ...variants.map((v) => ({ id: `e-${v.id}`, source: 'ab', exit: v.id, target: 'done' }))],
      },
      { publish: true },
    );
    await ok(await api.post('/api/contacts', { data: { id: 'e2e-an-1', attributes: { firstName: 'Ия' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.analytics.go', contactId: 'e2e-an-1' } }));
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-analytics');
    await page.getByTestId('tab-analytics').click();
    const stats = page.locator('[data-testid^="edge-stat-e-"]');
    await expect(stats).toHaveCount(4);
    const boxes = (await Promise.all((await stats.all()).map((s) => s.boundingBox()))).filter((b) => b !== null);
    const cover = (a: (typeof boxes)[number], b: (typeof boxes)[number]) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(boxes.some((a, i) => boxes.some((b, j) => i < j && cover(a, b)))).toBe(false);
    // one of the four took the contact: 100 % there, 0 % on the others
    await expect(stats.filter({ hasText: /100/ })).toHaveCount(1);
  });

  test('an A/B split shows each variant\'s contacts, conversion and revenue, and says which wins', async ({ page, api }, info) => {
    await newFunnel(
      api,
      {
        id: 'e2e-ab',
        name: 'E2E A/B',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.ab.go' } },
          { id: 'ab', type: 'split', position: { x: 320, y: 0 }, data: { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }] } },
          { id: 'sale', type: 'goal', position: { x: 640, y: -60 }, data: { name: 'sale', value: 990 } },
          { id: 'hold', type: 'delay', position: { x: 960, y: -60 }, data: { for: 'P30D' } },
          { id: 'mailB', type: 'message', label: 'Письмо B', position: { x: 640, y: 120 }, data: { channel: 'email', subject: 'B', body: 'Вариант B', marketing: true } },
          { id: 'bye', type: 'exit', position: { x: 1280, y: 40 }, data: {} },
        ],
        edges: [
          { id: 'e0', source: 'start', target: 'ab' },
          { id: 'eA', source: 'ab', exit: 'A', target: 'sale' },
          { id: 'eB', source: 'ab', exit: 'B', target: 'mailB' },
          { id: 'e2', source: 'sale', target: 'hold' },
          { id: 'e3', source: 'hold', target: 'bye' },
          { id: 'e4', source: 'mailB', target: 'bye' },
        ],
      },
      { publish: true },
    );
    const ids = Array.from({ length: 40 }, (_, i) => `e2e-ab-${i}`);
    for (const id of ids) await ok(await api.post('/api/contacts', { data: { id, attributes: { firstName: 'Тест' } } }));
    await ok(await api.post('/api/events', { data: { events: ids.map((id) => ({ type: 'e2e.ab.go', contactId: id })) } }));
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-ab');
    await page.getByTestId('tab-analytics').click();
    const a = page.getByTestId('ab-ab-A');
    const b = page.getByTestId('ab-ab-B');
    // variant A leads to the sale, B to nothing: 100 % against 0 %, A's revenue is 990 ₽ per contact
    await expect(a).toContainText('100');
    await expect(b).toContainText('0 %');
    const count = async (row: typeof a) => Number((await row.locator('td').nth(1).innerText()).replace(/\D/g, ''));
    const [na, nb] = [await count(a), await count(b)];
    expect(na + nb).toBe(40);
    // the funnel's own figures head the panel: the same conversions as the funnel list, and what they are
    await expect(page.getByTestId('analytics-total')).toContainText(`Вошли в воронку: 40 · конверсий: ${na}`);
    await expect(page.getByTestId('analytics-total')).toContainText('цели вне этапов (sale)');
    expect((await a.locator('td').nth(3).innerText()).replace(/\D/g, '')).toBe(String(na * 990));
    await expect(page.getByTestId('ab-ab-verdict')).toHaveText(/^Вариант «A» лучше: 100\s%\sпротив 0\s% у «B»\. Разница не случайна \(p < 0,001, уверенность 95 %\)\.$/);
    // and on the canvas, beside each variant's exit
    await expect(page.getByTestId('ab-conv-ab-A')).toHaveText(/^цель 100\s%$/);
    await expect(page.getByTestId('ab-conv-ab-B')).toHaveText(/^цель 0\s%$/);
    // each variant says where it leads; B's email went to no one (the contacts gave no consent), and the panel says the test is uneven
    await expect(b.locator('td').first()).toContainText('→ Письмо B');
    await expect(page.getByTestId('ab-ab-B-withheld')).toHaveText(`⚠ не отправлено (нет согласия или адреса): ${nb} из ${nb}`);
    await expect(page.getByTestId('ab-ab-A-withheld')).toHaveCount(0);
    await expect(page.getByTestId('ab-ab-unsent')).toContainText('Сообщение одного из вариантов не ушло никому');
    // and its verdict by the funnel's goal is no verdict: only A can reach that goal
    await expect(page.getByTestId('ab-ab-one-sided')).toContainText('Цель «sale» достижима только в варианте «A»');
    await screen(page, info, 'analytics-ab');
    // judged by a step both variants lead to (not a variant's own first step): reaching «bye» — B's whole share, none of A's (A waits a month first)
    await expect(page.getByTestId('ab-ab-goal').locator('option')).toHaveText(['цель воронки (как в итогах)', 'дошли до «Выход» (bye)']);
    await page.getByTestId('ab-ab-goal').selectOption('bye');
    await expect(b.locator('td').nth(2)).toHaveText(/^100\s%$/);
    await expect(a.locator('td').nth(2)).toHaveText(/^0\s%$/);
    await expect(page.getByTestId('ab-ab-verdict')).toContainText('Вариант «B» лучше');
    await expect(page.getByTestId('ab-ab-one-sided')).toHaveCount(0); // judged by a shared step: nothing one-sided
    // and back to the funnel's goal
    await page.getByTestId('ab-ab-goal').selectOption('');
    await expect(page.getByTestId('ab-ab-verdict')).toContainText('Вариант «A» лучше');
  });

  test('a task only one variant hands off is named by its outcome that counts, not as a goal; too few contacts quote no p-value', async ({ page, api }) => {
    await newFunnel(
      api,
      {
        id: 'e2e-ab-task',
        name: 'E2E A/B звонок',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.abtask.go' } },
          { id: 'ab', type: 'split', position: { x: 320, y: 0 }, data: { variants: [{ id: 'call', weight: 50 }, { id: 'mail', weight: 50 }] } },
          { id: 'call', type: 'handoff', label: 'Звонок менеджера', position: { x: 640, y: -80 }, data: { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Купил', goal: true }, { id: 'lost', label: 'Отказ' }] } },
          { id: 'bye', type: 'exit', position: { x: 960, y: 40 }, data: {} },
        ],
        edges: [
          { id: 'e0', source: 'start', target: 'ab' },
          { id: 'eA', source: 'ab', exit: 'call', target: 'call' },
          { id: 'eB', source: 'ab', exit: 'mail', target: 'bye' },
          { id: 'e1', source: 'call', exit: 'won', target: 'bye' },
          { id: 'e2', source: 'call', exit: 'lost', target: 'bye' },
        ],
      },
      { publish: true },
    );
    const ids = Array.from({ length: 6 }, (_, i) => `e2e-abtask-${i}`);
    for (const id of ids) await ok(await api.post('/api/contacts', { data: { id } }));
    await ok(await api.post('/api/events', { data: { events: ids.map((id) => ({ type: 'e2e.abtask.go', contactId: id })) } }));
    const tasks = (await ok<{ id: string; funnelId: string }[]>(await api.get('/api/tasks?status=open'))).filter((t) => t.funnelId === 'e2e-ab-task');
    expect(tasks.length).toBeGreaterThan(0);
    await ok(await api.post(`/api/tasks/${tasks[0].id}/complete`, { data: { outcome: 'won' } }));
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-ab-task');
    await page.getByTestId('tab-analytics').click();
    await expect(page.getByTestId('ab-ab-one-sided')).toContainText('Исход «Купил» задачи «Звонок менеджера» засчитывается только в варианте «call»');
    await expect(page.getByTestId('ab-ab-verdict')).toHaveText(/^Мало данных для вывода: разница пока может быть случайной\./);
    await expect(page.getByTestId('ab-ab-verdict')).not.toContainText('p =');
  });

  test('a node counts the messages it did not send for a value it could not write, and the runs taken out at it', async ({ page, api }) => {
    await newFunnel(
      api,
      {
        id: 'e2e-unread',
        name: 'E2E не прочитано',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.unread.booked' } },
          { id: 'hello', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'email', subject: 'Визит', body: 'Ждём вас {{event.data.visitAt | datetime}}', marketing: false } },
          { id: 'wait', type: 'delay', position: { x: 640, y: 0 }, data: { for: 'P1D' } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'hello' },
          { id: 'e2', source: 'hello', target: 'wait' },
        ],
      },
      { publish: true },
    );
    for (const id of ['e2e-unread-1', 'e2e-unread-2']) await ok(await api.post('/api/contacts', { data: { id, attributes: { email: `${id}@example.com` } } }));
    const warned = await ok<{ warnings?: { reason: string }[] }>(await api.post('/api/events', { data: { type: 'e2e.unread.booked', contactId: 'e2e-unread-1', data: { visitAt: 'завтра' } } }));
    expect(warned.warnings?.[0].reason).toContain('"завтра" is not a date');
    await ok(await api.post('/api/events', { data: { type: 'e2e.unread.booked', contactId: 'e2e-unread-2', data: { visitAt: '2026-12-01T10:00:00+03:00' } } }));
    const [run] = await ok<{ id: string }[]>(await api.get('/api/runs?contactId=e2e-unread-2&funnelId=e2e-unread'));
    await ok(await api.post(`/api/runs/${run.id}/exit`, { data: {} }));

    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-unread');
    await page.getByTestId('tab-analytics').click();
    await expect(page.getByTestId('stats-hello-unreadable')).toHaveText('не отправлено (значение не прочитано): 1');
    await expect(page.getByTestId('stats-wait-exited')).toHaveText('вышли из воронки здесь: 1');
    // the messages page says why in words
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('messages-status').selectOption('withheld');
    const row = page.getByTestId('messages-page').getByTestId('contact-message').filter({ hasText: 'Визит' });
    await expect(row.getByTestId('message-reason')).toHaveText('в тексте {{event.data.visitAt}} — «завтра», а это не дата: сообщение ушло бы с ним как есть');
  });

  test('with the figures on, a manager task grows no taller: its settings give way to the figures, so it covers no node below it', async ({ page, api }) => {
    // one under another, as far apart as the nodes' usual sizes need
    await newFunnel(
      api,
      {
        id: 'e2e-tall-task',
        name: 'E2E высокая задача',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.tall.go' } },
          { id: 'call', type: 'handoff', position: { x: 0, y: 190 }, data: { title: 'Позвонить и провести демо {{contact.firstName | default:клиенту}}', assignee: { role: 'manager' }, dueIn: 'PT4H', outcomes: [{ id: 'won', label: 'Демо проведено', goal: true }, { id: 'later', label: 'Перезвонить' }, { id: 'no', label: 'Не интересно' }] } },
          { id: 'pause', type: 'delay', position: { x: 0, y: 440 }, data: { for: 'P1D' } },
          { id: 'bye', type: 'exit', position: { x: 340, y: 190 }, data: {} },
        ],
        edges: [
          { id: 'e0', source: 'start', target: 'call' },
          { id: 'e1', source: 'call', exit: 'later', target: 'pause' },
          { id: 'e2', source: 'pause', target: 'call' },
          { id: 'e3', source: 'call', exit: 'won', target: 'bye' },
        ],
      },
      { publish: true },
    );
    const ids = ['e2e-tall-1', 'e2e-tall-2'];
    for (const id of ids) await ok(await api.post('/api/contacts', { data: { id } }));
    await ok(await api.post('/api/events', { data: { events: ids.map((id) => ({ type: 'e2e.tall.go', contactId: id })) } }));
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-tall-task');
    await expect(page.getByTestId('node-call')).toContainText('Демо проведено');
    const cover = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const cards = async () => (await Promise.all((await page.locator('.react-flow__node').all()).map((n) => n.boundingBox()))).filter((b) => b !== null);
    const apart = async () => {
      const boxes = await cards();
      expect(boxes).toHaveLength(4);
      return !boxes.some((a, i) => boxes.some((b, j) => i < j && cover(a, b)));
    };
    expect(await apart()).toBe(true);
    const tall = (await page.getByTestId('node-call').boundingBox())!.height;
    await page.getByTestId('tab-analytics').click();
    await expect(page.getByTestId('stats-call')).toContainText('вошли: 2');
    await expect(page.getByTestId('stats-call')).toContainText('ждут: 2');
    // the node says what it is in a line; its settings are in the inspector
    await expect(page.getByTestId('node-call')).toContainText('Позвонить и провести демо');
    expect((await page.getByTestId('node-call').boundingBox())!.height).toBeLessThanOrEqual(tall);
    expect(await apart()).toBe(true);
  });
});
