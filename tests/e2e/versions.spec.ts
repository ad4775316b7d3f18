import { expect, login, newFunnel, ok, screen, test, useLanguage } from './fixtures.ts';

const ID = 'e2e-versions';
const funnel = {
  id: ID,
  name: 'Вебинар по йоге',
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.versions.go' } },
    { id: 'invite', type: 'message', label: 'Приглашение', position: { x: 320, y: 0 }, data: { channel: 'email', subject: 'Вебинар в четверг', body: 'Ждём вас' } },
    { id: 'pause', type: 'delay', label: 'День на раздумье', position: { x: 640, y: 0 }, data: { for: 'P1D' } },
    { id: 'done', type: 'exit', position: { x: 960, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'invite' },
    { id: 'e2', source: 'invite', target: 'pause' },
    { id: 'e5', source: 'pause', target: 'done' },
  ],
};

test('publishing says what the draft changes against the live version; each version says what it changed', async ({ page, api }, info) => {
  await newFunnel(api, funnel);
  await useLanguage(page, 'ru');
  await login(page, 'marketer');
  await page.goto(`/#/funnels/${ID}`);
  // the first publish has nothing to compare with
  await page.getByTestId('publish-open').click();
  await expect(page.getByTestId('publish-first')).toContainText('Первая публикация');
  await page.getByTestId('publish-submit').click();
  await expect(page.getByTestId('publish-result')).toHaveAttribute('data-version', '1');
  await page.getByTestId('publish-result').getByRole('button').click();

  // a contact enters version 1 and waits a day
  await ok(await api.post('/api/contacts', { data: { id: 'versions-1', attributes: { firstName: 'Алсу', email: 'alsu@example.com' } } }));
  await ok(await api.post('/api/events', { data: { type: 'e2e.versions.go', contactId: 'versions-1' } }));

  // the draft changes: a new subject, a reminder before the end, a node moved
  const { draft } = await ok<{ draft: typeof funnel }>(await api.get(`/api/funnels/${ID}`));
  await ok(
    await api.put(`/api/funnels/${ID}`, {
      data: {
        ...draft,
        settings: { quietHours: { from: '21:00', to: '09:00' } },
        nodes: [
          ...draft.nodes.map((n) =>
            n.id === 'invite' ? { ...n, data: { ...n.data, subject: 'Вебинар в пятницу' } } : n.id === 'pause' ? { ...n, data: { for: 'P2D' } } : n.id === 'start' ? { ...n, position: { x: 0, y: 80 } } : n,
          ),
          { id: 'remind', type: 'message', label: 'Напоминание', position: { x: 640, y: 160 }, data: { channel: 'email', subject: 'Через час', body: 'Начинаем' } },
        ],
        edges: [draft.edges[0], draft.edges[1], { id: 'e3', source: 'pause', target: 'remind' }, { id: 'e4', source: 'remind', target: 'done' }],
      },
    }),
  );
  await page.reload();
  await page.getByTestId('publish-open').click();
  const changes = page.getByTestId('publish-changes');
  await expect(changes).toContainText('Что изменится по сравнению с версией 1');
  await expect(changes.getByTestId('change-added')).toHaveText('+ Новые узлы (1): «Напоминание» (remind)');
  await expect(changes.getByTestId('change-node-invite').getByTestId('change-fields')).toHaveText('✎ «Приглашение» (invite): Тема');
  // with what it was and is now; a length of time in words
  await expect(changes.getByTestId('change-node-invite').getByTestId('change-value-subject')).toHaveText('Тема: «Вебинар в четверг» → «Вебинар в пятницу»');
  await expect(changes.getByTestId('change-node-pause').getByTestId('change-value-for')).toHaveText('Ждать: 1 день → 2 дня');
  await expect(changes.getByTestId('change-linked')).toContainText('«День на раздумье» (pause) → «Напоминание» (remind)');
  await expect(changes.getByTestId('change-unlinked')).toContainText('«День на раздумье» (pause) → Выход (done)');
  // the contact in the funnel now stays on version 1
  await expect(changes.getByTestId('publish-waiting')).toHaveText('Контактов в воронке сейчас: 1 — каждый дойдёт по версии, на которой начал, а новые пойдут по новой.');
  await expect(changes.getByTestId('change-moved')).toHaveText('На холсте передвинут 1 узел');
  await expect(changes.getByTestId('change-setting-quietHours.from')).toHaveText('Тихие часы · С: — → «21:00»');
  await screen(page, info, 'publish-changes');
  await page.getByTestId('publish-submit').click();
  await expect(page.getByTestId('publish-result')).toHaveAttribute('data-version', '2');
  await page.getByTestId('publish-result').getByRole('button').click();

  // a node only moved since: publishing would change nothing a contact notices
  const v2 = (await ok<{ draft: typeof funnel }>(await api.get(`/api/funnels/${ID}`))).draft;
  await ok(await api.put(`/api/funnels/${ID}`, { data: { ...v2, nodes: v2.nodes.map((n) => (n.id === 'done' ? { ...n, position: { x: 900, y: 0 } } : n)) } }));
  await page.reload();
  await page.getByTestId('publish-open').click();
  await expect(page.getByTestId('changes-none')).toHaveText('Ничем не отличается от версии 2. Изменено только расположение: на холсте передвинут 1 узел.');
  await page.getByTestId('publish-dialog-close').click();

  // the versions list: version 2 against version 1; version 1 has nothing before it
  await page.getByTestId('tab-versions').click();
  await expect(page.getByTestId('version-changes-1')).toHaveCount(0);
  await page.getByTestId('version-changes-2').locator('summary').click();
  await expect(page.getByTestId('changes-2').getByTestId('change-node-invite').getByTestId('change-fields')).toHaveText('✎ «Приглашение» (invite): Тема');
});

test('a version whose nodes lay on top of each other (written through the API) was laid out on opening: the change list says so, not how many nodes moved', async ({ page, api }) => {
  const id = 'e2e-versions-stacked';
  // every node at one point, as a script might write it
  const stacked = { ...funnel, id, nodes: funnel.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 }, data: n.type === 'trigger' ? { event: 'e2e.versions.stacked' } : n.data })) };
  await newFunnel(api, stacked, { publish: true });
  // the editor laid it out and saved the draft with its new positions when the marketer edited
  await ok(await api.put(`/api/funnels/${id}`, { data: { format: 'voronka/funnel@1', ...stacked, nodes: stacked.nodes.map((n, i) => ({ ...n, position: { x: i * 320, y: 0 } })) } }));
  await useLanguage(page, 'ru');
  await login(page, 'marketer');
  await page.goto(`/#/funnels/${id}`);
  await page.getByTestId('publish-open').click();
  await expect(page.getByTestId('changes-none')).toHaveText('Ничем не отличается от версии 1. Изменено только расположение: узлы расставлены заново (в прежней версии они лежали друг на друге).');
});

test("a changed date trigger is said in words in the publish dialog, not as JSON", async ({ page, api }) => {
  const id = 'e2e-versions-date';
  await newFunnel(
    api,
    {
      id,
      name: 'Осмотр через полгода',
      nodes: [
        { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { date: { attribute: 'lastVisit', offset: 'P6M', at: '10:00' } } },
        { id: 'done', type: 'exit', position: { x: 320, y: 0 }, data: {} },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'done' }],
    },
    { publish: true },
  );
  const { draft } = await ok<{ draft: { nodes: { id: string; data: Record<string, unknown> }[] } }>(await api.get(`/api/funnels/${id}`));
  const nodes = draft.nodes.map((n) => (n.id === 'start' ? { ...n, data: { date: { attribute: 'lastVisit', offset: 'P6M', at: '22:00' } } } : n));
  await ok(await api.put(`/api/funnels/${id}`, { data: { ...draft, nodes } }));
  await login(page, 'marketer');
  await page.goto(`/#/funnels/${id}`);
  await page.getByTestId('publish-open').click();
  const changes = page.getByTestId('publish-changes');
  await expect(changes).toContainText(/lastVisit · .* · 10:00 → lastVisit · .* · 22:00/);
  await expect(changes).not.toContainText('{');
});

test('a publish refused for a failing saved scenario names it, and «Опубликовать» waits for a fix instead of repeating the refusal', async ({ page, api }) => {
  const id = 'e2e-versions-fail';
  await newFunnel(api, { ...funnel, id, nodes: funnel.nodes.map((n) => (n.id === 'start' ? { ...n, data: { event: 'e2e.versions.fail' } } : n)) });
  // a walk saved when the funnel still ended at the invite: it now goes on to the pause
  const scenario = { format: 'voronka/scenario@1', name: 'Приглашение и всё', funnel: id, start: '2026-03-02T10:00:00+03:00', contact: { id: 'qa-1' }, steps: [{ event: { type: 'e2e.versions.fail' } }], expect: { path: ['start', 'invite'], status: 'completed' } };
  await ok(await api.put(`/api/funnels/${id}/scenarios`, { data: { scenarios: [scenario] } }));
  await useLanguage(page, 'ru');
  await login(page, 'marketer');
  await page.goto(`/#/funnels/${id}`);
  await page.getByTestId('publish-open').click();
  await page.getByTestId('publish-submit').click();
  await expect(page.getByTestId('publish-scenario')).toContainText('Приглашение и всё');
  await expect(page.getByTestId('publish-submit')).toBeDisabled();
  await expect(page.getByTestId('publish-submit')).toHaveAttribute('title', 'Сначала исправьте то, что перечислено выше: иначе публикация снова не пройдёт');
  expect((await ok<unknown[]>(await api.get(`/api/funnels/${id}/versions`))).length).toBe(0);
  // to the simulator: the scenarios are run as it opens, so the list says which fails
  await page.getByTestId('publish-open-simulator').click();
  await expect(page.getByTestId('sim-scenario')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('sim-run-summary')).toBeVisible();
});
