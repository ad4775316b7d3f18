import { DateTime } from 'luxon';
import { compileFunnel, type CompiledFunnel } from '../../shared/compiler/compileFunnel.ts';
import { buildMachineConfig } from '../../shared/compiler/machineConfig.ts';
import { FUNNEL_FORMAT } from '../../shared/format/funnel.ts';
import { SCENARIO_FORMAT, type Scenario } from '../../shared/format/scenario.ts';
import { runScenario, type Trace } from '../../shared/simulator/runScenario.ts';
import type { Simulator } from '../../shared/simulator/Simulator.ts';
import { hasErrors, type Issue } from '../../shared/validate/issues.ts';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';
import { InputError, isScenarios, jsonFiles, readJson, readScenarios } from './files.ts';

export type Print = (line: string) => void;

const formatIssue = (i: Issue) =>
  `${i.severity === 'error' ? 'error  ' : 'warning'} ${i.nodeId ? `[node ${i.nodeId}] ` : ''}${i.edgeId ? `[edge ${i.edgeId}] ` : ''}${i.message} (${i.code})`;

/** `voronka validate FUNNEL`: prints the issues; 0 without errors, 1 with. */
export function validateCommand(file: string, print: Print, json = false): number {
  const v = validateFunnel(readJson(file));
  if (json) print(JSON.stringify({ ok: !hasErrors(v.issues), issues: v.issues }, null, 2));
  else if (v.issues.length === 0) print(`${file}: ok, no issues`);
  else for (const i of v.issues) print(`${file}: ${formatIssue(i)}`);
  return hasErrors(v.issues) ? 1 : 0;
}

function compileOrThrow(file: string): CompiledFunnel {
  const r = compileFunnel(readJson(file));
  if (!r.ok) throw new InputError(`${file}: the funnel is not valid:\n${r.issues.filter((i) => i.severity === 'error').map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  return r.compiled;
}

/** `voronka compile FUNNEL`: prints the XState machine config (plain JSON). */
export function compileCommand(file: string, print: Print): number {
  const v = validateFunnel(readJson(file));
  if (!v.funnel || hasErrors(v.issues)) {
    for (const i of v.issues) print(`${file}: ${formatIssue(i)}`);
    return 1;
  }
  print(JSON.stringify(buildMachineConfig(v.funnel, v.nodes).config, null, 2));
  return 0;
}

/**
 * `voronka simulate FUNNEL SCENARIO [--json]`: 0 when every expectation holds, 1 when one fails. A
 * file with a list of scenarios (a funnel's exported `<id>.scenarios.json`) runs each in turn
 * (`--json`: a list of traces).
 */
export function simulateCommand(funnelFile: string, scenarioFile: string, print: Print, json: boolean): number {
  const cf = compileOrThrow(funnelFile);
  const raw = readJson(scenarioFile);
  const runs = readScenarios(scenarioFile, raw).map((scenario) => ({ scenario, ...runScenario(cf, scenario) }));
  if (json) print(JSON.stringify(Array.isArray(raw) ? runs.map((r) => r.trace) : runs[0].trace, null, 2));
  else runs.forEach(({ scenario, trace, sim }, k) => (k > 0 && print(''), printTimeline(scenario.name, trace, sim, print)));
  return runs.every((r) => r.trace.ok) ? 0 : 1;
}

function printTimeline(name: string, t: Trace, sim: Simulator, print: Print) {
  print(`Scenario: ${name}`);
  const fmt = (ms: number) => DateTime.fromMillis(ms, { zone: sim.zone }).toFormat('yyyy-LL-dd HH:mm ZZ');
  for (const j of sim.log) {
    const what =
      j.kind === 'entered' ? `→ ${j.node}` :
      j.kind === 'left' ? `  ${j.node} left by "${j.exit ?? ''}"${j.reason ? ` (${j.reason})` : ''}` :
      j.kind === 'ended' ? `■ run ${j.reason}` :
      `  ${j.node}: ${j.kind}${j.reason ? ` (${j.reason})` : ''}`;
    print(`  ${fmt(j.at)}  ${what}`);
  }
  for (const m of sim.messages) print(`  ✉ ${fmt(m.at)} ${m.channel} from ${m.node}${m.subject ? `: ${m.subject}` : ''}`);
  for (const task of sim.tasks) print(`  ☎ ${fmt(task.createdAt)} task "${task.title}" (${task.node}) → ${task.status}${task.outcome ? ` (${task.outcome})` : ''}`);
  print(`Status: ${t.status ?? 'no run started'}${t.at ? ` at ${t.at}` : ''}`);
  if (t.ok) print('PASS');
  else for (const f of t.failures) print(`FAIL ${f}`);
}

/**
 * `voronka test DIR`: every scenario in DIR (one per file, or a list in one file as the funnel list
 * exports them) against the funnel it names; 1 if any fails. A folder with no scenario, a scenario
 * that cannot be read or names no funnel in the folder, is bad input (exit 2, the others still run):
 * a CI job must not pass having tested nothing.
 */
export function testCommand(dir: string, print: Print): number {
  const funnels = new Map<string, string>();
  const scenarios: { file: string; raw: unknown }[] = [];
  for (const f of jsonFiles(dir)) {
    const raw = readJson(f) as { format?: unknown; id?: unknown };
    if (raw?.format === FUNNEL_FORMAT && typeof raw.id === 'string') funnels.set(raw.id, f);
    else if (isScenarios(raw)) scenarios.push({ file: f, raw });
  }
  if (!scenarios.length)
    throw new InputError(`${dir}: no scenario found — scenario files have "format": "${SCENARIO_FORMAT}" (one scenario per file, or a list of them as the funnel list exports a funnel's scenarios)`);
  let passed = 0;
  let failed = 0;
  let bad = 0;
  const compiled = new Map<string, CompiledFunnel>();
  // a list with a bad scenario fails as one, named; the others in the folder still run
  const each = scenarios.flatMap(({ file, raw }): { sf: string; s?: Scenario; error?: InputError }[] => {
    try {
      return readScenarios(file, raw).map((s) => ({ sf: file, s }));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return [{ sf: file, error: e }];
    }
  });
  for (const { sf, s, error } of each) {
    try {
      if (!s) throw error;
      const ff = funnels.get(s.funnel);
      if (!ff) throw new InputError(`${sf}: "funnel" names "${s.funnel}", but no funnel with that id is in ${dir}`);
      if (!compiled.has(ff)) compiled.set(ff, compileOrThrow(ff));
      const { trace } = runScenario(compiled.get(ff)!, s);
      if (trace.ok) {
        passed++;
        print(`PASS ${sf} — ${s.name}`);
      } else {
        failed++;
        print(`FAIL ${sf} — ${s.name}`);
        for (const f of trace.failures) print(`     ${f}`);
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      bad++;
      print(`BAD  ${e.message}`);
    }
  }
  print(`${passed} passed, ${failed} failed${bad ? `, ${bad} not run (bad input)` : ''}`);
  // a scenario that cannot be read tested nothing: bad input (2), as `simulate` says of it
  return bad ? 2 : failed ? 1 : 0;
}
