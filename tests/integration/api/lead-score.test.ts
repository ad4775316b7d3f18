import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFunnel, startServer, type Harness } from './helpers.ts';

/** Points for an event, from one funnel; the runs of two funnels score the same contact on the same event. */
const scoring = (id: string, event: string, points: number) => ({
  format: 'voronka/funnel@1',
  id,
  name: id,
  nodes: [
    { id: 'start', type: 'trigger', data: { event, reentry: 'always' } },
    { id: 'points', type: 'action', data: { add: { score: points } } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'points' }],
});

/** A visit adds 20 and, at 50 or more, hands the lead to sales; under 50 it waits for the next visit. */
const hot = {
  format: 'voronka/funnel@1',
  id: 'hot-lead',
  name: 'Hot lead',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'page.visited', reentry: 'always' } },
    { id: 'visit', type: 'action', data: { add: { score: 20 } } },
    { id: 'check', type: 'branch', data: { rules: [{ id: 'hot', label: '≥ 50', when: { '>=': [{ var: 'contact.score' }, 50] } }] } },
    { id: 'call', type: 'handoff', data: { title: 'Горячий лид: {{contact.score}} баллов', assignee: { role: 'manager' }, outcomes: [{ id: 'done', label: 'Позвонил' }] } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'visit' },
    { id: 'e2', source: 'visit', target: 'check' },
    { id: 'e3', source: 'check', exit: 'hot', target: 'call' },
  ],
};

describe('lead scoring: an action adds points to a contact attribute', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
    await publishFunnel(h, scoring('webinar-points', 'webinar.attended', 15));
    await publishFunnel(h, scoring('webinar-bonus', 'webinar.attended', 5));
    await publishFunnel(h, hot);
  });
  afterAll(() => h.close());

  const score = async (id: string) => (await h.api('GET', `/api/contacts/${id}`)).body.attributes.score;

  it('points from two funnels on one event both count, and add to the score the contact already has (written as text too)', async () => {
    await h.api('POST', '/api/contacts', { id: 'lena', attributes: { firstName: 'Лена', score: '10' } });
    expect((await h.api('POST', '/api/events', { id: 'w-1', type: 'webinar.attended', contactId: 'lena' })).status).toBe(202);
    expect(await score('lena')).toBe(30);
    // a batch: every event's points count, once (the repeated id is a duplicate)
    const batch = await h.api('POST', '/api/events', { events: [{ id: 'w-2', type: 'webinar.attended', contactId: 'lena' }, { id: 'w-3', type: 'webinar.attended', contactId: 'lena' }, { id: 'w-2', type: 'webinar.attended', contactId: 'lena' }] });
    expect(batch.body).toMatchObject({ accepted: 2, duplicate: 1 });
    expect(await score('lena')).toBe(70);
  });

  it('a branch reads the score its step made: the third visit hands the lead to a manager, with the score in the task', async () => {
    await h.api('POST', '/api/contacts', { id: 'ivan', attributes: { firstName: 'Иван' } });
    for (const n of [1, 2]) expect((await h.api('POST', '/api/events', { id: `v-${n}`, type: 'page.visited', contactId: 'ivan' })).status).toBe(202);
    expect(await score('ivan')).toBe(40);
    const tasks = async () => (await h.api('GET', '/api/tasks?status=open')).body.filter((t: { contactId: string }) => t.contactId === 'ivan');
    expect(await tasks()).toHaveLength(0);
    await h.api('POST', '/api/events', { id: 'v-3', type: 'page.visited', contactId: 'ivan' });
    expect(await score('ivan')).toBe(60);
    expect((await tasks()).map((t: { title: string }) => t.title)).toEqual(['Горячий лид: 60 баллов']);
  });

  it('points that are not a number are refused with the field named, and nothing is stored', async () => {
    const bad = { ...scoring('bad-points', 'x.happened', 1), nodes: [{ id: 'start', type: 'trigger', data: { event: 'x.happened' } }, { id: 'points', type: 'action', data: { add: { score: 'десять' } } }] };
    expect((await h.api('POST', '/api/funnels', bad)).status).toBe(201);
    const r = await h.api('POST', '/api/funnels/bad-points/publish', {});
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).toContain('add.score');
    expect((await h.api('GET', '/api/funnels/bad-points/versions')).body).toEqual([]);
  });
});
