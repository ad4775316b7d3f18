import type { Lang } from '../validate/i18n.ts';
import type { CompiledFunnel } from '../compiler/compileFunnel.ts';
import { parseInstant } from '../format/time.ts';
import type { Scenario, ScenarioExpect } from '../format/scenario.ts';
import { Simulator } from './Simulator.ts';

/** The simulator's output, as FUNNEL_FORMAT.md defines it (`voronka simulate --json`). */
export interface Trace {
  ok: boolean;
  status: 'waiting' | 'completed' | 'exited' | null;
  at: string | null;
  path: { node: string; at: string }[];
  messages: { node: string; channel: string; at: string; subject?: string; body: string }[];
  tasks: { node: string; title: string; status: string; outcome?: string; at: string }[];
  failures: string[];
}

/**
 * Runs a scenario step by step on a virtual clock and checks its expectations. Failures are in
 * English unless `lang` asks for Russian (the web app's UI language).
 */
export function runScenario(cf: CompiledFunnel, scenario: Scenario, opts: { lang?: Lang } = {}): { trace: Trace; sim: Simulator } {
  const ru = opts.lang === 'ru';
  const start = parseInstant(scenario.start)!;
  const sim = new Simulator(cf, { id: scenario.contact.id, attributes: scenario.contact.attributes ?? {}, consents: scenario.contact.consents ?? {}, segments: scenario.contact.segments ?? [] }, start);
  const failures: string[] = [];
  if (scenario.funnel !== cf.funnel.id) failures.push(ru ? `сценарий для воронки «${scenario.funnel}», а не «${cf.funnel.id}»` : `the scenario is for funnel "${scenario.funnel}", not "${cf.funnel.id}"`);
  scenario.steps.forEach((s, i) => {
    if ('event' in s) sim.event(s.event);
    else if ('advance' in s) sim.advance(s.advance);
    else if ('task' in s) {
      const problem = sim.completeTask(s.task.outcome, opts.lang);
      if (problem) failures.push(ru ? `шаг ${i + 1}: ${problem}` : `step ${i + 1}: ${problem}`);
    } else sim.set(s.set);
  });
  const trace = traceOf(sim);
  if (scenario.expect) failures.push(...checkExpectations(trace, scenario.expect, opts.lang));
  trace.failures = failures;
  trace.ok = failures.length === 0;
  return { trace, sim };
}

/** The trace of a simulation so far. */
export function traceOf(sim: Simulator): Trace {
  const run = sim.current;
  return {
    ok: true,
    status: run?.status ?? null,
    at: run?.status === 'waiting' ? run.at : null,
    path: sim.log.filter((j) => j.kind === 'entered').map((j) => ({ node: j.node!, at: sim.isoTime(j.at) })),
    messages: sim.messages.map((m) => ({ node: m.node, channel: m.channel, at: sim.isoTime(m.at), ...(m.subject !== undefined ? { subject: m.subject } : {}), body: m.body })),
    tasks: sim.tasks.map((t) => ({ node: t.node, title: t.title, status: t.status, ...(t.outcome ? { outcome: t.outcome } : {}), at: sim.isoTime(t.createdAt) })),
    failures: [],
  };
}

const same = (field: string, want: unknown, got: unknown): boolean => {
  if (field === 'at') {
    const a = parseInstant(want);
    const b = parseInstant(got);
    return a !== null && a === b;
  }
  return JSON.stringify(want) === JSON.stringify(got);
};

/** `expected X, got Y` in the language. */
const differs = (ru: boolean, want: string, got: string) => (ru ? `ожидалось ${want}, получено ${got}` : `expected ${want}, got ${got}`);

function checkList(name: string, want: Record<string, unknown>[], got: Record<string, unknown>[], ru: boolean): string[] {
  const out: string[] = [];
  if (want.length !== got.length)
    out.push(`${name}: ${differs(ru, String(want.length), String(got.length))}: ${JSON.stringify(got.map((g) => ({ node: g.node, ...(g.channel ? { channel: g.channel } : {}), at: g.at, ...(g.status ? { status: g.status } : {}) })))}`);
  want.forEach((w, i) => {
    const g = got[i];
    if (!g) return;
    for (const [k, v] of Object.entries(w))
      if (!same(k, v, g[k])) out.push(`${name}[${i}].${k}: ${differs(ru, JSON.stringify(v), JSON.stringify(g[k]))}`);
  });
  return out;
}

/** Each expectation present is checked: exact lists in order, partial match per item. */
export function checkExpectations(t: Trace, e: ScenarioExpect, lang: Lang = 'en'): string[] {
  const ru = lang === 'ru';
  const out: string[] = [];
  if (e.path) {
    const got = t.path.map((p) => p.node);
    if (JSON.stringify(got) !== JSON.stringify(e.path)) out.push(`path: ${differs(ru, JSON.stringify(e.path), JSON.stringify(got))}`);
  }
  if (e.messages) out.push(...checkList('messages', e.messages, t.messages, ru));
  if (e.tasks) out.push(...checkList('tasks', e.tasks, t.tasks, ru));
  if (e.status && e.status !== t.status) out.push(`status: ${differs(ru, `"${e.status}"`, JSON.stringify(t.status))}`);
  if (e.at && e.at !== t.at) out.push(`at: ${differs(ru, `"${e.at}"`, JSON.stringify(t.at))}`);
  return out;
}
