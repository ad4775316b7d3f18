import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small funnel for the server benchmarks: start → message → delay → message. */
export const benchFunnel = (delay = 'P1D') => ({
  format: 'voronka/funnel@1',
  id: 'bench',
  name: 'bench',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'go', reentry: 'always' } },
    { id: 'hello', type: 'message', data: { channel: 'email', subject: 'Hi', body: 'Hi {{contact.firstName}}', marketing: false } },
    { id: 'pause', type: 'delay', data: { for: delay } },
    { id: 'bye', type: 'message', data: { channel: 'email', subject: 'Bye', body: 'Bye {{contact.firstName}}', marketing: false } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'hello' },
    { id: 'e2', source: 'hello', target: 'pause' },
    { id: 'e3', source: 'pause', target: 'bye' },
  ],
});

export function tempDir(): { dir: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'voronka-bench-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const ratio = (a: number, b: number, target: string): string => `${(a / b).toFixed(2)}x (target ${target})`;

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
