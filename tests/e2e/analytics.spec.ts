import { expect, login, newFunnel, ok, test } from './fixtures.ts';

test.describe('analytics on the canvas', () => {
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
});
