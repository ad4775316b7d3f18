import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Harness } from './helpers.ts';

/** Entering «sleepers» starts a mail, then a week's wait. */
const wake = (reentry: string) => ({
  format: 'voronka/funnel@1',
  id: 'wake',
  name: 'Wake the sleepers',
  nodes: [
    { id: 'start', type: 'trigger', data: { segment: 'sleepers', reentry } },
    { id: 'mail', type: 'message', data: { channel: 'email', subject: 'Мы скучаем', body: 'Скидка', marketing: false } },
    { id: 'week', type: 'delay', data: { for: 'P7D' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'mail' },
    { id: 'e2', source: 'mail', target: 'week' },
  ],
});

describe('a segment funnel and the contacts already in its segment', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
    for (const id of ['s1', 's2', 's3']) await h.api('POST', '/api/contacts', { id, attributes: { email: `${id}@example.com` }, segments: ['sleepers'] });
    await h.api('POST', '/api/contacts', { id: 'awake', attributes: { email: 'awake@example.com' }, segments: ['vip'] });
  });
  afterAll(() => h.close());

  const runs = async () => ((await h.api('GET', '/api/runs?funnelId=wake')).body as { contactId: string; status: string }[]).map((r) => r.contactId).sort();

  it('says how many are in the segment; publishing lets them in only when asked, once, and never twice while they are in it', async () => {
    expect((await h.api('POST', '/api/funnels', wake('never'))).status).toBe(201);
    expect((await h.api('GET', '/api/funnels/wake/audience')).body).toEqual({ segments: [{ segment: 'sleepers', contacts: 3 }] });
    // by default only those who enter later start it
    const first = await h.api('POST', '/api/funnels/wake/publish', { note: 'v1' });
    expect(first.status).toBe(201);
    expect(first.body.enrolled).toBeUndefined();
    expect(await runs()).toEqual([]);
    // asked: those in it now are let in, as if they had just entered
    const second = await h.api('POST', '/api/funnels/wake/publish', { enrolMembers: true });
    expect(second.body).toMatchObject({ version: 2, enrolled: 3, members: 3 });
    expect(await runs()).toEqual(['s1', 's2', 's3']);
    const mails = (await h.api('GET', '/api/outbox?funnelId=wake')).body as { contactId: string }[];
    expect(mails.map((m) => m.contactId).sort()).toEqual(['s1', 's2', 's3']);
    // again: everyone is in it already (and «never» lets no one in twice)
    const third = (await h.api('POST', '/api/funnels/wake/publish', { enrolMembers: true })).body;
    expect(third.enrolled).toBe(0);
    expect(third.members).toBe(3); // the answer says how many were in the segment, so the dialog can say why none started
    expect(await runs()).toEqual(['s1', 's2', 's3']);
  });

  it('a re-entry rule holds for those let in; a paused funnel lets no one in; a bad flag is refused naming it', async () => {
    await h.api('POST', '/api/clock/advance', { by: 'P8D' }); // the week's wait is over: every run has completed
    await h.api('PUT', '/api/funnels/wake', wake('always'));
    expect((await h.api('POST', '/api/funnels/wake/publish', { enrolMembers: true })).body.enrolled).toBe(3);
    expect((await h.api('POST', '/api/funnels/wake/pause')).status).toBe(200);
    await h.api('POST', '/api/clock/advance', { by: 'P8D' });
    expect((await h.api('POST', '/api/funnels/wake/publish', { enrolMembers: true })).body.enrolled).toBe(0);
    const bad = await h.api('POST', '/api/funnels/wake/publish', { enrolMembers: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^enrolMembers: must be true or false/);
    expect((await h.api('GET', '/api/funnels/wake/versions')).body).toHaveLength(5); // the refused one made none
  });

  it('an event funnel has no segment audience; an unknown funnel is 404', async () => {
    await h.api('POST', '/api/funnels', { ...wake('never'), id: 'by-event', nodes: [{ id: 'start', type: 'trigger', data: { event: 'x.happened' } }, ...wake('never').nodes.slice(1)] });
    expect((await h.api('GET', '/api/funnels/by-event/audience')).body).toEqual({ segments: [] });
    expect((await h.api('GET', '/api/funnels/nope/audience')).status).toBe(404);
  });
});
