import { expect, freshFunnel, login, screen, test } from './fixtures.ts';

test('zoomed far out, each node shows its kind and its name or title in large type; zoomed back in, its rows', async ({ page, api }, info) => {
  const nodes = [
    { id: 'hello', type: 'message', position: { x: 320, y: 0 }, data: { channel: 'email', subject: 'Добро пожаловать', body: 'Привет!' } },
    { id: 'pause', type: 'delay', position: { x: 640, y: 0 }, data: { for: 'P3D' } },
    { id: 'remind', type: 'message', position: { x: 960, y: 0 }, data: { channel: 'sms', body: '{{contact.firstName}}, ждём вас завтра' } },
    { id: 'call', type: 'handoff', label: 'Звонок администратора', position: { x: 1280, y: 0 }, data: { title: 'Позвонить {{contact.firstName}}', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Записан' }] } },
  ];
  const edges = [
    { id: 'e1', source: 'start', target: 'hello' },
    { id: 'e2', source: 'hello', target: 'pause' },
    { id: 'e3', source: 'pause', target: 'remind' },
    { id: 'e4', source: 'remind', target: 'call' },
  ];
  await freshFunnel(api, 'e2e-zoom', 'E2E zoom', nodes, edges);
  await login(page, 'marketer');
  await page.goto('/#/funnels/e2e-zoom');
  await expect(page.getByTestId('node-hello')).toBeVisible();
  const flow = page.locator('.react-flow');
  await expect(flow).not.toHaveAttribute('data-far');
  const pseudo = (id: string, which: '::before' | '::after') => page.getByTestId(`node-${id}`).evaluate((el, w) => getComputedStyle(el, w).content, which);
  expect(await pseudo('hello', '::after')).toBe('none');
  for (let i = 0; i < 10 && !(await flow.getAttribute('data-far')); i++) await page.locator('.react-flow__controls-zoomout').click();
  await expect(flow).toHaveAttribute('data-far', /^[12]$/);
  expect(await pseudo('hello', '::before')).toBe('"Сообщение"');
  expect(await pseudo('hello', '::after')).toBe('"Добро пожаловать"');
  // a node without a title shows its summary, durations in words
  expect(await pseudo('pause', '::after')).toBe('"3 дня"');
  // a template's variables are a gap, not code; a node the marketer named shows its name
  expect(await pseudo('remind', '::after')).toBe('"…, ждём вас завтра"');
  expect(await pseudo('call', '::after')).toBe('"Звонок администратора"');
  await screen(page, info, '30-editor-zoomed-out');
  for (let i = 0; i < 10 && (await flow.getAttribute('data-far')); i++) await page.locator('.react-flow__controls-zoomin').click();
  await expect(flow).not.toHaveAttribute('data-far');
  expect(await pseudo('hello', '::after')).toBe('none');
});
