/**
 * `npm run bench:engine` — steps per second of the engine core on 100k contacts (restore, step,
 * persist), next to a plain XState `transition()` loop over the same machine, in the same run.
 * Prints figures and the ratio; asserts nothing (machines are noisy).
 */
import { readFileSync } from 'node:fs';
import { transition } from 'xstate';
import { compileFunnel } from '../../shared/compiler/compileFunnel.ts';
import { step } from '../../shared/engine/step.ts';
import type { Contact, PersistedRun } from '../../shared/engine/types.ts';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const r = compileFunnel(JSON.parse(readFileSync(new URL('../../examples/classic/funnel.json', import.meta.url), 'utf8')));
if (!r.ok) throw new Error('the classic example does not compile');
const cf = r.compiled;
const t0 = Date.parse('2026-03-02T09:00:00+03:00');
const contacts: Contact[] = Array.from({ length: CONTACTS }, (_, i) => ({
  id: `c${i}`,
  attributes: { firstName: `Имя${i}`, timezone: 'Europe/Moscow' },
  consents: { email: true },
}));

// Every contact starts the funnel and stands at the first offer stage: stored as JSON, as a store would.
const stored: string[] = contacts.map((c, i) => JSON.stringify(step(cf, { event: { type: 'lead.created' }, contact: c, now: t0, runId: `r${i}` }).snapshot));
const event = { type: 'offer.accepted', contactId: '' };
const now = t0 + 3_600_000;

function engineLoop(): number {
  const start = performance.now();
  let changed = 0;
  for (let i = 0; i < CONTACTS; i++) {
    const snapshot = JSON.parse(stored[i]) as PersistedRun;
    const res = step(cf, { snapshot, event, contact: contacts[i], now });
    if (res.changed) changed++;
    JSON.stringify(res.snapshot);
  }
  if (changed !== CONTACTS) throw new Error(`engine loop: only ${changed} of ${CONTACTS} steps moved`);
  return (CONTACTS / (performance.now() - start)) * 1000;
}

// The plain loop: XState's own restore → transition() → persist over the same machine and states.
const storedXState: string[] = stored.map((s) => JSON.stringify((JSON.parse(s) as PersistedRun).machine));
function plainLoop(): number {
  const start = performance.now();
  let moved = 0;
  // guards and delays of the funnel machine read the engine's live step; give them one
  cf.live.current = {
    env: { now, zone: 'Europe/Moscow', contact: contacts[0], run: (JSON.parse(stored[0]) as PersistedRun).run, event, settings: cf.funnel.settings ?? {}, funnelId: cf.funnel.id },
    onAction: () => {},
  };
  try {
    for (let i = 0; i < CONTACTS; i++) {
      const snap = cf.machine.resolveState(JSON.parse(storedXState[i]));
      const [next] = transition(cf.machine, snap, event);
      if (next.value !== snap.value) moved++;
      JSON.stringify(cf.machine.getPersistedSnapshot(next));
    }
  } finally {
    cf.live.current = null;
  }
  if (moved !== CONTACTS) throw new Error(`plain loop: only ${moved} of ${CONTACTS} transitions moved`);
  return (CONTACTS / (performance.now() - start)) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const engine: number[] = [];
const plain: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  plain.push(plainLoop());
  engine.push(engineLoop());
}
const e = median(engine);
const p = median(plain);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`engine core (restore + step + persist, ${CONTACTS.toLocaleString('en-US')} contacts, median of ${ROUNDS}): ${fmt(e)} steps/s`);
console.log(`plain XState loop (resolveState + transition() + getPersistedSnapshot):        ${fmt(p)} steps/s`);
console.log(`ratio engine / plain: ${(e / p).toFixed(2)}x (target ≥ 1.0x)`);
