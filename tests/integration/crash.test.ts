/**
 * Crash test: the real server as a child process, a real SMS gateway, real time. Under a load of
 * events, timers and outgoing messages the server is SIGKILLed twice and restarted on the same
 * data folder; every event batch that may have gone unacknowledged is re-sent. At the end every
 * step must have happened exactly once and every message must have reached the gateway under
 * exactly one idempotency key (a message in flight at a kill may be re-sent with the same key).
 *
 * A message claimed by the killed process stays leased (here 5 s, VORONKA_OUTBOX_LEASE_MS) before
 * the restarted process may send it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventLoad, ServerProcess, apiClient, freePort, mapLimit, sleep, startSmsGateway, waitFor, type Batch, type GatewayRequest, type SmsGateway } from './crashHarness.ts';

const N = 300;
const GO_BATCH = 30;
const GO_EVERY_MS = 250;
/** go → m1 → 2 s → m2 → 3 s → wait ≤ 4 s: a run waits for `ping` from 5 s to 9 s after `go`. */
const PING_AFTER_MS = 5_600;
const WAIT_MS = 4_000;
/** The dispatcher's lease on a claimed outbox row (VORONKA_OUTBOX_LEASE_MS; 5 min by default). */
const LEASE_MS = 5_000;
const FUNNEL = 'crash';
const KEY = 'k';

const sms = (id: string, body: string) => ({ id, type: 'message', data: { channel: 'sms', marketing: false, body } });
const funnel = {
  format: 'voronka/funnel@1',
  id: FUNNEL,
  name: 'Crash test',
  settings: { timezone: 'UTC' }, // no quiet hours, no frequency cap
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'go' } },
    sms('m1', 'm1 {{contact.id}}'),
    { id: 'd1', type: 'delay', data: { for: 'PT2S' } },
    sms('m2', 'm2 {{contact.id}}'),
    { id: 'd2', type: 'delay', data: { for: 'PT3S' } },
    { id: 'w', type: 'wait', data: { event: 'ping', timeout: 'PT4S' } },
    sms('yes', 'got ping {{contact.id}}'),
    sms('no', 'no ping {{contact.id}}'),
    { id: 'end', type: 'exit', data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'm1' },
    { id: 'e2', source: 'm1', target: 'd1' },
    { id: 'e3', source: 'd1', target: 'm2' },
    { id: 'e4', source: 'm2', target: 'd2' },
    { id: 'e5', source: 'd2', target: 'w' },
    { id: 'e6', source: 'w', exit: 'received', target: 'yes' },
    { id: 'e7', source: 'w', exit: 'timeout', target: 'no' },
    { id: 'e8', source: 'yes', target: 'end' },
    { id: 'e9', source: 'no', target: 'end' },
  ],
};
const TEXT: Record<string, string> = { m1: 'm1', m2: 'm2', yes: 'got ping', no: 'no ping' };

const ids = Array.from({ length: N }, (_, i) => `c${String(i).padStart(3, '0')}`);
const phone = new Map(ids.map((id, i) => [id, `+7900${String(i).padStart(7, '0')}`]));
const pinged = new Set(ids.filter((_, i) => i % 2 === 0));
const chunk = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

interface JournalLine {
  kind: string;
  node: string | null;
  exit: string | null;
  reason: string | null;
  cause: string | null;
  at: string;
}
interface RunDetail {
  id: string;
  contactId: string;
  status: string;
  path: { node: string; at: string }[];
  journal: JournalLine[];
}

/** One line per journal entry: `entered m1`, `left w timeout`, `ended completed`. */
const line = (e: JournalLine) => [e.kind, e.node, e.exit, e.kind === 'ended' ? e.reason : null].filter((x) => x !== null && x !== undefined).join(' ');
const expectedJournal = (exit: string, branch: string) => [
  'entered start', 'left start next',
  'entered m1', 'sent m1', 'left m1 next',
  'entered d1', 'left d1 next',
  'entered m2', 'sent m2', 'left m2 next',
  'entered d2', 'left d2 next',
  'entered w', `left w ${exit}`,
  `entered ${branch}`, `sent ${branch}`, `left ${branch} next`,
  'entered end', 'ended completed',
];

/**
 * Checks one run's journal: every node entered and left once, in order, on the branch its wait
 * took; timers fired at their due time on the run's clock. Returns the problems and the branch.
 */
function checkJournal(contact: string, d: RunDetail): { problems: string[]; exit: string; branch: 'yes' | 'no' } {
  const problems: string[] = [];
  const at = (kind: string, node: string) => Date.parse(d.journal.find((e) => e.kind === kind && e.node === node)?.at ?? 'NaN');
  const waitLeft = d.journal.find((e) => e.kind === 'left' && e.node === 'w');
  const exit = waitLeft?.exit ?? '(never left w)';
  const branch = exit === 'received' ? 'yes' : 'no';
  const got = d.journal.map(line);
  if (JSON.stringify(got) !== JSON.stringify(expectedJournal(exit, branch))) problems.push(`${contact}: journal ${JSON.stringify(got)}`);
  const path = d.path.map((p) => p.node);
  if (JSON.stringify(path) !== JSON.stringify(['start', 'm1', 'd1', 'm2', 'd2', 'w', branch, 'end'])) problems.push(`${contact}: path ${JSON.stringify(path)}`);
  if (exit === 'received' && !pinged.has(contact)) problems.push(`${contact}: received a ping that was never sent`);
  if (exit === 'received' && waitLeft?.cause !== 'ping') problems.push(`${contact}: received, caused by ${waitLeft?.cause}`);
  if (exit === 'timeout' && waitLeft?.cause !== 'timer') problems.push(`${contact}: timed out, caused by ${waitLeft?.cause}`);
  const lasted = (node: string) => at('left', node) - at('entered', node);
  if (lasted('d1') !== 2_000) problems.push(`${contact}: d1 lasted ${lasted('d1')} ms`);
  if (lasted('d2') !== 3_000) problems.push(`${contact}: d2 lasted ${lasted('d2')} ms`);
  if (exit === 'timeout' && lasted('w') !== WAIT_MS) problems.push(`${contact}: the wait timed out after ${lasted('w')} ms`);
  return { problems, exit, branch };
}

type PingFate = 'received' | 'beforeTheWait' | 'afterTheTimeout' | 'receivedAfterTheTimeoutWasDue' | 'ignoredInsideTheWindow' | 'unclear';

/**
 * How a contact's ping met its run's wait. The ping was committed somewhere between the first
 * send of its batch and the batch's first 202; the wait was open from entering `w` (journal,
 * the run's clock) until the timeout was due.
 */
function pingFate(d: RunDetail, ping: Batch, exit: string): PingFate {
  const at = (kind: string) => Date.parse(d.journal.find((e) => e.kind === kind && e.node === 'w')!.at);
  const [from, to, open, due] = [ping.firstSentAt!, ping.ackedAt!, at('entered'), at('entered') + WAIT_MS];
  if (exit === 'received') return at('left') > due ? 'receivedAfterTheTimeoutWasDue' : 'received';
  if (to < open) return 'beforeTheWait';
  if (from > due) return 'afterTheTimeout';
  if (from >= open && to <= due) return 'ignoredInsideTheWindow';
  return 'unclear';
}

let gateway: SmsGateway | null = null;
let server: ServerProcess | null = null;
let dataDir: string | null = null;

afterAll(async () => {
  await server?.kill();
  await gateway?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Crash {
  label: string;
  /** ms after the load started */
  t: number;
  gatewayRequests: number;
  m1: number;
  m2: number;
  branch: number;
  batchesIssued: number;
  restartMs: number;
  /** pending rows still leased by a killed process (this one or an earlier one) right after the restart */
  leasedByKilledProcesses: number;
  /** pending rows waiting for a retry after a failed send (`attempts: last error`) */
  retrying: string[];
  resent: number;
}

describe('crash safety of the server', () => {
  it('SIGKILL twice mid-load, restart on the same data: every step once, every message once per key', async () => {
    const started = Date.now();
    const gw = (gateway = await startSmsGateway(20));
    dataDir = mkdtempSync(join(tmpdir(), 'voronka-crash-'));
    const srv = (server = new ServerProcess({
      port: await freePort(),
      dataDir,
      env: { VORONKA_API_KEY: KEY, VORONKA_SMS_URL: gw.url, VORONKA_SMS_TOKEN: 't', VORONKA_CLOCK: 'real', HOST: '127.0.0.1', VORONKA_OUTBOX_LEASE_MS: String(LEASE_MS) },
    }));
    const api = apiClient(() => srv.base, KEY);
    await srv.start();

    // --- setup: contacts (CSV), the funnel, published
    const csv = ['id,phone', ...ids.map((id) => `${id},${phone.get(id)}`)].join('\n');
    expect(await api.call('POST', '/api/contacts/import', csv, 'text/csv')).toMatchObject({ status: 200, body: { imported: N, failed: 0 } });
    expect((await api.call('POST', '/api/funnels', funnel)).status).toBe(201);
    expect((await api.call('POST', `/api/funnels/${FUNNEL}/publish`, { note: 'crash test' })).status).toBe(201);

    // --- load: `go` in batches every 250 ms; `ping` for half of each batch when its runs should be waiting
    const load = new EventLoad(api);
    const goBatches = chunk(ids, GO_BATCH).map((c, k) => load.add(`go#${k}`, c.map((id) => ({ id: `go-${id}`, type: 'go', contactId: id }))));
    const pingBatches = chunk(ids, GO_BATCH).map((c, k) =>
      load.add(`ping#${k}`, c.filter((id) => pinged.has(id)).map((id) => ({ id: `ping-${id}`, type: 'ping', contactId: id }))),
    );
    const t0 = Date.now();
    const driver = Promise.all(
      goBatches.map(async (g, k) => {
        await sleep(t0 + k * GO_EVERY_MS - Date.now());
        await load.send(g, 'first');
        const ackedAt = await waitFor(`${g.name} to be acknowledged`, () => g.ackedAt, 60_000, 20);
        await sleep(ackedAt + PING_AFTER_MS - Date.now());
        await load.send(pingBatches[k], 'first');
      }),
    ).then(
      () => null,
      (e: unknown) => e,
    );

    // --- two crashes, each while messages are being sent and timers are pending
    const branchSent = () => gw.distinct('got ping ') + gw.distinct('no ping ');
    const crashes: (Crash & { killedAt: number })[] = [];
    const crash = async (label: string, ready: () => boolean) => {
      await waitFor(`the moment for ${label}`, ready, 30_000, 5);
      const snap = { gatewayRequests: gw.requests.length, m1: gw.distinct('m1 '), m2: gw.distinct('m2 '), branch: branchSent(), batchesIssued: load.issued().length };
      await srv.kill();
      const killedAt = Date.now();
      await srv.start();
      const restartMs = Date.now() - killedAt;
      const pending: { nextAttemptAt: number; attempts: number; lastError: string | null }[] = await api.get(`/api/outbox?status=pending&funnelId=${FUNNEL}&limit=500`);
      const now = Date.now();
      const leasedByKilledProcesses = pending.filter((r) => r.attempts === 0 && r.nextAttemptAt > now && r.nextAttemptAt <= killedAt + LEASE_MS).length;
      const retrying = pending.filter((r) => r.attempts > 0).map((r) => `${r.attempts}: ${r.lastError}`);
      // re-send every batch that may not have been acknowledged: simply all of them
      const again = load.issued();
      await Promise.all(again.map((b) => load.sendUntilAcked(b, `after ${label}`)));
      crashes.push({ label, killedAt, t: killedAt - t0, ...snap, restartMs, leasedByKilledProcesses, retrying, resent: again.length });
    };
    await crash('kill 1', () => gw.distinct('m1 ') >= N / 3 && branchSent() < N);
    const afterFirst = gw.requests.length;
    await crash('kill 2', () => gw.distinct('m2 ') >= N / 3 && gw.requests.length >= afterFirst + 30 && branchSent() < N);

    const summary: Record<string, unknown> = { contacts: N, crashes: crashes.map((c) => ({ ...c, killedAt: undefined })) };
    try {
      expect(await driver).toBeNull();
      for (const b of load.batches) if (b.ackedAt === null) await load.sendUntilAcked(b, 'final');

      // --- quiescence: nothing waiting, nothing pending (rows leased by a killed process wait out the lease)
      const lastKill = crashes[crashes.length - 1].killedAt;
      await waitFor(
        'no waiting run and no pending message',
        async () => {
          const [waiting, pending] = await Promise.all([
            api.get(`/api/runs?funnelId=${FUNNEL}&status=waiting&limit=500`),
            api.get(`/api/outbox?status=pending&funnelId=${FUNNEL}&limit=500`),
          ]);
          return waiting.length === 0 && pending.length === 0;
        },
        Math.max(10_000, lastKill + LEASE_MS + 20_000 - Date.now()),
        250,
      );
      summary.quiescentAfterLastKillMs = Date.now() - lastKill;

      // (1) one run per contact, completed
      const runs: { id: string; contactId: string; status: string }[] = await api.get(`/api/runs?funnelId=${FUNNEL}&limit=500`);
      expect(runs.length).toBe(N);
      const runOf = new Map(runs.map((r) => [r.contactId, r]));
      expect([...runOf.keys()].sort()).toEqual(ids);
      expect(runs.filter((r) => r.status !== 'completed')).toEqual([]);

      // (2) each run's journal: every node entered once, in order, on the branch its wait took
      const details: RunDetail[] = await mapLimit(ids, 16, (id) => api.get(`/api/runs/${runOf.get(id)!.id}`));
      const problems: string[] = [];
      const branchOf = new Map<string, 'yes' | 'no'>();
      const pingOf = new Map(pingBatches.flatMap((b) => b.events.map((e) => [e.contactId, b] as const)));
      const fates: Record<PingFate, string[]> = { received: [], beforeTheWait: [], afterTheTimeout: [], receivedAfterTheTimeoutWasDue: [], ignoredInsideTheWindow: [], unclear: [] };
      details.forEach((d, i) => {
        const r = checkJournal(ids[i], d);
        problems.push(...r.problems);
        branchOf.set(ids[i], r.branch);
        const ping = pingOf.get(ids[i]);
        if (ping && r.problems.length === 0) {
          const w = d.journal.find((e) => e.kind === 'entered' && e.node === 'w')!;
          fates[pingFate(d, ping, r.exit)].push(`${ids[i]}: wait open ${Date.parse(w.at) - t0}..${Date.parse(w.at) + WAIT_MS - t0} ms, ping committed within ${ping.firstSentAt! - t0}..${ping.ackedAt! - t0} ms, exit ${r.exit}`);
        }
      });
      const received = [...branchOf.values()].filter((b) => b === 'yes').length;
      summary.branches = { received, timeout: N - received };
      summary.pings = Object.fromEntries(Object.entries(fates).map(([k, v]) => [k, v.length]));
      expect(problems.slice(0, 20), `${problems.length} journal problems`).toEqual([]);

      // (3) + (4) the outbox: three rows per run, all sent; the gateway saw exactly these keys
      const rowsOf: { id: string; node: string; status: string }[][] = await mapLimit(ids, 16, (id) => api.get(`/api/outbox?funnelId=${FUNNEL}&contactId=${id}&limit=10`));
      const expected = new Map<string, { contact: string; node: string }>();
      rowsOf.forEach((rows, i) => {
        const id = ids[i];
        const run = runOf.get(id)!;
        const nodes = rows.map((r) => r.node).sort();
        if (JSON.stringify(nodes) !== JSON.stringify(['m1', 'm2', branchOf.get(id)!].sort())) problems.push(`${id}: outbox rows for ${JSON.stringify(nodes)}`);
        for (const r of rows) {
          if (r.status !== 'sent') problems.push(`${id}: outbox row ${r.id} is ${r.status}`);
          if (!r.id.startsWith(`${run.id}:${r.node}:`)) problems.push(`${id}: outbox row id ${r.id} is not <run>:<node>:<seq>`);
          expected.set(r.id, { contact: id, node: r.node });
        }
      });
      for (const status of ['pending', 'failed', 'cancelled', 'dev'])
        expect(await api.get(`/api/outbox?funnelId=${FUNNEL}&status=${status}&limit=500`), `outbox rows ${status}`).toEqual([]);
      expect(problems.slice(0, 20), `${problems.length} outbox problems`).toEqual([]);
      expect(expected.size).toBe(3 * N);

      const byKey = new Map<string, GatewayRequest[]>();
      for (const r of gw.requests) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
      for (const [key, reqs] of byKey) {
        const want = expected.get(key);
        if (!want) {
          problems.push(`the gateway got key ${JSON.stringify(key)}, which is no outbox row of the funnel: ${JSON.stringify(reqs[0].body)}`);
          continue;
        }
        for (const r of reqs) {
          const body = { to: phone.get(want.contact), text: `${TEXT[want.node]} ${want.contact}`, id: key };
          if (JSON.stringify(r.body) !== JSON.stringify(body) || r.authorization !== 'Bearer t') problems.push(`${key}: the gateway got ${JSON.stringify(r.body)}, want ${JSON.stringify(body)}`);
        }
        // the same key again only when a kill cut the first send off before it was recorded as sent
        const killsAfter = crashes.filter((c) => c.killedAt >= reqs[0].at).length;
        if (reqs.length > 1 + killsAfter) problems.push(`${key}: sent ${reqs.length} times, with ${killsAfter} kills after the first send`);
      }
      for (const key of expected.keys()) if (!byKey.has(key)) problems.push(`${key}: never reached the gateway`);
      summary.gateway = { requests: gw.requests.length, distinctKeys: byKey.size, repeatedSends: gw.requests.length - byKey.size };
      expect(problems.slice(0, 20), `${problems.length} gateway problems`).toEqual([]);
      expect(byKey.size).toBe(3 * N);

      // (5) events: every reply counts each event once; once a batch was acknowledged, re-sends are all duplicates
      summary.events = {
        batches: load.batches.length,
        lostReplies: load.batches.reduce((n, b) => n + b.lost, 0),
        duplicatesOnResend: load.batches.flatMap((b) => b.acks.filter((a) => a.round !== 'first')).reduce((n, a) => n + a.duplicate, 0),
      };
      for (const b of load.batches) {
        expect(b.refused, `${b.name} refused`).toEqual([]);
        expect(b.acks.length, `${b.name} never acknowledged`).toBeGreaterThan(0);
        for (const a of b.acks) expect(a.accepted + a.duplicate, `${b.name} ${a.round}`).toBe(b.events.length);
        for (const a of b.acks.slice(1)) expect(a, `${b.name}: a re-send after an acknowledged send`).toMatchObject({ accepted: 0, duplicate: b.events.length });
        const accepted = b.acks.reduce((n, a) => n + a.accepted, 0);
        if (b.lost === 0) expect(accepted, `${b.name}: every reply arrived, so each event was accepted exactly once`).toBe(b.events.length);
        else expect(accepted).toBeLessThanOrEqual(b.events.length);
      }

      // a last round after the dust settled: every event is a duplicate and nothing new happens
      const before = gw.requests.length;
      const last = await Promise.all(load.batches.map((b) => api.call('POST', '/api/events', { events: b.events })));
      for (const [i, r] of last.entries()) expect(r, load.batches[i].name).toMatchObject({ status: 202, body: { accepted: 0, duplicate: load.batches[i].events.length } });
      await sleep(1_000);
      expect(gw.requests.length).toBe(before);
      expect((await api.get(`/api/runs?funnelId=${FUNNEL}&limit=500`)).length).toBe(N);

      // the database itself, after a clean stop: each event stored once, no timer left behind
      await srv.stop();
      const db = new Database(join(dataDir, 'voronka.db'), { readonly: true });
      try {
        const events = db.prepare("SELECT type, count(*) AS n, count(DISTINCT id) AS ids FROM events WHERE id LIKE 'go-%' OR id LIKE 'ping-%' GROUP BY type ORDER BY type").all();
        expect(events).toEqual([
          { type: 'go', n: N, ids: N },
          { type: 'ping', n: pinged.size, ids: pinged.size },
        ]);
        expect(db.prepare('SELECT count(*) AS n FROM timers WHERE funnel_id = ?').get(FUNNEL)).toEqual({ n: 0 });
        expect(db.prepare('SELECT status, count(*) AS n FROM outbox WHERE funnel_id = ? GROUP BY status').all(FUNNEL)).toEqual([{ status: 'sent', n: 3 * N }]);
      } finally {
        db.close();
      }

      // the wait's semantics under load: the journal says when the wait was open (timers fire at
      // their due time on the run's clock), so a ping committed inside that window must be
      // received, and a ping after the timeout was due must not be
      const { ignoredInsideTheWindow: ignored, receivedAfterTheTimeoutWasDue: late } = fates;
      expect.soft(ignored.slice(0, 5), `${ignored.length} pings committed while the wait was open (per the journal), yet the run timed out`).toEqual([]);
      expect.soft(late.slice(0, 5), `${late.length} pings received after the wait's timeout was due`).toEqual([]);
      expect.soft(received, 'no run took the received branch: the load did not exercise it').toBeGreaterThan(0);
      expect(N - received, 'no run timed out').toBeGreaterThan(0);
    } finally {
      summary.totalMs = Date.now() - started;
      summary.serverStderr = srv.log.filter((l) => l.includes(' err]')).slice(0, 10);
      console.log(`crash test summary\n${JSON.stringify(summary, null, 2)}`);
    }
  }, 150_000);
});
