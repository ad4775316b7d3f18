import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { START, handoffFunnel, login, publishFunnel, startServer, tinyFunnel, withCookie, type Harness } from './helpers.ts';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const nodesOf = (run: { path: { node: string }[] }) => run.path.map((p) => p.node);

describe('runtime through the API with the QA clock', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startServer();
  });
  afterEach(async () => {
    await h.close();
  });

  const runOf = async (contactId: string, funnelId = 'classic') => {
    const runs = (await h.api('GET', `/api/runs?contactId=${contactId}&funnelId=${funnelId}`)).body;
    expect(runs).toHaveLength(1);
    return runs[0];
  };

  it('says why a start event started nothing: the contact is in the funnel already, or its re-entry rule keeps them out', async () => {
    const f = tinyFunnel('signup', { delay: 'PT1H' });
    f.nodes[0].data.reentry = 'never';
    await publishFunnel(h, f);
    expect((await h.api('POST', '/api/events', { id: 's1', type: 'signup.start', contactId: 'anna' })).body).toEqual({ accepted: 1, duplicate: 0 });
    const again = (await h.api('POST', '/api/events', { id: 's2', type: 'signup.start', contactId: 'anna' })).body;
    expect(again).toMatchObject({ accepted: 1, duplicate: 0 });
    expect(again.ignored).toEqual([{ id: 's2', type: 'signup.start', reason: expect.stringMatching(/^funnel "signup" did not start: the contact is already in it \(run \S+ is waiting\)$/) }]);
    await h.api('POST', '/api/clock/advance', { by: 'PT2H' }); // the run ends
    const third = (await h.api('POST', '/api/events', { id: 's3', type: 'signup.start', contactId: 'anna' })).body;
    expect(third.ignored).toEqual([{ id: 's3', type: 'signup.start', reason: `funnel "signup" did not start again: its trigger "start" lets a contact in once (reentry "never"), and this contact started it on ${iso(START)}` }]);
    expect((await h.api('GET', '/api/runs?contactId=anna&funnelId=signup')).body).toHaveLength(1);
    // with a waiting period, the answer names it
    const later = tinyFunnel('signup', { delay: 'PT1H' });
    (later.nodes[0].data as Record<string, unknown>).reentry = { after: 'P30D' };
    expect((await h.api('PUT', '/api/funnels/signup', later)).status).toBe(200);
    expect((await h.api('POST', '/api/funnels/signup/publish')).status).toBe(201);
    const fourth = (await h.api('POST', '/api/events', { id: 's4', type: 'signup.start', contactId: 'anna' })).body;
    expect(fourth.ignored[0].reason).toBe(`funnel "signup" did not start again: its trigger "start" lets a contact in again P30D after their last start (${iso(START)})`);
    await h.api('POST', '/api/clock/advance', { by: 'P30D' });
    expect((await h.api('POST', '/api/events', { id: 's5', type: 'signup.start', contactId: 'anna' })).body).toEqual({ accepted: 1, duplicate: 0 });
  });

  it("a run's path marks a message the contact has no address for (an SMS to someone without a phone)", async () => {
    const f = tinyFunnel('sms-path');
    (f.nodes[2] as { data: unknown }).data = { channel: 'sms', body: 'Вы записаны', marketing: false };
    f.edges = [{ id: 'e1', source: 'start', target: 'mail' }, { id: 'e2', source: 'mail', target: 'pause' }];
    await publishFunnel(h, f);
    expect((await h.api('POST', '/api/contacts', { id: 'olga', attributes: { firstName: 'Ольга' } })).status).toBeLessThan(300);
    expect((await h.api('POST', '/api/contacts', { id: 'ira', attributes: { firstName: 'Ира', phone: '+79160000001' } })).status).toBeLessThan(300);
    await h.api('POST', '/api/events', { events: [{ type: 'sms-path.start', contactId: 'olga' }, { type: 'sms-path.start', contactId: 'ira' }] });
    const mail = async (contactId: string) => (await runOf(contactId, 'sms-path')).path.find((p: { node: string }) => p.node === 'mail');
    expect(await mail('olga')).toMatchObject({ node: 'mail', noAddress: 'phone' });
    expect((await mail('ira')).noAddress).toBeUndefined();
  });

  it('walks the classic funnel: events, the tripwire order, the manager task, stats and the dev outbox', async () => {
    expect((await h.api('POST', '/api/events', { id: 'lead-anna', type: 'lead.created', contactId: 'anna' })).body).toEqual({ accepted: 1, duplicate: 0 });
    await h.settle();
    let run = await runOf('anna');
    expect(run).toMatchObject({ status: 'waiting', node: 'offer', version: 1 });
    // each step with the exit it left by; the offer is where the run waits
    // (with each node's type and its own words: the offer's product)
    expect(run.path).toEqual([
      { node: 'start', type: 'trigger', at: iso(START), exit: 'next' },
      // what moves it on: the offer's acceptance, else its two-day window
      // the stage's own email beside its product, with her name
      { node: 'offer', type: 'offer', title: 'Бесплатный вебинар «Автоворонка за один вечер»', sent: { channel: 'email', gist: 'Анна, приглашаем на бесплатный вебинар' }, at: iso(START), waitsFor: ['offer.accepted'], until: iso(START + 2 * DAY) },
    ]);

    const first = (await h.api('GET', '/api/outbox?contactId=anna')).body;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ node: 'offer', channel: 'email', status: 'dev', address: 'anna@example.com' });
    expect(first[0].payload.subject).toContain('Анна');

    await h.api('POST', '/api/events', { type: 'offer.accepted', contactId: 'anna' });
    expect((await runOf('anna')).node).toBe('lm');
    await h.api('POST', '/api/clock/advance', { by: 'PT2H' });
    await h.api('POST', '/api/events', { type: 'leadMagnet.claimed', contactId: 'anna' });
    expect((await runOf('anna')).node).toBe('trip');

    // a payment for another product does not convert the tripwire, and the answer says why
    const other = (await h.api('POST', '/api/events', { id: 'pay-other', type: 'order.paid', contactId: 'anna', data: { sku: 'TRIP-2' } })).body;
    expect(other).toMatchObject({ accepted: 1, duplicate: 0 });
    expect(other.ignored).toEqual([
      { id: 'pay-other', type: 'order.paid', reason: `run ${run.id} of funnel "classic" waits at "trip" for "order.paid", but data.sku is "TRIP-2" where it waits for "TRIP-1", so it did not move it` },
    ]);
    // an event it does not wait for is no one's business
    expect((await h.api('POST', '/api/events', { type: 'page.viewed', contactId: 'anna' })).body).toEqual({ accepted: 1, duplicate: 0 });
    // an order for another sku does not convert the tripwire; TRIP-1 does
    expect((await h.api('POST', '/api/orders', { id: 'o-core-early', contactId: 'anna', sku: 'OTHER-9', amount: 10 })).status).toBe(201);
    expect((await runOf('anna')).node).toBe('trip');
    const order = await h.api('POST', '/api/orders', { id: 'o-trip', contactId: 'anna', sku: 'TRIP-1', amount: 990 });
    expect(order).toMatchObject({ status: 201, body: { created: true } });
    expect((await h.api('POST', '/api/orders', { id: 'o-trip', contactId: 'anna', sku: 'TRIP-1', amount: 990 })).body).toEqual({ created: false });
    run = await runOf('anna');
    expect(run.node).toBe('call');
    expect((await h.api('GET', '/api/contacts/anna')).body.orders.map((o: any) => o.id).sort()).toEqual(['o-core-early', 'o-trip']);

    // the hand-off task lands in the manager's inbox
    const manager = withCookie(await login(h, 'manager@voronka.local'));
    const inbox = await h.api('GET', '/api/tasks?mine=1&status=open', undefined, manager);
    expect(inbox.status).toBe(200);
    expect(inbox.body).toHaveLength(1);
    const task = inbox.body[0];
    expect(task).toMatchObject({ node: 'call', funnelId: 'classic', runId: run.id, role: 'manager', status: 'open', contact: { id: 'anna' } });
    expect(task.outcomes.map((o: any) => o.id)).toEqual(['won', 'lost']);
    expect(task.dueAt).toBe(START + 2 * 3_600_000 + DAY);

    const done = await h.api('POST', `/api/tasks/${task.id}/complete`, { outcome: 'won', note: '  Купила сразу, нужен счёт  ' }, manager);
    expect(done.status).toBe(200);
    // the manager's note is kept with the task (trimmed) for whoever looks at the contact next
    expect(done.body).toMatchObject({ status: 'done', outcome: 'won', note: 'Купила сразу, нужен счёт' });
    expect((await h.api('GET', '/api/tasks?contactId=anna&status=done')).body[0].note).toBe('Купила сразу, нужен счёт');
    const detail = (await h.api('GET', `/api/runs/${run.id}`)).body;
    expect(detail).toMatchObject({ status: 'waiting', node: 'core' });
    expect(nodesOf(detail)).toEqual(['start', 'offer', 'lm', 'trip', 'call', 'core']);
    expect(detail.journal).toContainEqual(expect.objectContaining({ kind: 'left', node: 'call', exit: 'won' }));
    expect(detail.snapshot).toBeUndefined();

    // the call's SLA timer went with the task: only core's window is left, and past the SLA the task stays done
    expect(h.dbState().timers.filter((t: any) => t.run_id === run.id)).toHaveLength(1);
    await h.api('POST', '/api/clock/advance', { by: 'P1DT1H' });
    expect((await runOf('anna')).node).toBe('core');
    expect((await h.api('GET', `/api/tasks/${task.id}`, undefined, manager)).body).toMatchObject({ status: 'done', outcome: 'won' });

    const stats = (await h.api('GET', '/api/funnels/classic/stats')).body;
    const node = Object.fromEntries(stats.nodes.map((n: any) => [n.node, n]));
    expect(node.start).toMatchObject({ entered: 1, waiting: 0, exits: { next: 1 } });
    expect(node.offer).toMatchObject({ entered: 1, waiting: 0, exits: { converted: 1 } });
    expect(node.call).toMatchObject({ entered: 1, waiting: 0, exits: { won: 1 } });
    expect(node.core).toMatchObject({ entered: 1, waiting: 1, exits: {} });
    expect(stats.stages.map((s: any) => s.stage)).toEqual(['offer', 'leadMagnet', 'tripwire', 'coreProduct']);
    expect(stats.stages.find((s: any) => s.stage === 'tripwire')).toMatchObject({ node: 'trip', entered: 1, converted: 1, conversion: 1, revenue: 990 });
    expect(stats.stages.find((s: any) => s.stage === 'coreProduct')).toMatchObject({ entered: 1, converted: 0, revenue: 0 });

    const outbox = (await h.api('GET', '/api/outbox?contactId=anna&funnelId=classic')).body;
    expect(outbox.map((m: any) => m.node).sort()).toEqual(['core', 'lm', 'offer', 'trip']);
    expect(outbox.every((m: any) => m.status === 'dev' && m.channel === 'email')).toBe(true);
    expect((await h.api('GET', '/api/outbox?status=dev&contactId=anna')).body).toHaveLength(4);
  });

  it('resumes the run on the "lost" branch when the manager loses the lead', async () => {
    await h.api('POST', '/api/events', {
      events: [
        { type: 'lead.created', contactId: 'boris' },
        { type: 'offer.accepted', contactId: 'boris' },
        { type: 'leadMagnet.claimed', contactId: 'boris' },
      ],
    });
    await h.api('POST', '/api/orders', { id: 'o-b', contactId: 'boris', sku: 'TRIP-1', amount: 990 });
    const manager = withCookie(await login(h, 'manager@voronka.local'));
    const [task] = (await h.api('GET', '/api/tasks?status=open&contactId=boris', undefined, manager)).body;
    expect((await h.api('POST', `/api/tasks/${task.id}/complete`, { outcome: 'lost' }, manager)).status).toBe(200);
    const run = await runOf('boris');
    expect(run).toMatchObject({ status: 'completed', node: null });
    expect(nodesOf(run)).toEqual(['start', 'offer', 'lm', 'trip', 'call', 'call_lost']);
    expect((await h.api('GET', '/api/runs?status=completed&funnelId=classic')).body.map((r: any) => r.id)).toEqual([run.id]);
    expect((await h.api('GET', '/api/tasks?status=open', undefined, manager)).body).toEqual([]);
  });

  it('a waiting run\'s path says what moves it on: the event its step waits for, and when its timer fires if none comes', async () => {
    await h.api('POST', '/api/contacts', { id: 'vera', attributes: { firstName: 'Вера' } });
    await h.api('POST', '/api/events', { events: [{ type: 'lead.created', contactId: 'vera' }, { type: 'offer.accepted', contactId: 'vera' }] });
    const run = await runOf('vera');
    expect(run.path.at(-1)).toMatchObject({ node: 'lm', waitsFor: ['leadMagnet.claimed'], until: iso(START + 3 * DAY) });
    // the steps it has left say nothing of the kind
    expect(run.path.slice(0, -1).some((p: { waitsFor?: unknown; until?: unknown }) => p.waitsFor || p.until)).toBe(false);
  });

  it('fires everything due in order when the QA clock jumps: window timeout, reminder, wait timeout', async () => {
    await h.api('POST', '/api/contacts', { id: 'gleb', attributes: { firstName: 'Глеб' } });
    await h.api('POST', '/api/events', { events: [{ type: 'lead.created', contactId: 'gleb' }, { type: 'offer.accepted', contactId: 'gleb' }] });
    const adv = await h.api('POST', '/api/clock/advance', { by: 'P6D' });
    expect(adv.status).toBe(200);
    expect(adv.body.now).toBe(iso(START + 6 * DAY));
    const run = await runOf('gleb');
    expect(run.status).toBe('completed');
    expect(run.path).toEqual([
      { node: 'start', type: 'trigger', at: iso(START), exit: 'next' },
      { node: 'offer', type: 'offer', title: 'Бесплатный вебинар «Автоворонка за один вечер»', sent: { channel: 'email', gist: 'Глеб, приглашаем на бесплатный вебинар' }, at: iso(START), exit: 'converted', goal: { value: 0, currency: 'RUB' } },
      // where it stayed a while, when it left
      { node: 'lm', type: 'offer', title: 'Чек-лист «25 писем для автоворонки»', sent: { channel: 'email', gist: 'Глеб, ваш подарок готов' }, at: iso(START), exit: 'timeout', leftAt: iso(START + 3 * DAY) },
      // the reminder's subject as it was sent: with his name
      { node: 'lm_reminder', type: 'message', title: 'Глеб, вы не забрали чек-лист', at: iso(START + 3 * DAY), exit: 'next' },
      { node: 'lm_wait', type: 'wait', at: iso(START + 3 * DAY), exit: 'timeout', leftAt: iso(START + 5 * DAY) },
      // the exit's reason
      { node: 'lm_end', type: 'exit', title: 'Лид-магнит не забран', at: iso(START + 5 * DAY) },
    ]);
    const sent = (await h.api('GET', '/api/outbox?contactId=gleb')).body;
    expect(sent.map((m: any) => [m.node, m.status, m.sentAt]).sort()).toEqual([
      ['lm', 'dev', START],
      ['lm_reminder', 'dev', START + 3 * DAY],
      ['offer', 'dev', START],
    ]);
  });

  it('ingests idempotently by event id: the same id twice is accepted once and makes one run', async () => {
    const ev = { id: 'crm-42', type: 'lead.created', contactId: 'vera' };
    const res = await h.api('POST', '/api/events', { events: [ev, ev] });
    expect(res).toMatchObject({ status: 202, body: { accepted: 1, duplicate: 1 } });
    expect((await h.api('POST', '/api/events', ev)).body).toEqual({ accepted: 0, duplicate: 1 });
    expect(h.dbState().events.filter((e: any) => e.id === 'crm-42')).toHaveLength(1);
    await runOf('vera');
    await h.settle();
    expect((await h.api('GET', '/api/outbox?contactId=vera')).body).toHaveLength(1);
  });

  it('keys abandoned-cart runs by cartId: each cart has its own run and only its own order converts it', async () => {
    expect((await h.api('POST', '/api/funnels/abandoned-cart/publish')).status).toBe(201);
    const cart = (id: string) => ({ id: `ab-${id}`, type: 'cart.abandoned', contactId: 'anna', data: { cartId: id, total: 4590, cartUrl: `https://shop.example/${id}` } });
    expect((await h.api('POST', '/api/events', { events: [cart('c1'), cart('c2'), cart('c1')] })).body).toEqual({ accepted: 2, duplicate: 1 });
    const runs = (await h.api('GET', '/api/runs?funnelId=abandoned-cart')).body;
    expect(runs.map((r: any) => r.key).sort()).toEqual(['c1', 'c2']);

    await h.api('POST', '/api/clock/advance', { by: 'PT30M' });
    // a payment without the cart it pays for moves no cart's run: the answer says so, for each run waiting for it
    const keyless = (await h.api('POST', '/api/events', { id: 'pay-nokey', type: 'order.paid', contactId: 'anna', data: { amount: 100 } })).body;
    expect(keyless).toMatchObject({ accepted: 1, duplicate: 0 });
    expect(keyless.ignored).toHaveLength(2);
    expect(keyless.ignored[0]).toMatchObject({ id: 'pay-nokey', type: 'order.paid', reason: expect.stringContaining('this event has no data.cartId') });
    // another cart's payment is not «ignored»: it has its key, just not this run's
    expect((await h.api('POST', '/api/events', { id: 'pay-other', type: 'order.paid', contactId: 'anna', data: { cartId: 'c9' } })).body).toEqual({ accepted: 1, duplicate: 0 });
    await h.api('POST', '/api/orders', { id: 'o-c2', contactId: 'anna', amount: 4590, data: { cartId: 'c2' } });
    const after = Object.fromEntries((await h.api('GET', '/api/runs?funnelId=abandoned-cart')).body.map((r: any) => [r.key, r]));
    expect(after.c2).toMatchObject({ status: 'completed' });
    expect(nodesOf(after.c2)).toEqual(['start', 'wait_1h', 'recovered']);
    expect(after.c1).toMatchObject({ status: 'waiting', node: 'wait_1h' });

    await h.api('POST', '/api/clock/advance', { by: 'PT30M' });
    expect((await h.api('GET', `/api/runs/${after.c1.id}`)).body).toMatchObject({ status: 'waiting', node: 'wait_1d' });
    const reminders = (await h.api('GET', '/api/outbox?funnelId=abandoned-cart')).body;
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ node: 'remind_1', status: 'dev', runId: after.c1.id });
    expect(reminders[0].payload.body).toContain('c1');
  });

  it('exitWhen ends a run inside a delay: its timers are gone and nothing else ever happens', async () => {
    const f = { ...tinyFunnel('promo', { delay: 'P3D' }), settings: { exitWhen: [{ event: 'unsubscribed' }] } };
    await publishFunnel(h, f);
    await h.api('POST', '/api/events', { type: 'promo.start', contactId: 'boris' });
    const run = await runOf('boris', 'promo');
    expect(run).toMatchObject({ status: 'waiting', node: 'pause' });
    const timersOf = () => h.dbState().timers.filter((t: any) => t.run_id === run.id);
    expect(timersOf()).toHaveLength(1);

    await h.api('POST', '/api/clock/advance', { by: 'P1D' });
    await h.api('POST', '/api/events', { type: 'unsubscribed', contactId: 'boris', data: { channel: 'email' } });
    const exited = (await h.api('GET', `/api/runs/${run.id}`)).body;
    expect(exited).toMatchObject({ status: 'exited', node: null, endedAt: START + DAY });
    expect(timersOf()).toEqual([]);
    // the path says why: the event that took it out
    const listed = (await h.api('GET', '/api/runs?contactId=boris')).body.find((r: any) => r.id === run.id);
    expect(listed.path.at(-1)).toMatchObject({ node: 'pause', exit: 'exited', exitReason: 'exitWhen: unsubscribed' });

    await h.api('POST', '/api/clock/advance', { by: 'P30D' });
    expect((await h.api('GET', `/api/runs/${run.id}`)).body).toEqual(exited);
    expect((await h.api('GET', '/api/outbox?funnelId=promo')).body).toEqual([]);
  });

  it('POST /api/runs/:id/exit ends a waiting run, cancels its pending message; a second exit is 409', async () => {
    await h.api('POST', '/api/events', { type: 'lead.created', contactId: 'daria' });
    const run = await runOf('daria');
    const res = await h.api('POST', `/api/runs/${run.id}/exit`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: run.id, status: 'exited', node: null });
    const detail = (await h.api('GET', `/api/runs/${run.id}`)).body;
    expect(detail.status).toBe('exited');
    expect(detail.journal.at(-1)).toMatchObject({ kind: 'ended' });
    await h.settle();
    expect((await h.api('GET', '/api/outbox?contactId=daria')).body.map((m: any) => m.status)).toEqual(['cancelled']);
    expect((await h.api('GET', '/api/runs?status=exited')).body.map((r: any) => r.id)).toEqual([run.id]);

    const again = await h.api('POST', `/api/runs/${run.id}/exit`);
    expect(again.status).toBe(409);
    expect((await h.api('GET', `/api/runs/${run.id}`)).body).toEqual(detail);
  });

  it('forgets a contact on request: runs, timers, messages, tasks, events and orders go; the stats stop counting her as waiting', async () => {
    await h.api('POST', '/api/contacts', { id: 'gone', attributes: { firstName: 'Вика', email: 'vika@example.com', birthday: '1990-06-01' }, consents: { email: true } });
    await publishFunnel(h, tinyFunnel('forget', { delay: 'P3D' }));
    await h.api('POST', '/api/events', { id: 'f-1', type: 'forget.start', contactId: 'gone' });
    await h.api('POST', '/api/orders', { id: 'o-gone', contactId: 'gone', amount: 500 });
    const pause = async () => (await h.api('GET', '/api/funnels/forget/stats')).body.nodes.find((n: any) => n.node === 'pause');
    expect(await pause()).toMatchObject({ entered: 1, waiting: 1 });
    const [run] = (await h.api('GET', '/api/runs?contactId=gone')).body;
    expect(h.dbState().timers.some((t: any) => t.run_id === run.id)).toBe(true);
    const marketer = withCookie(await login(h, 'marketer@voronka.local'));
    const manager = withCookie(await login(h, 'manager@voronka.local'));
    expect((await h.api('DELETE', '/api/contacts/gone', undefined, manager)).status).toBe(403);
    expect((await h.api('DELETE', '/api/contacts/gone', undefined, marketer)).status).toBe(204);

    expect((await h.api('GET', '/api/contacts/gone')).status).toBe(404);
    expect((await h.api('GET', '/api/runs?contactId=gone')).body).toEqual([]);
    expect((await h.api('GET', '/api/outbox?contactId=gone')).body).toEqual([]);
    expect(await pause()).toMatchObject({ entered: 1, waiting: 0 }); // counted as it happened, no longer waiting
    const db = h.dbState();
    for (const table of ['runs', 'timers', 'outbox', 'tasks', 'events', 'orders', 'contacts'])
      expect((db[table] as any[]).filter((r) => r.contact_id === 'gone' || r.id === 'gone' || r.run_id === run.id), table).toEqual([]);
    expect((db.journal as any[]).filter((r) => r.run_id === run.id)).toEqual([]);
    // the delay's timer is gone too: moving past it sends nothing and fails nothing
    await h.api('POST', '/api/clock/advance', { by: 'P4D' });
    expect((await h.api('GET', '/api/outbox?contactId=gone')).body).toEqual([]);
    expect((await h.api('DELETE', '/api/contacts/gone')).status).toBe(404);
  });

  it('sums up the customer base from paid orders: buyers, average check, repeat share, frequency, active and churned', async () => {
    const before = (await h.api('GET', '/api/metrics/customers')).body;
    for (const id of ['m1', 'm2', 'm3']) await h.api('POST', '/api/contacts', { id, attributes: {} });
    const order = (id: string, contactId: string, amount: number, daysAgo: number, status = 'paid', currency = 'RUB') =>
      h.api('POST', '/api/orders', { id, contactId, amount, currency, status, at: iso(START - daysAgo * DAY) });
    await order('o1', 'm1', 1000, 10);
    await order('o2', 'm1', 3000, 5);
    await order('o3', 'm2', 2000, 200);
    await order('o4', 'm3', 500, 1, 'refunded'); // not paid: not counted
    await order('o5', 'm3', 20, 1, 'paid', 'USD');
    const m = (await h.api('GET', '/api/metrics/customers')).body;
    expect(m.contacts).toBe(before.contacts + 3);
    const rub = m.currencies.find((c: any) => c.currency === 'RUB');
    const was = before.currencies.find((c: any) => c.currency === 'RUB') ?? { buyers: 0, orders: 0, revenue: 0 };
    expect(was.buyers).toBe(0); // the demo workspace has no orders
    expect(rub).toEqual({ currency: 'RUB', buyers: 2, orders: 3, revenue: 6000, averageCheck: 2000, repeatShare: 0.5, frequency: 1.5, activeBuyers: 1, churnedBuyers: 1 });
    expect(m.currencies.find((c: any) => c.currency === 'USD')).toMatchObject({ buyers: 1, orders: 1, revenue: 20 });
  });

  it("lists a contact's events newest first, with their data; 404 for an unknown contact", async () => {
    await h.api('POST', '/api/contacts', { id: 'eva', attributes: { firstName: 'Ева' } });
    await h.api('POST', '/api/events', { events: [
      { id: 'e-old', type: 'page.viewed', contactId: 'eva', at: iso(START - DAY), data: { page: '/pricing' } },
      { id: 'e-now', type: 'cart.abandoned', contactId: 'eva', data: { cartId: 'c-1', total: 990 } },
    ] });
    await h.api('POST', '/api/events', { id: 'e-now', type: 'cart.abandoned', contactId: 'eva' }); // a duplicate: not listed twice
    const events = (await h.api('GET', '/api/contacts/eva/events')).body;
    expect(events.map((e: any) => [e.id, e.type])).toEqual([['e-now', 'cart.abandoned'], ['e-old', 'page.viewed']]);
    expect(events[0]).toMatchObject({ contactId: 'eva', data: { cartId: 'c-1', total: 990 }, at: START });
    expect(events[1].at).toBe(START - DAY);
    expect((await h.api('GET', '/api/contacts/eva/events?limit=1')).body).toHaveLength(1);
    expect((await h.api('GET', '/api/contacts/nobody/events')).status).toBe(404);
  });

  it('a stage pitch held back by quiet hours is withdrawn when the contact buys first, and never sent', async () => {
    await publishFunnel(h, {
      format: 'voronka/funnel@1',
      id: 'trip',
      name: 'Tripwire',
      settings: { timezone: 'Europe/Moscow', quietHours: { from: '08:00', to: '12:00' } },
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'trip.start' } },
        { id: 'o', type: 'offer', data: { stage: 'tripwire', product: { sku: 'MINI', name: 'Мини', price: 990 }, window: 'P3D', message: { channel: 'email', subject: 'Купите', body: 'Мини за 990' } } },
        { id: 'won', type: 'exit', data: { reason: 'купила' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'o' },
        { id: 'e2', source: 'o', exit: 'converted', target: 'won' },
      ],
    } as never);
    await h.api('POST', '/api/contacts', { id: 'zoe', attributes: { firstName: 'Зоя', email: 'zoe@example.com' }, consents: { email: true } });
    await h.api('POST', '/api/events', { id: 't1', type: 'trip.start', contactId: 'zoe' });
    await h.settle();
    // 09:00 in Moscow is quiet until 12:00: the pitch waits
    let [pitch] = (await h.api('GET', '/api/outbox?contactId=zoe')).body;
    expect(pitch).toMatchObject({ node: 'o', status: 'pending', dueAt: START + 3 * 3_600_000 });
    expect((await h.api('POST', '/api/orders', { id: 'ord-z', contactId: 'zoe', sku: 'MINI', amount: 990 })).status).toBe(201);
    await h.settle();
    [pitch] = (await h.api('GET', '/api/outbox?contactId=zoe')).body;
    expect(pitch).toMatchObject({ status: 'cancelled', lastError: 'withdrawn: the contact converted at this stage' });
    await h.api('POST', '/api/clock/advance', { by: 'PT6H' });
    expect((await h.api('GET', '/api/outbox?contactId=zoe')).body.map((m: any) => m.status)).toEqual(['cancelled']);
    // the path says it did not go, as the message list does — not «held until 12:00»
    const [run] = (await h.api('GET', '/api/runs?contactId=zoe&funnelId=trip')).body;
    const stage = run.path.find((p: any) => p.node === 'o');
    expect(stage.postponedTo).toBeUndefined();
    expect(stage.withdrawn).toBe('withdrawn: the contact converted at this stage');
  });

  it("a path's titles are filled in with the run's start event and come from the run's own version", async () => {
    const f = handoffFunnel('callback', { role: 'manager' });
    Object.assign(f.nodes[1].data, { title: 'Перезвонить {{contact.firstName}}: тариф {{event.data.plan}}' });
    Object.assign(f.nodes[1], { label: 'Звонок по заявке' });
    await publishFunnel(h, f);
    await h.api('POST', '/api/contacts', { id: 'lev', attributes: { firstName: 'Лев' } });
    await h.api('POST', '/api/events', { id: 'cb-1', type: 'callback.start', contactId: 'lev', data: { plan: 'Pro' } });
    await h.settle();
    const [task] = (await h.api('GET', '/api/tasks?status=open&contactId=lev')).body;
    const card = (await h.api('GET', `/api/tasks/${task.id}`)).body;
    expect(card.path.map((p: any) => [p.node, p.type, p.title])).toEqual([['start', 'trigger', undefined], ['call', 'handoff', 'Перезвонить Лев: тариф Pro']]);
    // with the name the marketer gave the node
    expect(card.path.map((p: any) => p.label)).toEqual([undefined, 'Звонок по заявке']);
    // the draft changes and a second version goes live: this run's path keeps the words it ran with
    const draft = (await h.api('GET', '/api/funnels/callback')).body.draft;
    draft.nodes[1].data.title = 'Новая задача';
    expect((await h.api('PUT', '/api/funnels/callback', draft)).status).toBe(200);
    expect((await h.api('POST', '/api/funnels/callback/publish')).status).toBe(201);
    const [run] = (await h.api('GET', '/api/runs?contactId=lev&funnelId=callback')).body;
    expect(run.version).toBe(1);
    expect(run.path[1].title).toBe('Перезвонить Лев: тариф Pro');
    expect((await h.api('GET', `/api/runs/${run.id}`)).body.path[1].title).toBe('Перезвонить Лев: тариф Pro');
  });

  it('upserts contacts by id, merging attributes and consents', async () => {
    const created = await h.api('POST', '/api/contacts', { id: 'c-new', attributes: { firstName: 'Нина', city: 'Казань' }, consents: { email: true } });
    expect(created.status).toBe(200);
    const updated = await h.api('POST', '/api/contacts', { id: 'c-new', attributes: { city: 'Самара' }, consents: { sms: false }, tags: ['vip'] });
    expect(updated.body).toMatchObject({ id: 'c-new', attributes: { firstName: 'Нина', city: 'Самара' }, consents: { email: true, sms: false }, tags: ['vip'] });
    const got = (await h.api('GET', '/api/contacts/c-new')).body;
    expect(got).toMatchObject({ id: 'c-new', attributes: { firstName: 'Нина', city: 'Самара' }, orders: [] });
    expect((await h.api('GET', '/api/contacts?search=c-new')).body.map((c: any) => c.id)).toContain('c-new');
    // null removes an attribute; the others stay
    const removed = await h.api('POST', '/api/contacts', { id: 'c-new', attributes: { city: null } });
    expect(removed.body.attributes).toEqual({ firstName: 'Нина' });
  });
});

describe('two processes on one data folder (a server and `voronka worker`, or an import next to a running server)', () => {
  it('a funnel published by one starts runs in the other within the live-list lifetime', async () => {
    const a = await startServer();
    const { createServer } = await import('../../../server/createServer.ts');
    const b = await createServer({ dataDir: a.dir, clock: 'manual', clockStart: START, webDir: null, log: () => {}, sqlite: { synchronous: 'NORMAL' } });
    try {
      b.ctx.runtime.funnels.liveTtlMs = 100;
      await b.ctx.contacts.upsert({ id: 'ivy', attributes: {} });
      expect(await b.ctx.runtime.ingest([{ id: 'warm', type: 'x.nothing', contactId: 'ivy' }])).toEqual({ accepted: 1, duplicate: 0 }); // b has read the live list
      await publishFunnel(a, tinyFunnel('late'));
      await new Promise((r) => setTimeout(r, 150));
      await b.ctx.runtime.ingest([{ id: 'go-ivy', type: 'late.start', contactId: 'ivy' }]);
      expect((await a.api('GET', '/api/runs?funnelId=late&contactId=ivy')).body).toHaveLength(1);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
