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
});
