import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { START, classicHappyPath, expectUnchanged, publishFunnel, startServer, tinyFunnel, type Harness } from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('funnels API: drafts, versions, publishing', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startServer();
  });
  afterEach(async () => {
    await h.close();
  });

  it('lists the demo funnels: classic is live at version 1, the other examples are drafts without issues', async () => {
    const res = await h.api('GET', '/api/funnels');
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.map((f: any) => [f.id, f]));
    expect(Object.keys(byId).sort()).toEqual(['abandoned-cart', 'birthday', 'car-dealer', 'classic', 'reactivation']);
    expect(byId.classic).toMatchObject({ status: 'live', version: 1, issues: [] });
    for (const id of ['abandoned-cart', 'birthday', 'car-dealer', 'reactivation']) expect(byId[id]).toMatchObject({ status: 'draft', version: null, issues: [] });
  });

  it('creates a draft (201), reads it back as funnel@1 JSON, saves it with PUT and deletes it (204)', async () => {
    const draft = tinyFunnel('promo');
    const created = await h.api('POST', '/api/funnels', draft);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'promo', status: 'draft', version: null, issues: [] });

    const got = await h.api('GET', '/api/funnels/promo');
    expect(got.status).toBe(200);
    expect(got.body.draft).toEqual(draft);

    await expectUnchanged(h, async () => expect((await h.api('POST', '/api/funnels', draft)).status).toBe(409));

    const renamed = { ...draft, name: 'Spring promo' };
    const saved = await h.api('PUT', '/api/funnels/promo', renamed);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ name: 'Spring promo', status: 'draft' });
    expect((await h.api('GET', '/api/funnels/promo')).body.draft).toEqual(renamed);
    expect((await h.api('GET', '/api/funnels/promo/versions')).body).toEqual([]);

    expect((await h.api('DELETE', '/api/funnels/promo')).status).toBe(204);
    expect((await h.api('GET', '/api/funnels/promo')).status).toBe(404);
    expect((await h.api('GET', '/api/funnels')).body.map((f: any) => f.id)).not.toContain('promo');
  });

  it('keeps node problems in a draft as issues, and refuses to publish it with 422 naming the node', async () => {
    const broken = tinyFunnel('broken');
    broken.nodes[1] = { id: 'pause', type: 'delay', data: { for: 'soon' } };
    const created = await h.api('POST', '/api/funnels', broken);
    expect(created.status).toBe(201);
    expect(created.body.issues).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'pause' }));

    await expectUnchanged(h, async () => {
      const res = await h.api('POST', '/api/funnels/broken/publish', { note: 'try' });
      expect(res.status).toBe(422);
      expect(res.body.issues).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'pause' }));
      expect(res.body.error).toMatch(/errors/);
    });
    expect((await h.api('GET', '/api/funnels/broken/versions')).body).toEqual([]);
    expect((await h.api('GET', '/api/funnels/broken')).body).toMatchObject({ status: 'draft', version: null });
  });

  it('editing a published funnel edits the draft; publishing makes a new version with the note', async () => {
    const got = (await h.api('GET', '/api/funnels/classic')).body;
    expect(got.draftChanged).toBe(false);
    const v1 = got.draft;
    // the same draft saved again is no change; a new name is (both at one moment of the QA clock)
    expect((await h.api('PUT', '/api/funnels/classic', v1)).body.draftChanged).toBe(false);
    const edited = { ...v1, name: 'Classic, spring edition' };
    const saved = await h.api('PUT', '/api/funnels/classic', edited);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'live', version: 1, name: 'Classic, spring edition', draftChanged: true });
    expect((await h.api('GET', '/api/funnels')).body.find((f: { id: string }) => f.id === 'classic').draftChanged).toBe(true);

    const before = await h.api('GET', '/api/funnels/classic/versions');
    expect(before.body.map((v: any) => v.version)).toEqual([1]);
    expect(before.body[0].definition.name).toBe(v1.name);

    const published = await h.api('POST', '/api/funnels/classic/publish', { note: 'spring' });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ funnelId: 'classic', version: 2, note: 'spring', publishedAt: START });
    expect(published.body.definition).toEqual(edited);

    const versions = await h.api('GET', '/api/funnels/classic/versions');
    expect(versions.body.map((v: any) => [v.version, v.definition.name])).toEqual([
      [2, 'Classic, spring edition'],
      [1, v1.name],
    ]);
    expect((await h.api('GET', '/api/funnels/classic')).body).toMatchObject({ status: 'live', version: 2, draftChanged: false });
    // issues follow the draft even when saves share a moment of the QA clock
    const broken = { ...edited, nodes: edited.nodes.map((n: any) => (n.type === 'trigger' ? { ...n, data: {} } : n)) };
    const r = await h.api('PUT', '/api/funnels/classic', broken);
    expect(r.body.draftChanged).toBe(true);
    expect(r.body.issues.some((i: { severity: string }) => i.severity === 'error')).toBe(true);
    expect((await h.api('PUT', '/api/funnels/classic', edited)).body).toMatchObject({ draftChanged: false, issues: [] });
  });

  it('refuses to publish with 422 when a saved scenario fails, naming the scenario, and changes nothing', async () => {
    const good = classicHappyPath();
    const wrong = { ...good, name: 'deliberately wrong: expects the run to end at core_end', expect: { ...good.expect, path: ['start', 'offer', 'core_end'] } };
    const saved = await h.api('PUT', '/api/funnels/classic/scenarios', { scenarios: [good, wrong] });
    expect(saved.status).toBe(200);
    expect(saved.body.scenarios).toHaveLength(2);

    await expectUnchanged(h, async () => {
      const res = await h.api('POST', '/api/funnels/classic/publish');
      expect(res.status).toBe(422);
      expect(res.body.issues.filter((i: any) => i.severity === 'error')).toEqual([]);
      expect(res.body.scenarios).toHaveLength(1);
      expect(res.body.scenarios[0].name).toBe(wrong.name);
      expect(res.body.scenarios[0].failures.join('\n')).toMatch(/path/);
      // asked in Russian (as the Russian UI asks), the reasons are in Russian
      const ru = await h.api('POST', '/api/funnels/classic/publish', { lang: 'ru' });
      expect(ru.status).toBe(422);
      expect(ru.body.scenarios[0].failures.join('\n')).toMatch(/^путь, узел №3: ожидался Выход \(core_end\)/m);
      expect(ru.body.error).toBe('сохранённые сценарии не проходят: исправьте воронку или сценарии');
      expect(res.body.error).toBe('saved scenarios fail; fix the funnel or the scenarios');
      expect((await h.api('POST', '/api/funnels/classic/publish', { lang: 'de' })).body.error).toContain('lang');
    });
    expect((await h.api('GET', '/api/funnels/classic/versions')).body).toHaveLength(1);

    expect((await h.api('PUT', '/api/funnels/classic/scenarios', { scenarios: [good] })).status).toBe(200);
    const ok = await h.api('POST', '/api/funnels/classic/publish');
    expect(ok.status).toBe(201);
    expect(ok.body.version).toBe(2);
  });

  it('keeps running contacts on the version they started on after v2 is published', async () => {
    await publishFunnel(h, tinyFunnel('promo', { subject: 'Version one' }));
    expect((await h.api('POST', '/api/events', { type: 'promo.start', contactId: 'anna' })).status).toBe(202);

    expect((await h.api('PUT', '/api/funnels/promo', tinyFunnel('promo', { subject: 'Version two' }))).status).toBe(200);
    expect((await h.api('POST', '/api/funnels/promo/publish', { note: 'v2' })).body.version).toBe(2);
    expect((await h.api('POST', '/api/events', { type: 'promo.start', contactId: 'boris' })).status).toBe(202);

    const runs = await h.api('GET', '/api/runs?funnelId=promo&status=waiting');
    expect(Object.fromEntries(runs.body.map((r: any) => [r.contactId, r.version]))).toEqual({ anna: 1, boris: 2 });

    await h.api('POST', '/api/clock/advance', { by: 'P1D' });
    const sent = (await h.api('GET', '/api/outbox?funnelId=promo')).body;
    expect(Object.fromEntries(sent.map((m: any) => [m.contactId, m.payload.subject]))).toEqual({ anna: 'Version one', boris: 'Version two' });
    expect((await h.api('GET', '/api/runs?funnelId=promo&status=completed')).body).toHaveLength(2);
  });

  it('pause stops new entries and holds timers; resume shifts them so each run keeps the time it had left', async () => {
    await publishFunnel(h, tinyFunnel('promo', { delay: 'P1D' }));
    await h.api('POST', '/api/events', { type: 'promo.start', contactId: 'vera' });
    await h.api('POST', '/api/clock/advance', { by: 'PT6H' });

    const paused = await h.api('POST', '/api/funnels/promo/pause');
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: 'paused', pausedAt: START + 6 * HOUR });
    await expectUnchanged(h, async () => expect((await h.api('POST', '/api/funnels/promo/pause')).status).toBe(409));

    // no new entries while paused (the event itself is accepted and stored)
    expect((await h.api('POST', '/api/events', { type: 'promo.start', contactId: 'gleb' })).body).toMatchObject({ accepted: 1, duplicate: 0, ignored: [{ reason: 'funnel "promo" is paused: its trigger lets no one in until it is resumed' }] });
    expect((await h.api('GET', '/api/runs?funnelId=promo&contactId=gleb')).body).toEqual([]);

    // vera's delay was due at +1 day: held while paused
    await h.api('POST', '/api/clock/advance', { by: 'P2D' });
    const held = (await h.api('GET', '/api/runs?funnelId=promo&contactId=vera')).body[0];
    expect(held).toMatchObject({ status: 'waiting', node: 'pause' });

    const resumed = await h.api('POST', '/api/funnels/promo/resume');
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'live', pausedAt: null, shiftedTimers: 1 });

    // 18 hours were left at the pause: resumed at +2d6h, due at +3d
    await h.api('POST', '/api/clock/advance', { by: 'PT17H59M' });
    expect((await h.api('GET', `/api/runs/${held.id}`)).body.status).toBe('waiting');
    await h.api('POST', '/api/clock/advance', { by: 'PT1M' });
    const done = (await h.api('GET', `/api/runs/${held.id}`)).body;
    expect(done.status).toBe('completed');
    expect(done.journal.find((j: any) => j.kind === 'entered' && j.node === 'mail').at).toBe(new Date(START + 3 * DAY).toISOString());

    // live again: new entries start
    await h.api('POST', '/api/events', { type: 'promo.start', contactId: 'gleb' });
    expect((await h.api('GET', '/api/runs?funnelId=promo&contactId=gleb')).body).toHaveLength(1);
  });

  it("a date entry due during the pause waits it out; one due after the resume comes on its own day", async () => {
    const visits = {
      format: 'voronka/funnel@1',
      id: 'visits',
      name: 'Visits',
      settings: { timezone: 'UTC' },
      nodes: [
        { id: 'start', type: 'trigger', data: { date: { attribute: 'visit', at: '10:00' } } },
        { id: 'hello', type: 'message', data: { channel: 'email', subject: 'Hi', body: 'Hi', marketing: false } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'hello' }],
    };
    await publishFunnel(h, visits);
    const clock = (await h.api('GET', '/api/clock')).body.now as string;
    const day = (n: number) => new Date(Date.parse(clock) + n * DAY).toISOString().slice(0, 10);
    await h.api('POST', '/api/contacts', { id: 'v-during', attributes: { visit: day(1) } });
    await h.api('POST', '/api/contacts', { id: 'v-after', attributes: { visit: day(5) } });
    expect((await h.api('POST', '/api/funnels/visits/pause')).status).toBe(200);
    await h.api('POST', '/api/clock/advance', { by: 'P2D' });
    expect((await h.api('POST', '/api/funnels/visits/resume')).body).toMatchObject({ shiftedTimers: 1 });
    await h.api('POST', '/api/clock/advance', { by: 'P5D' });
    const started = async (id: string) => (await h.api('GET', `/api/runs?funnelId=visits&contactId=${id}`)).body[0]?.startedAt;
    // due a day after the pause began, at 10:00: two days later, as the funnel's clock stood still
    expect(await started('v-during')).toBe(Date.parse(`${day(3)}T10:00:00Z`));
    expect(await started('v-after')).toBe(Date.parse(`${day(5)}T10:00:00Z`));
  });

  it('refuses DELETE with 409 while contacts wait in the funnel, and allows it once they are out', async () => {
    await publishFunnel(h, tinyFunnel('promo'));
    await h.api('POST', '/api/events', { type: 'promo.start', contactId: 'daria' });
    const run = (await h.api('GET', '/api/runs?funnelId=promo')).body[0];
    expect(run.status).toBe('waiting');

    await expectUnchanged(h, async () => {
      const res = await h.api('DELETE', '/api/funnels/promo');
      expect(res.status).toBe(409);
      expect(res.body.error).toMatch(/promo/);
    });

    expect((await h.api('POST', `/api/runs/${run.id}/exit`)).status).toBe(200);
    expect((await h.api('DELETE', '/api/funnels/promo')).status).toBe(204);
    expect((await h.api('GET', '/api/funnels/promo')).status).toBe(404);

    // its history and statistics went with it: made again under the same id, the funnel starts
    // clean, and Daria may enter it although the old one allowed only one entry per contact
    const again = tinyFunnel('promo');
    again.nodes[0].data.reentry = 'never';
    await publishFunnel(h, again);
    expect((await h.api('GET', '/api/runs?funnelId=promo')).body).toEqual([]);
    expect((await h.api('GET', '/api/funnels/promo/stats')).body.nodes.every((n: { entered: number }) => n.entered === 0)).toBe(true);
    await h.api('POST', '/api/events', { type: 'promo.start', contactId: 'daria' });
    expect((await h.api('GET', '/api/runs?funnelId=promo&contactId=daria')).body).toHaveLength(1);
    expect((await h.api('GET', '/api/funnels/promo/stats')).body.nodes.find((n: { node: string }) => n.node === 'pause')).toMatchObject({ entered: 1, waiting: 1 });
  });
});
