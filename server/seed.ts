import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EN, EN_FIRST_NAMES } from '../shared/examples/en.ts';
import { translateScenario, translateTemplate } from '../shared/examples/translate.ts';
import type { AppContext } from './context.ts';
import { randomSecret } from './services/passwords.ts';

const DEMO_USERS = [
  { email: 'admin@voronka.local', name: 'Администратор', en: 'Administrator', role: 'admin' as const, teams: [] },
  { email: 'marketer@voronka.local', name: 'Марина Маркетолог', en: 'Marina Marketer', role: 'marketer' as const, teams: [] },
  { email: 'qa@voronka.local', name: 'Кирилл Тестировщик', en: 'Kirill Tester', role: 'qa' as const, teams: [] },
  { email: 'manager@voronka.local', name: 'Олег Менеджер', en: 'Oleg Manager', role: 'manager' as const, teams: ['sales', 'service', 'insurance'] },
];

const DEMO_CONTACTS = [
  ['anna', 'Анна', 'anna@example.com', 'Europe/Moscow'],
  ['boris', 'Борис', 'boris@example.com', 'Europe/Moscow'],
  ['vera', 'Вера', 'vera@example.com', 'Asia/Yekaterinburg'],
  ['gleb', 'Глеб', 'gleb@example.com', 'Europe/Moscow'],
  ['daria', 'Дарья', 'daria@example.com', 'Asia/Novosibirsk'],
] as const;

/**
 * First start with an empty data folder: users of each role, the example funnels (the classic
 * four-stage funnel published) and demo contacts. Passwords are generated and printed once,
 * unless VORONKA_ADMIN_PASSWORD / VORONKA_DEMO_PASSWORD fix them; VORONKA_API_KEY fixes an
 * admin API key. The demo is in Russian, or in English with VORONKA_LANG=en (the examples'
 * texts, their scenarios' names and the people's names).
 */
export async function seedDemoWorkspace(ctx: AppContext, env: NodeJS.ProcessEnv, examplesDir: string, log: (s: string) => void): Promise<boolean> {
  if ((await ctx.store.read.listUsers()).length > 0) {
    if (env.VORONKA_API_KEY) await ensureApiKey(ctx, env.VORONKA_API_KEY);
    return false;
  }
  const en = env.VORONKA_LANG === 'en';
  const lines: string[] = [];
  let adminId = '';
  for (const { en: enName, ...u } of DEMO_USERS) {
    const password = (u.role === 'admin' ? env.VORONKA_ADMIN_PASSWORD : env.VORONKA_DEMO_PASSWORD) || randomSecret(9);
    const created = await ctx.auth.createUser({ ...u, name: en ? enName : u.name, password });
    if (u.role === 'admin') adminId = created.id;
    lines.push(`  ${u.role.padEnd(9)} ${u.email.padEnd(24)} ${password}`);
  }
  if (env.VORONKA_API_KEY) await ctx.auth.createApiKey(adminId, 'VORONKA_API_KEY', env.VORONKA_API_KEY);

  if (existsSync(examplesDir))
    for (const dir of readdirSync(examplesDir).sort()) {
      const file = join(examplesDir, dir, 'funnel.json');
      if (!existsSync(file)) continue;
      const written = JSON.parse(readFileSync(file, 'utf8'));
      const tr = en ? EN[written.id] : undefined;
      const funnel = translateTemplate(written, tr);
      await ctx.funnels.create(funnel);
      const scenarios = readdirSync(join(examplesDir, dir))
        .filter((f) => f.endsWith('.scenario.json'))
        .map((f) => {
          const s = JSON.parse(readFileSync(join(examplesDir, dir, f), 'utf8'));
          return en ? translateScenario(s, f.replace(/\.scenario\.json$/, ''), tr, EN_FIRST_NAMES) : s;
        });
      await ctx.funnels.saveDraft(funnel.id, funnel, scenarios);
      if (funnel.id === 'classic') await ctx.funnels.publish('classic', en ? 'Demo: the classic funnel' : 'Демо: классическая воронка', adminId);
    }
  for (const [id, firstName, email, timezone] of DEMO_CONTACTS)
    await ctx.contacts.upsert({ id, attributes: { firstName: en ? EN_FIRST_NAMES[firstName] : firstName, email, timezone }, consents: { email: true, sms: true } });

  log('Voronka: created the demo workspace. Log in with one of these (shown once):');
  for (const l of lines) log(l);
  return true;
}

async function ensureApiKey(ctx: AppContext, key: string) {
  const { sha256 } = await import('./services/passwords.ts');
  if (await ctx.store.read.getApiKeyByHash(sha256(key))) return;
  const admin = (await ctx.store.read.listUsers()).find((u) => u.role === 'admin');
  if (admin) await ctx.auth.createApiKey(admin.id, 'VORONKA_API_KEY', key);
}
