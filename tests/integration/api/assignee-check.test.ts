import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffFunnel, startServer, type Harness } from './helpers.ts';

/** A hand-off's assignee is checked against the workspace's users: a task for nobody is never seen. */
describe("a hand-off's assignee against the workspace", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
  });
  afterAll(() => h.close());

  const issuesOf = async (id: string) => ((await h.api('GET', `/api/funnels/${id}`)).body.issues as { code: string; severity: string; nodeId: string; message: string }[]).filter((i) => i.code.startsWith('handoff-'));

  it('a user who does not exist is an error on the node: publishing is refused (an email names the user to pick instead)', async () => {
    const admin = (await h.api('GET', '/api/users')).body.find((u: { email: string }) => u.email === 'admin@voronka.local');
    expect((await h.api('POST', '/api/funnels', handoffFunnel('ghost-user', { user: 'admin@voronka.local' }))).status).toBe(201);
    expect(await issuesOf('ghost-user')).toEqual([expect.objectContaining({ code: 'handoff-unknown-user', severity: 'error', nodeId: 'call', message: expect.stringContaining(`(by id: ${admin.id})`) })]);
    const refused = await h.api('POST', '/api/funnels/ghost-user/publish', undefined, { 'accept-language': 'ru' });
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toContainEqual(expect.objectContaining({ code: 'handoff-unknown-user', nodeId: 'call', field: 'assignee.user' }));
    // the user's own id is fine
    expect((await h.api('PUT', '/api/funnels/ghost-user', handoffFunnel('ghost-user', { user: admin.id }))).status).toBe(200);
    expect(await issuesOf('ghost-user')).toEqual([]);
    expect((await h.api('POST', '/api/funnels/ghost-user/publish')).status).toBe(201);
  });

  it('a role or team nobody has is a warning, gone once a user is given it', async () => {
    expect((await h.api('POST', '/api/funnels', handoffFunnel('ghost-team', { role: 'warranty' }))).status).toBe(201);
    expect(await issuesOf('ghost-team')).toEqual([expect.objectContaining({ code: 'handoff-empty-queue', severity: 'warning', nodeId: 'call' })]);
    const created = await h.api('POST', '/api/users', { email: 'ins@voronka.local', name: 'Страховщик', role: 'manager', teams: ['warranty'], password: 'insure-pass-1' });
    expect(created.status).toBe(201);
    expect(await issuesOf('ghost-team')).toEqual([]);
    expect(await issuesOf('ghost-user')).toEqual([]);
  });
});
