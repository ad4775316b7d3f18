import { newFunnel, expect, login, screen, test, useLanguage, USERS } from './fixtures.ts';

test.describe('login, language and role landing', () => {
  test('a wrong password is refused; the login screen is in Russian by default', async ({ page }, info) => {
    // opening the app signed out logs no error (no 401 asking who is signed in)
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto('/');
    await expect(page.locator('h1')).toBeVisible();
    expect(errors).toEqual([]);
    await expect(page).toHaveURL(/#\/login$/);
    await expect(page.locator('h1')).toContainText('Вход в Воронку');
    await screen(page, info, '01-login');
    await page.locator('input[name="email"]').fill(USERS.marketer.email);
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByRole('alert')).toHaveText('Неверная почта или пароль');
    await expect(page).toHaveURL(/#\/login$/);
  });

  test('the language switch on the login page changes the texts', async ({ page }) => {
    await page.goto('/#/login');
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect(page.locator('h1')).toContainText('Log in to Voronka');
    await expect(page.locator('form button[type="submit"]')).toHaveText('Log in');
    await page.getByRole('button', { name: 'RU', exact: true }).click();
    await expect(page.locator('h1')).toContainText('Вход в Воронку');
  });

  test('on a phone, an admin\'s five sections wrap in the header: no page scrolls sideways', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, 'admin');
    for (const path of ['/#/inbox', '/#/funnels', '/#/contacts', '/#/settings']) {
      await page.goto(path);
      await expect(page.getByTestId('nav-settings')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      for (const link of await page.locator('[data-testid^="nav-"]').all()) {
        const box = (await link.boundingBox())!;
        expect(box.x + box.width, `${path}: ${await link.textContent()}`).toBeLessThanOrEqual(390);
      }
    }
  });

  test('a marketer lands in the funnel list', async ({ page }) => {
    await login(page, 'marketer');
    await expect(page.getByTestId('nav-funnels')).toHaveClass(/active/);
    await expect(page.getByTestId('funnel-row-classic')).toBeVisible();
    await expect(page.getByTestId('whoami')).toContainText('Маркетолог');
  });

  test('a manager lands in the inbox and has no funnel list', async ({ page }) => {
    await login(page, 'manager');
    await expect(page.getByTestId('nav-inbox')).toHaveClass(/active/);
    await expect(page.getByTestId('nav-funnels')).toHaveCount(0);
    await expect(page.getByTestId('whoami')).toContainText('Менеджер');
    // the root address also sends a manager to the inbox
    await page.goto('/#/');
    await expect(page).toHaveURL(/#\/inbox$/);
  });

  test('the layout switches RU ⇄ EN and remembers the choice, in any browser the user logs in from', async ({ page, browser }) => {
    await useLanguage(page, 'ru');
    await login(page, 'qa');
    await expect(page.getByTestId('nav-funnels')).toHaveText('Воронки');
    await expect(page.getByTestId('nav-inbox')).toHaveText('Задачи');
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('nav-funnels')).toHaveText('Funnels');
    await expect(page.getByTestId('nav-contacts')).toHaveText('Contacts');
    await expect(page.getByTestId('whoami')).toContainText('QA');
    await expect(page.getByTestId('lang-en')).toHaveClass(/on/);
    await page.reload();
    await expect(page.getByTestId('nav-funnels')).toHaveText('Funnels');
    await expect(page.locator('html')).toHaveAttribute('lang', /en|ru/);
    // the choice is the user's: another browser (a Russian one) shows it once they log in
    const other = await browser.newContext({ locale: 'ru-RU' });
    const second = await other.newPage();
    await second.goto('/');
    await expect(second.locator('h1')).toContainText('Вход');
    await login(second, 'qa');
    await expect(second.getByTestId('nav-funnels')).toHaveText('Funnels');
    await other.close();
    await page.getByTestId('lang-ru').click();
    await expect(page.getByTestId('nav-funnels')).toHaveText('Воронки');
  });

  test('an English browser is greeted in English, with dates as Americans write them', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('h1')).not.toContainText('Вход');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await login(page, 'admin'); // one who has never chosen a language: the browser's is used
    await expect(page.getByTestId('nav-funnels')).toHaveText('Funnels');
    // dates month first, times with AM/PM (the funnel list's «updated»)
    await expect(page.locator('main')).toContainText(/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}, \d{1,2}:\d\d\s?[AP]M/);
    await context.close();
  });

  test('logging out returns to the login page', async ({ page }) => {
    await login(page, 'marketer');
    await page.getByRole('button', { name: 'Выйти' }).click();
    await expect(page).toHaveURL(/#\/login$/);
    await page.goto('/#/contacts');
    await expect(page).toHaveURL(/#\/login$/);
  });

  test('a notice left by one user is gone after logging out: the next user does not see it', async ({ page, api }) => {
    await newFunnel(api, { id: 'e2e-toast', name: 'E2E toast', nodes: [{ id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } }], edges: [] });
    await useLanguage(page, 'en');
    await login(page, 'marketer');
    await expect(page.getByTestId('whoami')).toContainText('Marketer');
    await page.getByTestId('duplicate-e2e-toast').click();
    await expect(page.getByTestId('toast')).toBeVisible();
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/#\/login$/);
    await login(page, 'qa');
    await expect(page.getByTestId('funnel-row-e2e-toast')).toBeVisible();
    await expect(page.getByTestId('toast')).toHaveCount(0);
    for (const id of ['e2e-toast-copy', 'e2e-toast-copy-2']) await api.delete(`/api/funnels/${id}`);
  });
});
