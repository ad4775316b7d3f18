import { expect, login, newFunnel, ok, test, useLanguage } from './fixtures.ts';

const ID = 'e2e-toolbar';
const funnel = {
  id: ID,
  name: 'Пробный период SaaS: онбординг, напоминания и передача менеджеру',
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
    { id: 'done', type: 'exit', position: { x: 320, y: 0 }, data: {} },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'done' }],
};

test.describe('editor toolbar', () => {
  for (const width of [1280, 1440]) {
    test(`in Russian at ${width} px, a live funnel with unpublished changes keeps every action inside the window`, async ({ page, api }) => {
      await newFunnel(api, funnel, { publish: true });
      // a change after publishing: the «черновик изменён» badge shows
      const { draft } = await ok<{ draft: typeof funnel }>(await api.get(`/api/funnels/${ID}`));
      await ok(await api.put(`/api/funnels/${ID}`, { data: { ...draft, nodes: draft.nodes.map((n) => (n.id === 'done' ? { ...n, position: { x: 400, y: 40 } } : n)) } }));
      await page.setViewportSize({ width, height: 900 });
      await useLanguage(page, 'ru');
      await login(page, 'marketer');
      await page.goto(`/#/funnels/${ID}`);
      await expect(page.getByTestId('draft-changed')).toBeVisible();
      await expect(page.getByTestId('funnel-pause')).toBeVisible();
      for (const id of ['editor-back', 'funnel-status', 'draft-changed', 'undo', 'layout', 'fit-view', 'settings-open', 'help-toggle', 'funnel-pause', 'publish-open']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box, id).not.toBeNull();
        expect(box.x, `${id} starts inside`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${id} ends inside the ${width} px window`).toBeLessThanOrEqual(width);
      }
      // the long name gives way first: the badges read in full
      for (const id of ['funnel-status', 'draft-changed']) expect(await page.getByTestId(id).evaluate((e) => e.scrollWidth - e.clientWidth), `${id} is not cut`).toBeLessThanOrEqual(0);
      // the page itself does not scroll sideways
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // the settings button names itself even where only its icon shows
      await expect(page.getByTestId('settings-open')).toHaveAttribute('aria-label', 'Настройки воронки');
      await page.getByTestId('publish-open').click();
      await expect(page.getByTestId('publish-dialog')).toBeVisible();
      expect(await page.evaluate(() => window.scrollX)).toBe(0);
    });
  }

  test('at 1280×800, the side panel\'s tabs with the problem counts all fit inside it', async ({ page, api }) => {
    await newFunnel(api, {
      id: 'e2e-tabs',
      name: 'Вкладки',
      nodes: [
        { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.tabs' } },
        { id: 'hi', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'email', body: 'Привет' } },
        { id: 'lost', type: 'delay', position: { x: 640, y: 0 }, data: { for: 'P1D' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'hi' }],
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-tabs');
    await expect(page.getByTestId('tab-issues-errors')).toBeVisible();
    await expect(page.getByTestId('tab-issues-warnings')).toBeVisible();
    const panel = (await page.getByTestId('side-panel').boundingBox())!;
    for (const tab of ['inspector', 'issues', 'simulator', 'analytics', 'versions']) {
      const box = (await page.getByTestId(`tab-${tab}`).boundingBox())!;
      expect(box.x, `${tab} starts inside`).toBeGreaterThanOrEqual(panel.x);
      expect(box.x + box.width, `${tab} ends inside the panel`).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
      expect(await page.getByTestId(`tab-${tab}`).evaluate((e) => e.scrollWidth - e.clientWidth), `${tab} is not cut`).toBeLessThanOrEqual(0);
      // one row: none wraps below the others
      expect(box.y, `${tab} is on the first row`).toBe((await page.getByTestId('tab-inspector').boundingBox())!.y);
    }
  });

  test('fitting the funnel into view (on opening and «Показать всё») leaves no node under the minimap', async ({ page, api }) => {
    // two columns, four rows: a funnel taller than wide, fitted by its height, its last node at the bottom right
    const ids = Array.from({ length: 7 }, (_, i) => `d${i + 1}`);
    await newFunnel(api, {
      id: 'e2e-minimap',
      name: 'Миникарта',
      nodes: [
        { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.minimap' } },
        ...ids.map((id, i) => ({ id, type: 'delay', position: { x: 320 * ((i + 1) % 2), y: 200 * Math.floor((i + 1) / 2) }, data: { for: 'P1D' } })),
      ],
      edges: ids.map((id, i) => ({ id: `e${i}`, source: i ? ids[i - 1] : 'start', target: id })),
    });
    await login(page, 'marketer');
    await page.goto('/#/funnels/e2e-minimap');
    const minimap = page.getByTestId('rf__minimap');
    await expect(minimap).toBeVisible();
    const under = async () => {
      const m = (await minimap.boundingBox())!;
      const hit: string[] = [];
      for (const id of ['start', ...ids]) {
        const n = (await page.getByTestId(`node-${id}`).boundingBox())!;
        if (n.x < m.x + m.width && m.x < n.x + n.width && n.y < m.y + m.height && m.y < n.y + n.height) hit.push(id);
      }
      return hit;
    };
    await expect.poll(under).toEqual([]);
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(400); // the fit is animated
    expect(await under()).toEqual([]);
    await expect(page.getByTestId('node-d7')).toBeInViewport();
  });
  test('the palette narrows to its icons for more canvas, still adds nodes, and stays narrow after a reload', async ({ page, api }) => {
    await newFunnel(api, funnel);
    await login(page, 'marketer');
    await page.goto(`/#/funnels/${ID}`);
    const palette = page.getByTestId('palette');
    const canvasWidth = async () => (await page.getByTestId('canvas').boundingBox())!.width;
    const wide = await canvasWidth();
    await page.getByTestId('palette-toggle').click();
    await expect(palette).toHaveAttribute('data-narrow', 'true');
    expect((await palette.boundingBox())!.width).toBeLessThan(60);
    await expect.poll(canvasWidth).toBeGreaterThan(wide + 150);
    // an icon is still the item: named for a screen reader and by its tooltip, and a click adds the node
    const message = page.getByTestId('palette-message');
    await expect(message).toHaveAttribute('aria-label', 'Сообщение');
    await message.click();
    await expect(page.locator('.react-flow__node')).toHaveCount(3);
    // the stage presets are told apart by their pictures
    const stageIcons = await palette.locator('[data-testid^="palette-offer"] svg path').evaluateAll((ps) => ps.map((p) => p.getAttribute('d')));
    expect(stageIcons.length).toBeGreaterThan(5);
    expect(new Set(stageIcons).size).toBe(stageIcons.length);
    await page.reload();
    await expect(page.getByTestId('palette')).toHaveAttribute('data-narrow', 'true');
    await page.getByTestId('palette-toggle').click();
    await expect(page.getByTestId('palette')).not.toHaveAttribute('data-narrow', 'true');
    await expect(page.getByTestId('palette-message')).toContainText('Сообщение');
  });

  test('after a node with several exits (a wait), the palette says which exit a click joins and, while more than one is free, lets it be chosen', async ({ page, api }) => {
    const wait = { id: 'wait', type: 'wait', position: { x: 320, y: 0 }, data: { event: 'visit.done', timeout: 'P2D' } };
    await newFunnel(api, { ...funnel, nodes: [funnel.nodes[0], wait], edges: [{ id: 'e1', source: 'start', target: 'wait' }] });
    await login(page, 'marketer');
    await page.goto(`/#/funnels/${ID}`);
    // one exit of one (the trigger's): nothing to choose or say
    await page.getByTestId('node-start').click();
    await expect(page.getByTestId('palette-after-exit')).toHaveCount(0);
    await expect(page.getByTestId('palette-after-exit-only')).toHaveCount(0);
    await page.getByTestId('node-wait').click();
    const choice = page.getByTestId('palette-after-exit');
    await expect(choice.locator('option')).toHaveText(['получено', 'время вышло']);
    await expect(choice).toHaveValue('received');
    await choice.selectOption({ label: 'время вышло' });
    await page.getByTestId('palette-handoff').click();
    const edges = async () => (await ok<{ draft: { edges: { source: string; exit?: string; target: string }[] } }>(await api.get(`/api/funnels/${ID}`))).draft.edges.filter((e) => e.source === 'wait').map((e) => `${e.exit}→${e.target}`);
    await expect.poll(edges).toEqual(['timeout→handoff_1']);
    // the one exit left free is the next click's: nothing to choose, but it is said which
    await page.getByTestId('node-wait').click();
    await expect(page.getByTestId('palette-after-exit')).toHaveCount(0);
    await expect(page.getByTestId('palette-after-exit-only')).toHaveText('Нажатие добавит после выхода «получено»');
    await page.getByTestId('palette-message').click();
    await expect.poll(async () => (await edges()).sort()).toEqual(['received→message_1', 'timeout→handoff_1']);
  });

  test('the Problems tab counts errors and warnings apart; the publish button counts the errors', async ({ page, api }) => {
    await newFunnel(api, {
      ...funnel,
      nodes: [...funnel.nodes, { id: 'idle', type: 'delay', position: { x: 320, y: 200 }, data: { for: 'P0D' } }, { id: 'now', type: 'delay', position: { x: 160, y: 200 }, data: { for: 'P0D' } }],
      edges: [{ id: 'e1', source: 'start', target: 'now' }, { id: 'e2', source: 'now', target: 'done' }],
    });
    await login(page, 'marketer');
    await page.goto(`/#/funnels/${ID}`);
    // «idle» cannot be reached (an error); both delays take no time (warnings)
    await expect(page.getByTestId('tab-issues-errors')).toHaveText('1');
    await expect(page.getByTestId('tab-issues-warnings')).toHaveText('2');
    await expect(page.getByTestId('publish-open').locator('.ed-count')).toHaveText('1');
  });
});
