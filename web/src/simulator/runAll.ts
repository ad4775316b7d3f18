import type { CompiledFunnel } from '../../../shared/compiler/compileFunnel.ts';
import { Scenario } from '../../../shared/format/scenario.ts';
import { runScenario } from '../../../shared/simulator/runScenario.ts';
import type { Simulator } from '../../../shared/simulator/Simulator.ts';
import { zodErrors, type Lang } from '../../../shared/validate/i18n.ts';
import { zodIssueLines } from '../../../shared/validate/issues.ts';
import { coverageOf, type Coverage } from './coverage.ts';
import { uiLocale } from '../i18n/i18n.ts';

export interface ScenarioResult {
  index: number;
  name: string;
  ok: boolean;
  failures: string[];
}

/**
 * Runs every saved scenario against the compiled funnel: pass/fail with the failures of each (an
 * unreadable scenario fails with what is wrong in it), and the nodes and exits they cover together.
 */
export function runAll(cf: CompiledFunnel, scenarios: readonly unknown[], lang: Lang = 'en'): { results: ScenarioResult[]; coverage: Coverage } {
  const sims: Simulator[] = [];
  const results = scenarios.map((raw, index): ScenarioResult => {
    const fallback = (raw as { name?: unknown })?.name;
    const name = typeof fallback === 'string' && fallback ? fallback : `#${index + 1}`;
    const p = Scenario.safeParse(raw, zodErrors(lang));
    if (!p.success) return { index, name, ok: false, failures: zodIssueLines(p.error.issues, raw, lang, 'scenario') };
    try {
      const { trace, sim } = runScenario(cf, p.data, { lang, locale: uiLocale(lang) });
      sims.push(sim);
      return { index, name, ok: trace.ok, failures: trace.failures };
    } catch (e) {
      return { index, name, ok: false, failures: [e instanceof Error ? e.message : String(e)] };
    }
  });
  return { results, coverage: coverageOf(cf, sims) };
}
