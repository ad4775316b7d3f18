import { delayRow, expect, freshFunnel, login, newFunnel, ok, screen, settledCentre, test } from './fixtures.ts';

test.describe('editor details', () => {
  test.beforeEach(async ({ api }) => {
    await freshFunnel(api, 'e2e-editor', 'E2E editor');
  });

  test('renaming a node in the inspector keeps it selected', async ({ page }) => {
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    await page.getByTestId('palette-message').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 300, y: 120 } });
    const inspector = page.getByTestId('inspector');
    await expect(inspector).toHaveAttribute('data-node', 'message_1');
    const id = inspector.locator('input[name="id"]');
    await id.fill('hello');
    await id.press('Enter');
    await expect(page.getByTestId('node-hello')).toBeVisible();
    // the inspector stays on the renamed node, so its other fields can be edited next
    await expect(inspector).toHaveAttribute('data-node', 'hello');
    await expect(inspector.locator('input[name="id"]')).toHaveValue('hello');
    // a new message is a marketing one, and the card says so (a thank-you for a request is unticked to reach everyone)
    await expect(page.getByTestId('message-marketing-hello')).toHaveText('(маркетинговое)');
    await expect(page.getByTestId('message-marketing-hello')).toHaveAttribute('title', /только тем, кто дал согласие/);
    await inspector.locator('input[name="marketing"]').uncheck();
    await expect(page.getByTestId('message-marketing-hello')).toHaveCount(0);
    await expect(page.getByTestId('node-hello')).toContainText('(сервисное)');
  });

  test('live validation runs in a worker and follows each edit', async ({ page, api }) => {
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [{ id: 'lonely', type: 'delay', position: { x: 320, y: 0 }, data: { for: 'P1D' } }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    // nothing leads to the delay: the validator says so on the node
    await expect(page.getByTestId('node-issues-lonely')).toBeVisible();
    expect(page.workers().map((w) => w.url()).some((u) => /validate\.worker/.test(u))).toBe(true);
    await page.getByTestId('node-lonely').click();
    // a field's own error is in the UI's language (Russian here)
    await page.getByTestId('inspector').locator('input[name="for"]').fill('abc');
    await expect(page.getByTestId('error-for')).toContainText('«abc» — не длительность; пишите так: 30 мин, 3 дня'); // in words, as the field takes them
    await page.getByTestId('inspector').locator('input[name="for"]').fill('P2D');
    await expect(page.getByTestId('error-for')).toHaveCount(0);
    const id = page.getByTestId('inspector').locator('input[name="id"]');
    await id.fill('renamed');
    await id.press('Enter');
    // the edited document is checked again (in the worker): the issue now names the new node
    await expect(page.getByTestId('node-issues-renamed')).toBeVisible();
    await expect(page.getByTestId('node-issues-lonely')).toHaveCount(0);
  });

  test('renaming an outcome keeps the connection leaving by it', async ({ page, api }) => {
    const call = { id: 'call', type: 'handoff', position: { x: 320, y: 0 }, data: { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Купил' }, { id: 'lost', label: 'Отказ' }] } };
    const done = { id: 'done', type: 'exit', position: { x: 640, y: 0 }, data: {} };
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [call, done], [{ id: 'e-start', source: 'start', target: 'call' }, { id: 'e-won', source: 'call', exit: 'won', target: 'done' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    await page.getByTestId('node-call').click();
    const outcome = page.getByTestId('inspector').locator('input[name="outcomes.0.id"]');
    await outcome.fill('booked');
    await outcome.press('Enter');
    await expect(page.getByTestId('handle-call-booked')).toBeVisible();
    // the edge is still there, now leaving by the renamed exit, and the change is saved
    await expect(page.getByTestId('rf__edge-e-won')).toHaveCount(1);
    await expect
      .poll(async () => (await (await api.get('/api/funnels/e2e-editor')).json()).draft.edges)
      .toContainEqual({ id: 'e-won', source: 'call', exit: 'booked', target: 'done' });
  });

  test('a new outcome typed and then ticked as a conversion is ticked: the id\'s hint floats, so the box does not move from under the click', async ({ page, api }) => {
    const call = { id: 'call', type: 'handoff', position: { x: 320, y: 0 }, data: { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'later', label: 'Купит позже' }] } };
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [call], [{ id: 'e-start', source: 'start', target: 'call' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    await page.getByTestId('node-call').click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByTestId('outcome-add').click();
    await inspector.locator('input[name="outcomes.1.label"]').fill('Оплатил');
    await expect(inspector.locator('input[name="outcomes.1.id"]')).toHaveValue('oplatil'); // made from the words until one is typed
    await inspector.locator('input[name="outcomes.1.id"]').fill('paid');
    await expect(inspector.getByTestId('exit-id-hint-outcomes.1.id')).toBeVisible();
    const box = inspector.locator('input[name="outcomes.1.goal"]');
    await box.click();
    await expect(box).toBeChecked();
    await expect(inspector.getByTestId('exit-id-hint-outcomes.1.id')).toHaveCount(0);
    await expect
      .poll(async () => (await (await api.get('/api/funnels/e2e-editor')).json()).draft.nodes.find((n: { id: string }) => n.id === 'call').data.outcomes[1])
      .toEqual({ id: 'paid', label: 'Оплатил', goal: true });
  });

  test('a node added from the palette can be undone and redone', async ({ page }) => {
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    await expect(page.locator('.react-flow__node')).toHaveCount(1);
    // a click adds the node after the selected one, joined to its free exit
    await page.getByTestId('node-start').click();
    await page.getByTestId('palette-delay').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(2);
    await expect(page.getByTestId('rf__edge-e-start-next')).toHaveCount(1);
    await page.getByTestId('undo').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(1);
    await page.getByTestId('redo').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(2);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  });

  test('an edge is moved to another node by dragging its end', async ({ page, api }) => {
    const id = 'e2e-reconnect';
    await freshFunnel(
      api,
      id,
      'E2E reconnect',
      [
        { id: 'a', type: 'delay', position: { x: 400, y: -120 }, data: { for: 'P1D' } },
        { id: 'b', type: 'delay', position: { x: 400, y: 220 }, data: { for: 'P2D' } },
      ],
      [{ id: 'e1', source: 'start', target: 'a' }],
    );
    await login(page, 'marketer');
    await page.goto(`/#/funnels/${id}`);
    const edge = page.getByTestId('rf__edge-e1');
    // only the edge under the pointer (or selected) has draggable ends
    await expect(page.locator('.react-flow__edgeupdater')).toHaveCount(0);
    await edge.locator('.react-flow__edge-interaction').hover();
    const end = edge.locator('.react-flow__edgeupdater-target');
    await expect(end).toHaveCount(1);
    await end.dragTo(page.getByTestId('handle-b-in'));
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
    const draft = (await ok<{ draft: { edges: { source: string; target: string }[] } }>(await api.get(`/api/funnels/${id}`))).draft;
    expect(draft.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['start->b']);
  });

  test("a message is sent as a test from the inspector, with the latest edit, to the dev outbox when no channel is set up", async ({ page, api }, info) => {
    const id = 'e2e-test-send';
    await freshFunnel(
      api,
      id,
      'E2E test send',
      [{ id: 'hello', type: 'message', position: { x: 400, y: 0 }, data: { channel: 'email', subject: 'Привет', body: 'Здравствуйте, {{contact.firstName}}!' } }],
      [{ id: 'e1', source: 'start', target: 'hello' }],
    );
    // a contact attribute the base has is offered as a variable
    await ok(await api.post('/api/contacts', { data: { id: 'e2e-kazan', attributes: { firstName: 'Ильдар', city: 'Казань' } } }));
    await login(page, 'marketer');
    await page.goto(`/#/funnels/${id}`);
    await page.getByTestId('node-hello').click();
    // one set of variable chips per form, under the body until another field is chosen
    await expect(page.getByTestId('var-body-contact.city')).toBeVisible();
    await expect(page.getByTestId('var-subject-contact.city')).toHaveCount(0);
    await page.getByTestId('vars-open-subject').click();
    await expect(page.getByTestId('var-subject-contact.city')).toBeVisible();
    await expect(page.getByTestId('var-body-contact.city')).toHaveCount(0);
    await expect(page.getByTestId('vars-open-body')).toBeVisible();
    // no email channel on this server: the inspector says where its messages go
    await expect(page.getByTestId('channel-not-configured')).toContainText('никуда не уйдут, их можно прочитать на странице «Сообщения»');
    const box = page.getByTestId('test-send');
    // the sender's own address is offered
    await expect(box.getByTestId('test-send-to')).toHaveValue('marketer@voronka.local');
    // an edit made just now is saved before the test goes out
    await page.getByTestId('inspector').locator('[name="subject"]').fill('Привет, {{contact.firstName}}');
    // the preview follows the edit, filled in with the sender's name, the email drawn as it will look
    await expect(box.getByTestId('message-preview-subject')).toHaveText('Привет, Марина');
    await expect(page.frameLocator('[data-testid="message-preview-body"]').locator('body')).toHaveText('Здравствуйте, Марина!');
    await expect(box.getByTestId('message-preview-empty')).toHaveCount(0);
    // a variable that would print as nothing is named, event data with a word on where it comes from
    await page.getByTestId('inspector').locator('[name="subject"]').fill('Привет из {{contact.city}}, {{event.data.link}}');
    await expect(box.getByTestId('message-preview-empty')).toContainText('Пусто у этого контакта: {{contact.city}} — в сообщении на её месте');
    await expect(box.getByTestId('message-preview-empty')).toContainText('Нет в примере данных события: {{event.data.link}}');
    await expect(box.getByTestId('message-preview-empty')).toContainText('из события, с которого контакт вошёл');
    // city is an attribute the base has (Ильдар's): not a typo; a misspelt one is said to be unknown
    await expect(box.getByTestId('message-preview-unknown')).toHaveCount(0);
    await page.getByTestId('inspector').locator('[name="subject"]').fill('Привет, {{contact.fistName}}');
    await expect(box.getByTestId('message-preview-unknown')).toContainText('Ни у одного контакта нет атрибута {{contact.fistName}} — нет ли опечатки?');
    // a variable this message cannot have (a stage's product in a plain message) is the field's error, not "empty for this contact"
    await page.getByTestId('inspector').locator('[name="subject"]').fill('Цена: {{product.priceText}}');
    await expect(page.getByTestId('error-subject')).toContainText('product.priceText');
    await expect(box.getByTestId('message-preview-empty')).toHaveCount(0);
    await page.getByTestId('inspector').locator('[name="subject"]').fill('Привет из {{contact.city}}, {{event.data.link}}');
    // an example of the event's data is typed in: the preview uses it, and so does the test sent below
    await box.getByTestId('test-event-data').locator('input[name="event.data.link"]').fill('https://example.com/w');
    await expect(box.getByTestId('message-preview-subject')).toHaveText('Привет из , https://example.com/w');
    // the example is kept in this browser: another tab on the same funnel has it
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.getByTestId('node-hello').click();
    await expect(other.getByTestId('test-event-data').locator('input[name="event.data.link"]')).toHaveValue('https://example.com/w');
    await other.close();
    await expect(box.getByTestId('message-preview-empty')).toContainText('{{contact.city}}');
    await expect(box.getByTestId('message-preview-empty')).not.toContainText('event.data.link');
    await page.getByTestId('inspector').locator('[name="subject"]').fill('Привет, {{contact.firstName}}: {{event.data.link}}');
    await box.getByTestId('test-send-contact').fill('ghost');
    await expect(box.getByTestId('message-preview')).toContainText('контакта «ghost» нет');
    await box.getByTestId('test-send-contact').fill('');
    await box.getByTestId('test-send-go').click();
    const result = box.getByTestId('test-send-result');
    await expect(result).toHaveAttribute('data-status', 'dev');
    await expect(result).toContainText('никуда не ушло, оно на странице «Сообщения»');
    await expect(result).toContainText('Привет, Марина: https://example.com/w');
    await box.scrollIntoViewIfNeeded();
    await screen(page, info, '24-test-send');
    // the example of the event's data is kept for the funnel (other messages, a reload)
    await page.reload();
    await page.getByTestId('node-hello').click();
    await expect(page.getByTestId('test-send').getByTestId('test-event-data').locator('input[name="event.data.link"]')).toHaveValue('https://example.com/w');
    const outbox = await ok<{ runId: string; node: string; payload: { subject: string; to: string } }[]>(await api.get('/api/outbox'));
    expect(outbox.find((m) => m.runId === 'test' && m.node === 'hello')?.payload).toMatchObject({ subject: 'Привет, Марина: https://example.com/w', to: 'marketer@voronka.local' });
    // the Messages page lists it as a test, to the address it went to
    await page.goto('/#/messages');
    const row = page.locator('[data-testid="contact-message"][data-test="true"][data-node="hello"]').first();
    await expect(row).toContainText('тест');
    await expect(row).toContainText('marketer@voronka.local');
  });

  test('a node is found on the canvas by its text and brought into view', async ({ page }) => {
    await login(page, 'marketer');
    await page.goto('/#/funnels/classic');
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    const dots = () => page.getByTestId('canvas-dots').evaluate((el) => (el as HTMLElement).style.transform);
    const dotsAtOpen = await dots();
    expect(dotsAtOpen).toMatch(/^translate\(/);
    await page.keyboard.press('Control+f');
    const search = page.getByTestId('canvas-search');
    await expect(search).toBeFocused();
    // words from a product name, in any case and order
    await search.fill('ВЕБИНАР бесплатный');
    const count = page.getByTestId('canvas-search-count');
    await expect(count).toHaveAttribute('data-hits', '1');
    await expect(count).toHaveText('Найдено: 1 · Enter — к первому');
    await expect(page.getByTestId('node-offer')).not.toHaveClass(/ed-dim/);
    await expect(page.getByTestId('node-start')).toHaveClass(/ed-dim/);
    await search.press('Enter');
    await expect(count).toHaveText('1 из 1 · Enter — следующий');
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-node', 'offer');
    await expect(page.getByTestId('node-offer')).toBeInViewport();
    // the dotted grid moved with the canvas
    await expect.poll(dots).not.toBe(dotsAtOpen);
    // an event name finds the node that starts on it
    await search.fill('lead.created');
    await expect(count).toHaveAttribute('data-hits', '1');
    await expect(page.getByTestId('node-start')).not.toHaveClass(/ed-dim/);
    await search.fill('нет-такого');
    await expect(count).toHaveAttribute('data-hits', '0');
    await search.press('Escape');
    await expect(count).toHaveCount(0);
    await expect(page.locator('.ed-node.ed-dim')).toHaveCount(0);
  });

  test('pausing says what it does; resuming says how many timers moved on; the contact page shows the run is held', async ({ page, api }, info) => {
    const id = 'e2e-pause';
    await newFunnel(
      api,
      {
        id,
        name: 'Пауза (e2e)',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.pause.go', reentry: 'always' } },
          { id: 'wait', type: 'delay', position: { x: 320, y: 0 }, data: { for: 'P1D' } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'wait' }],
      },
      { publish: true },
    );
    for (const c of ['pause-1', 'pause-2']) await ok(await api.post('/api/contacts', { data: { id: c, attributes: { firstName: 'Пауза' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.pause.go', contactId: 'pause-1' } }));
    const runs = async (contactId: string) => (await (await api.get(`/api/runs?contactId=${contactId}&funnelId=${id}`)).json()) as { id: string; status: string }[];
    const [run] = await runs('pause-1');

    await login(page, 'marketer');
    await page.goto(`/#/funnels/${id}`);
    await page.getByTestId('funnel-pause').click();
    // the page asks (not the browser): what pausing does, and a button that says it
    const asked = page.getByTestId('confirm-dialog');
    await expect(asked.locator('h2')).toHaveText('Приостановить воронку?');
    await expect(asked).toContainText('Новые контакты в неё не войдут');
    await screen(page, info, '28-pause-confirm');
    await asked.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('funnel-status')).toHaveAttribute('data-status', 'paused');
    await expect(page.getByTestId('toast').last()).toContainText('приостановлена');

    // while paused: a new contact's event starts nothing; the waiting one is held
    await ok(await api.post('/api/events', { data: { type: 'e2e.pause.go', contactId: 'pause-2' } }));
    expect(await runs('pause-2')).toEqual([]);
    await ok(await api.post('/api/clock/advance', { data: { by: 'P2D' } }));
    await page.goto('/#/contacts/pause-1');
    await expect(page.getByTestId(`run-held-${run.id}`)).toBeVisible();

    await page.goto(`/#/funnels/${id}`);
    await page.getByTestId('funnel-resume').click();
    await expect(page.getByTestId('funnel-status')).toHaveAttribute('data-status', 'live');
    await expect(page.getByTestId('toast').last()).toContainText('Сдвинуто на время паузы: таймеров — 1');
    expect((await runs('pause-1'))[0].status).toBe('waiting');
  });

  test('copied nodes are pasted below the originals, not on top of them, and shown', async ({ page, api }) => {
    const msg = { id: 'hello', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'email', subject: 'Привет', body: 'Текст' } };
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [msg], [{ id: 'e1', source: 'start', target: 'hello' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    await expect(page.locator('.react-flow__node')).toHaveCount(2);
    await page.getByTestId('canvas').click({ position: { x: 600, y: 500 } });
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect(page.locator('.react-flow__node')).toHaveCount(4);
    await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
    for (const el of await page.locator('.react-flow__node.selected').all()) await expect(el).toBeInViewport();
    await expect
      .poll(async () => ((await (await api.get('/api/funnels/e2e-editor')).json()).draft.nodes as { id: string; position: { y: number } }[]).length)
      .toBe(4);
    const nodes = (await (await api.get('/api/funnels/e2e-editor')).json()).draft.nodes as { id: string; position: { x: number; y: number } }[];
    const copies = nodes.filter((n) => !['start', 'hello'].includes(n.id));
    // the copy of the group starts below it (its estimated height and a gap), the edge between them copied too
    for (const c of copies) expect(c.position.y).toBeGreaterThanOrEqual(150 + 80);
    expect((await (await api.get('/api/funnels/e2e-editor')).json()).draft.edges).toHaveLength(2);
  });

  test('a hand-off goes to a queue the workspace has (a typo is flagged) or to a user picked by name', async ({ page, api }, info) => {
    const call = { id: 'call', type: 'handoff', position: { x: 320, y: 0 }, data: { title: 'Позвонить', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Купил' }] } };
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [call], [{ id: 'e1', source: 'start', target: 'call' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    await page.getByTestId('node-call').click();
    const inspector = page.getByTestId('inspector');
    await expect(inspector.getByTestId('assignee-queue')).toContainText('Сотрудников в этой команде или с этой ролью: 1');
    // chosen by name from the workspace's roles and teams; the funnel keeps the id
    const role = inspector.getByTestId('assignee-role');
    await expect(role.locator('option:checked')).toHaveText('менеджер (manager) · сотрудников: 1');
    await role.selectOption({ label: 'продажи (sales) · сотрудников: 1' }); // the demo's teams in the UI's language
    await expect(inspector.getByTestId('assignee-queue')).toContainText(': 1');
    // the canvas names the team with its id, as the picker does (a team someone called «продажи» is another one)
    await expect(page.getByTestId('node-call')).toContainText('команда: продажи (sales)');
    // one to be set up later is typed, after «Другая…»; a typo says that nobody would see the tasks
    await role.selectOption({ label: 'Другая команда или роль…' });
    await inspector.locator('input[name="assignee.role"]').fill('salse');
    await expect(inspector.getByTestId('assignee-queue-empty')).toContainText('Ни у кого нет команды или роли «salse»');
    await expect(page.getByTestId('node-call')).toContainText('команда: salse');
    await screen(page, info, '25-handoff-queue-typo');
    // a specific user is chosen by name; the funnel keeps the id, the canvas shows the name
    await inspector.locator('select[name="assignee.kind"]').selectOption('user');
    const user = inspector.getByTestId('assignee-user');
    await user.selectOption({ label: 'Олег Менеджер · менеджер · продажи · сервис · страхование' });
    await expect(page.getByTestId('node-call')).toContainText('сотрудник: Олег Менеджер');
    const manager = (await ok<{ id: string; email: string }[]>(await api.get('/api/users'))).find((u) => u.email === 'manager@voronka.local')!;
    await expect
      .poll(async () => (await ok<{ draft: { nodes: { id: string; data: { assignee: unknown } }[] } }>(await api.get('/api/funnels/e2e-editor'))).draft.nodes.find((n) => n.id === 'call')?.data.assignee)
      .toEqual({ user: manager.id });
    // a user who no longer exists is shown as the funnel has it, and flagged
    await freshFunnel(api, 'e2e-editor', 'E2E editor', [{ ...call, data: { ...call.data, assignee: { user: 'u_gone' } } }], [{ id: 'e1', source: 'start', target: 'call' }]);
    await page.reload();
    await page.getByTestId('node-call').click();
    await expect(inspector.getByTestId('assignee-user')).toHaveValue('u_gone');
    await expect(inspector.getByTestId('assignee-user-missing')).toContainText('Такого сотрудника больше нет');
    // …and the live validation says so on the node: such a task would reach nobody, so it cannot be published
    await expect(page.getByTestId('node-call')).toHaveAttribute('data-errors', '1');
    await expect(page.getByTestId('node-issues-call')).toHaveAttribute('title', /нет пользователя «u_gone»: задачу никто не увидит/);
  });

  test('an exit with no edge says the run ends there, until it is connected', async ({ page, api }) => {
    const nodes = [
      { id: 'd', type: 'delay', position: { x: 320, y: 0 }, data: { for: 'P1D' } },
      { id: 'bye', type: 'exit', position: { x: 640, y: 0 }, data: {} },
    ];
    await freshFunnel(api, 'e2e-editor', 'E2E editor', nodes, [{ id: 'e1', source: 'start', target: 'd' }]);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    await expect(page.getByTestId('exit-open-d-next')).toHaveText('→ конец');
    await expect(page.getByTestId('exit-open-d-next')).toHaveAttribute('title', /здесь путь контакта заканчивается/);
    await expect(page.getByTestId('exit-open-start-next')).toHaveCount(0);
    const centre = (testId: string) => settledCentre(page, testId);
    const from = await centre('handle-d-next');
    const to = await centre('handle-bye-in');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 10 });
    await page.mouse.up();
    await expect(page.getByTestId('exit-open-d-next')).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('exit-open-d-next')).toBeVisible();
    // an exit dropped on its own node is refused, and the editor says why
    const own = await centre('handle-d-in');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(own.x, own.y, { steps: 10 });
    await page.mouse.up();
    await expect(page.getByTestId('toast').last()).toContainText('Шаг не может вести сам в себя');
    await expect(page.getByTestId('exit-open-d-next')).toBeVisible();
  });

  test('the shortcuts popover closes on Escape and on a click elsewhere', async ({ page }) => {
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    await page.getByTestId('help-toggle').click();
    await expect(page.getByTestId('help')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('help')).toHaveCount(0);
    await page.getByTestId('help-toggle').click();
    await expect(page.getByTestId('help')).toBeVisible();
    await page.getByTestId('canvas').click({ position: { x: 200, y: 300 } });
    await expect(page.getByTestId('help')).toHaveCount(0);
    // the side panel's tabs it covered work again
    await page.getByTestId('tab-issues').click();
    await expect(page.getByTestId('tab-issues')).toHaveClass(/on/);
    // the button itself still toggles it
    await page.getByTestId('help-toggle').click();
    await page.getByTestId('help-toggle').click();
    await expect(page.getByTestId('help')).toHaveCount(0);
  });

  test('a long, flat funnel opens at a readable zoom that shows several steps, not two at 100 %', async ({ page, api }) => {
    const { ids, nodes, edges } = delayRow(16, 'P1D');
    await freshFunnel(api, 'e2e-editor', 'E2E editor', nodes, edges);
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    await expect(page.getByTestId('node-start')).toBeInViewport();
    await page.waitForTimeout(300);
    const shown = async () => {
      const canvas = (await page.getByTestId('canvas').boundingBox())!;
      let n = 0;
      for (const id of ['start', ...ids]) {
        const b = (await page.getByTestId(`node-${id}`).boundingBox())!;
        if (b.x >= canvas.x && b.x + b.width <= canvas.x + canvas.width) n++;
      }
      return n;
    };
    expect(await shown()).toBeGreaterThanOrEqual(4);
  });

  test('no node opens under the search box: the fit keeps room at the top of the canvas', async ({ page, api }) => {
    // a long funnel as tall as the canvas: it opens at a readable zoom from its left edge, its top
    // row across the whole width
    const ids = Array.from({ length: 31 }, (_, i) => `d${i + 1}`);
    const grid = ids.map((id, i) => ({ id, type: 'delay', position: { x: 320 * ((i + 1) % 8), y: 240 * Math.floor((i + 1) / 8) }, data: { for: 'P1D' } }));
    await freshFunnel(api, 'e2e-editor', 'E2E editor', grid, ids.map((id, i) => ({ id: `e${i}`, source: i ? ids[i - 1] : 'start', target: id })));
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor');
    const search = page.getByTestId('canvas-search');
    await expect(page.getByTestId('node-d2')).toBeInViewport();
    await page.waitForTimeout(300);
    const overlaps = async () => {
      const box = (await search.boundingBox())!;
      const hit: string[] = [];
      for (const id of ['start', ...ids]) {
        const n = (await page.getByTestId(`node-${id}`).boundingBox())!;
        if (n.x < box.x + box.width && box.x < n.x + n.width && n.y < box.y + box.height && box.y < n.y + n.height) hit.push(id);
      }
      return hit;
    };
    await expect.poll(overlaps).toEqual([]);
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(400); // the fit is animated
    expect(await overlaps()).toEqual([]);
  });

  test('an old version opens read-only and can be restored as the draft (here the published one: nothing left unpublished)', async ({ page, api }, info) => {
    await freshFunnel(api, 'e2e-editor', 'Версия один', [{ id: 'wait', type: 'delay', position: { x: 320, y: 0 }, data: { for: 'P1D' } }], [{ id: 'e1', source: 'start', target: 'wait' }]);
    await ok(await api.post('/api/funnels/e2e-editor/publish', { data: { note: 'v1' } }));
    const f = await ok<{ draft: Record<string, unknown> }>(await api.get('/api/funnels/e2e-editor'));
    await ok(await api.put('/api/funnels/e2e-editor', { data: { ...f.draft, name: 'Версия два' } }));

    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-editor/versions/1');
    await expect(page.getByTestId('readonly-banner')).toBeVisible();
    await expect(page.getByTestId('funnel-name')).toHaveValue('Версия один');
    await expect(page.locator('[data-testid^="palette-"]')).toHaveCount(0);
    await page.getByTestId('tab-versions').click();
    await expect(page.getByTestId('version-when-1')).toContainText('публикация: Администратор'); // the key's owner published it
    await page.getByTestId('node-wait').click();
    // the inspector shows the settings, without the hints on how to edit them
    const inspector = page.getByTestId('inspector');
    await expect(inspector.locator('input[name="for"]')).toHaveValue('1 день');
    await expect(inspector).not.toContainText('Словами:');
    await expect(inspector).not.toContainText('Латиница, цифры');
    // its help lists only the shortcuts for looking, none for editing
    await page.getByTestId('help-toggle').click();
    await expect(page.getByTestId('help')).toContainText('Найти узел');
    await expect(page.getByTestId('help')).not.toContainText('Отменить');
    await expect(page.getByTestId('help')).not.toContainText('Удалить выбранное');
    await page.getByTestId('help-toggle').click();
    await screen(page, info, '27-version-read-only');
    await page.getByTestId('version-restore').click();
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('toast').last()).toContainText('Черновик заменён версией 1');
    await expect(page.getByTestId('funnel-name')).toHaveValue('Версия один');
    expect((await ok<{ name: string; draftChanged: boolean }>(await api.get('/api/funnels/e2e-editor')))).toMatchObject({ name: 'Версия один', draftChanged: false });
  });
});
