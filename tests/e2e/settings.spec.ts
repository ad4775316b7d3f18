import { expect, login, screen, test } from './fixtures.ts';

test.describe('workspace settings (admin)', () => {
  test('an admin adds a user who can then log in, creates an API key that works, and sets up a channel without exposing its secret', async ({ page, api, playwright, baseURL }, info) => {
    await login(page, 'admin');
    await page.getByTestId('nav-settings').click();
    const users = page.getByTestId('settings-users');
    await expect(users.getByTestId('settings-user').and(page.locator('[data-email="manager@voronka.local"]'))).toBeVisible();

    // a new manager
    await users.locator('input[name="name"]').fill('Ирина Продажи');
    await users.locator('input[name="email"]').fill('irina@voronka.local');
    await users.locator('select[name="role"]').selectOption('manager');
    await users.locator('input[name="teams"]').fill('sales');
    await users.locator('input[name="password"]').fill('irina-pass-1');
    await page.getByTestId('settings-user-add').click();
    const irina = users.getByTestId('settings-user').and(page.locator('[data-email="irina@voronka.local"]'));
    await expect(irina.getByTestId('settings-user-teams')).toHaveValue('sales');
    // her teams change in place (Enter saves)
    await irina.getByTestId('settings-user-teams').fill('sales,  vip, sales');
    await irina.getByTestId('settings-user-teams').press('Enter');
    await expect
      .poll(async () => ((await (await api.get('/api/users')).json()) as { email: string; teams: string[] }[]).find((u) => u.email === 'irina@voronka.local')?.teams)
      .toEqual(['sales', 'vip']);
    await expect(irina.getByTestId('settings-user-teams')).toHaveValue('sales, vip');
    // who is in each team is said under the table: a team's tasks are shared among all of them (the demo manager too)
    await expect(page.getByTestId('settings-team-members')).toContainText(/sales — [^;]*Ирина Продажи/);
    await expect(page.getByTestId('settings-team-members')).toContainText('vip — Ирина Продажи');
    // a role changes only once confirmed, and the dialog says what the new role may do
    await irina.getByTestId('settings-user-role').selectOption('marketer');
    await expect(page.getByTestId('confirm-dialog')).toContainText('Сменить роль «Ирина Продажи»: менеджер → маркетолог?');
    await expect(page.getByTestId('confirm-dialog')).toContainText('Права меняются сразу. Маркетолог строит и публикует воронки');
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Отмена' }).click();
    await expect(irina.getByTestId('settings-user-role')).toHaveValue('manager');
    expect(((await (await api.get('/api/users')).json()) as { email: string; role: string }[]).find((u) => u.email === 'irina@voronka.local')?.role).toBe('manager');
    // the same email twice: said in the UI's words, not the server's English
    await users.locator('input[name="name"]').fill('Ещё одна Ирина');
    await users.locator('input[name="email"]').fill('qa@voronka.local');
    await users.locator('input[name="password"]').fill('irina-pass-2');
    await page.getByTestId('settings-user-add').click();
    await expect(page.getByTestId('settings-user-add-error')).toHaveText('Пользователь с почтой qa@voronka.local уже есть.');
    // changing the form clears the refusal: it is not re-worded with an address nobody has
    await users.locator('input[name="email"]').fill('irina2@voronka.local');
    await expect(page.getByTestId('settings-user-add-error')).toHaveCount(0);

    // a new password, asked for in the page: too short is not taken; then she logs in with it
    await irina.getByTestId('settings-user-password').click();
    const asked = page.getByTestId('confirm-dialog');
    await expect(asked.locator('h2')).toHaveText('Новый пароль для «Ирина Продажи» (от 8 символов).');
    await asked.getByTestId('confirm-input').fill('short');
    await expect(asked.getByTestId('confirm-ok')).toBeDisabled();
    await expect(asked.getByTestId('confirm-input-short')).toHaveText('Ещё 3 символа.');
    await asked.getByTestId('confirm-input').fill('irina-new-pass');
    await asked.getByTestId('confirm-ok').click();
    await expect(asked).toHaveCount(0);
    const anon = await playwright.request.newContext({ baseURL });
    await expect.poll(async () => (await anon.post('/api/auth/login', { data: { email: 'irina@voronka.local', password: 'irina-new-pass' } })).status()).toBe(200);
    await anon.dispose();

    // an API key, shown once, that authenticates
    // the narrowest scope is offered first and explained; this one is for scripts, with full access
    await expect(page.getByTestId('settings-key-scope-select')).toHaveValue('ingest');
    await expect(page.getByTestId('settings-key-scope-hint')).toContainText('Для сайта и CRM');
    await page.getByTestId('settings-keys').locator('input[name="keyName"]').fill('Сайт');
    await page.getByTestId('settings-key-scope-select').selectOption('full');
    await page.getByTestId('settings-key-create').click();
    const key = (await page.getByTestId('settings-key').locator('code').textContent())!.trim();
    await expect(page.getByTestId('settings-key-copy')).toHaveText('Копировать');
    expect(key.length).toBeGreaterThan(20);
    const withKey = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${key}` } });
    expect((await withKey.get('/api/funnels')).status()).toBe(200);
    // listed by name (never the key), and revoked: it stops working
    const row = page.getByTestId('settings-key-row').and(page.locator('[data-name="Сайт"]'));
    await expect(row).toBeVisible();
    await expect(row.getByTestId('settings-key-scope')).toHaveText('Полный доступ');
    // the list says when a key was last used (this one, just now, by the request above)
    await page.reload();
    await expect(row.getByTestId('settings-key-used')).toHaveText(/^использован \d/);
    // the key the server's environment sets says so, and revoking it says it comes back at the next start
    const envRow = page.getByTestId('settings-key-row').and(page.locator('[data-name="VORONKA_API_KEY"]'));
    await expect(envRow.getByTestId('settings-key-env')).toHaveText('задан переменной окружения VORONKA_API_KEY');
    await expect(row.getByTestId('settings-key-env')).toHaveCount(0);
    await envRow.getByTestId('settings-key-revoke').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('при следующем запуске сервера он заработает снова');
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Отмена' }).click();
    await row.getByTestId('settings-key-revoke').click();
    await expect(page.getByTestId('confirm-dialog')).not.toContainText('при следующем запуске');
    await page.getByTestId('confirm-ok').click();
    await expect(row).toHaveCount(0);
    expect((await withKey.get('/api/funnels')).status()).toBe(401);
    await withKey.dispose();

    // channels: a half-filled Telegram is refused with the field named; SMTP is saved and comes back masked
    const channels = page.getByTestId('settings-channels');
    try {
      await channels.locator('input[name="telegram.apiBase"]').fill('https://tg.example');
      await page.getByTestId('settings-channels-save').click();
      await expect(page.getByTestId('settings-channels-error')).toContainText('исправьте отмеченные поля');
      await expect(channels.getByTestId('error-telegram.token')).toHaveText('обязательное поле');
      // secrets are typed into password fields
      await expect(channels.locator('input[name="telegram.token"]')).toHaveAttribute('type', 'password');
      await expect(channels.locator('input[name="webhook.secret"]')).toHaveAttribute('type', 'password');
      await expect(channels.locator('input[name="telegram.apiBase"]')).toHaveAttribute('type', 'text');
      await channels.locator('input[name="telegram.apiBase"]').fill('');
      // a bad port and a sender that is not an address are named under their fields, in Russian
      await channels.locator('input[name="email.smtpUrl"]').fill('smtp://mailer:pass@127.0.0.1:99999');
      await channels.locator('input[name="email.from"]').fill('bad');
      await page.getByTestId('settings-channels-save').click();
      await expect(channels.getByTestId('error-email.smtpUrl')).toContainText('порт 99999 не годится');
      await expect(channels.getByTestId('error-email.from')).toContainText('должен быть адресом эл. почты');
      await channels.locator('input[name="email.smtpUrl"]').fill('smtp://mailer:s3cret-pass@127.0.0.1:2525');
      await channels.locator('input[name="email.from"]').fill('Воронка <noreply@voronka.local>');
      // checked as typed, before saving (nothing sent, nothing saved): nothing listens on that port, and the page says so
      await channels.getByTestId('channel-check-email-run').click();
      await expect(channels.getByTestId('channel-check-email-result')).toContainText(/^✕ Не подключается: сервер по этому адресу и порту не принимает подключения — проверьте адрес и порт\. Ответ: .*ECONNREFUSED/);
      expect(((await (await api.get('/api/settings/channels')).json()) as { email?: unknown }).email).toBeUndefined();
      await page.getByTestId('settings-channels-save').click();
      await expect(channels).toContainText('Сохранено');
      // the saved settings (their password shown masked) are checked the same way
      await channels.getByTestId('channel-check-email-run').click();
      await expect(channels.getByTestId('channel-check-email-result')).toContainText(/ECONNREFUSED/);
      await screen(page, info, '23-settings');
      await page.reload();
      const smtpInput = channels.locator('input[name="email.smtpUrl"]');
      await expect(smtpInput).toHaveValue('smtp://mailer:•••@127.0.0.1:2525'); // where it goes, not the password
      const shown = await smtpInput.inputValue();
      expect(shown).not.toContain('s3cret');
      // saving the form again as shown keeps the real secret
      await page.getByTestId('settings-channels-save').click();
      await expect(channels).toContainText('Сохранено');
      const stored = (await (await api.get('/api/settings/channels')).json()) as { email: { smtpUrl: string; from: string } };
      expect(stored.email).toEqual({ smtpUrl: shown, from: 'Воронка <noreply@voronka.local>' });
    } finally {
      expect((await api.put('/api/settings/channels', { data: {} })).status()).toBe(200); // back to the dev outbox for the other tests
    }

    // an admin's own role is changed by another admin, not in their own row; and the only admin stays one
    await expect(users.getByTestId('settings-user').and(page.locator('[data-email="admin@voronka.local"]')).getByTestId('settings-user-role')).toBeDisabled();
    const adminId = ((await (await api.get('/api/users')).json()) as { id: string; email: string }[]).find((u) => u.email === 'admin@voronka.local')!.id;
    const demote = await api.patch(`/api/users/${adminId}`, { data: { role: 'marketer' } });
    expect(demote.status()).toBe(409);
    expect(await demote.text()).toContain('only admin');

    // the new manager logs in and lands in the inbox; she has no settings
    await page.context().clearCookies();
    await page.goto('/#/login');
    await page.locator('input[name="email"]').fill('irina@voronka.local');
    await page.locator('input[name="password"]').fill('irina-new-pass');
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByTestId('whoami')).toContainText('Ирина Продажи');
    await expect(page).toHaveURL(/#\/inbox$/);
    await expect(page.getByTestId('nav-settings')).toHaveCount(0);
  });

  test('a marketer who opens the settings address is told they are for admins, with no forms that would fail', async ({ page }) => {
    await login(page, 'marketer');
    await page.goto('/#/settings');
    await expect(page.getByTestId('settings-admin-only')).toContainText('только администраторам');
    await expect(page.getByTestId('settings-users')).toHaveCount(0);
    await expect(page.getByTestId('settings-channels')).toHaveCount(0);
  });

  test('the workspace currency and time zone: new funnels and orders entered by hand are in them', async ({ page, api }) => {
    await login(page, 'admin');
    await page.getByTestId('nav-settings').click();
    const select = page.getByTestId('workspace-currency');
    await expect(select).toHaveValue('RUB');
    try {
      await select.selectOption('KZT');
      await expect.poll(async () => ((await (await api.get('/api/settings/workspace')).json()) as { currency: string }).currency).toBe('KZT');
      // no zone chosen: each user's own is offered as the default
      const zone = page.getByTestId('workspace-timezone');
      await expect(zone).toHaveValue('');
      await expect(zone.locator('option[value=""]')).toHaveText('Пояс того, кто создаёт воронку (у вас: UTC+3 — Москва, Санкт-Петербург, Казань)');
      await zone.selectOption('Asia/Almaty');
      await expect.poll(async () => ((await (await api.get('/api/settings/workspace')).json()) as { timezone: string }).timezone).toBe('Asia/Almaty');
      // a new funnel takes them
      await api.delete('/api/funnels/e2e-tenge');
      await page.getByTestId('nav-funnels').click();
      await page.getByTestId('new-funnel').click();
      await page.getByTestId('new-funnel-name').fill('Воронка в тенге');
      await page.getByTestId('new-funnel-id').fill('e2e-tenge');
      await page.getByTestId('new-funnel-create').click();
      await expect(page).toHaveURL(/#\/funnels\/e2e-tenge$/);
      const f = (await (await api.get('/api/funnels/e2e-tenge')).json()) as { draft: { settings?: { currency?: string; timezone?: string } } };
      expect(f.draft.settings?.currency).toBe('KZT');
      expect(f.draft.settings?.timezone).toBe('Asia/Almaty');
      // an order recorded by hand starts in it
      await api.post('/api/contacts', { data: { id: 'e2e-tenge-1', attributes: { firstName: 'Айгерим' } } });
      await page.goto('/#/contacts/e2e-tenge-1');
      await page.getByTestId('order-add-open').click();
      await expect(page.getByTestId('order-add').locator('select[name="currency"]')).toHaveValue('KZT');
      // times are written in the company's zone, as its funnels send; the top bar says so and lets the user take their own
      const created = ((await (await api.get('/api/contacts/e2e-tenge-1')).json()) as { createdAt: number }).createdAt;
      const at = (timeZone: string) => new Intl.DateTimeFormat('ru-RU', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(created));
      expect(at('Asia/Almaty')).not.toBe(at('Europe/Moscow'));
      const zoneSwitch = page.getByTestId('zone-switch');
      await expect(zoneSwitch).toHaveValue('workspace');
      await expect(zoneSwitch.locator('option[value="workspace"]')).toHaveText('Время компании: UTC+5 — Алматы');
      await expect(page.getByTestId('viewer-zone')).toHaveText('Время на странице — компании (Asia/Almaty)');
      await expect(page.locator('.ls-sub').filter({ hasText: 'Создан' })).toContainText(`Создан ${at('Asia/Almaty')}`);
      await zoneSwitch.selectOption('mine');
      await expect(page.getByTestId('viewer-zone')).toHaveText('Время на странице — ваше (Europe/Moscow)');
      await expect(page.locator('.ls-sub').filter({ hasText: 'Создан' })).toContainText(`Создан ${at('Europe/Moscow')}`);
      // the choice is the user's: it is there after a reload
      await expect.poll(async () => ((await (await api.get('/api/auth/me')).json()) as { times?: string }).times).toBe('mine');
      await page.reload();
      await expect(page.getByTestId('zone-switch')).toHaveValue('mine');
      await expect(page.locator('.ls-sub').filter({ hasText: 'Создан' })).toContainText(`Создан ${at('Europe/Moscow')}`);
    } finally {
      // the other tests expect roubles and the company's times
      await api.put('/api/auth/me/preferences', { data: { times: 'workspace' } });
      await api.put('/api/settings/workspace', { data: { currency: 'RUB', timezone: null } });
      await api.delete('/api/funnels/e2e-tenge');
    }
  });

  test('a funnel made in the English UI: in roubles its messages are written in Russian, in dollars in English — the currency and language chosen when it is made', async ({ page, api }) => {
    await login(page, 'marketer');
    await page.getByTestId('lang-en').click();
    try {
      await api.delete('/api/funnels/e2e-dollars');
      await page.getByTestId('new-funnel').click();
      await page.getByTestId('new-funnel-name').fill('Real estate leads');
      await page.getByTestId('new-funnel-id').fill('e2e-dollars');
      const currency = page.getByTestId('new-funnel-currency');
      await expect(currency).toHaveValue('RUB'); // the workspace's, shown before it is made
      // in roubles its messages are for Russian readers, whatever the marketer's UI; in dollars, in English — and said before it is made
      const locale = page.getByTestId('new-funnel-locale');
      await expect(locale).toHaveValue('');
      await expect(locale.locator('option[value=""]')).toHaveText(/^Russian: 725\s000\s₽, 24 ноября 2026 г\.$/); // no «(default)»: what is preselected is this funnel's default
      // a language this browser has no data for shows no made-up example (Debian's Chromium writes Kazakh months as «M11»)
      await expect(locale.locator('option[value="kk-KZ"]')).toHaveText(/^Kazakh: (this browser cannot show an example; the server writes messages in it|.*қараша.*)$/);
      // a template's texts are in English here: its messages are written in English too
      await page.getByTestId('new-funnel-template').selectOption('classic');
      await expect(locale).toHaveValue('en-US');
      await page.getByTestId('new-funnel-template').selectOption('empty');
      await expect(locale).toHaveValue('');
      await currency.selectOption('USD');
      await expect(locale).toHaveValue('en-US');
      await page.getByTestId('new-funnel-create').click();
      await expect(page).toHaveURL(/#\/funnels\/e2e-dollars$/);
      const f = (await (await api.get('/api/funnels/e2e-dollars')).json()) as { draft: { settings?: { currency?: string; locale?: string } } };
      expect(f.draft.settings).toMatchObject({ currency: 'USD', locale: 'en-US' });
      // a duration field's error says it takes words, in English too (the validator's own English is for the API, which takes ISO only)
      await page.getByTestId('node-start').click();
      await page.getByTestId('palette-delay').click();
      await page.locator('.react-flow__node').nth(1).click();
      await page.getByTestId('inspector').locator('input[name="for"]').fill('abc');
      await expect(page.getByTestId('error-for')).toHaveText('"abc" is not a duration; write it like 30 minutes, 3 days, 1 day 12 hours (or PT30M, P3D)');
      // the funnel's settings say so, and can change it
      await page.getByTestId('settings-open').click();
      const inSettings = page.getByTestId('settings-dialog').locator('select[name="settings.locale"]');
      await expect(inSettings).toHaveValue('en-US');
      // each choice shows how it writes the funnel's own money
      await expect(inSettings.locator('option[value="en-US"]')).toHaveText(/English \(US\): \$725,000, November 24, 2026/);
      await page.keyboard.press('Escape');
    } finally {
      await page.getByTestId('lang-ru').click();
      await api.delete('/api/funnels/e2e-dollars');
    }
  });

  test('a template made in another currency: its products change currency, and the dialog says their prices are to be set', async ({ page, api }) => {
    await login(page, 'marketer');
    try {
      await api.delete('/api/funnels/e2e-euro');
      await page.getByTestId('new-funnel').click();
      await page.getByTestId('new-funnel-template').selectOption('classic');
      await page.getByTestId('new-funnel-name').fill('Вебинар в евро');
      await page.getByTestId('new-funnel-id').fill('e2e-euro');
      await expect(page.getByTestId('new-funnel-reprice')).toHaveCount(0); // roubles, as the template
      await page.getByTestId('new-funnel-currency').selectOption('EUR');
      await expect(page.getByTestId('new-funnel-reprice')).toContainText('Цены в шаблоне написаны в RUB: товары перейдут в EUR');
      await page.getByTestId('new-funnel-create').click();
      await expect(page).toHaveURL(/#\/funnels\/e2e-euro$/);
      const f = (await (await api.get('/api/funnels/e2e-euro')).json()) as { draft: { settings?: { currency?: string }; nodes: { data: { product?: { currency?: string; price: number } } }[] } };
      expect(f.draft.settings?.currency).toBe('EUR');
      const products = f.draft.nodes.map((n) => n.data.product).filter((p) => p !== undefined);
      expect(products.length).toBeGreaterThan(2);
      expect(products.map((p) => p.currency)).toEqual(products.map(() => 'EUR'));
      // the template's saved QA walks came with it, for the new funnel, and pass on it
      const saved = ((await (await api.get('/api/funnels/e2e-euro')).json()) as { scenarios: { funnel: string }[] }).scenarios;
      expect(saved.length).toBe(4);
      expect(saved.every((s) => s.funnel === 'e2e-euro')).toBe(true);
      await page.getByTestId('tab-simulator').click();
      await page.getByTestId('sim-run-all').click();
      await expect(page.getByTestId('sim-run-summary')).toContainText('4 из 4');
    } finally {
      await api.delete('/api/funnels/e2e-euro');
    }
  });
});
