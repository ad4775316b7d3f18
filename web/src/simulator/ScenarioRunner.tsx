import { useMutation } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { nodeName as nameOf } from '../../../shared/nodes/nodeName.ts';
import { compileFunnel } from '../../../shared/compiler/compileFunnel.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { Scenario } from '../../../shared/format/scenario.ts';
import type { Issue } from '../../../shared/validate/issues.ts';
import { api } from '../api/client.ts';
import { exitLabel } from '../editor/exitLabel.ts';
import { useOverlay } from '../editor/overlay.ts';
import { useEditor } from '../editor/store.ts';
import { useUi } from '../editor/ui.ts';
import { useT } from '../i18n/i18n.ts';
import type { Coverage } from './coverage.ts';
import { IssueList } from './IssueList.tsx';
import { runAll, type ScenarioResult } from './runAll.ts';
import { useSimulation } from './useSimulation.ts';
import { ask } from '../lists/ask.tsx';

const SHOWN = 12;

/** What no saved scenario walks through: each node and exit by name, a click shows it on the canvas. */
function Uncovered({ funnel, coverage }: { funnel: Funnel; coverage: Coverage }) {
  const { t, lang } = useT();
  const { fitView } = useReactFlow();
  const byId = new Map(funnel.nodes.map((n) => [n.id, n]));
  // the name people gave it («Вариант B»), else its kind and own words, with its id
  const nodeName = (id: string) => nameOf(byId.get(id), id, lang);
  const unentered = new Set(coverage.missingNodes);
  // a node nobody entered stands for its exits too
  const items = [
    ...coverage.missingNodes.map((id) => ({ key: id, node: id, text: nodeName(id) })),
    ...coverage.missingExits
      .map((k) => {
        const [node, exit] = [k.slice(0, k.lastIndexOf(':')), k.slice(k.lastIndexOf(':') + 1)];
        const n = byId.get(node);
        return { key: k, node, text: t('sim.uncovered.exit', { exit: n ? exitLabel(n.type, n.data as Record<string, unknown>, exit, t, lang) : exit, node: nodeName(node) }) };
      })
      .filter((x) => !unentered.has(x.node)),
  ];
  if (!items.length) return null;
  const show = (node: string) => {
    useEditor.getState().select({ nodes: [node], edges: [] });
    void fitView({ nodes: [{ id: node }], duration: 400, maxZoom: 1.1, padding: 0.4 });
  };
  return (
    <div className="sim-uncovered" data-testid="sim-uncovered">
      <span className="muted">{t('sim.uncovered')}</span>
      {items.slice(0, SHOWN).map((x) => (
        <button key={x.key} type="button" className="ed-chip" onClick={() => show(x.node)} data-testid={`sim-uncovered-${x.key}`}>
          {x.text}
        </button>
      ))}
      {items.length > SHOWN && <span className="muted">{t('sim.uncovered.more', { n: items.length - SHOWN })}</span>}
    </div>
  );
}

/** The saved scenarios: run them all against the document as it is now, see pass/fail and coverage. */
export function ScenarioRunner({ funnel, scenarios, onScenariosSaved }: { funnel: Funnel; scenarios: unknown[]; onScenariosSaved?: () => void }) {
  const { t, lang } = useT();
  const load = useSimulation((s) => s.load);
  const [run, setRun] = useState<{ of: unknown[]; results: ScenarioResult[]; coverage: Coverage } | null>(null);
  const [issues, setIssues] = useState<Issue[] | null>(null);
  const remove = useMutation({
    mutationFn: (index: number) => api.saveScenarios(funnel.id, scenarios.filter((_, i) => i !== index) as Scenario[]),
    onSuccess: () => onScenariosSaved?.(),
  });
  useEffect(() => () => useOverlay.getState().setCoverage(null), []);

  const runAllNow = () => {
    const r = compileFunnel(funnel, { lang });
    if (!r.ok) {
      setIssues(r.issues);
      setRun(null);
      return useOverlay.getState().setCoverage(null);
    }
    setIssues(null);
    const out = runAll(r.compiled, scenarios, lang);
    setRun({ of: scenarios, ...out });
    useOverlay.getState().setCoverage({ nodes: out.coverage.nodes, exits: out.coverage.exits });
  };
  // opened from a publish the scenarios refused: run them now, so the list says which fail
  useEffect(() => {
    if (!useUi.getState().runScenarios) return;
    useUi.setState({ runScenarios: false });
    if (scenarios.length) runAllNow();
  }, []);
  const results = run && run.of === scenarios ? run : null;
  const { fitView } = useReactFlow();
  // opens a saved walk; when it fails by going elsewhere, the canvas shows where
  const open = (sc: Scenario) => {
    load(funnel, sc);
    const d = useSimulation.getState().check?.diverged;
    if (d) void fitView({ nodes: [{ id: d.node }, { id: d.expected }], duration: 400, maxZoom: 1.1, padding: 0.4 });
  };
  const passed = results?.results.filter((r) => r.ok).length ?? 0;

  return (
    <section className="sim-block sim-runner" data-testid="sim-scenarios">
      <h3>
        {t('sim.scenarios')} <span className="muted">({scenarios.length})</span>
      </h3>
      <div className="sim-buttons">
        <button type="button" data-testid="sim-run-all" disabled={!scenarios.length} onClick={runAllNow}>
          ▶ {t('sim.runAll')}
        </button>
        {results && (
          <span className={passed === results.results.length ? 'sim-ok' : 'error'} data-testid="sim-run-summary">
            {t('sim.runAll.summary', { passed, total: results.results.length })}
          </span>
        )}
      </div>
      {issues && <IssueList issues={issues} />}
      {results && (
        <p className="sim-coverage" data-testid="sim-coverage">
          {t('sim.coverage', { nodes: results.coverage.nodes.length, totalNodes: results.coverage.totalNodes, exits: results.coverage.exits.length, totalExits: results.coverage.totalExits })}
        </p>
      )}
      {results && <Uncovered funnel={funnel} coverage={results.coverage} />}
      {!scenarios.length && <p className="muted sim-small">{t('sim.scenarios.none')}</p>}
      <ul className="sim-scenario-list">
        {scenarios.map((raw, i) => {
          const res = results?.results[i];
          const parsed = Scenario.safeParse(raw);
          const name = (raw as { name?: unknown })?.name;
          return (
            <li key={i} data-testid="sim-scenario" data-ok={res ? String(res.ok) : undefined} className={res ? (res.ok ? 'sim-pass' : 'sim-fail') : ''}>
              <div className="sim-scenario-head">
                <span className="sim-mark">{res ? (res.ok ? '✓' : '✗') : '•'}</span>
                <span className="sim-scenario-name">{typeof name === 'string' && name ? name : `#${i + 1}`}</span>
                <button type="button" className="link" disabled={!parsed.success} onClick={() => parsed.success && open(parsed.data)} title={t('sim.scenario.open')} data-testid="sim-scenario-open">
                  {t('sim.scenario.open')}
                </button>
                <button type="button" className="link danger" disabled={remove.isPending} onClick={async () => (await ask(t('sim.scenario.confirmDelete', { name: typeof name === 'string' && name ? name : `#${i + 1}` }), t('common.delete'))) && remove.mutate(i)} title={t('common.delete')}>
                  ×
                </button>
              </div>
              {res && !res.ok && (
                <ul className="sim-failures">
                  {res.failures.map((f, j) => (
                    <li key={j}>{f}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {remove.isError && <p className="error sim-small">{remove.error.message}</p>}
    </section>
  );
}
