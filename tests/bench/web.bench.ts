/**
 * `npm run bench:web`: frame times of our funnel editor with a 500-node funnel — while the page
 * opens, while panning, while dragging a node — next to the same measurement on a plain React
 * Flow canvas (default nodes, same layout) in the same run and browser. Prints; asserts nothing.
 *
 * Builds the web app and the baseline page (tests/bench/web/baseline) with Vite into a temporary
 * folder, starts a fresh Voronka server there (temporary data, manual clock, like the e2e one),
 * serves the baseline with a tiny static server, drives Debian's Chromium with Playwright, and
 * removes everything when done. BENCH_NODES (500) and BENCH_ROUNDS (2) tune it; BENCH_SCREENSHOTS=<dir>
 * saves a screenshot of each canvas once it is open.
 */
import { serve } from '@hono/node-server';
import { chromium, type Browser } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { createServer } from '../../server/createServer.ts';
import { benchFunnel, toGraph } from './web/graph.ts';
import { circleDrag, emptyPanePoint, FRAME_SAMPLER, nodeToDrag, stats, takeFrames, waitForNodes } from './web/measure.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const N = Number(process.env.BENCH_NODES ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PHASE_MS = 3000;
const VIEWPORT = { width: 1440, height: 900 };
const API_KEY = 'bench-key';
const ADMIN = { email: 'admin@voronka.local', password: 'admin-pass-1' };
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

type Phase = 'open' | 'pan' | 'drag';
const PHASES: Phase[] = ['open', 'pan', 'drag'];
interface Sample {
  frames: Record<Phase, number[]>;
  readyMs: number[];
  warnings: string[];
}
const newSample = (): Sample => ({ frames: { open: [], pan: [], drag: [] }, readyMs: [], warnings: [] });

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanup() {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
  cleanups.length = 0;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** A tiny static file server for the built baseline page. */
function staticServer(dir: string): Promise<Server> {
  const server = createHttpServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Opens `url` and measures the three phases in a fresh browser context. */
async function measure(browser: Browser, url: string, into: Sample, loginAt?: string, warmup = false) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU' });
  try {
    if (loginAt) {
      const r = await context.request.post(`${loginAt}/api/auth/login`, { data: ADMIN });
      if (!r.ok()) throw new Error(`login failed: ${r.status()} ${await r.text()}`);
    }
    const page = await context.newPage();
    await page.addInitScript(FRAME_SAMPLER);
    const t0 = Date.now();
    await page.goto(url);
    await waitForNodes(page, N);
    const ready = Date.now() - t0;
    const open = await takeFrames(page);
    if (warmup) return;
    into.readyMs.push(ready);
    into.frames.open.push(...open);
    if (process.env.BENCH_SCREENSHOTS) await page.screenshot({ path: join(process.env.BENCH_SCREENSHOTS, `${loginAt ? 'ours' : 'plain'}-open.png`) });

    await page.waitForTimeout(500);
    const transform = () => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    const before = await transform();
    const from = await emptyPanePoint(page);
    await takeFrames(page);
    await circleDrag(page, from, 150, PHASE_MS);
    into.frames.pan.push(...(await takeFrames(page)));
    if ((await transform()) === before) into.warnings.push(`panning did not move the canvas on ${url}`);

    await page.waitForTimeout(300);
    const node = await nodeToDrag(page);
    const nodeTransform = () => page.locator(`.react-flow__node[data-id="${node.id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
    const nodeBefore = await nodeTransform();
    await takeFrames(page);
    await circleDrag(page, node, 100, PHASE_MS);
    into.frames.drag.push(...(await takeFrames(page)));
    if ((await nodeTransform()) === nodeBefore) into.warnings.push(`dragging did not move node ${node.id} on ${url}`);
  } finally {
    await context.close();
  }
}

async function main() {
  process.chdir(ROOT);
  const tmp = mkdtempSync(join(tmpdir(), 'voronka-bench-web-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const webDir = join(tmp, 'web');
  const baseDir = join(tmp, 'baseline');
  const dataDir = join(tmp, 'data');
  mkdirSync(dataDir);

  console.log('bench:web — building the web app and the baseline page…');
  await build({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'web'), build: { outDir: webDir, emptyOutDir: true }, logLevel: 'error' });
  await build({ configFile: false, root: join(ROOT, 'tests/bench/web/baseline'), base: './', plugins: [react()], build: { outDir: baseDir, emptyOutDir: true }, logLevel: 'error' });
  const funnel = benchFunnel(N);
  writeFileSync(join(baseDir, 'graph.json'), JSON.stringify(toGraph(funnel)));

  // a fresh server like the e2e one: temporary data, manual clock, fixed admin password, API key
  const voronka = await createServer({
    dataDir,
    clock: 'manual',
    webDir,
    env: { VORONKA_ADMIN_PASSWORD: ADMIN.password, VORONKA_DEMO_PASSWORD: 'demo-pass-1', VORONKA_API_KEY: API_KEY },
    log: () => {},
  });
  cleanups.push(() => voronka.close());
  const http = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch: voronka.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  cleanups.push(() => new Promise<void>((ok) => http.close(() => ok())));
  const ours = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const res = await fetch(`${ours}/api/funnels`, { method: 'POST', headers: { Authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(funnel) });
  if (!res.ok) throw new Error(`could not load the ${N}-node funnel: ${res.status} ${await res.text()}`);

  const stat = await staticServer(baseDir);
  cleanups.push(() => new Promise<void>((ok) => stat.close(() => ok())));
  const plain = `http://127.0.0.1:${(stat.address() as AddressInfo).port}/`;

  const browser = await chromium.launch(CHROMIUM);
  cleanups.push(() => browser.close());
  const editorUrl = `${ours}/#/funnels/${funnel.id}`;
  const result = { ours: newSample(), plain: newSample() };
  console.log(`bench:web — ${N} nodes, ${funnel.edges.length} edges; Chromium ${browser.version()} ${VIEWPORT.width}×${VIEWPORT.height}; ${ROUNDS} round(s)`);
  // one unmeasured open of each page first (disk cache, JIT)
  await measure(browser, plain, result.plain, undefined, true);
  await measure(browser, editorUrl, result.ours, ours, true);
  for (let r = 0; r < ROUNDS; r++) {
    await measure(browser, plain, result.plain);
    await measure(browser, editorUrl, result.ours, ours);
  }

  const f = (x: number) => x.toFixed(1).padStart(6);
  const line = (cells: string[], widths: number[]) => cells.map((c, i) => c.padEnd(widths[i])).join('');
  const W = [24, 30, 30, 24];
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const verdicts: string[] = [];
  console.log('\nframe intervals in ms (requestAnimationFrame sampled in the page; 16.7 ms = 60 fps)');
  console.log(line(['phase', 'ours: median / p95 / max', 'plain: median / p95 / max', 'ours ÷ plain'], W));
  for (const p of PHASES) {
    const o = stats(result.ours.frames[p]);
    const b = stats(result.plain.frames[p]);
    const name = p === 'open' ? 'open (until all shown)' : p === 'pan' ? `pan (${PHASE_MS / 1000} s × ${ROUNDS})` : `drag a node (${PHASE_MS / 1000} s × ${ROUNDS})`;
    console.log(line([name, `${f(o.median)} / ${f(o.p95)} / ${f(o.max)}`, `${f(b.median)} / ${f(b.p95)} / ${f(b.max)}`, `${x(o.median, b.median)} / ${x(o.p95, b.p95)} / ${x(o.max, b.max)}`], W));
    const fps = (s: number[]) => (s.length / (s.reduce((a, v) => a + v, 0) / 1000)).toFixed(0);
    console.log(line(['', `  ${o.n} frames, ${fps(result.ours.frames[p])} fps`, `  ${b.n} frames, ${fps(result.plain.frames[p])} fps`, ''], W));
    if (p !== 'open') verdicts.push(`${p} p95 ${x(o.p95, b.p95)} ${o.p95 / b.p95 <= 1.5 ? 'ok' : 'OVER'}`);
  }
  const med = (xs: number[]) => stats(xs).median;
  const ro = med(result.ours.readyMs);
  const rb = med(result.plain.readyMs);
  console.log(line(['time to all nodes shown', `${ro.toFixed(0).padStart(6)} ms`, `${rb.toFixed(0).padStart(6)} ms`, x(ro, rb)], W));
  verdicts.unshift(`open ${x(ro, rb)} ${ro / rb <= 1.5 ? 'ok' : 'OVER'}`);
  console.log(`target ours ÷ plain ≤ 1.5×: ${verdicts.join('; ')}`);
  for (const w of [...result.ours.warnings, ...result.plain.warnings]) console.log(`warning: ${w}`);
}

const deadline = setTimeout(() => {
  console.error('bench:web: gave up after 5 minutes');
  void cleanup().finally(() => process.exit(1));
}, 300_000);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    void cleanup().finally(() => process.exit(130));
  });

try {
  await main();
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
  await cleanup();
}
