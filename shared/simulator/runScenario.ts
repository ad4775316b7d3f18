import { nodeName, quoted } from '../nodes/nodeName.ts';
import type { Lang } from '../validate/i18n.ts';
import type { CompiledFunnel } from '../compiler/compileFunnel.ts';
import { parseInstant } from '../format/time.ts';
import { edgeExit } from '../format/funnel.ts';
import type { Scenario, ScenarioExpect } from '../format/scenario.ts';
import { Simulator } from './Simulator.ts';
import { DateTime } from 'luxon';

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
 * English unless `lang` asks for Russian (the web app's UI language); times in them are written for `locale`
 * (`en-US`: «Nov 28, 2026, 10:00 AM»), or as ISO-like text (`2026-11-28 10:00`) without one — for files and the CLI.
 */
export function runScenario(cf: CompiledFunnel, scenario: Scenario, opts: { lang?: Lang; locale?: string } = {}): { trace: Trace; sim: Simulator } {
  const ru = opts.lang === 'ru';
  const start = parseInstant(scenario.start)!;
  const sim = new Simulator(cf, { id: scenario.contact.id, attributes: scenario.contact.attributes ?? {}, consents: scenario.contact.consents ?? {}, segments: scenario.contact.segments ?? [] }, start);
  const failures: string[] = [];
  const stepProblems: string[] = [];
  // a task step refused while a task was open (an outcome renamed, an amount refused) is the cause of what follows;
  // «no open task» is the consequence of the run having gone elsewhere
  let causeFirst = false;
  // events the run took no notice of: often why a scenario fails (a renamed event), said only when it does
  const unheard: string[] = [];
  if (scenario.funnel !== cf.funnel.id) failures.push(ru ? `сценарий для воронки «${scenario.funnel}», а не «${cf.funnel.id}»` : `the scenario is for funnel "${scenario.funnel}", not "${cf.funnel.id}"`);
  scenario.steps.forEach((s, i) => {
    if ('event' in s) {
      const before = sim.log.length;
      sim.event(s.event);
      if (sim.log.length === before)
        unheard.push(ru ? `шаг сценария ${i + 1}: событие «${s.event.type}» ничего не изменило — его не ждал ни один проход` : `scenario step ${i + 1}: the event "${s.event.type}" changed nothing — no run was waiting for it`);
    }
    else if ('advance' in s) sim.advance(s.advance);
    else if ('task' in s) {
      const open = sim.tasks.some((t) => t.status === 'open');
      const problem = sim.completeTask(s.task.outcome, opts.lang, s.task.amount);
      if (problem) stepProblems.push(ru ? `шаг сценария ${i + 1}: ${problem}` : `scenario step ${i + 1}: ${problem}`);
      if (problem && open && !stepProblems.slice(0, -1).length) causeFirst = true;
    } else sim.set(s.set);
  });
  const trace = traceOf(sim);
  // the root cause first: the refused step explains what follows; otherwise where the run parted from what was expected
  if (causeFirst) failures.push(...stepProblems);
  if (scenario.expect) {
    const byId = new Map(cf.funnel.nodes.map((n) => [n.id, n]));
    failures.push(...checkExpectations(trace, scenario.expect, opts.lang, (id) => nodeName(byId.get(id), id, opts.lang ?? 'en', { brief: true }), whyStopped(sim, opts.lang ?? 'en', opts.locale), opts.locale));
  }
  if (!causeFirst) failures.push(...stepProblems);
  if (failures.length) failures.push(...unheard);
  trace.failures = failures;
  trace.ok = failures.length === 0;
  return { trace, sim };
}

/**
 * Why the run stopped where it did, for a path that stops short: an exit that leads nowhere (the
 * run completed there: an edge was removed), or the timer it waits for falling after the scenario's end.
 */
function whyStopped(sim: Simulator, lang: Lang, locale?: string): string | undefined {
  const run = sim.current;
  const ru = lang === 'ru';
  if (run?.status === 'waiting') {
    const due = sim.nextDue();
    return due === null ? undefined : ru ? `ждёт; следующий таймер — ${readableAt(sim.isoTime(due), locale)}, позже конца сценария` : `it waits; its next timer is at ${readableAt(sim.isoTime(due), locale)}, after the scenario's end`;
  }
  if (run?.status !== 'completed') return undefined;
  const left = sim.log.findLast((j) => j.runId === run.id && j.kind === 'left' && j.exit);
  // a node none of whose exits lead anywhere is the funnel's end (a goal), not a missing edge
  const from = sim.cf.funnel.edges.filter((e) => e.source === left?.node);
  if (!left?.node || !left.exit || !from.length || from.some((e) => edgeExit(e) === left.exit)) return undefined;
  const c = sim.cf.nodes.get(left.node);
  const label = c?.def.exitLabel?.(c.data as never, left.exit);
  const words = quoted(typeof label === 'string' ? label : (label?.[lang] ?? left.exit), lang);
  return ru ? `его выход ${words} никуда не ведёт — прогон там закончился` : `its exit ${words} leads nowhere, so the run ended there`;
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

/** `expected X, got Y` in the language (`got` undefined: there was nothing). */
const differs = (ru: boolean, want: string, got: string | undefined) =>
  got === undefined ? (ru ? `ожидалось ${want}, но ничего нет` : `expected ${want}, got nothing`) : ru ? `ожидалось ${want}, получено ${got}` : `expected ${want}, got ${got}`;

/** Run and task statuses in words. */
const STATUS: Record<string, [string, string]> = {
  waiting: ['waiting', 'ждёт'],
  completed: ['completed', 'завершён'],
  exited: ['exited', 'выведен'],
  open: ['open', 'открыта'],
  done: ['done', 'выполнена'],
  overdue: ['overdue', 'просрочена'],
  cancelled: ['cancelled', 'отменена'],
};
/** A status as the failure shows it. */
const showStatus = (ru: boolean, v: unknown) => (typeof v === 'string' && STATUS[v] ? show(ru, STATUS[v][ru ? 1 : 0]) : show(ru, v));

/** A value as the failure shows it: text in quotes of the language, the rest as JSON. */
const show = (ru: boolean, v: unknown) => (typeof v === 'string' ? quoted(v, ru ? 'ru' : 'en') : v === undefined ? (ru ? 'ничего' : 'nothing') : JSON.stringify(v));

const FIELD: Record<string, [string, string]> = {
  node: ['node', 'узел'],
  channel: ['channel', 'канал'],
  at: ['time', 'время'],
  subject: ['subject', 'тема'],
  body: ['text', 'текст'],
  title: ['title', 'название'],
  status: ['status', 'статус'],
  outcome: ['outcome', 'итог'],
};
const field = (ru: boolean, k: string) => FIELD[k]?.[ru ? 1 : 0] ?? k;

/**
 * Where a run's path left the expected one, in words: the first step that differs, or where the
 * run stopped short or went on.
 */
function pathFailure(want: readonly string[], got: readonly string[], ru: boolean, q: (id: string) => string, stopped?: string): string | null {
  let i = 0;
  while (i < want.length && i < got.length && want[i] === got[i]) i++;
  if (i === want.length && i === got.length) return null;
  const chain = (xs: readonly string[]) => xs.map(q).join(' → ');
  const after = i > 0 ? (ru ? ` (после ${q(got[i - 1])})` : ` (after ${q(got[i - 1])})`) : '';
  if (i < want.length && i < got.length)
    return ru ? `путь, узел №${i + 1}: ожидался ${q(want[i])}, а прогон пошёл в ${q(got[i])}${after}` : `path, node #${i + 1}: expected ${q(want[i])}, but the run went to ${q(got[i])}${after}`;
  if (i === got.length)
    return got.length === 0
      ? ru ? `путь: прогон не начался; ожидалось: ${chain(want)}` : `path: the run never started; expected: ${chain(want)}`
      : ru ? `путь: прогон остановился на ${q(got[i - 1])}${stopped ? ` (${stopped})` : ''}, а ожидалось дальше: ${chain(want.slice(i))}` : `path: the run stopped at ${q(got[i - 1])}${stopped ? ` (${stopped})` : ''}; expected next: ${chain(want.slice(i))}`;
  return ru ? `путь: прогон пошёл дальше ожидаемого${after}: ${chain(got.slice(i))}` : `path: the run went on past the expected end${after}: ${chain(got.slice(i))}`;
}

/**
 * `2026-11-27T09:00:00+10:00` as `2026-11-27 09:00 (+10:00)`: a time in a sentence, not in a file; with a locale, as
 * its people write it, in the offset it was at: «Nov 27, 2026, 9:00 AM (UTC+10:00)», «27 нояб. 2026 г., 09:00 (UTC+10:00)».
 */
export function readableAt(iso: string, locale?: string): string {
  if (locale) {
    const at = DateTime.fromISO(iso, { setZone: true });
    if (at.isValid) return `${at.setLocale(locale).toLocaleString(DateTime.DATETIME_MED)} (UTC${at.toFormat('ZZ')})`;
  }
  return iso.replace(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?(Z|[+-]\d\d:\d\d)$/, (_, day: string, time: string, zone: string) => `${day} ${time} (${zone === 'Z' ? 'UTC' : zone})`);
}

/** The first index where a run's path leaves the expected one (null when they agree). */
export function pathDivergence(want: readonly string[], got: readonly string[]): number | null {
  let i = 0;
  while (i < want.length && i < got.length && want[i] === got[i]) i++;
  return i === want.length && i === got.length ? null : i;
}

/**
 * Expected messages or tasks against the run's, in order: each expected item is matched with the
 * run's next one at the same node (by position when it names no node), and its fields compared;
 * expected items the run did not produce and items it produced beyond them are named.
 */
function checkList(kind: 'messages' | 'tasks', want: Record<string, unknown>[], got: Record<string, unknown>[], ru: boolean, node: (id: string) => string, locale?: string): string[] {
  const named = (id: unknown) => (typeof id === 'string' ? node(id) : show(ru, id));
  const out: string[] = [];
  const msg = kind === 'messages';
  const one = msg ? (ru ? 'сообщение' : 'message') : ru ? 'задача' : 'task';
  const many = msg ? (ru ? 'сообщения' : 'messages') : ru ? 'задачи' : 'tasks';
  const brief = (g: Record<string, unknown>) => `${named(g.node)} (${[g.channel, g.status, typeof g.at === 'string' ? readableAt(g.at, locale) : g.at].filter(Boolean).join(', ')})`;
  if (want.length !== got.length) out.push(`${many}: ${differs(ru, String(want.length), String(got.length))}`);
  const used = new Set<number>();
  let j = 0;
  want.forEach((w, i) => {
    let k = -1;
    if (w.node === undefined) k = j < got.length ? j : -1;
    else for (let x = j; x < got.length && k < 0; x++) if (got[x].node === w.node) k = x;
    if (k < 0) {
      out.push(ru ? `${one} ${i + 1} ${named(w.node)}: ${msg ? 'не отправлено' : 'не создана'}` : `${one} ${i + 1} ${named(w.node)}: ${msg ? 'not sent' : 'not created'}`);
      return;
    }
    used.add(k);
    j = k + 1;
    const g = got[k];
    const shown = (f: string, v: unknown) => (f === 'status' ? showStatus(ru, v) : f === 'at' && typeof v === 'string' ? readableAt(v, locale) : show(ru, v));
    for (const [f, v] of Object.entries(w)) if (!same(f, v, g[f])) out.push(`${one} ${i + 1} ${named(g.node)}, ${field(ru, f)}: ${differs(ru, shown(f, v), g[f] === undefined ? undefined : shown(f, g[f]))}`);
  });
  const extra = got.filter((_, k) => !used.has(k));
  if (extra.length) out.push(`${ru ? (msg ? 'лишние сообщения' : 'лишние задачи') : `unexpected ${many}`}: ${extra.map(brief).join('; ')}`);
  return out;
}

/**
 * Each expectation present is checked: exact lists in order, partial match per item. `name` says a
 * node as people read it, with its id (what the scenario file holds): «Цель — похудение?» (goal_check).
 */
export function checkExpectations(t: Trace, e: ScenarioExpect, lang: Lang = 'en', name?: (id: string) => string, stopped?: string, locale?: string): string[] {
  const ru = lang === 'ru';
  const out: string[] = [];
  const node = name ?? ((id: string) => show(ru, id));
  if (e.path) {
    const problem = pathFailure(e.path, t.path.map((p) => p.node), ru, node, stopped);
    if (problem) out.push(problem);
  }
  if (e.messages) out.push(...checkList('messages', e.messages, t.messages, ru, node, locale));
  if (e.tasks) out.push(...checkList('tasks', e.tasks, t.tasks, ru, node, locale));
  if (e.status && e.status !== t.status) out.push(`${field(ru, 'status')}: ${differs(ru, showStatus(ru, e.status), t.status === null ? undefined : showStatus(ru, t.status))}`);
  if (e.at && e.at !== t.at) out.push(`${ru ? 'ждёт в узле' : 'waits at'}: ${differs(ru, node(e.at), t.at === null ? undefined : node(t.at))}`);
  return out;
}
