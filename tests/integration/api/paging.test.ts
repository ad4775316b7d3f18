import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffFunnel, login, publishFunnel, startServer, withCookie, type Harness, type Reply } from './helpers.ts';

const RUNS = 260;
const TASKS_EACH = 130;

/**
 * Trigger → an email at once → a day's wait: every run waits, and leaves one message in the outbox.
 * A run per `data.n` (keyed, like a run per cart), so one contact has as many runs as events.
 */
const mailer = {
  format: 'voronka/funnel@1',
  id: 'paged',
  name: 'Paged',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'paged.start', key: 'data.n', reentry: 'always' } },
    { id: 'mail', type: 'message', data: { channel: 'email', subject: 'Hello', body: 'Hi {{contact.firstName}}', marketing: false } },
    { id: 'pause', type: 'delay', data: { for: 'P1D' } },
    { id: 'again', type: 'message', data: { channel: 'email', subject: 'Again', body: 'Hi again', marketing: false } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'mail' },
    { id: 'e2', source: 'mail', target: 'pause' },
    { id: 'e3', source: 'pause', target: 'again' },
  ],
};

/** A hand-off funnel that opens a task per `data.n`. */
function keyedHandoff(id: string, role: string) {
  const f = handoffFunnel(id, { role });
  return { ...f, nodes: f.nodes.map((n) => (n.type === 'trigger' ? { ...n, data: { ...n.data, key: 'data.n' } } : n)) };
}

interface Page {
  items: any[];
  total: string | null;
  link: string | null;
}

/** Reads a list page after page, following `Link: <…>; rel="next"` from `first` until a page has none. */
async function readAll(h: Harness, first: string, headers: Record<string, string> = {}): Promise<Page[]> {
  const pages: Page[] = [];
  let path: string | undefined = first;
  while (path) {
    const res: Reply = await h.api('GET', path, undefined, headers);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    const link: string | null = res.headers.get('link');
    pages.push({ items: res.body, total: res.headers.get('x-total-count'), link });
    path = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
    if (link) expect(path, `a Link header that is not rel="next": ${link}`).toBeDefined();
    expect(pages.length, 'the pages never end').toBeLessThan(100);
  }
  return pages;
}

/** Each page's size, the totals they said, and whether each had a next link. */
const shape = (pages: Page[]) => ({ sizes: pages.map((p) => p.items.length), totals: [...new Set(pages.map((p) => p.total))], links: pages.map((p) => p.link !== null) });

describe('paging of the list endpoints: limit, offset, X-Total-Count and Link', () => {
  let h: Harness;
  let manager: Record<string, string>;
  beforeAll(async () => {
    h = await startServer();
    expect((await h.api('POST', '/api/contacts', { id: 'pager', attributes: { firstName: 'Пётр', email: 'pager@example.com' }, consents: { email: true } })).status).toBe(200);
    await publishFunnel(h, mailer);
    // the manager works the «sales» team's queue; nobody has the role «legal»
    await publishFunnel(h, keyedHandoff('calls-sales', 'sales'));
    await publishFunnel(h, keyedHandoff('calls-legal', 'legal'));
    const events = [
      ...Array.from({ length: RUNS }, (_, i) => ({ id: `paged-${i}`, type: 'paged.start', contactId: 'pager', data: { n: String(i) } })),
      ...Array.from({ length: TASKS_EACH }, (_, i) => ({ id: `sales-${i}`, type: 'calls-sales.start', contactId: 'pager', data: { n: String(i) } })),
      ...Array.from({ length: TASKS_EACH }, (_, i) => ({ id: `legal-${i}`, type: 'calls-legal.start', contactId: 'pager', data: { n: String(i) } })),
    ];
    const sent = await h.api('POST', '/api/events', { events });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body.accepted).toBe(events.length);
    manager = withCookie(await login(h, 'manager@voronka.local'));
  });
  afterAll(async () => {
    await h.close();
  });

  /** The ids of a table's rows that `keep` keeps, read from the database file itself. */
  const idsInDb = (table: string, keep: (row: any) => boolean) => (h.dbState()[table] as any[]).filter(keep).map((r) => r.id as string).sort();

  it(`reads all ${RUNS} runs of a funnel across pages: none twice, none missing, the total on every page, a next link until the last`, async () => {
    const pages = await readAll(h, '/api/runs?funnelId=paged&limit=100');
    expect(shape(pages)).toEqual({ sizes: [100, 100, 60], totals: [String(RUNS)], links: [true, true, false] });
    // the next page is the request's own path and query, filters and limit kept, with the next offset
    expect(pages[0].link).toBe('</api/runs?funnelId=paged&limit=100&offset=100>; rel="next"');
    expect(pages[1].link).toBe('</api/runs?funnelId=paged&limit=100&offset=200>; rel="next"');
    const ids = pages.flatMap((p) => p.items.map((r) => r.id as string));
    expect(new Set(ids).size).toBe(RUNS);
    expect([...ids].sort()).toEqual(idsInDb('runs', (r) => r.funnel_id === 'paged'));
    expect(pages.flatMap((p) => p.items).every((r) => r.funnelId === 'paged' && r.status === 'waiting' && Array.isArray(r.path))).toBe(true);
    // newest first, and the runs that started in the same millisecond (all of these) by id: the order is the same on every read
    const at = (r: any) => (typeof r.startedAt === 'number' ? r.startedAt : Date.parse(r.startedAt));
    const runs = pages.flatMap((p) => p.items);
    expect(ids).toEqual([...runs].sort((x, y) => at(y) - at(x) || (x.id < y.id ? 1 : -1)).map((r) => r.id));
    const again = await readAll(h, '/api/runs?funnelId=paged&limit=100');
    expect(again.flatMap((p) => p.items.map((r) => r.id))).toEqual(ids);
  });

  it('pages of other sizes and filters, past the end and without filters say the same totals', async () => {
    const small = await readAll(h, '/api/runs?funnelId=paged&status=waiting&limit=64');
    expect(shape(small)).toEqual({ sizes: [64, 64, 64, 64, 4], totals: [String(RUNS)], links: [true, true, true, true, false] });
    expect(small[0].link).toBe('</api/runs?funnelId=paged&status=waiting&limit=64&offset=64>; rel="next"');
    // exactly at the end: no next link
    const exact = await readAll(h, '/api/runs?funnelId=paged&limit=130');
    expect(shape(exact)).toEqual({ sizes: [130, 130], totals: [String(RUNS)], links: [true, false] });
    // past the end: an empty page that still says how many there are
    const past = await h.api('GET', '/api/runs?funnelId=paged&offset=1000');
    expect(past.body).toEqual([]);
    expect(past.headers.get('x-total-count')).toBe(String(RUNS));
    expect(past.headers.get('link')).toBeNull();
    // a filter nothing matches
    const none = await h.api('GET', '/api/runs?funnelId=paged&status=completed');
    expect(none.body).toEqual([]);
    expect(none.headers.get('x-total-count')).toBe('0');
    // no filter: every run there is
    const all = await h.api('GET', '/api/runs?limit=1');
    expect(all.body).toHaveLength(1);
    expect(all.headers.get('x-total-count')).toBe(String(h.dbState().runs.length));
    expect(all.headers.get('link')).toBe('</api/runs?limit=1&offset=1>; rel="next"');
  });

  it(`reads all ${RUNS} messages of the outbox across pages`, async () => {
    const pages = await readAll(h, '/api/outbox?funnelId=paged&limit=100');
    expect(shape(pages)).toEqual({ sizes: [100, 100, 60], totals: [String(RUNS)], links: [true, true, false] });
    expect(pages[0].link).toBe('</api/outbox?funnelId=paged&limit=100&offset=100>; rel="next"');
    const ids = pages.flatMap((p) => p.items.map((m) => m.id as string));
    expect(new Set(ids).size).toBe(RUNS);
    expect([...ids].sort()).toEqual(idsInDb('outbox', (m) => m.funnel_id === 'paged'));
    // with the contact's name, as before paging
    expect(pages[0].items[0]).toMatchObject({ funnelId: 'paged', contactId: 'pager', contactName: 'Пётр' });
    const past = await h.api('GET', '/api/outbox?funnelId=paged&status=pending&offset=300');
    expect(past.body).toEqual([]);
    expect(past.headers.get('x-total-count')).toBe(String(RUNS));
  });

  it(`reads all ${2 * TASKS_EACH} tasks of a contact across pages`, async () => {
    const pages = await readAll(h, '/api/tasks?contactId=pager&limit=100');
    expect(shape(pages)).toEqual({ sizes: [100, 100, 60], totals: [String(2 * TASKS_EACH)], links: [true, true, false] });
    const ids = pages.flatMap((p) => p.items.map((t) => t.id as string));
    expect(new Set(ids).size).toBe(2 * TASKS_EACH);
    expect([...ids].sort()).toEqual(idsInDb('tasks', (t) => t.contact_id === 'pager'));
  });

  it("counts for a manager only the tasks they may see, as the pages they read", async () => {
    const pages = await readAll(h, '/api/tasks?contactId=pager&limit=50', manager);
    expect(shape(pages)).toEqual({ sizes: [50, 50, 30], totals: [String(TASKS_EACH)], links: [true, true, false] });
    const tasks = pages.flatMap((p) => p.items);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(TASKS_EACH);
    expect(tasks.every((t) => t.funnelId === 'calls-sales' && t.role === 'sales')).toBe(true);
    // a role that is not theirs: nothing, and a total of nothing
    const legal = await h.api('GET', '/api/tasks?contactId=pager&role=legal', undefined, manager);
    expect(legal.body).toEqual([]);
    expect(legal.headers.get('x-total-count')).toBe('0');
    // the same filter as an admin sees the other queue
    const admin = await h.api('GET', '/api/tasks?contactId=pager&role=legal&limit=10');
    expect(admin.body).toHaveLength(10);
    expect(admin.headers.get('x-total-count')).toBe(String(TASKS_EACH));
  });

  it('pages the contacts with a next link and the total', async () => {
    const total = h.dbState().contacts.length;
    const pages = await readAll(h, '/api/contacts?limit=7');
    expect(pages.map((p) => p.items.length).reduce((a, b) => a + b)).toBe(total);
    expect(pages.at(-1)!.link).toBeNull();
    expect(pages.slice(0, -1).every((p) => p.link !== null && p.items.length === 7)).toBe(true);
    expect(new Set(pages.flatMap((p) => p.items.map((c) => c.id))).size).toBe(total);
    expect(shape(pages).totals).toEqual([String(total)]);
    // the count follows the search, as the page does
    const found = await h.api('GET', '/api/contacts?search=pager&limit=1');
    expect(found.headers.get('x-total-count')).toBe(String(found.body.length));
  });

  it.each(['/api/runs', '/api/outbox', '/api/tasks', '/api/contacts'])('%s refuses an offset that is not a whole number ≥ 0, naming it', async (path) => {
    for (const offset of ['abc', '-1', '1.5']) {
      const res = await h.api('GET', `${path}?offset=${offset}`);
      expect(res.status, `${path}?offset=${offset}`).toBe(400);
      expect(res.body.error).toMatch(/^offset: /);
      expect(res.body.issues.map((i: any) => i.field)).toEqual(['offset']);
    }
  });

  it('refuses a bad body when exiting a run (400 naming the field, the run still waits); {} or none exits it, a reason is kept in the path with who', async () => {
    const [a, b, c] = (await h.api('GET', '/api/runs?funnelId=paged&limit=3')).body as { id: string }[];
    for (const [body, error] of [
      [{ reason: 5 }, 'reason: must be text: why the contact is taken out, in your words'],
      [{ reason: '  ' }, 'reason: must not be empty'],
      [{ reason: 'x'.repeat(501) }, 'reason: must be at most 500 characters'],
      [{ why: 'asked' }, 'why: is not a known field'],
    ] as const) {
      const refused = await h.api('POST', `/api/runs/${a.id}/exit`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe(error);
    }
    expect((await h.api('GET', `/api/runs/${a.id}`)).body.status).toBe('waiting');
    const said = await h.api('POST', `/api/runs/${c.id}/exit`, { reason: ' asked us to stop ' });
    expect(said.body.status).toBe('exited');
    const path = (await h.api('GET', `/api/runs/${c.id}`)).body.path as { exit?: string; exitReason?: string; exitedBy?: string; exitNote?: string }[];
    expect(path.at(-1)).toMatchObject({ exit: 'exited', exitReason: 'exited by an operator', exitedBy: expect.any(String), exitNote: 'asked us to stop' });
    const notJson = await h.raw('POST', `/api/runs/${a.id}/exit`, 'reason=done', { 'content-type': 'text/plain' });
    expect(notJson.status).toBe(415);
    const empty = await h.api('POST', `/api/runs/${a.id}/exit`, {});
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    expect(empty.body.status).toBe('exited');
    const none = await h.api('POST', `/api/runs/${b.id}/exit`);
    expect(none.body.status).toBe('exited');
    expect((await h.api('POST', `/api/runs/${b.id}/exit`)).status).toBe(409);
  });
});
