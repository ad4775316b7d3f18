import type { Page } from '@playwright/test';

/** Started before any page script: records the timestamp of every animation frame. */
export const FRAME_SAMPLER = `
  (() => {
    const w = window;
    w.__frames = [];
    const loop = (t) => { w.__frames.push(t); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  })();
`;

interface BenchWindow {
  __frames: number[];
}

/** The frame intervals (ms) recorded since the last call, and starts a new recording. */
export async function takeFrames(page: Page): Promise<number[]> {
  const ts = await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    const out = w.__frames;
    w.__frames = [];
    return out;
  });
  return ts.slice(1).map((t, i) => t - ts[i]);
}

export const dropFrames = (page: Page): Promise<unknown> => takeFrames(page);

/** Waits until `n` React Flow nodes are in the page and measured (React Flow hides unmeasured ones). */
export async function waitForNodes(page: Page, n: number, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const els = document.querySelectorAll<HTMLElement>('.react-flow__node');
      if (els.length < want) return false;
      for (const el of els) if (el.style.visibility === 'hidden') return false;
      return true;
    },
    n,
    { timeout, polling: 100 },
  );
}

/** A point on the empty pane (not on a node, edge or panel), near the middle of the canvas. */
export async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    if (!pane) return null;
    const r = pane.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    for (let d = 0; d < Math.max(r.width, r.height) / 2; d += 7)
      for (let a = 0; a < 16; a++) {
        const x = cx + d * Math.cos((a * Math.PI) / 8);
        const y = cy + d * Math.sin((a * Math.PI) / 8);
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    return null;
  });
  if (!p) throw new Error('no empty spot on the canvas to pan from');
  return p;
}

/** The centre of a node that is fully on screen and not covered, near the middle of the canvas. */
export async function nodeToDrag(page: Page): Promise<{ x: number; y: number; id: string }> {
  const p = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.left > pane.left + 150 && r.right < pane.right - 150 && r.top > pane.top + 150 && r.bottom < pane.bottom - 150)
      .sort((a, b) => Math.hypot(a.r.x - cx, a.r.y - cy) - Math.hypot(b.r.x - cx, b.r.y - cy));
    for (const { el, r } of nodes) {
      const x = r.left + r.width / 2;
      const y = r.top + Math.min(r.height / 2, 14);
      const hit = document.elementFromPoint(x, y);
      if (hit && el.contains(hit) && !hit.closest('.react-flow__handle')) return { x, y, id: el.dataset.id ?? '' };
    }
    return null;
  });
  if (!p) throw new Error('no node to drag in the middle of the canvas');
  return p;
}

/** Holds the left button at `from` and circles around it for `ms` milliseconds (~120 moves a second). */
export async function circleDrag(page: Page, from: { x: number; y: number }, radius: number, ms: number): Promise<number> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const start = Date.now();
  let moves = 0;
  // start with a short straight move so drag thresholds are passed
  await page.mouse.move(from.x + radius, from.y, { steps: 5 });
  while (Date.now() - start < ms) {
    const a = ((Date.now() - start) / 1000) * Math.PI; // half a turn a second
    await page.mouse.move(from.x + radius * Math.cos(a), from.y + radius * Math.sin(a));
    moves++;
    await new Promise((r) => setTimeout(r, 8));
  }
  await page.mouse.up();
  return moves;
}

export function stats(xs: number[]): { n: number; median: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { n: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN };
}
