/// <reference types="node" />
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test as base, expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';

/** Demo users the e2e server seeds (see tests/e2e/serve.mjs for the passwords). */
export const USERS = {
  admin: { email: 'admin@voronka.local', password: 'admin-pass-1', name: 'Администратор' },
  marketer: { email: 'marketer@voronka.local', password: 'demo-pass-1', name: 'Марина Маркетолог' },
  qa: { email: 'qa@voronka.local', password: 'demo-pass-1', name: 'Кирилл Тестировщик' },
  manager: { email: 'manager@voronka.local', password: 'demo-pass-1', name: 'Олег Менеджер' },
} as const;
export type Who = keyof typeof USERS;

export const API_KEY = 'e2e-key';

/** `api`: a request context that talks to the API with the admin API key. */
export const test = base.extend<{ api: APIRequestContext }>({
  api: async ({ playwright, baseURL }, use) => {
    const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${API_KEY}` } });
    await use(ctx);
    await ctx.dispose();
  },
});
export { expect };

/** Opens the app in a language (stored in localStorage before the first script runs). */
export async function useLanguage(page: Page, lang: 'ru' | 'en'): Promise<void> {
  await page.addInitScript((l) => {
    if (!sessionStorage.getItem('e2e.lang.set')) {
      localStorage.setItem('voronka.lang', l);
      sessionStorage.setItem('e2e.lang.set', '1');
    }
  }, lang);
}

/** Logs in through the login form and waits for the role's landing page. */
export async function login(page: Page, who: Who): Promise<void> {
  const u = USERS[who];
  await page.goto('/#/login');
  await page.locator('input[name="email"]').fill(u.email);
  await page.locator('input[name="password"]').fill(u.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByTestId('whoami')).toContainText(u.name);
  await expect(page).toHaveURL(who === 'manager' ? /#\/inbox$/ : /#\/funnels$/);
}

/** A full-page screenshot kept as a test artefact and copied to test-results/screens/. */
export async function screen(page: Page, info: TestInfo, name: string): Promise<string> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  const dir = join(info.project.outputDir, 'screens');
  mkdirSync(dir, { recursive: true });
  copyFileSync(path, join(dir, basename(path)));
  await info.attach(name, { path, contentType: 'image/png' });
  return path;
}

/** Unwraps a JSON response and fails with its body when it is not 2xx. */
export async function ok<T = unknown>(res: { ok(): boolean; status(): number; text(): Promise<string>; json(): Promise<unknown> }): Promise<T> {
  if (!res.ok()) throw new Error(`HTTP ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** A funnel@1 made anew for one test (one left by an earlier run is deleted first), and published when asked. */
const START = { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } };

/** A draft made anew for one test: the trigger `start` (on lead.created) and the given nodes and edges. */
export const freshFunnel = (api: APIRequestContext, id: string, name: string, nodes: object[] = [], edges: object[] = [], settings?: object) =>
  newFunnel(api, { id, name, nodes: [START, ...nodes], edges, ...(settings ? { settings } : {}) });

/** A long, flat funnel: `count` delays `d1`…`dN` in one row after `start`, each joined to the next. */
export function delayRow(count: number, wait: string): { ids: string[]; nodes: object[]; edges: object[] } {
  const ids = Array.from({ length: count }, (_, i) => `d${i + 1}`);
  return {
    ids,
    nodes: ids.map((id, i) => ({ id, type: 'delay', position: { x: 320 * (i + 1), y: 0 }, data: { for: wait } })),
    edges: ids.map((id, i) => ({ id: `e${i}`, source: i ? ids[i - 1] : 'start', target: id })),
  };
}

export async function newFunnel(api: APIRequestContext, f: { id: string; name: string; nodes: object[]; edges: object[]; settings?: object }, opts: { publish?: boolean } = {}): Promise<void> {
  await api.delete(`/api/funnels/${f.id}`);
  await ok(await api.post('/api/funnels', { data: { format: 'voronka/funnel@1', ...f } }));
  if (opts.publish) await ok(await api.post(`/api/funnels/${f.id}/publish`, { data: {} }));
}

/** The centre of an element once the canvas has stopped moving (the opening fit may still be under way). */
export async function settledCentre(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const at = async () => page.getByTestId(testId).boundingBox().then((b) => ({ x: b!.x + b!.width / 2, y: b!.y + b!.height / 2 }));
  for (let a = await at(); ; ) {
    await page.waitForTimeout(150);
    const b = await at();
    if (b.x === a.x && b.y === a.y) return b;
    a = b;
  }
}
