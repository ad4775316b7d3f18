import { serve } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, API_KEY, DEMO_PASSWORD, anonymous, expectUnchanged, handoffFunnel, login, publishFunnel, startServer, tinyFunnel, withCookie, type Harness } from './helpers.ts';

/** Takes a classic-funnel lead up to the manager's call (a task for role `manager`). */
async function leadReachesCall(h: Harness, contactId: string) {
  const ingest = await h.api('POST', '/api/events', {
    events: ['lead.created', 'offer.accepted', 'leadMagnet.claimed'].map((type) => ({ type, contactId })),
  });
  expect(ingest.status).toBe(202);
  expect((await h.api('POST', '/api/orders', { id: `trip-${contactId}`, contactId, sku: 'TRIP-1', amount: 990 })).status).toBe(201);
}

describe('authentication and roles', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startServer();
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers 401 without credentials or with a wrong API key or cookie, and changes nothing', async () => {
    await expectUnchanged(h, async () => {
      for (const headers of [anonymous, { authorization: 'Bearer not-a-key' }, { cookie: 'voronka_session=forged' }]) {
        for (const [method, path, body] of [
          ['GET', '/api/funnels', undefined],
          ['GET', '/api/tasks', undefined],
          ['POST', '/api/events', { type: 'lead.created', contactId: 'anna' }],
          ['POST', '/api/funnels/classic/publish', undefined],
        ] as const) {
          const res = await h.api(method, path, body, headers);
          expect(res.status, `${method} ${path} with ${JSON.stringify(headers)}`).toBe(401);
          expect(res.body.error).toBeTruthy();
        }
      }
    });
  });

  it('refuses a wrong password or an unknown email with 401 and no cookie', async () => {
    await expectUnchanged(h, async () => {
      for (const body of [
        { email: 'manager@voronka.local', password: 'wrong-password' },
        { email: 'nobody@voronka.local', password: DEMO_PASSWORD },
      ]) {
        const res = await h.api('POST', '/api/auth/login', body, anonymous);
        expect(res.status).toBe(401);
        expect(res.headers.get('set-cookie')).toBeNull();
      }
    });
  });

  it('after 10 failed logins for an email refuses it with 429 and Retry-After — even the right password; a success before that clears the count; other emails are not affected', async () => {
    const post = (email: string, password: string) => h.api('POST', '/api/auth/login', { email, password }, anonymous);
    for (let i = 0; i < 9; i++) expect((await post('marketer@voronka.local', `early-${i}`)).status).toBe(401);
    expect((await post('marketer@voronka.local', DEMO_PASSWORD)).status).toBe(200); // clears the nine
    for (let i = 0; i < 10; i++) expect((await post('marketer@voronka.local', `guess-${i}`)).status).toBe(401);
    const refused = await post('Marketer@Voronka.local', DEMO_PASSWORD); // the same email in other letters
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/too many failed logins/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await post('qa@voronka.local', DEMO_PASSWORD)).status).toBe(200);
    // on real time: moving the QA clock does not lift (or prolong) the lock
    await h.api('POST', '/api/clock/advance', { by: 'PT16M' });
    expect((await post('marketer@voronka.local', DEMO_PASSWORD)).status).toBe(429);
  });

  it('a lock lasts until the oldest failure leaves the 15-minute window', async () => {
    const { FailedLogins } = await import('../../../server/services/auth.ts');
    const f = new FailedLogins(3, 15 * 60_000);
    const t0 = 1_000_000;
    for (const dt of [0, 60_000, 120_000]) f.fail('x', t0 + dt);
    expect(f.blockedFor('x', t0 + 120_000)).toBe(15 * 60_000 - 120_000);
    expect(f.blockedFor('y', t0 + 120_000)).toBe(0);
    expect(f.blockedFor('x', t0 + 15 * 60_000 + 1)).toBe(0); // the first failure has left the window
    f.fail('x', t0 + 15.5 * 60_000);
    f.fail('x', t0 + 16 * 60_000);
    expect(f.blockedFor('x', t0 + 16 * 60_000)).toBeGreaterThan(0); // three within the window again (2, 15.5 and 16 min)
    f.clear('x');
    expect(f.blockedFor('x', t0 + 16 * 60_000)).toBe(0);
  });

  it('over real HTTP, 100 failed logins from one address lock that address out whatever the email', async () => {
    const server = serve({ fetch: h.s.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const post = (email: string, password: string) => fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      for (let i = 0; i < 100; i++) expect((await post(`nobody-${i}@example.com`, 'x')).status).toBe(401);
      expect((await post('qa@voronka.local', DEMO_PASSWORD)).status).toBe(429);
    } finally {
      server.close();
    }
  });

  it('logs in with an httpOnly SameSite=Lax session cookie that authenticates until logout', async () => {
    const res = await h.api('POST', '/api/auth/login', { email: 'manager@voronka.local', password: DEMO_PASSWORD }, anonymous);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'manager@voronka.local', role: 'manager', teams: ['sales', 'service', 'insurance'] });
    expect(res.body.passwordHash).toBeUndefined();
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^voronka_session=[^;]+/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);

    const cookie = withCookie(setCookie.split(';')[0]);
    const me = await h.api('GET', '/api/auth/me', undefined, cookie);
    expect(me).toMatchObject({ status: 200, body: { email: 'manager@voronka.local', role: 'manager' } });
    expect(me.body.passwordHash).toBeUndefined();
    // who the cookie is, answered 200 either way (the web app asks before anyone has logged in)
    const session = await h.api('GET', '/api/auth/session', undefined, cookie);
    expect(session).toMatchObject({ status: 200, body: { user: { email: 'manager@voronka.local', role: 'manager' } } });
    expect(session.body.user.passwordHash).toBeUndefined();
    expect(await h.api('GET', '/api/auth/session', undefined, anonymous)).toMatchObject({ status: 200, body: { user: null } });
    expect(await h.api('GET', '/api/auth/session', undefined, withCookie('voronka_session=not-a-session'))).toMatchObject({ status: 200, body: { user: null } });

    expect((await h.api('POST', '/api/auth/logout', undefined, cookie)).status).toBe(204);
    expect((await h.api('GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
    expect((await h.api('GET', '/api/auth/session', undefined, cookie)).body).toEqual({ user: null });
  });

  it('over real HTTP: the manager logs in with fetch and reads the task inbox with the cookie', async () => {
    await leadReachesCall(h, 'anna');
    let port = 0;
    const server = await new Promise<ReturnType<typeof serve>>((ok) => {
      const srv = serve({ fetch: h.s.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        port = info.port;
        ok(srv);
      });
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'manager@voronka.local', password: DEMO_PASSWORD }) });
      expect(res.status).toBe(200);
      const [setCookie] = res.headers.getSetCookie();
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      const cookie = setCookie.split(';')[0];

      const tasks = await fetch(`${base}/api/tasks?mine=1&status=open`, { headers: { cookie } });
      expect(tasks.status).toBe(200);
      const list = (await tasks.json()) as any[];
      expect(list.map((t) => [t.node, t.contactId, t.status])).toEqual([['call', 'anna', 'open']]);

      expect((await fetch(`${base}/api/tasks`)).status).toBe(401);
      const big = await fetch(`${base}/api/events`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'x', contactId: 'anna', data: { pad: 'x'.repeat(1_100_000) } }) });
      expect(big.status).toBe(413);
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });

  it('lets only admin and marketer publish: manager and qa get 403 and nothing changes', async () => {
    await h.api('POST', '/api/funnels', tinyFunnel('promo'));
    for (const email of ['manager@voronka.local', 'qa@voronka.local']) {
      const cookie = withCookie(await login(h, email));
      await expectUnchanged(h, async () => {
        const res = await h.api('POST', '/api/funnels/promo/publish', undefined, cookie);
        expect(res.status, email).toBe(403);
        expect(res.body.error).toMatch(/role/);
        expect((await h.api('PUT', '/api/funnels/promo', tinyFunnel('promo', { subject: 'x' }), cookie)).status).toBe(403);
        expect((await h.api('POST', '/api/funnels/promo/pause', undefined, cookie)).status).toBe(403);
      });
    }
    const marketer = withCookie(await login(h, 'marketer@voronka.local'));
    const res = await h.api('POST', '/api/funnels/promo/publish', { note: 'by the marketer' }, marketer);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, note: 'by the marketer' });
  });

  it('lets QA save scenarios and move the clock, but not a manager', async () => {
    const qa = withCookie(await login(h, 'qa@voronka.local'));
    const manager = withCookie(await login(h, 'manager@voronka.local'));
    await expectUnchanged(h, async () => {
      expect((await h.api('PUT', '/api/funnels/classic/scenarios', { scenarios: [] }, manager)).status).toBe(403);
      expect((await h.api('POST', '/api/clock/advance', { by: 'P1D' }, manager)).status).toBe(403);
      expect((await h.api('POST', '/api/events', { type: 'lead.created', contactId: 'anna' }, manager)).status).toBe(403);
    });
    expect((await h.api('PUT', '/api/funnels/classic/scenarios', { scenarios: [] }, qa)).status).toBe(200);
    expect((await h.api('POST', '/api/clock/advance', { by: 'P1D' }, qa)).body.now).toBe('2026-03-03T06:00:00.000Z');
    // in words too, as the simulator's «advance by…» takes them
    expect((await h.api('POST', '/api/clock/advance', { by: '1 day 12 hours' }, qa)).body.now).toBe('2026-03-04T18:00:00.000Z');
    expect((await h.api('POST', '/api/clock/advance', { by: 'полчаса' }, qa)).body.now).toBe('2026-03-04T18:30:00.000Z');
    expect((await h.api('POST', '/api/clock/advance', { by: 'завтра' }, qa)).body.error).toBe('by: "завтра" is not a length of time: write it like 1 day 12 hours, 3 дня, P1D or PT2H');
  });

  it('shows a manager only the tasks assigned to them or to their role and teams', async () => {
    await publishFunnel(h, handoffFunnel('sales-call', { role: 'sales' }));
    const created = await h.api('POST', '/api/users', { email: 'm2@voronka.local', name: 'Second Manager', role: 'manager', teams: [], password: 'second-pass-1' });
    expect(created.status).toBe(201);
    await h.api('POST', '/api/events', { type: 'sales-call.start', contactId: 'vera' });
    await leadReachesCall(h, 'boris');

    const manager = withCookie(await login(h, 'manager@voronka.local'));
    const second = withCookie(await login(h, 'm2@voronka.local', 'second-pass-1'));
    const mine = (await h.api('GET', '/api/tasks?mine=1&status=open', undefined, manager)).body;
    expect(mine.map((t: any) => [t.funnelId, t.role]).sort()).toEqual([['classic', 'manager'], ['sales-call', 'sales']]);
    const salesTask = mine.find((t: any) => t.role === 'sales');

    // the second manager has the role "manager" (the classic call's assignee) but not the team "sales"
    for (const q of ['', '?mine=1', '?status=open']) {
      const theirs = (await h.api('GET', `/api/tasks${q}`, undefined, second)).body;
      expect(theirs.map((t: any) => [t.funnelId, t.role]), q).toEqual([['classic', 'manager']]);
    }
    // «Мои»: only the tasks given to each, not the queues they share
    for (const who of [manager, second]) {
      const id = (await h.api('GET', '/api/auth/me', undefined, who)).body.id;
      const all = (await h.api('GET', '/api/tasks?status=open', undefined, who)).body as { id: string; userId: string | null }[];
      const given = (await h.api('GET', '/api/tasks?assigned=me&status=open', undefined, who)).body as { id: string; userId: string | null }[];
      expect(given.every((t) => t.userId === id)).toBe(true);
      expect(given.map((t) => t.id).sort()).toEqual(all.filter((t) => t.userId === id).map((t) => t.id).sort());
      if (who === manager) expect(given.length).toBeGreaterThan(0); // the sales team's task went to its only member
    }
    expect((await h.api('GET', '/api/tasks?assigned=you', undefined, second)).status).toBe(400);
    await expectUnchanged(h, async () => {
      expect((await h.api('GET', `/api/tasks/${salesTask.id}`, undefined, second)).status).toBe(404);
      const res = await h.api('POST', `/api/tasks/${salesTask.id}/complete`, { outcome: 'won' }, second);
      expect(res.status).toBe(403);
    });
    const done = await h.api('POST', `/api/tasks/${salesTask.id}/complete`, { outcome: 'won' }, manager);
    expect(done.body).toMatchObject({ status: 'done', outcome: 'won' });
    const run = (await h.api('GET', `/api/runs/${salesTask.runId}`)).body;
    expect(run.status).toBe('completed');
    expect(run.path.map((p: { node: string }) => p.node)).toEqual(['start', 'call', 'thanks']);
    // each step says how it was left: the manager's outcome included
    expect(run.path.map((p: { node: string; exit?: string }) => [p.node, p.exit])).toEqual([['start', 'next'], ['call', 'won'], ['thanks', 'next']]);
  });

  it('a user\'s language is their own, kept with the workspace: any browser they log in from shows it', async () => {
    const qa = withCookie(await login(h, 'qa@voronka.local'));
    expect((await h.api('GET', '/api/auth/me', undefined, qa)).body.lang).toBeUndefined();
    await expectUnchanged(h, async () => {
      const bad = await h.api('PUT', '/api/auth/me/preferences', { lang: 'de' }, qa);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toContain('lang');
      expect((await h.api('PUT', '/api/auth/me/preferences', { lang: 'en', theme: 'dark' }, qa)).status).toBe(400);
    });
    expect((await h.api('PUT', '/api/auth/me/preferences', { lang: 'en' }, qa)).body).toEqual({ lang: 'en' });
    // another session of the same user sees it; another user does not
    const again = withCookie(await login(h, 'qa@voronka.local'));
    expect((await h.api('GET', '/api/auth/me', undefined, again)).body).toMatchObject({ email: 'qa@voronka.local', lang: 'en' });
    // the login's answer has it too: the app shows it from the first page
    expect((await h.api('POST', '/api/auth/login', { email: 'qa@voronka.local', password: DEMO_PASSWORD }, anonymous)).body).toMatchObject({ role: 'qa', lang: 'en' });
    const manager = withCookie(await login(h, 'manager@voronka.local'));
    expect((await h.api('GET', '/api/auth/me', undefined, manager)).body.lang).toBeUndefined();
    // the zone times are written in is chosen apart from the language, and keeps it
    await expectUnchanged(h, async () => {
      const bad = await h.api('PUT', '/api/auth/me/preferences', { times: 'utc' }, qa);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toContain('times');
      const empty = await h.api('PUT', '/api/auth/me/preferences', {}, qa);
      expect(empty.status).toBe(400);
      expect(empty.body.error).toContain('"lang", "times"');
    });
    expect((await h.api('PUT', '/api/auth/me/preferences', { times: 'mine' }, qa)).body).toEqual({ lang: 'en', times: 'mine' });
    expect((await h.api('GET', '/api/auth/me', undefined, again)).body).toMatchObject({ lang: 'en', times: 'mine' });
    expect((await h.api('GET', '/api/auth/me', undefined, manager)).body.times).toBeUndefined();
  });

  it('a manager looks clients up one by one, but neither exports the whole base nor reads its money', async () => {
    await h.api('POST', '/api/contacts', { id: 'lookup', attributes: { firstName: 'Нина', phone: '+79990001122' } });
    const manager = withCookie(await login(h, 'manager@voronka.local'));
    expect((await h.api('GET', '/api/contacts?search=Нина', undefined, manager)).body.map((c: { id: string }) => c.id)).toContain('lookup');
    expect((await h.api('GET', '/api/contacts/lookup', undefined, manager)).status).toBe(200);
    const exported = await h.api('GET', '/api/contacts/export.csv', undefined, manager);
    expect(exported.status).toBe(403);
    expect(exported.body.error).toContain('marketer or qa');
    expect((await h.api('GET', '/api/metrics/customers', undefined, manager)).status).toBe(403);
    // those who oversee the funnels still do
    const qa = withCookie(await login(h, 'qa@voronka.local'));
    expect((await h.api('GET', '/api/contacts/export.csv', undefined, qa)).status).toBe(200);
    expect((await h.api('GET', '/api/metrics/customers', undefined, qa)).status).toBe(200);
  });

  it('a manager takes over a task of their role and gives it back; only a marketer or admin gives it to someone else', async () => {
    const second = (await h.api('POST', '/api/users', { email: 'm3@voronka.local', name: 'Третий', role: 'manager', password: 'third-pass-1' })).body;
    await leadReachesCall(h, 'vera');
    const manager = withCookie(await login(h, 'manager@voronka.local'));
    const third = withCookie(await login(h, 'm3@voronka.local', 'third-pass-1'));
    const [task] = (await h.api('GET', '/api/tasks?status=open&role=manager', undefined, manager)).body;
    const me = (await h.api('GET', '/api/auth/me', undefined, manager)).body;
    // whoever round-robin picked, the first manager takes it
    const took = await h.api('POST', `/api/tasks/${task.id}/assign`, { userId: me.id }, manager);
    expect(took.status).toBe(200);
    expect(took.body.userId).toBe(me.id);
    await expectUnchanged(h, async () => {
      expect((await h.api('POST', `/api/tasks/${task.id}/assign`, { userId: second.id }, manager)).status).toBe(403); // not to a colleague
      expect((await h.api('POST', `/api/tasks/${task.id}/assign`, { userId: null }, third)).status).toBe(403); // not someone else's back
      expect((await h.api('POST', `/api/tasks/${task.id}/assign`, { userId: 'nobody' })).status).toBe(404);
      expect((await h.api('POST', `/api/tasks/${task.id}/assign`, { user: me.id })).status).toBe(400);
    });
    // the colleague takes it over; then gives it back to the queue; a marketer hands it to the first
    expect((await h.api('POST', `/api/tasks/${task.id}/assign`, { userId: second.id }, third)).body.userId).toBe(second.id);
    expect((await h.api('POST', `/api/tasks/${task.id}/assign`, { userId: null }, third)).body.userId).toBeNull();
    const marketer = withCookie(await login(h, 'marketer@voronka.local'));
    expect((await h.api('POST', `/api/tasks/${task.id}/assign`, { userId: me.id }, marketer)).body.userId).toBe(me.id);
    // a closed task is not reassigned
    await h.api('POST', `/api/tasks/${task.id}/complete`, { outcome: 'won' }, manager);
    expect((await h.api('POST', `/api/tasks/${task.id}/assign`, { userId: second.id }, marketer)).status).toBe(409);
  });

  it('filters the inbox by role: ?role=sales lists only tasks of that role', async () => {
    await publishFunnel(h, handoffFunnel('sales-call', { role: 'sales' }));
    await h.api('POST', '/api/events', { type: 'sales-call.start', contactId: 'vera' });
    await leadReachesCall(h, 'boris'); // role "manager", assigned to the only manager
    const manager = withCookie(await login(h, 'manager@voronka.local'));

    const asAdmin = (await h.api('GET', '/api/tasks?role=sales')).body;
    expect(asAdmin.map((t: any) => t.role)).toEqual(['sales']);
    const asManager = (await h.api('GET', '/api/tasks?role=sales', undefined, manager)).body;
    expect(asManager.map((t: any) => t.role)).toEqual(['sales']);
  });

  it('lets the admin create users and API keys; a key authenticates as its owner; others get 403', async () => {
    const res = await h.api('POST', '/api/api-keys', { name: 'crm integration' });
    expect(res.status).toBe(201);
    expect(res.body.key).toMatch(/^vk_/);
    const me = await h.api('GET', '/api/auth/me', undefined, { authorization: `Bearer ${res.body.key}` });
    expect(me.body).toMatchObject({ email: 'admin@voronka.local', role: 'admin' });
    expect((await h.api('POST', '/api/events', { type: 'lead.created', contactId: 'anna' }, { authorization: `Bearer ${res.body.key}` })).status).toBe(202);

    const admin = withCookie(await login(h, 'admin@voronka.local', ADMIN_PASSWORD));
    const users = (await h.api('GET', '/api/users', undefined, admin)).body;
    expect(users.map((u: any) => u.role).sort()).toEqual(['admin', 'manager', 'marketer', 'qa']);
    expect(users.every((u: any) => u.passwordHash === undefined)).toBe(true);

    const marketer = withCookie(await login(h, 'marketer@voronka.local'));
    await expectUnchanged(h, async () => {
      expect((await h.api('POST', '/api/api-keys', { name: 'mine' }, marketer)).status).toBe(403);
      expect((await h.api('POST', '/api/users', { email: 'x@voronka.local', name: 'X', role: 'admin', password: 'long-enough-1' }, marketer)).status).toBe(403);
      expect((await h.api('GET', '/api/users', undefined, marketer)).status).toBe(403);
      expect((await h.api('GET', '/api/api-keys', undefined, marketer)).status).toBe(403);
    });
  });

  it('tells funnel editors who a hand-off can go to: users by name with role and teams (no e-mails), queues with their number of users; managers get 403', async () => {
    await h.api('POST', '/api/users', { email: 'sveta@voronka.local', name: 'Света', role: 'manager', teams: ['sales'], password: 'sveta-pass-1' });
    const marketer = withCookie(await login(h, 'marketer@voronka.local'));
    const res = await h.api('GET', '/api/assignees', undefined, marketer);
    expect(res.status).toBe(200);
    const sveta = res.body.users.find((u: { name: string }) => u.name === 'Света');
    expect(sveta).toEqual({ id: expect.any(String), name: 'Света', role: 'manager', teams: ['sales'] });
    expect(res.body.users.every((u: Record<string, unknown>) => u.email === undefined && u.passwordHash === undefined)).toBe(true);
    const queues = Object.fromEntries(res.body.queues.map((q: { name: string; users: number }) => [q.name, q.users]));
    // the demo manager works sales, service and insurance; Света works manager and sales
    expect(queues).toMatchObject({ manager: 2, sales: 2, service: 1, insurance: 1, admin: 1, marketer: 1, qa: 1 });
    const qa = withCookie(await login(h, 'qa@voronka.local'));
    expect((await h.api('GET', '/api/assignees', undefined, qa)).status).toBe(200);
    const manager = withCookie(await login(h, 'manager@voronka.local'));
    expect((await h.api('GET', '/api/assignees', undefined, manager)).status).toBe(403);
  });

  it('an admin changes a user (role, teams, password — which ends their sessions) and deletes one: keys and sessions end, open tasks go back to the role', async () => {
    const created = (await h.api('POST', '/api/users', { email: 'olga@voronka.local', name: 'Ольга', role: 'manager', password: 'olga-pass-1' })).body;
    const olga = withCookie(await login(h, 'olga@voronka.local', 'olga-pass-1'));
    // a task assigned to her personally
    await publishFunnel(h, handoffFunnel('olga-call', { user: created.id }));
    await h.api('POST', '/api/events', { type: 'olga-call.start', contactId: 'anna' });
    const [task] = (await h.api('GET', '/api/tasks?status=open', undefined, olga)).body;
    expect(task.userId).toBe(created.id);

    const changed = await h.api('PATCH', `/api/users/${created.id}`, { teams: ['sales'], name: 'Ольга Петрова' });
    expect(changed.body).toMatchObject({ name: 'Ольга Петрова', teams: ['sales'], role: 'manager' });
    expect(changed.body.passwordHash).toBeUndefined();
    expect((await h.api('GET', '/api/auth/me', undefined, olga)).status).toBe(200);
    expect((await h.api('PATCH', `/api/users/${created.id}`, { password: 'new-pass-22' })).status).toBe(200);
    expect((await h.api('GET', '/api/auth/me', undefined, olga)).status).toBe(401); // the old session ended
    const olgaAgain = withCookie(await login(h, 'olga@voronka.local', 'new-pass-22'));
    expect((await h.api('PATCH', `/api/users/${created.id}`, { role: 'boss' })).status).toBe(400);

    expect((await h.api('DELETE', `/api/users/${created.id}`)).status).toBe(204);
    expect((await h.api('GET', '/api/auth/me', undefined, olgaAgain)).status).toBe(401);
    expect((await h.api('GET', '/api/users')).body.some((u: { id: string }) => u.id === created.id)).toBe(false);
    // her open task now waits for any manager
    const manager = withCookie(await login(h, 'manager@voronka.local'));
    const seen = (await h.api('GET', '/api/tasks?status=open', undefined, manager)).body as { id: string; userId: string | null; role: string | null }[];
    expect(seen.find((t) => t.id === task.id)).toMatchObject({ userId: null, role: 'manager' });
    expect((await h.api('DELETE', `/api/users/${created.id}`)).status).toBe(404);
  });

  it('the last admin cannot stop being admin, and nobody can delete themselves', async () => {
    const admin = (await h.api('GET', '/api/users')).body.find((u: { role: string }) => u.role === 'admin');
    await expectUnchanged(h, async () => {
      const res = await h.api('PATCH', `/api/users/${admin.id}`, { role: 'marketer' });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatch(/^role: /);
      expect((await h.api('DELETE', `/api/users/${admin.id}`)).status).toBe(409); // the API key acts as this admin
    });
  });

  it('lists API keys without the keys and revokes one: it stops working at once, even though it was just used', async () => {
    const key = (await h.api('POST', '/api/api-keys', { name: 'site form' })).body.key as string;
    const asKey = { authorization: `Bearer ${key}` };
    expect((await h.api('GET', '/api/auth/me', undefined, asKey)).status).toBe(200); // now remembered for a few seconds
    const listed = (await h.api('GET', '/api/api-keys')).body as { id: string; name: string; user: { email: string } }[];
    const mine = listed.find((k) => k.name === 'site form')!;
    expect(mine.user.email).toBe('admin@voronka.local');
    expect(JSON.stringify(listed)).not.toContain(key);
    // the key VORONKA_API_KEY sets (made again at each start) is told apart
    expect(listed.filter((k: any) => k.fromEnv).map((k) => k.name)).toEqual(['VORONKA_API_KEY']);
    expect((mine as any).fromEnv).toBe(false);
    expect((await h.api('DELETE', `/api/api-keys/${mine.id}`)).status).toBe(204);
    expect((await h.api('GET', '/api/auth/me', undefined, asKey)).status).toBe(401);
    expect((await h.api('DELETE', `/api/api-keys/${mine.id}`)).status).toBe(404);
    expect((await h.api('GET', '/api/api-keys')).body.some((k: { id: string }) => k.id === mine.id)).toBe(false);
  });
});

describe('the QA clock in real-clock mode', () => {
  it('refuses POST /api/clock/advance with 409 and leaves the clock alone', async () => {
    const h = await startServer({ clock: 'real' });
    try {
      const clock = await h.api('GET', '/api/clock');
      expect(clock.body.manual).toBe(false);
      await expectUnchanged(h, async () => {
        const res = await h.api('POST', '/api/clock/advance', { by: 'P1D' });
        expect(res.status).toBe(409);
        expect(res.body.error).toMatch(/manual/);
      });
      expect(Date.parse((await h.api('GET', '/api/clock')).body.now)).toBeLessThan(Date.now() + 60_000);
    } finally {
      await h.close();
    }
  });
});
