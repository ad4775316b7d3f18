import { expect, login, newFunnel, screen, test } from './fixtures.ts';

const ID = 'e2e-publish-warnings';

test('the publish dialog lists the editor\'s warnings in the Issues tab\'s words, each naming its node; publishing with them goes through', async ({ page, api }, info) => {
  await newFunnel(api, {
    id: ID,
    name: 'E2E предупреждения при публикации',
    nodes: [
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'e2e.publishwarn.go' } },
      // the body is still the sample a new email starts with: a warning, not an error
      { id: 'letter', type: 'message', label: 'Письмо-приглашение', position: { x: 320, y: 0 }, data: { channel: 'email', subject: 'Приглашение', body: 'Текст письма' } },
      { id: 'done', type: 'exit', position: { x: 640, y: 0 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'letter' },
      { id: 'e2', source: 'letter', target: 'done' },
    ],
  });
  try {
    await login(page, 'marketer');
    await page.goto(`/#/funnels/${ID}`);
    // what the Issues tab says about the node
    await page.getByTestId('tab-issues').click();
    const inTab = page.getByTestId('issues').locator('[data-testid="issue"][data-node="letter"][data-code="sample-text"]');
    await expect(inTab).toContainText('Текст — всё ещё образец «Текст письма»');
    const words = (await inTab.locator('.ed-issue-node, .ed-issue-msg').allTextContents()).join(' ');

    await page.getByTestId('publish-open').click();
    const warnings = page.getByTestId('publish-dialog').getByTestId('publish-warnings');
    await expect(warnings).toContainText(/\d+ предупреждени[еяй]: публиковать можно, но проверьте/);
    const item = warnings.locator('[data-testid="publish-warning"][data-node="letter"][data-code="sample-text"]');
    await expect(item.locator('.ed-issue-node')).toHaveText('Письмо-приглашение');
    expect((await item.locator('.ed-issue-node, .ed-issue-msg').allTextContents()).join(' ')).toBe(words);
    // as many as the Issues tab's warnings
    await expect(warnings.getByTestId('publish-warning')).toHaveCount(Number(await page.getByTestId('issues-summary').getAttribute('data-warnings')));
    await screen(page, info, 'publish-warnings');

    // a click goes to the node: the dialog closes and the inspector shows it
    await item.click();
    await expect(page.getByTestId('publish-dialog')).toHaveCount(0);
    await expect(page.getByTestId('tab-inspector')).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('.ed-selected')).toHaveAttribute('data-testid', 'node-letter');

    // the warnings do not stop the publish
    await page.getByTestId('publish-open').click();
    await page.getByTestId('publish-submit').click();
    await expect(page.getByTestId('publish-result')).toHaveAttribute('data-version', '1');
  } finally {
    await api.delete(`/api/funnels/${ID}`);
  }
});
