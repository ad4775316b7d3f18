/**
 * A profiling companion of bench:web (not part of `npm run bench:web`): opens the 500-node funnel
 * in the editor and in the baseline page like the bench, records a Chromium trace of each phase
 * (open, pan, drag) and prints where the renderer's time went (main thread and raster/compositor
 * threads, by trace event), plus the page's resource timings at open.
 *
 *   npx tsx tests/bench/web/profile.ts            # builds into $PROFILE_DIR (/tmp/voronka-profile)
 *   PROFILE_SKIP_BUILD=1 npx tsx tests/bench/web/profile.ts   # reuses the last build
 *   PROFILE_TRACES=1 …                            # also keeps the raw traces (chrome://tracing)
 *   PROFILE_CPU=1 / PROFILE_CPU_PAN=1 …           # also a CPU profile of opening / of panning
 *   PROFILE_OPENS=8 …                             # only times opening each page 8 times, alternating (no trace)
 */
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { createServer } from '../../../server/createServer.ts';
import { benchFunnel, toGraph } from './graph.ts';
import { circleDrag, emptyPanePoint, FRAME_SAMPLER, nodeToDrag, stats, takeFrames, waitForNodes } from './measure.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const DIR = process.env.PROFILE_DIR ?? '/tmp/voronka-profile';
const N = 500;
const ADMIN = { email: 'admin@voronka.local', password: 'admin-pass-1' };
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'gpu', 'v8', 'toplevel', 'benchmark', 'disabled-by-default-devtools.timeline.invalidationTracking'].join(',');
const WATCH = [
  'RunTask', 'FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'ParseHTML', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'PaintImage',
  'Layerize', 'UpdateLayer', 'UpdateLayerTree', 'CompositeLayers', 'Commit', 'RasterTask', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'HitTest', 'EventDispatch',
  'TimerFire', 'FireAnimationFrame', 'ParseAuthorStyleSheet', 'ScheduleStyleRecalculation', 'IntersectionObserverController::computeIntersections',
  'ProxyImpl::ScheduledActionDraw', 'DrawFrame', 'BeginMainThreadFrame', 'LayerTreeHostImpl::PrepareToDraw', 'SoftwareRenderer::DrawFrame', 'Display::DrawAndSwap',
];

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; args?: Record<string, unknown> }

function summarize(label: string, events: TraceEvent[], wallMs: number) {
  const threads = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, String((e.args as { name: string }).name));
  const totals = new Map<string, Map<string, { ms: number; n: number }>>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !WATCH.includes(e.name)) continue;
    const th = threads.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
    if (!/CrRendererMain|Compositor|Raster|VizCompositor|CrBrowserMain/.test(th)) continue;
    const m = totals.get(th) ?? new Map();
    totals.set(th, m);
    const t = m.get(e.name) ?? { ms: 0, n: 0 };
    t.ms += e.dur / 1000;
    t.n++;
    m.set(e.name, t);
  }
  console.log(`  ${label}: ${wallMs.toFixed(0)} ms wall`);
  const byThread = new Map<string, Map<string, { ms: number; n: number }>>();
  for (const [th, m] of totals) {
    const key = th.replace(/\d+$/, '');
    const into = byThread.get(key) ?? new Map();
    byThread.set(key, into);
    for (const [k, v] of m) {
      const t = into.get(k) ?? { ms: 0, n: 0 };
      t.ms += v.ms;
      t.n += v.n;
      into.set(k, t);
    }
  }
  for (const [th, m] of byThread) {
    const rows = [...m].sort((a, b) => b[1].ms - a[1].ms).filter(([, v]) => v.ms >= 1);
    console.log(`    ${th}: ${rows.map(([k, v]) => `${k} ${v.ms.toFixed(0)}ms/${v.n}`).join(', ')}`);
  }
}

interface CpuProfile { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] }

/** Self and total time by function in a CPU profile (top 40). */
function cpuSummary(p: CpuProfile) {
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const key = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
  };
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, ms] of self) {
    selfBy.set(key(id), (selfBy.get(key(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(cur);
      if (seen.has(k)) continue;
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `      ${v.toFixed(0).padStart(6)} ms  ${k}`).join('\n');
  const comps = new Map([...totalBy].filter(([k]) => /^[A-Z][a-z]/.test(k) || /^use[A-Z]/.test(k)));
  console.log(`    cpu self:\n${top(selfBy)}\n    cpu total:\n${top(totalBy)}\n    components and hooks (total):\n${top(comps)}`);
}

async function traced<T>(browser: Browser, page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  await browser.startTracing(page, { categories: CATEGORIES.split(',') });
  const t0 = Date.now();
  const out = await fn();
  const wall = Date.now() - t0;
  const buf = await browser.stopTracing();
  const json = JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] };
  if (process.env.PROFILE_TRACES) writeFileSync(join(DIR, `${name}.json`), buf);
  summarize(name, json.traceEvents, wall);
  return out;
}

async function profile(browser: Browser, url: string, name: string, loginAt?: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
  if (loginAt) await context.request.post(`${loginAt}/api/auth/login`, { data: ADMIN });
  const page = await context.newPage();
  await page.addInitScript(FRAME_SAMPLER);
  if (process.env.PROFILE_NO_CAPTURE) await page.addInitScript('Element.prototype.setPointerCapture = function () {};');
  console.log(`\n${name}`);
  const cdp = await page.context().newCDPSession(page);
  if (process.env.PROFILE_CPU) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await traced(browser, page, `${name}-open`, async () => {
    await page.goto(url);
    await waitForNodes(page, N);
  });
  if (process.env.PROFILE_CPU) cpuSummary(((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
  if (process.env.PROFILE_CSS) await page.addStyleTag({ content: process.env.PROFILE_CSS });
  if (process.env.PROFILE_LAYERS) {
    let layers: { layerId: string; width: number; height: number; drawsContent: boolean; paintCount?: number }[] = [];
    cdp.on('LayerTree.layerTreeDidChange', (e: { layers?: typeof layers }) => {
      if (e.layers) layers = e.layers;
    });
    await cdp.send('LayerTree.enable');
    await page.waitForTimeout(500);
    for (const l of layers.filter((x) => x.drawsContent)) {
      const { compositingReasons } = (await cdp.send('LayerTree.compositingReasons', { layerId: l.layerId }).catch(() => ({ compositingReasons: ['?'] }))) as { compositingReasons: string[] };
      console.log(`  layer ${l.layerId} ${l.width}×${l.height} paints ${l.paintCount}: ${compositingReasons.join(', ')}`);
    }
  }
  const open = await takeFrames(page);
  if (process.env.PROFILE_SHOT) await page.screenshot({ path: join(DIR, `${name}.png`) });
  const res = await page.evaluate(() =>
    performance.getEntries().map((e) => `${e.entryType === 'resource' ? new URL(e.name).pathname.split('/').pop() : e.name} ${e.startTime.toFixed(0)}→${(e.startTime + e.duration).toFixed(0)}`),
  );
  console.log(`  entries: ${res.join(' | ')}`);
  if (process.env.PROFILE_DUMP)
    console.log(
      await page.evaluate(() => {
        const seen = new Map<string, string>();
        for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
          const type = el.dataset.id ? (el.querySelector('[data-type]') as HTMLElement | null)?.dataset.type ?? '?' : '?';
          if (!seen.has(type)) seen.set(type, `${el.querySelectorAll('*').length} elements: ${el.outerHTML}`);
        }
        return [...seen].map(([t, h]) => `${t}: ${h}`).join('\n');
      }),
    );
  const dom = await page.evaluate(() => ({ all: document.querySelectorAll('*').length, inNodes: document.querySelectorAll('.react-flow__node *').length, nodes: document.querySelectorAll('.react-flow__node').length }));
  console.log(`  DOM: ${JSON.stringify(dom)}; open frames ${JSON.stringify(stats(open))}`);
  if (process.env.PROFILE_CHAIN) console.log('  canvas rect', await page.evaluate(() => JSON.stringify(document.querySelector('.react-flow')!.getBoundingClientRect())));
  if (process.env.PROFILE_CHAIN)
    console.log(await page.evaluate(() => {
      const out: string[] = [];
      for (let el: Element | null = document.querySelector('.react-flow__viewport'); el; el = el.parentElement) {
        const cs = getComputedStyle(el);
        out.push(`${el.tagName}.${[...el.classList].join('.')} style="${el.getAttribute('style') ?? ''}" pos=${cs.position} ov=${cs.overflow} contain=${cs.contain} z=${cs.zIndex} tf=${cs.transform} wc=${cs.willChange} isol=${cs.isolation} op=${cs.opacity}`);
      }
      return out.join('\n');
    }));
  if (process.env.PROFILE_PREPAN && !loginAt) {
    const [dx, dy] = process.env.PROFILE_PREPAN.split(',').map(Number);
    const p0 = await emptyPanePoint(page);
    await page.mouse.move(p0.x, p0.y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(p0.x + (dx * i) / 20, p0.y + (dy * i) / 20);
    await page.mouse.up();
    console.log('  prepanned to', await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform));
  }
  await page.waitForTimeout(500);
  const from = await emptyPanePoint(page);
  await takeFrames(page);
  if (process.env.PROFILE_PAN_LAYERS) {
    let layers: { layerId: string; width: number; height: number; drawsContent: boolean; paintCount?: number; offsetX: number; offsetY: number }[] = [];
    cdp.on('LayerTree.layerTreeDidChange', (e: { layers?: typeof layers }) => {
      if (e.layers) layers = e.layers;
    });
    await cdp.send('LayerTree.enable');
    const pan = circleDrag(page, from, 150, 2000);
    await page.waitForTimeout(1000);
    const snap = layers;
    await pan;
    for (const l of snap) {
      const { compositingReasons } = (await cdp.send('LayerTree.compositingReasons', { layerId: l.layerId }).catch(() => ({ compositingReasons: ['gone'] }))) as { compositingReasons: string[] };
      console.log(`  pan layer ${l.layerId} ${l.width}×${l.height} at ${l.offsetX},${l.offsetY} draws ${l.drawsContent} paints ${l.paintCount}: ${compositingReasons.join(', ')}`);
    }
    await cdp.send('LayerTree.disable');
  }
  if (process.env.PROFILE_CPU_PAN) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await traced(browser, page, `${name}-pan`, () => circleDrag(page, from, 150, 3000));
  if (process.env.PROFILE_CPU_PAN) cpuSummary(((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
  console.log(`  pan frames ${JSON.stringify(stats(await takeFrames(page)))}`);
  await page.waitForTimeout(300);
  const node = await nodeToDrag(page);
  await takeFrames(page);
  await traced(browser, page, `${name}-drag`, () => circleDrag(page, node, 100, 3000));
  console.log(`  drag frames ${JSON.stringify(stats(await takeFrames(page)))}`);
  await context.close();
}

/** Milliseconds from navigation until every node is shown (as bench:web's "time to all nodes shown"). */
async function openTime(browser: Browser, url: string, loginAt?: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
  try {
    if (loginAt) await context.request.post(`${loginAt}/api/auth/login`, { data: ADMIN });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(url);
    await waitForNodes(page, N);
    return Date.now() - t0;
  } finally {
    await context.close();
  }
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

async function main() {
  process.chdir(ROOT);
  const webDir = join(DIR, 'web');
  const baseDir = join(DIR, 'baseline');
  const dataDir = join(DIR, 'data');
  if (!process.env.PROFILE_SKIP_BUILD) {
    await build({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'web'), build: { outDir: webDir, emptyOutDir: true, minify: !process.env.PROFILE_NO_MINIFY }, logLevel: 'error' });
    await build({ configFile: false, root: join(ROOT, 'tests/bench/web/baseline'), base: './', plugins: [react()], build: { outDir: baseDir, emptyOutDir: true }, logLevel: 'error' });
  }
  const funnel = benchFunnel(N);
  writeFileSync(join(baseDir, 'graph.json'), JSON.stringify(toGraph(funnel)));
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir);
  const voronka = await createServer({ dataDir, clock: 'manual', webDir, env: { VORONKA_ADMIN_PASSWORD: ADMIN.password, VORONKA_DEMO_PASSWORD: 'demo-pass-1', VORONKA_API_KEY: 'k' }, log: () => {} });
  const http = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch: voronka.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  const ours = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const r = await fetch(`${ours}/api/funnels`, { method: 'POST', headers: { Authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify(funnel) });
  if (!r.ok) throw new Error(await r.text());
  const stat = createHttpServer((req, res) => {
    let file = join(baseDir, normalize(new URL(req.url ?? '/', 'http://x').pathname));
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => stat.listen(0, '127.0.0.1', () => ok()));
  const plain = `http://127.0.0.1:${(stat.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    if (process.env.PROFILE_OPENS) {
      const times: Record<'plain' | 'ours', number[]> = { plain: [], ours: [] };
      for (let i = 0; i <= Number(process.env.PROFILE_OPENS); i++) {
        const p = await openTime(browser, plain);
        const o = await openTime(browser, `${ours}/#/funnels/${funnel.id}`, ours);
        if (i === 0) continue; // warm-up
        times.plain.push(p);
        times.ours.push(o);
      }
      const med = (xs: number[]) => stats(xs).median;
      console.log(`open ms  plain: ${times.plain.join(' ')} (median ${med(times.plain)})`);
      console.log(`open ms  ours:  ${times.ours.join(' ')} (median ${med(times.ours)}) → ${(med(times.ours) / med(times.plain)).toFixed(2)}×`);
      return;
    }
    const which = process.env.PROFILE_ONLY;
    if (which !== 'ours') await profile(browser, plain, 'plain');
    if (which !== 'plain') await profile(browser, `${ours}/#/funnels/${funnel.id}`, 'ours', ours);
  } finally {
    await browser.close();
    stat.close();
    http.close();
    await voronka.close();
  }
}

await main();
