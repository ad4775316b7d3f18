import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT } from './examples.ts';

function voronka(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/voronka.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'voronka-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: unknown) => {
  const p = join(tmp, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
};
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, any>;

const CLASSIC = join(EXAMPLES, 'classic', 'funnel.json');
const HAPPY = join(EXAMPLES, 'classic', 'happy-path.scenario.json');

describe('voronka validate', () => {
  it('exit 0 on an example funnel', () => {
    const r = voronka('validate', CLASSIC);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\berror\b/);
  });

  it('exit 1 on a funnel with an error, naming the node and the issue', () => {
    const f = readJson(CLASSIC);
    f.nodes.find((n: { id: string }) => n.id === 'lm').data.window = '3 days';
    const r = voronka('validate', write('bad-window.json', f));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('lm');
    expect(r.stdout).toContain('window');
    expect(r.stdout).toContain('invalid-field');
  });

  it('--json prints { ok, issues }', () => {
    const f = readJson(CLASSIC);
    f.nodes.push({ id: 'orphan', type: 'exit', data: {} });
    const r = voronka('validate', write('orphan.json', f), '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.issues).toEqual([expect.objectContaining({ code: 'unreachable', nodeId: 'orphan', severity: 'error' })]);
  });

  it('exit 2 on a file that is not JSON, naming the file', () => {
    const p = write('not-json.json', '{ "format": "voronka/funnel@1", ');
    const r = voronka('validate', p);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(p);
    expect(r.stderr).toMatch(/JSON/);
  });

  it('exit 2 on a file that does not exist, naming the file', () => {
    const p = join(tmp, 'missing.json');
    const r = voronka('validate', p);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(p);
  });
});

describe('voronka compile', () => {
  it('prints the machine config as JSON that parses', () => {
    const r = voronka('compile', CLASSIC);
    expect(r.code).toBe(0);
    const config = JSON.parse(r.stdout);
    expect(config.id).toBe('funnel');
    expect(config.initial).toBe('@idle');
    expect(Object.keys(config.states)).toEqual(expect.arrayContaining(['start', 'offer', 'lm', 'trip', '@idle', '@completed', '@exited']));
  });

  it('exit 1 on an invalid funnel', () => {
    const r = voronka('compile', write('no-trigger.json', { format: 'voronka/funnel@1', id: 'x', name: 'x', nodes: [], edges: [] }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no-trigger');
  });
});

describe('voronka simulate', () => {
  it('--json prints the trace (ok, status, at, path, messages, tasks, failures); exit 0 when it passes', () => {
    const r = voronka('simulate', CLASSIC, HAPPY, '--json');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(Object.keys(t).sort()).toEqual(['at', 'failures', 'messages', 'ok', 'path', 'status', 'tasks']);
    expect(t.ok).toBe(true);
    expect(t.failures).toEqual([]);
    expect(t.status).toBe('completed');
    expect(t.at).toBeNull();
    expect(t.path.map((p: { node: string }) => p.node)).toEqual(['start', 'offer', 'lm', 'trip', 'call', 'core', 'sale']);
    expect(Date.parse(t.path[0].at)).toBe(Date.parse('2026-03-02T10:00:00+03:00'));
    expect(t.messages.map((m: { node: string }) => m.node)).toEqual(['offer', 'lm', 'trip', 'core']);
    expect(t.messages[1]).toMatchObject({ node: 'lm', channel: 'email' });
    expect(Date.parse(t.messages[1].at)).toBe(Date.parse('2026-03-02T12:00:00+03:00'));
    expect(t.tasks).toEqual([expect.objectContaining({ node: 'call', status: 'done', outcome: 'won' })]);
  });

  it('exit 1 when an expectation is broken, with the failure in the trace', () => {
    const s = readJson(HAPPY);
    s.expect.status = 'exited';
    s.expect.messages[1].at = '2026-03-02T13:00:00+03:00';
    const r = voronka('simulate', CLASSIC, write('broken-expect.json', s), '--json');
    expect(r.code).toBe(1);
    const t = JSON.parse(r.stdout);
    expect(t.ok).toBe(false);
    expect(t.failures).toHaveLength(2);
    expect(t.failures.join('\n')).toContain('status');
    expect(t.failures.join('\n')).toContain('message 2 Lead magnet (lm), time: expected 2026-03-02 13:00 (+03:00), got 2026-03-02 12:00 (+03:00)');
  });

  it('without --json prints a timeline with PASS', () => {
    const r = voronka('simulate', CLASSIC, HAPPY);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PASS');
  });

  it('exit 2 for a scenario with a bad field, naming the file and the field', () => {
    const s = readJson(HAPPY);
    s.start = 'yesterday';
    const p = write('bad-start.json', s);
    const r = voronka('simulate', CLASSIC, p, '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(p);
    expect(r.stderr).toContain('start');
    expect(r.stderr).toContain('yesterday');
  });

  it('exit 2 for an invalid funnel', () => {
    const f = readJson(CLASSIC);
    f.nodes[1].type = 'quantum';
    const r = voronka('simulate', write('quantum.json', f), HAPPY, '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown-node-type');
  });
});

describe('voronka test', () => {
  it('runs every example scenario: exit 0 and "N passed, 0 failed"', () => {
    const r = voronka('test', 'examples');
    expect(r.code).toBe(0);
    const m = /(\d+) passed, 0 failed/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(19);
    expect(r.stdout).not.toMatch(/^FAIL/m);
  });

  it('exit 1 and counts the failure when one scenario fails', () => {
    const dir = join(tmp, 'suite');
    cpSync(join(EXAMPLES, 'classic'), dir, { recursive: true });
    const s = readJson(join(dir, 'happy-path.scenario.json'));
    s.expect.path = ['start'];
    writeFileSync(join(dir, 'happy-path.scenario.json'), JSON.stringify(s));
    const r = voronka('test', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL .*happy-path\.scenario\.json/);
    expect(r.stdout).toMatch(/\d+ passed, 1 failed/);
  });

  it('exit 2, as simulate says, when a scenario cannot be read; the others still run', () => {
    const dir = join(tmp, 'suite-bad');
    cpSync(join(EXAMPLES, 'classic'), dir, { recursive: true });
    const s = readJson(join(dir, 'happy-path.scenario.json'));
    s.steps.push({ advanc: 'P1D' });
    writeFileSync(join(dir, 'happy-path.scenario.json'), JSON.stringify(s));
    const r = voronka('test', dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/BAD .*happy-path\.scenario\.json: steps\.\d+: each step is one of/);
    expect(r.stdout).toMatch(/PASS .*unsubscribes\.scenario\.json/);
    expect(r.stdout).toMatch(/\d+ passed, 0 failed, 1 not run \(bad input\)/);
    expect(voronka('simulate', join(dir, 'funnel.json'), join(dir, 'happy-path.scenario.json')).code).toBe(2);
  });
});

describe('voronka test and simulate with the funnel list\'s export (a list of scenarios in one file)', () => {
  const exported = () => {
    const dir = mkdtempSync(join(tmp, 'export-'));
    const list = readdirSync(join(EXAMPLES, 'classic')).filter((n) => n.endsWith('.scenario.json')).map((n) => readJson(join(EXAMPLES, 'classic', n)));
    cpSync(CLASSIC, join(dir, 'classic.json'));
    writeFileSync(join(dir, 'classic.scenarios.json'), JSON.stringify(list));
    return { dir, list };
  };

  it('test runs every scenario of an exported list', () => {
    const { dir, list } = exported();
    expect(list.length).toBeGreaterThan(1);
    const r = voronka('test', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${list.length} passed, 0 failed`);
  });

  it('a failing scenario in a list fails the run, named', () => {
    const { dir, list } = exported();
    list[1].expect.path = ['start'];
    writeFileSync(join(dir, 'classic.scenarios.json'), JSON.stringify(list));
    const r = voronka('test', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`FAIL ${join(dir, 'classic.scenarios.json')} — ${list[1].name}`);
    expect(r.stdout).toContain(`${list.length - 1} passed, 1 failed`);
  });

  it('a folder with no scenario is an error (exit 2), not "0 passed"', () => {
    const dir = mkdtempSync(join(tmp, 'none-'));
    cpSync(CLASSIC, join(dir, 'classic.json'));
    const r = voronka('test', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no scenario found');
    expect(r.stdout).not.toContain('0 passed');
  });

  it('a file where a folder belongs is an error naming the command to use, not a stack trace', () => {
    const r = voronka('test', CLASSIC);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a folder');
    expect(r.stderr).toContain('voronka simulate');
    expect(r.stderr).not.toMatch(/\bat \w+ \(/);
  });

  it('simulate runs each scenario of a list; --json prints a list of traces', () => {
    const { dir, list } = exported();
    const text = voronka('simulate', CLASSIC, join(dir, 'classic.scenarios.json'));
    expect(text.code).toBe(0);
    for (const s of list) expect(text.stdout).toContain(`Scenario: ${s.name}`);
    const json = voronka('simulate', CLASSIC, join(dir, 'classic.scenarios.json'), '--json');
    expect(JSON.parse(json.stdout)).toHaveLength(list.length);
  });

  it('a bad scenario in a list is named by its place in the list', () => {
    const { dir, list } = exported();
    list[1].steps = 'soon';
    writeFileSync(join(dir, 'classic.scenarios.json'), JSON.stringify(list));
    const r = voronka('simulate', CLASSIC, join(dir, 'classic.scenarios.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[1].steps: ');
  });

  it('a misspelt field anywhere in a scenario is bad input (a misspelt expect would turn its checks off and pass)', () => {
    const happy = readJson(HAPPY);
    const { expect: checks, ...rest } = happy;
    const typo = write('typo.scenario.json', { ...rest, expcet: { ...checks, status: 'exited' } });
    const r = voronka('simulate', CLASSIC, typo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expcet: is not a known field');
    const inner = write('inner.scenario.json', { ...happy, expect: { ...checks, pathh: [] }, steps: [{ event: { type: 'lead.created', dat: {} } }] });
    const r2 = voronka('simulate', CLASSIC, inner);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('expect.pathh: is not a known field');
    expect(r2.stderr).toContain('steps.0.event.dat: is not a known field');
  });

  it('a scenario cannot send the engine\'s own events: a task\'s outcome is a task step, an exit or a timer is not an event', () => {
    const happy = readJson(HAPPY);
    const own = write('own.scenario.json', { ...happy, steps: [{ event: { type: 'lead.created' } }, { event: { type: 'task.completed', data: { outcome: 'won' } } }, { event: { type: 'voronka.exit' } }] });
    const r = voronka('simulate', CLASSIC, own);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('steps.1.event.type: is sent by Voronka when a manager completes a task');
    expect(r.stderr).toContain("steps.2.event.type: is reserved for Voronka's own events");
  });
});

describe('voronka usage', () => {
  it('an unknown command exits 2 with the usage', () => {
    const r = voronka('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage');
  });
});

describe('voronka import', () => {
  const storeOf = async (dir: string) => new (await import('../../server/store/sqlite/SqliteStore.ts')).SqliteStore(join(dir, 'voronka.db'));
  const freshDir = () => mkdtempSync(join(tmp, 'data-'));

  it('imports a folder (funnel and its scenarios) into a workspace and publishes it; again, it updates instead of doubling', async () => {
    const data = freshDir();
    // the abandoned-cart example under another id (not in the demo workspace)
    const src = join(tmp, 'cart-copy');
    cpSync(join(EXAMPLES, 'abandoned-cart'), src, { recursive: true });
    const f = readJson(join(src, 'funnel.json'));
    f.id = 'winback';
    f.name = 'Возврат корзины';
    writeFileSync(join(src, 'funnel.json'), JSON.stringify(f));
    for (const s of ['never-pays', 'pays-within-hour']) {
      const p = join(src, `${s}.scenario.json`);
      writeFileSync(p, JSON.stringify({ ...readJson(p), funnel: 'winback' }));
    }
    for (const s of ['other-cart-does-not-convert', 'pays-after-first-reminder']) rmSync(join(src, `${s}.scenario.json`));
    const r = voronka('import', src, '--data', data, '--publish');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('funnel "winback" created');
    expect(r.stdout).toContain('funnel "winback": published version 1');
    expect(r.stdout).toMatch(/admin\s+admin@voronka\.local/); // a new workspace says how to log in
    const again = voronka('import', src, '--data', data);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('funnel "winback" draft updated');
    expect(again.stdout).toContain('replaced with funnel "winback"');
    const store = await storeOf(data);
    const row = await store.read.getFunnel('winback');
    expect(row).toMatchObject({ name: 'Возврат корзины', status: 'live', version: 1 });
    expect(row!.scenarios).toHaveLength(2);
    await store.close();
  });

  it('refuses to publish a funnel with an error or a failing scenario (exit 1, the draft is kept), and imports contacts from CSV with a row report', async () => {
    const data = freshDir();
    const f = readJson(CLASSIC);
    f.id = 'broken';
    f.nodes.find((n: { id: string }) => n.id === 'lm').data.window = '3 days';
    const csv = write('people.csv', 'id,firstName,email\nimp-1,Ира,ira@example.com\nimp-2,Лев,not-an-email\n');
    const r = voronka('import', write('broken.json', f), csv, '--data', data, '--publish');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('funnel "broken" created (1 errors');
    expect(r.stdout).toMatch(/funnel "broken": not published[\s\S]*\[node lm\]/);
    expect(r.stdout).toContain('1 contacts imported, 1 rows failed');
    expect(r.stdout).toContain('row 3, email');
    const store = await storeOf(data);
    expect(await store.read.getFunnel('broken')).toMatchObject({ status: 'draft', version: null });
    expect(await store.read.getContact('imp-1')).toMatchObject({ attributes: { firstName: 'Ира' } });
    expect(await store.read.getContact('imp-2')).toBeNull();
    await store.close();
  });

  it('a file that is not a funnel, a scenario or CSV stops the import before anything is written (exit 2)', () => {
    const data = join(tmp, 'never-made');
    const r = voronka('import', CLASSIC, write('other.json', { format: 'something/else' }), '--data', data);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('other.json: not a voronka/funnel@1 or voronka/scenario@1 file');
    expect(spawnSync('test', ['-e', data]).status).not.toBe(0);
    expect(voronka('import', '--data', data).code).toBe(2);
    expect(voronka('import', join(tmp, 'missing.json'), '--data', data).stderr).toContain('no such file');
  });

  it('a scenario whose funnel is not in the workspace is reported (exit 1)', () => {
    const s = { ...readJson(HAPPY), funnel: 'nowhere' };
    const r = voronka('import', write('orphan.scenario.json', s), '--data', freshDir());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no funnel "nowhere"');
  });
});
