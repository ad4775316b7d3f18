import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readExperiment } from '../../../shared/analytics/experiment.ts';
import { publishFunnel, startServer, type Harness } from './helpers.ts';

/** Lead goal, then an A/B split; each variant waits for a purchase (its own price) for three days. */
const abFunnel = {
  format: 'voronka/funnel@1',
  id: 'ab',
  name: 'A/B',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'ab.start' } },
    { id: 'lead', type: 'goal', data: { name: 'lead' } },
    { id: 'ab', type: 'split', data: { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }] } },
    { id: 'waitA', type: 'wait', data: { event: 'bought', timeout: 'P3D' } },
    { id: 'waitB', type: 'wait', data: { event: 'bought', timeout: 'P3D' } },
    { id: 'saleA', type: 'goal', data: { name: 'sale', value: 1000 } },
    { id: 'saleB', type: 'goal', data: { name: 'sale', value: 1500 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'lead' },
    { id: 'e2', source: 'lead', target: 'ab' },
    { id: 'e3', source: 'ab', exit: 'A', target: 'waitA' },
    { id: 'e4', source: 'ab', exit: 'B', target: 'waitB' },
    { id: 'e5', source: 'waitA', exit: 'received', target: 'saleA' },
    { id: 'e6', source: 'waitB', exit: 'received', target: 'saleB' },
  ],
};

describe('A/B test results in the funnel stats', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  async function walk(n: number, buys: (i: number) => boolean) {
    h = await startServer();
    await publishFunnel(h, abFunnel);
    for (let i = 0; i < n; i++) {
      await h.api('POST', '/api/contacts', { id: `c${i}`, attributes: { firstName: `C${i}` } });
      await h.api('POST', '/api/events', { id: `s${i}`, type: 'ab.start', contactId: `c${i}` });
    }
    await h.settle();
    // where each contact's run waits tells its variant
    const variantOf = new Map<string, string>();
    for (const r of (await h.api('GET', '/api/runs?funnelId=ab&status=waiting')).body) variantOf.set(r.contactId, r.node === 'waitA' ? 'A' : 'B');
    expect(variantOf.size).toBe(n);
    // the purchases come in at the same virtual moment as the split (the clock is not moved)
    for (let i = 0; i < n; i++) if (buys(i)) await h.api('POST', '/api/events', { id: `b${i}`, type: 'bought', contactId: `c${i}` });
    await h.settle();
    return variantOf;
  }

  it("per variant: runs, the conversions after the split (not the lead goal reached just before it), revenue, and the test's reading", async () => {
    const n = 40;
    const buys = (i: number) => i % 3 === 0;
    const variantOf = await walk(n, buys);
    const expected = ['A', 'B'].map((v) => {
      const ids = [...variantOf].filter(([, x]) => x === v).map(([c]) => Number(c.slice(1)));
      const converted = ids.filter(buys).length;
      return { id: v, entered: ids.length, converted, conversion: ids.length ? converted / ids.length : 0, revenue: converted * (v === 'A' ? 1000 : 1500) };
    });
    expect(expected[0].entered).toBeGreaterThan(5); // the hash spreads 40 contacts over both variants
    expect(expected[1].entered).toBeGreaterThan(5);
    const stats = (await h!.api('GET', '/api/funnels/ab/stats')).body;
    expect(stats.experiments).toEqual([{ node: 'ab', variants: expected, ...readExperiment(expected) }]);
    expect(stats.experiments[0].p).not.toBeNull();
    // everyone reached the lead goal: the funnel's conversions count it, the variants do not
    expect(stats.converted).toBe(n);
  });

  it('judged by a step of its own (?goal=<node>): a variant converts when its run enters that node after the split', async () => {
    const n = 30;
    const buys = (i: number) => i % 2 === 0;
    const variantOf = await walk(n, buys);
    // the step «waitA» is entered by every A run (all of A, none of B): it is what the split led to
    const byWait = (await h!.api('GET', '/api/funnels/ab/experiments?goal=waitA')).body;
    const entered = (v: string) => [...variantOf.values()].filter((x) => x === v).length;
    expect(byWait[0].goal).toEqual({ reached: 'waitA' });
    expect(byWait[0].variants.map((v: { id: string; entered: number; converted: number }) => [v.id, v.entered, v.converted])).toEqual([
      ['A', entered('A'), entered('A')],
      ['B', entered('B'), 0],
    ]);
    // a node entered after buying: the buyers of B only
    const bySale = (await h!.api('GET', '/api/funnels/ab/experiments?goal=saleB')).body;
    const boughtB = [...variantOf].filter(([c, v]) => v === 'B' && buys(Number(c.slice(1)))).length;
    expect(bySale[0].variants.find((v: { id: string }) => v.id === 'B')).toMatchObject({ converted: boughtB });
    // the lead goal before the split does not count
    expect((await h!.api('GET', '/api/funnels/ab/experiments?goal=lead')).body[0].variants.map((v: { converted: number }) => v.converted)).toEqual([0, 0]);
    // a node the funnel does not have, or no goal: 4xx naming it
    const unknown = await h!.api('GET', '/api/funnels/ab/experiments?goal=nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain('goal');
    expect((await h!.api('GET', '/api/funnels/ab/experiments')).status).toBe(400);
  });

  it('a variant nobody bought in reads 0 %; a funnel without a split has no experiments', async () => {
    const variantOf = await walk(12, () => false);
    const stats = (await h!.api('GET', '/api/funnels/ab/stats')).body;
    const [exp] = stats.experiments;
    expect(exp.variants.map((v: { converted: number }) => v.converted)).toEqual([0, 0]);
    expect(exp.variants.reduce((s: number, v: { entered: number }) => s + v.entered, 0)).toBe(variantOf.size);
    expect(exp).toMatchObject({ leader: null, p: null, significant: false });
    const plain = { ...abFunnel, id: 'plain', nodes: abFunnel.nodes.filter((x) => x.id !== 'ab').map((x) => (x.id === 'start' ? { ...x, data: { event: 'plain.start' } } : x)), edges: [abFunnel.edges[0], { id: 'e2', source: 'lead', target: 'waitA' }, abFunnel.edges[4]] };
    plain.nodes = plain.nodes.filter((x) => !['waitB', 'saleB'].includes(x.id));
    await publishFunnel(h!, plain);
    expect((await h!.api('GET', '/api/funnels/plain/stats')).body.experiments).toEqual([]);
  });

  it('the migration that brought the table fills it from the runs that took a variant before it existed', async () => {
    await walk(9, () => false);
    const db = new Database(join(h!.dir, 'voronka.db'));
    try {
      const rows = () => db.prepare('SELECT run_id, funnel_id, node, variant, at FROM run_variants ORDER BY run_id').all();
      const before = rows();
      expect(before).toHaveLength(9);
      db.exec('DELETE FROM run_variants');
      const sql = readFileSync(resolve(import.meta.dirname, '../../../server/store/sqlite/migrations/0010_run_variants.sql'), 'utf8').split('--> statement-breakpoint').pop()!;
      db.exec(sql);
      expect(rows()).toEqual(before);
    } finally {
      db.close();
    }
  });
});
