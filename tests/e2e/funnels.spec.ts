import { readFileSync } from 'node:fs';
import { expect, login, newFunnel, ok, test } from './fixtures.ts';

test.describe('funnel list', () => {
  test('a funnel travels with its QA scenarios: exported as two files, imported together (as a copy, the scenarios follow it)', async ({ page, api }) => {
    const id = 'e2e-travel';
    for (const x of [id, `${id}-copy`]) await api.delete(`/api/funnels/${x}`);
    await newFunnel(api, {
      id,
      name: 'Переезд (e2e)',
      nodes: [
        { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.travel.go' } },
        { id: 'bye', type: 'exit', position: { x: 320, y: 0 }, data: {} },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'bye' }],
    });
    const scenario = { format: 'voronka/scenario@1', name: 'доходит до конца', funnel: id, start: '2026-03-02T09:00:00+03:00', contact: { id: 'c1', attributes: {} }, steps: [{ event: { type: 'e2e.travel.go' } }], expect: { status: 'completed', path: ['start', 'bye'] } };
    await ok(await api.put(`/api/funnels/${id}/scenarios`, { data: { scenarios: [scenario] } }));
    await login(page, 'marketer');
    const [funnelFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${id}`).click()]);
    const [scenariosFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-scenarios-${id}`).click()]);
    expect(scenariosFile.suggestedFilename()).toBe(`${id}.scenarios.json`);
    const saved = JSON.parse(readFileSync((await scenariosFile.path())!, 'utf8'));
    expect(saved).toEqual([scenario]);
    // both back at once: the funnel's id is taken, so it comes as a copy, and its scenarios go with the copy
    await page.getByTestId('import-funnel').setInputFiles([
      { name: `${id}.json`, mimeType: 'application/json', buffer: readFileSync((await funnelFile.path())!) },
      { name: `${id}.scenarios.json`, mimeType: 'application/json', buffer: readFileSync((await scenariosFile.path())!) },
    ]);
    await expect(page.getByTestId(`funnel-row-${id}-copy`)).toBeVisible();
    await expect(page.getByTestId('toast').last()).toContainText('Сценарии QA (1) сохранены с воронкой «Переезд (e2e) (копия)»');
    const copy = await ok<{ scenarios: { funnel: string; name: string }[] }>(await api.get(`/api/funnels/${id}-copy`));
    expect(copy.scenarios).toEqual([expect.objectContaining({ name: 'доходит до конца', funnel: `${id}-copy` })]);
    // scenarios alone, for a funnel that is not here: refused in words
    await page.getByTestId('import-funnel').setInputFiles({ name: 'other.scenarios.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([{ ...scenario, funnel: 'nowhere' }])) });
    await expect(page.getByTestId('import-error')).toContainText('сценарии для воронки «nowhere», а её здесь нет');
    for (const x of [id, `${id}-copy`]) await api.delete(`/api/funnels/${x}`);
  });

  test('export a funnel, import the file back as a copy, refuse a broken file, duplicate and delete', async ({ page, api }) => {
    // a funnel of this test's own, published
    const id = 'e2e-list';
    for (const x of [`${id}-copy`, `${id}-copy-2`]) await api.delete(`/api/funnels/${x}`);
    await newFunnel(api, {
      id,
      name: 'Список (e2e)',
      nodes: [
        { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.list.go' } },
        { id: 'wait', type: 'delay', position: { x: 320, y: 0 }, data: { for: 'P1D' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'wait' }],
    });
    await login(page, 'marketer');
    await expect(page.getByTestId(`funnel-row-${id}`)).toBeVisible();

    // export: the file is the funnel@1 draft
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${id}`).click()]);
    expect(download.suggestedFilename()).toBe(`${id}.json`);
    const file = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(file)).toMatchObject({ format: 'voronka/funnel@1', id, name: 'Список (e2e)' });

    // importing it back into the same workspace makes a copy beside it
    await page.getByTestId('import-funnel').setInputFiles({ name: `${id}.json`, mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect(page.getByTestId(`funnel-row-${id}-copy`)).toBeVisible();
    await expect(page.getByTestId('toast').last()).toContainText(`импортирована копия`);
    const copy = await ok<{ draft: { nodes: unknown[]; edges: unknown[] } }>(await api.get(`/api/funnels/${id}-copy`));
    expect(copy.draft.nodes).toHaveLength(2);
    expect(copy.draft.edges).toHaveLength(1);

    // a file that is not JSON is refused in words
    await page.getByTestId('import-funnel').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "format": ') });
    await expect(page.getByTestId('import-error')).toContainText('не JSON');

    // duplicate (with its saved scenario), then delete the duplicate
    const walk = { format: 'voronka/scenario@1', name: 'ждёт сутки', funnel: id, start: '2026-03-02T09:00:00+03:00', contact: { id: 'qa-list' }, steps: [{ event: { type: 'e2e.list.go' } }], expect: { at: 'wait' } };
    await ok(await api.put(`/api/funnels/${id}/scenarios`, { data: { scenarios: [walk] } }));
    await page.reload();
    await page.getByTestId(`duplicate-${id}`).click();
    await expect(page.getByTestId(`funnel-row-${id}-copy-2`)).toBeVisible();
    await expect(page.getByTestId('toast').last()).toContainText('с сохранёнными сценариями (1)');
    const dup = await ok<{ scenarios: { funnel: string; name: string }[] }>(await api.get(`/api/funnels/${id}-copy-2`));
    expect(dup.scenarios).toEqual([expect.objectContaining({ name: 'ждёт сутки', funnel: `${id}-copy-2` })]);
    // the second copy has a name of its own
    await expect(page.getByTestId(`funnel-row-${id}-copy`)).toContainText('Список (e2e) (копия)');
    await expect(page.getByTestId(`funnel-row-${id}-copy-2`)).toContainText('Список (e2e) (копия 2)');
    await page.getByTestId(`delete-${id}-copy-2`).click();
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId(`funnel-row-${id}-copy-2`)).toHaveCount(0);
    expect((await api.get(`/api/funnels/${id}-copy-2`)).status()).toBe(404);

    // a live funnel with a contact in it: the dialog warns, and the server refuses
    await ok(await api.post(`/api/funnels/${id}/publish`, { data: {} }));
    await ok(await api.post('/api/contacts', { data: { id: 'list-1', attributes: { firstName: 'Лиза' } } }));
    await ok(await api.post('/api/events', { data: { type: 'e2e.list.go', contactId: 'list-1' } }));
    await page.reload();
    await page.getByTestId(`delete-${id}`).click();
    await expect(page.getByRole('dialog')).toContainText('Сейчас она работает');
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('confirm-error')).toContainText('есть контакты');
    expect((await api.get(`/api/funnels/${id}`)).status()).toBe(200);
  });

  test('publishing a funnel whose messages write by a channel that is not set up says they will reach nobody', async ({ page, api }) => {
    await newFunnel(api, {
      id: 'e2e-unset-sms',
      name: 'SMS без шлюза',
      nodes: [
        { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.unset.go' } },
        { id: 'sms', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'sms', body: 'Запись подтверждена', marketing: false } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'sms' }],
    });
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-unset-sms');
    await page.getByTestId('publish-open').click();
    await expect(page.getByTestId('publish-unset-channels')).toContainText('Не настроено для отправки: SMS');
  });

  test('publishing a funnel whose start event already starts a live funnel says a contact will enter both', async ({ page, api }) => {
    const shape = (id: string, name: string) => ({
      id,
      name,
      nodes: [
        { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.shared.go' } },
        { id: 'wait', type: 'delay', position: { x: 320, y: 0 }, data: { for: 'P1D' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'wait' }],
    });
    await newFunnel(api, shape('e2e-shared-live', 'Уже работает'), { publish: true });
    await newFunnel(api, shape('e2e-shared-new', 'Новая на том же событии'));
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-shared-new');
    await page.getByTestId('publish-open').click();
    await expect(page.getByTestId('publish-shared-trigger')).toContainText('Событие e2e.shared.go уже запускает работающие воронки: «Уже работает»');
    // paused, the other funnel takes nobody: nothing to say
    await ok(await api.post('/api/funnels/e2e-shared-live/pause'));
    await page.keyboard.press('Escape');
    await page.reload();
    await page.getByTestId('publish-open').click();
    await expect(page.getByTestId('publish-dialog')).toBeVisible();
    await expect(page.getByTestId('publish-shared-trigger')).toHaveCount(0);
    // a funnel that sends nothing has no channel to warn about
    await expect(page.getByTestId('publish-unset-channels')).toHaveCount(0);
  });
});
