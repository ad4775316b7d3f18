import { expect, login, ok, test } from './fixtures.ts';
import type { APIRequestContext } from '@playwright/test';

interface Task {
  id: string;
  contactId: string;
  funnelId: string;
  status: string;
  overdue?: boolean;
}

/** A published funnel: trigger on `event` → a task for the `service` team due in `dueIn` (with `outcomes`, each leading to the end; with `overdueExit`, the SLA's exit too). */
async function taskFunnel(api: APIRequestContext, id: string, event: string, dueIn: string, outcomes: { id: string; label: string; goal?: boolean }[] = [{ id: 'done', label: 'Сделано' }], overdueExit = false) {
  const funnel = {
    format: 'voronka/funnel@1',
    id,
    name: `E2E inbox ${dueIn}`,
    nodes: [
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event } },
      {
        id: 'call',
        type: 'handoff',
        position: { x: 260, y: 0 },
        data: { title: `Перезвонить (${dueIn})`, assignee: { role: 'service' }, outcomes, dueIn },
      },
      { id: 'end', type: 'exit', position: { x: 520, y: 0 }, data: { reason: 'готово' } },
    ],
    edges: [{ id: 'e1', source: 'start', exit: 'next', target: 'call' }, ...outcomes.map((o) => ({ id: `e-${o.id}`, source: 'call', exit: o.id, target: 'end' })), ...(overdueExit ? [{ id: 'e-overdue', source: 'call', exit: 'overdue', target: 'end' }] : [])],
  };
  await ok(await api.post('/api/funnels', { data: funnel }));
  await ok(await api.post(`/api/funnels/${id}/publish`, { data: { note: 'e2e' } }));
}

/** Oleg's colleague «Коля Коллега», a manager in no team (so the service team's round-robin is untouched); made once. */
async function colleague(api: APIRequestContext): Promise<{ id: string }> {
  const users = await ok<{ id: string; email: string }[]>(await api.get('/api/users'));
  return users.find((u) => u.email === 'kolya-e2e@voronka.local') ?? ok<{ id: string }>(await api.post('/api/users', { data: { email: 'kolya-e2e@voronka.local', name: 'Коля Коллега', role: 'manager', password: 'kolya-pass-1' } }));
}

async function taskOf(api: APIRequestContext, contactId: string, funnelId: string): Promise<Task> {
  const tasks = await ok<Task[]>(await api.get(`/api/tasks?contactId=${contactId}`));
  const t = tasks.find((x) => x.funnelId === funnelId);
  if (!t) throw new Error(`no task for ${contactId} in ${funnelId}: ${JSON.stringify(tasks)}`);
  return t;
}

test.describe('inbox', () => {
  test('overdue tasks come first and are marked; the overdue filter shows only them', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-slow', 'e2e.inbox.slow', 'P3D');
    await taskFunnel(api, 'e2e-inbox-fast', 'e2e.inbox.fast', 'PT1H');
    // the early one lives in Novosibirsk (UTC+7), the late one in the browser's own zone (Moscow)
    for (const id of ['inbox-early', 'inbox-late'])
      await ok(await api.post('/api/contacts', { data: { id, attributes: { firstName: id === 'inbox-early' ? 'Ранний' : 'Поздний', timezone: id === 'inbox-early' ? 'Asia/Novosibirsk' : 'Europe/Moscow' } } }));
    // the slow task is created first; the fast one later, and then its SLA passes
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.slow', contactId: 'inbox-early' } }));
    await ok(await api.post('/api/clock/advance', { data: { by: 'PT1M' } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.fast', contactId: 'inbox-late' } }));
    await ok(await api.post('/api/clock/advance', { data: { by: 'PT2H' } }));
    const slow = await taskOf(api, 'inbox-early', 'e2e-inbox-slow');
    const fast = await taskOf(api, 'inbox-late', 'e2e-inbox-fast');
    expect(fast.overdue).toBe(true);
    expect(slow.overdue).toBe(false);

    await login(page, 'manager');
    const rows = page.locator('[data-testid^="task-row-"]');
    await expect(page.getByTestId(`task-row-${fast.id}`)).toBeVisible();
    // the filter bar fits over the list, not past its edge
    const bar = (await page.locator('.ls-inbox-list .ls-segmented').last().boundingBox())!;
    const row = (await page.getByTestId(`task-row-${fast.id}`).boundingBox())!;
    expect(bar.x + bar.width).toBeLessThanOrEqual(row.x + row.width + 1);
    await expect(page.getByTestId(`task-row-${slow.id}`)).toBeVisible();
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(ids.indexOf(`task-row-${fast.id}`)).toBeLessThan(ids.indexOf(`task-row-${slow.id}`));
    await expect(page.getByTestId(`task-row-${fast.id}`)).toContainText('просрочено');
    await expect(page.getByTestId(`task-row-${slow.id}`)).not.toContainText('просрочено');
    // the tabs count what waits for a decision: every row of the open list, and its late ones
    await expect(page.getByTestId('inbox-count-open')).toHaveText(String(await rows.count()));
    await expect(page.getByTestId('inbox-count-overdue')).toHaveText(String(await rows.filter({ hasText: 'просрочено' }).count()));
    // a client in another zone: the row says what time it is there (not for one in the manager's own zone)
    await expect(page.getByTestId(`task-their-time-${slow.id}`)).toHaveText(/^у клиента .*\d\d:\d\d$/);
    await expect(page.getByTestId(`task-their-time-${fast.id}`)).toHaveCount(0);
    // each row says which funnel the task came from
    await expect(page.getByTestId(`task-from-${fast.id}`)).toHaveText('E2E inbox PT1H');
    await expect(page.getByTestId(`task-from-${slow.id}`)).toHaveText('E2E inbox P3D');

    await page.getByTestId('inbox-filter-overdue').click();
    await expect(page.getByTestId(`task-row-${fast.id}`)).toBeVisible();
    await expect(page.getByTestId(`task-row-${slow.id}`)).toHaveCount(0);

    // the «service» task is Oleg's (he is the only one in that team): he gives it back to the queue, then takes it again
    await page.getByTestId('inbox-filter-open').click();
    await page.getByTestId(`task-row-${slow.id}`).click();
    const assignee = page.getByTestId('task-assignee');
    await expect(assignee).toContainText('Задача ваша.');
    // a customer in another zone: the card says what time it is for them
    await expect(page.getByTestId('task-contact-clock')).toContainText(/У клиента сейчас .*\d\d:\d\d \(Asia\/Novosibirsk\)/);
    await page.getByTestId(`task-row-${fast.id}`).click();
    await expect(page.getByTestId('task-contact-clock')).toHaveCount(0);
    await page.getByTestId(`task-row-${slow.id}`).click();
    await page.getByTestId('task-release').click();
    await expect(assignee).toContainText('в очереди роли «сервис (service)»');
    expect((await ok<{ userId: string | null }>(await api.get(`/api/tasks/${slow.id}`))).userId).toBeNull();
    await page.getByTestId('task-take').click();
    await expect(assignee).toContainText('Задача ваша.');
    // a tab that does not list the open task closes its card; one that does keeps it
    await page.getByTestId('inbox-filter-overdue').click();
    await expect(page).toHaveURL(/#\/inbox$/);
    await expect(assignee).toHaveCount(0);
    await page.getByTestId(`task-row-${fast.id}`).click();
    await page.getByTestId('inbox-filter-open').click();
    await expect(page.getByTestId(`task-row-${slow.id}`)).toBeVisible();
    await expect(page).toHaveURL((url) => url.hash === `#/inbox/${encodeURIComponent(fast.id)}`);
    await expect(assignee).toBeVisible();

    // close both so later tests start with a tidy inbox
    for (const t of [slow, fast]) await ok(await api.post(`/api/tasks/${t.id}/complete`, { data: { outcome: 'done' } }));
  });

  test('a task closed elsewhere while the manager writes a note: the note is kept to copy', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-race', 'e2e.inbox.race', 'P3D');
    await ok(await api.post('/api/contacts', { data: { id: 'inbox-race', attributes: { firstName: 'Гонка' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.race', contactId: 'inbox-race' } }));
    const task = await taskOf(api, 'inbox-race', 'e2e-inbox-race');

    await login(page, 'manager');
    await page.getByTestId(`task-row-${task.id}`).click();
    await page.getByTestId('task-note').fill('обещал перезвонить в пятницу');
    // a colleague closes it first (and this page's refresh has not shown that yet)
    const stillOpen = await ok(await api.get(`/api/tasks/${task.id}`));
    await page.route(`**/api/tasks/${task.id}`, (r) => (r.request().method() === 'GET' ? r.fulfill({ json: stillOpen }) : r.continue()));
    await ok(await api.post(`/api/tasks/${task.id}/complete`, { data: { outcome: 'done' } }));
    await page.getByTestId('outcome-done').click();
    await page.getByTestId('task-commit-now').click();
    await expect(page.getByTestId('task-conflict')).toBeVisible();
    await expect(page.getByTestId('task-conflict-note')).toHaveValue('обещал перезвонить в пятницу');
  });

  test('a mis-clicked outcome is taken back within seconds; opening another task sends the chosen one at once', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-undo', 'e2e.inbox.undo', 'P1D', [{ id: 'won', label: 'Купил' }, { id: 'lost', label: 'Отказ' }]);
    for (const id of ['inbox-undo-1', 'inbox-undo-2', 'inbox-undo-3']) {
      await ok(await api.post('/api/contacts', { data: { id, attributes: { firstName: 'Отмена' } } }));
      await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.undo', contactId: id } }));
    }
    const [first, second] = [await taskOf(api, 'inbox-undo-1', 'e2e-inbox-undo'), await taskOf(api, 'inbox-undo-2', 'e2e-inbox-undo')];
    const status = async (id: string) => (await ok<Task>(await api.get(`/api/tasks/${id}`))).status;
    await login(page, 'manager');
    await page.getByTestId(`task-row-${first.id}`).click();
    await page.getByTestId('task-note').fill('не тот клиент');
    await page.getByTestId('outcome-lost').click();
    await expect(page.getByTestId('task-pending')).toContainText('Задача закроется с исходом «Отказ» через');
    await expect(page.getByTestId('task-pending')).toContainText('«не тот клиент»'); // the note goes with it
    await expect(page.getByTestId('outcome-won')).toBeDisabled();
    await page.getByTestId('task-undo').click();
    await expect(page.getByTestId('task-pending')).toHaveCount(0);
    await expect(page.getByTestId('task-note')).toHaveValue('не тот клиент');
    await page.waitForTimeout(6_000); // past the undo window: nothing was sent
    expect(await status(first.id)).toBe('open');
    await expect(page.getByTestId('outcome-won')).toBeEnabled();
    // chosen, then another task opened before the seconds ran out: the choice goes at once
    await page.getByTestId('outcome-won').click();
    await page.getByTestId(`task-row-${second.id}`).click();
    await expect.poll(() => status(first.id)).toBe('done');
    // left alone, the choice is sent when the seconds run out
    await page.getByTestId('outcome-lost').click();
    await expect(page.getByTestId('task-card')).toHaveAttribute('data-status', 'done');
    expect(await ok<{ outcome: string }>(await api.get(`/api/tasks/${second.id}`))).toMatchObject({ outcome: 'lost' });
    // decided: on to the next task that waits for a decision
    await page.getByTestId('task-next').click();
    await expect(page.getByTestId('task-card')).toHaveAttribute('data-status', 'open');
    expect(page.url()).not.toContain(second.id);
    // chosen and then logged out at once: it is sent before the session ends
    const third = decodeURIComponent(page.url().split('/inbox/')[1]);
    await page.getByTestId('outcome-won').click();
    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(/#\/login$/);
    expect(await status(third)).toBe('done');
  });

  test('an outcome chosen and the tab closed within the undo seconds is still sent', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-close', 'e2e.inbox.close', 'P1D', [{ id: 'won', label: 'Купил' }, { id: 'lost', label: 'Отказ' }]);
    await ok(await api.post('/api/contacts', { data: { id: 'inbox-close-1', attributes: { firstName: 'Закрыла' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.close', contactId: 'inbox-close-1' } }));
    const task = await taskOf(api, 'inbox-close-1', 'e2e-inbox-close');
    await login(page, 'manager');
    await page.getByTestId(`task-row-${task.id}`).click();
    await page.getByTestId('outcome-won').click();
    await expect(page.getByTestId('task-pending')).toBeVisible();
    // the tab is closed as a person closes it (the browser says it is being left)
    await page.close({ runBeforeUnload: true });
    await expect.poll(async () => (await ok<Task>(await api.get(`/api/tasks/${task.id}`))).status).toBe('done');
  });

  test('a marketer sees every team’s tasks with whose each is, and can narrow them to their own', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-teams', 'e2e.inbox.teams', 'P1D');
    await ok(await api.post('/api/contacts', { data: { id: 'inbox-teams', attributes: { firstName: 'Команда' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.teams', contactId: 'inbox-teams' } }));
    const task = await taskOf(api, 'inbox-teams', 'e2e-inbox-teams');

    await login(page, 'marketer');
    await page.goto('/#/inbox');
    await expect(page.getByTestId('inbox-scope-everyone')).toHaveAttribute('aria-selected', 'true');
    // the service team's task went to Oleg, its only member: the row says so
    await expect(page.getByTestId(`task-whose-${task.id}`)).toHaveText('Олег Менеджер');
    // «mine»: nothing for a marketer, and the empty list says where the managers' tasks are
    await page.getByTestId('inbox-scope-mine').click();
    await expect(page.getByTestId(`task-row-${task.id}`)).toHaveCount(0);
    await expect(page.getByTestId('inbox')).toContainText('Задачи менеджеров — во вкладке «Все команды»');
    await ok(await api.post(`/api/tasks/${task.id}/complete`, { data: { outcome: 'done' } }));
  });

  test('a manager’s list says which of the role’s tasks a colleague has taken', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-colleague', 'e2e.inbox.colleague', 'P1D');
    await ok(await api.post('/api/contacts', { data: { id: 'inbox-colleague', attributes: { firstName: 'Коллега' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.colleague', contactId: 'inbox-colleague' } }));
    const task = await taskOf(api, 'inbox-colleague', 'e2e-inbox-colleague');
    const kolya = await colleague(api);
    await ok(await api.post(`/api/tasks/${task.id}/assign`, { data: { userId: kolya.id } }));

    // the page asks the server for nothing a manager may not read (the console stays clean)
    const refused: string[] = [];
    page.on('response', (r) => void (r.status() === 403 && refused.push(`${r.request().method()} ${new URL(r.url()).pathname}`)));
    await login(page, 'manager');
    await expect(page.getByTestId(`task-row-${task.id}`)).toBeVisible();
    await expect(page.getByTestId(`task-whose-${task.id}`)).toHaveText('у коллеги: Коля Коллега');
    await page.getByTestId(`task-row-${task.id}`).click();
    await expect(page.getByTestId('task-card')).toContainText('Задача назначена коллеге: Коля Коллега.');
    // deciding it for him is said before the click, and the closed card says who decided
    await expect(page.getByTestId('task-colleague-warning')).toContainText('Это задача коллеги (Коля Коллега). Итог запишется от вашего имени');
    await page.getByTestId('outcome-done').click();
    await page.getByTestId('task-commit-now').click();
    await expect(page.getByTestId('task-outcome')).toContainText('решение: Олег Менеджер');
    await expect(page.getByTestId('task-colleague-warning')).toHaveCount(0);
    // and the list of done tasks says who decided it, not whose it was
    await page.getByTestId('inbox-filter-done').click();
    await expect(page.getByTestId(`task-closed-by-${task.id}`)).toHaveText('решение: Олег Менеджер');
    expect(refused).toEqual([]);
  });

  test('a deal closed by phone: the manager enters its amount with the outcome that counts as a sale, and it is the funnel\'s revenue', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-deal', 'e2e.inbox.deal', 'P1D', [{ id: 'won', label: 'Купил', goal: true }, { id: 'lost', label: 'Отказ' }]);
    await ok(await api.post('/api/contacts', { data: { id: 'inbox-deal', attributes: { firstName: 'Сделка' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.deal', contactId: 'inbox-deal' } }));
    const task = await taskOf(api, 'inbox-deal', 'e2e-inbox-deal');

    await login(page, 'manager');
    await page.getByTestId(`task-row-${task.id}`).click();
    const amount = page.getByTestId('task-amount');
    await expect(page.locator('.ls-task-amount')).toContainText('Сумма сделки, ₽ — для исхода «Купил»');
    await amount.fill('-5');
    await expect(page.locator('.ls-task-amount')).toContainText('Введите сумму числом, не меньше нуля');
    await expect(page.getByTestId('outcome-won')).toBeDisabled();
    await amount.fill('29 900,50');
    // «Отказ» is no sale: the amount would not be recorded, and the banner says so before anything is sent
    await page.getByTestId('outcome-lost').click();
    await expect(page.getByTestId('task-pending')).toContainText('сумма не запишется: «Отказ» — не продажа');
    await page.getByTestId('task-undo').click();
    await page.getByTestId('outcome-won').click();
    await expect(page.getByTestId('task-pending')).toContainText(/29\s900,5/);
    await page.getByTestId('task-commit-now').click();
    await expect(page.getByTestId('task-outcome')).toContainText('«Купил»');
    await expect(page.getByTestId('toast')).toContainText('Сделка: Купил — готово'); // whose, since the next client may be open by then
    await expect(page.getByTestId('task-amount-shown')).toHaveText(/29\s900,50?\s₽/);
    await expect(amount).toHaveCount(0);
    const stats = await ok<{ goals: { node: string; name: string; revenue: number }[] }>(await api.get('/api/funnels/e2e-inbox-deal/stats'));
    expect(stats.goals).toEqual([expect.objectContaining({ node: 'call', name: 'won', revenue: 29_900.5 })]);
    // the contact page lists the task with its amount
    await page.getByTestId('task-contact-link').click();
    await expect(page.getByTestId(`contact-task-${task.id}`)).toContainText(/Купил · 29\s900,50?\s₽/);
    await expect(page.getByTestId(`contact-task-by-${task.id}`)).toHaveText(' · Олег Менеджер'); // who decided it
    // and among her orders, as the manager's deal (the customer figures count the same money)
    await expect(page.getByTestId(`order-task:${task.id}`)).toContainText(/сделка менеджера\s*29\s900,50?\s₽/);
    // recorded under its task, not a made-up order number: it links to the task
    const link = page.getByTestId(`order-task:${task.id}`).getByTestId('order-task');
    await expect(link).toHaveText('по задаче менеджера');
    await expect(link).toHaveAttribute('href', `#/inbox/${encodeURIComponent(task.id)}`);
    // the marketer sees the deal among the goals by its button's words, and the funnel counts it once
    await login(page, 'marketer');
    await expect(page.getByTestId('funnel-converted-e2e-inbox-deal')).toHaveText('1');
    // with the share of those who entered and the money it brought
    await expect(page.getByTestId('funnel-conversion-e2e-inbox-deal')).toHaveText(/^100\s%$/);
    await expect(page.getByTestId('funnel-revenue-e2e-inbox-deal')).toHaveText(/29\s900,50?\s₽/);
    await page.goto('/#/funnels/e2e-inbox-deal');
    await page.getByTestId('tab-analytics').click();
    await expect(page.getByTestId('goals-table')).toContainText(/Купил\s*call\s*1\s*29\s900,50?\s₽/);
    // the node given a name on the canvas: the table says where by that name
    const { draft } = await ok<{ draft: { nodes: { id: string; label?: string }[] } }>(await api.get('/api/funnels/e2e-inbox-deal'));
    await ok(await api.put('/api/funnels/e2e-inbox-deal', { data: { ...draft, nodes: draft.nodes.map((n) => (n.id === 'call' ? { ...n, label: 'Звонок менеджера' } : n)) } }));
    await page.reload();
    await page.getByTestId('tab-analytics').click();
    await expect(page.getByTestId('goal-node')).toHaveText('Звонок менеджера');
    // and what a conversion is here, by the button's words too, not by the exit's id
    await expect(page.getByTestId('analytics-total')).toContainText('цели вне этапов (Купил)');
  });

  test('a deal closed after the due time: the overdue task still takes its outcome once, and the sale counts', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-late', 'e2e.inbox.late', 'PT1H', [{ id: 'won', label: 'Купил', goal: true }, { id: 'lost', label: 'Отказ' }], true);
    await ok(await api.post('/api/contacts', { data: { id: 'inbox-late-deal', attributes: { firstName: 'Опоздавший' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.late', contactId: 'inbox-late-deal' } }));
    await ok(await api.post('/api/clock/advance', { data: { by: 'PT2H' } }));
    const task = await taskOf(api, 'inbox-late-deal', 'e2e-inbox-late');
    expect(task.status).toBe('overdue');

    await login(page, 'manager');
    // still among the open tasks, which wait for a decision (as well as under «Просроченные»)
    await expect(page.getByTestId(`task-row-${task.id}`)).toBeVisible();
    await page.getByTestId('inbox-filter-overdue').click();
    await page.getByTestId(`task-row-${task.id}`).click();
    await expect(page.getByTestId('task-late-hint')).toContainText('воронка уже пошла по ветке «просрочено»');
    await page.getByTestId('task-note').fill('купил через неделю');
    await page.getByTestId('task-amount').fill('49000');
    await page.getByTestId('outcome-won').click();
    await page.getByTestId('task-commit-now').click();
    await expect(page.getByTestId('task-outcome')).toContainText('Итог после срока: «Купил»');
    await expect(page.getByTestId('task-amount-shown')).toHaveText(/49\s000\s₽/);
    await expect(page.getByTestId('task-late-hint')).toHaveCount(0);
    await expect(page.getByTestId('outcome-lost')).toBeDisabled();
    await expect(page.getByTestId(`task-row-${task.id}`)).toContainText('Купил');
    const stats = await ok<{ goals: { node: string; name: string; revenue: number }[] }>(await api.get('/api/funnels/e2e-inbox-late/stats'));
    expect(stats.goals).toEqual([expect.objectContaining({ node: 'call', name: 'won', revenue: 49_000 })]);
    await page.getByTestId('task-contact-link').click();
    await expect(page.getByTestId(`contact-task-${task.id}`)).toContainText(/Купил \(после срока\) · 49\s000\s₽/);
  });

  test('on a phone the inbox fits the screen: the list, then the chosen task full width with a way back', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-phone', 'e2e.inbox.phone', 'P1D', [{ id: 'won', label: 'Купил курс', goal: true }, { id: 'lost', label: 'Отказ' }, { id: 'later', label: 'Перезвонить позже' }]);
    await ok(await api.post('/api/contacts', { data: { id: 'inbox-phone', attributes: { firstName: 'Константин', lastName: 'Константинопольский', phone: '+79267778899' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.phone', contactId: 'inbox-phone' } }));
    const task = await taskOf(api, 'inbox-phone', 'e2e-inbox-phone');

    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, 'manager');
    const fits = () => page.evaluate(() => [document.documentElement.scrollWidth, document.querySelector('.content')!.scrollWidth, window.innerWidth]);
    const row = page.getByTestId(`task-row-${task.id}`);
    await expect(row).toBeVisible();
    let [doc, content, width] = await fits();
    expect(doc).toBeLessThanOrEqual(width);
    expect(content).toBeLessThanOrEqual(width);
    // every filter and the log-out button are on screen
    for (const id of ['inbox-filter-all', 'logout']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(width);
    }

    await row.click();
    await expect(page.getByTestId('task-card')).toBeVisible();
    await expect(row).toBeHidden();
    [doc, content, width] = await fits();
    expect(doc).toBeLessThanOrEqual(width);
    expect(content).toBeLessThanOrEqual(width);
    const won = (await page.getByTestId('outcome-won').boundingBox())!;
    expect(won.x + won.width).toBeLessThanOrEqual(width);
    // the sale stands out from the other outcomes: not look-alike buttons side by side to mis-tap
    const look = (id: string) => page.getByTestId(id).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await look('outcome-won')).not.toBe(await look('outcome-lost'));
    expect(await look('outcome-lost')).toBe(await look('outcome-later'));
    // the number to call is on top, above the outcome buttons, and dials
    await expect(page.getByTestId('task-reach').locator('a')).toHaveAttribute('href', 'tel:+79267778899');
    await expect(page.getByTestId('task-reach').locator('a')).toHaveText('☎ +7 926 777-88-99'); // grouped as people read it
    expect((await page.getByTestId('task-reach').boundingBox())!.y).toBeLessThan(won.y);
    await page.getByTestId('outcome-later').click();
    await page.getByTestId('task-commit-now').click();
    await expect(page.getByTestId('task-outcome')).toContainText('«Перезвонить позже»');
    await page.getByTestId('inbox-back').click();
    await expect(page.getByTestId('task-card')).toBeHidden();
    await expect(page.getByTestId('inbox-filter-open')).toBeVisible();
  });

  test('a manager sees their team’s queue, or only the tasks given to them', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-scope', 'e2e.inbox.scope', 'P1D');
    for (const id of ['inbox-scope-1', 'inbox-scope-2']) {
      await ok(await api.post('/api/contacts', { data: { id, attributes: { firstName: 'Очередь' } } }));
      await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.scope', contactId: id } }));
    }
    const [mine, theirs] = [await taskOf(api, 'inbox-scope-1', 'e2e-inbox-scope'), await taskOf(api, 'inbox-scope-2', 'e2e-inbox-scope')];
    const oleg = (await ok<{ id: string; email: string }[]>(await api.get('/api/users'))).find((u) => u.email === 'manager@voronka.local')!;
    const kolya = await colleague(api);
    await ok(await api.post(`/api/tasks/${mine.id}/assign`, { data: { userId: oleg.id } }));
    await ok(await api.post(`/api/tasks/${theirs.id}/assign`, { data: { userId: kolya.id } }));

    await login(page, 'manager');
    await expect(page.getByTestId('inbox-scope-everyone')).toHaveText('Моя команда');
    await expect(page.getByTestId('inbox-scope-everyone')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId(`task-row-${mine.id}`)).toBeVisible();
    await expect(page.getByTestId(`task-row-${theirs.id}`)).toBeVisible();
    await page.getByTestId('inbox-scope-mine').click();
    await expect(page.getByTestId(`task-row-${mine.id}`)).toBeVisible();
    await expect(page.getByTestId(`task-row-${theirs.id}`)).toHaveCount(0);
    for (const t of [mine, theirs]) await ok(await api.post(`/api/tasks/${t.id}/complete`, { data: { outcome: 'done' } }));
  });

  test('a task past its due time is overdue on the contact page too, as the inbox says', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-contact-late', 'e2e.inbox.contactlate', 'P1D');
    await ok(await api.post('/api/contacts', { data: { id: 'inbox-contact-late', attributes: { firstName: 'Опоздавшая' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.contactlate', contactId: 'inbox-contact-late' } }));
    const task = await taskOf(api, 'inbox-contact-late', 'e2e-inbox-contact-late');
    try {
      await login(page, 'marketer');
      await page.goto('/#/contacts/inbox-contact-late');
      const row = page.getByTestId(`contact-task-${task.id}`);
      await expect(row).toContainText('открыта');
      await expect(row).toContainText('срок через 1 день');
      // three days on (the server's clock): the task is still open, but its due time has passed
      await ok(await api.post('/api/clock/advance', { data: { by: 'P3D' } }));
      expect((await taskOf(api, 'inbox-contact-late', 'e2e-inbox-contact-late')).overdue).toBe(true);
      await page.reload();
      await expect(row).toContainText('просрочено');
      await expect(row).not.toContainText('открыта');
      await expect(row).toContainText('срок 2 дня назад');
      await page.goto(`/#/inbox/${task.id}`);
      await expect(page.getByTestId('task-card')).toContainText('просрочено');
    } finally {
      await ok(await api.post(`/api/tasks/${task.id}/complete`, { data: { outcome: 'done' } }));
    }
  });
});

test.describe('inbox: orders', () => {
  test('a client who paid after the task was set: the task says so before the manager calls, and lists the orders', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-paid', 'e2e.inbox.paid', 'P1D', [{ id: 'won', label: 'Купил', goal: true }, { id: 'lost', label: 'Отказ' }]);
    await ok(await api.post('/api/contacts', { data: { id: 'inbox-paid', attributes: { firstName: 'Оплатила' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.paid', contactId: 'inbox-paid' } }));
    const task = await taskOf(api, 'inbox-paid', 'e2e-inbox-paid');
    await login(page, 'manager');
    await page.getByTestId(`task-row-${task.id}`).click();
    await expect(page.getByTestId('outcome-won')).toBeVisible();
    await expect(page.getByTestId('task-paid-since')).toHaveCount(0);
    // she pays on the site ten minutes later
    await ok(await api.post('/api/clock/advance', { data: { by: 'PT10M' } }));
    await ok(await api.post('/api/orders', { data: { id: 'inbox-paid-1', contactId: 'inbox-paid', sku: 'PY-PRO', amount: 59_900 } }));
    await expect(page.getByTestId('task-paid-since')).toContainText(/Клиент уже оплатил после того, как задачу поставили: PY-PRO — 59\s900\s₽/);
    await expect(page.getByTestId('task-orders')).toContainText(/PY-PRO — 59\s900\s₽.*оплачен/);
    // a payment that comes as an event of its own (a SaaS subscription), not as an order, is said too
    await ok(await api.post('/api/events', { data: { type: 'subscription.paid', contactId: 'inbox-paid', data: { amount: 90_000 } } }));
    await expect(page.getByTestId('task-paid-since')).toContainText(/PY-PRO — 59\s900\s₽.*; оплата \(subscription\.paid\) — 90\s000\s₽/);
    // and the contact's page lists that payment beside her orders (the API says it too)
    expect((await ok<{ payments?: { type: string; amount: number }[] }>(await api.get('/api/contacts/inbox-paid'))).payments).toEqual([expect.objectContaining({ type: 'subscription.paid', amount: 90_000 })]);
    await page.goto('/#/contacts/inbox-paid');
    await expect(page.getByTestId('contact-payments')).toContainText(/оплата \(subscription\.paid\) — 90\s000\s₽/);
  });

  test('the card names the customer\'s segments as the contact page does, and sums up what they paid', async ({ page, api }) => {
    await taskFunnel(api, 'e2e-inbox-segments', 'e2e.inbox.segments', 'P1D');
    await ok(await api.post('/api/contacts', { data: { id: 'inbox-segments', attributes: { firstName: 'Нина' }, segments: ['vip'] } }));
    // two paid orders make her a repeat buyer; a refunded one is no payment
    for (const [id, amount, status] of [['inbox-seg-1', 1200, 'paid'], ['inbox-seg-2', 3800, 'paid'], ['inbox-seg-3', 999, 'refunded']] as const)
      await ok(await api.post('/api/orders', { data: { id, contactId: 'inbox-segments', amount, status } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.inbox.segments', contactId: 'inbox-segments' } }));
    const task = await taskOf(api, 'inbox-segments', 'e2e-inbox-segments');
    try {
      await login(page, 'manager');
      await page.getByTestId(`task-row-${task.id}`).click();
      const badges = page.getByTestId('task-segments').getByTestId('contact-segment');
      await expect(badges).toHaveText(['vip', 'Активные покупатели', 'Повторные покупатели', 'Перспективные']);
      await expect(badges.nth(3)).toHaveAttribute('title', 'lifecycle:active-repeat: последняя оплата меньше 90 дн. назад, оплаченных заказов: 2–3');
      await expect(page.getByTestId('task-orders-summary')).toHaveText(/^Оплаченных заказов: 2, всего 5\s000\s₽$/);
    } finally {
      await ok(await api.post(`/api/tasks/${task.id}/complete`, { data: { outcome: 'done' } }));
    }
  });
});
