import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useOverlay } from '../editor/overlay.ts';
import { useT } from '../i18n/i18n.ts';
import '../i18n/messages/simulator.ts';
import { GoalsTable, StageChart, goalsBeyondStages, useGoalName } from './StageChart.tsx';
import { Experiments } from './Experiments.tsx';
import { TrendChart } from './TrendChart.tsx';
import { useFunnelCurrency } from '../editor/currency.ts';
import { useEditor } from '../editor/store.ts';
import { funnelTotals } from '../lists/useFunnelStats.ts';
import type { StatsDto } from '../../../shared/api/types.ts';
import { nodeName } from '../../../shared/nodes/nodeName.ts';

/**
 * The funnel's headline figures — the same as the funnel list's — and what its conversions are:
 * the goals beyond its stages (each run once), else its last stage's sales.
 */
function FunnelTotal({ stats }: { stats: StatsDto }) {
  const { t, number, percent, lang } = useT();
  const nodes = useEditor((s) => s.doc?.nodes ?? []);
  const { entered, converted } = funnelTotals(nodes, stats);
  const main = stats.mainStage;
  const goalName = useGoalName();
  // the goals reached so far by name, else the graph's goal steps (nothing reached yet)
  const reached = goalsBeyondStages(stats).map(goalName);
  const names = [...new Set(reached.length ? reached : stats.goalNodes.map((id) => nodeName(nodes.find((n) => n.id === id), id, lang)))].join(', ');
  const meaning =
    stats.conversions === 'goals'
      ? t('analytics.total.goals', { goals: names })
      : stats.conversions === 'stageAndGoals' && main
        ? t('analytics.total.stageAndGoals', { stage: t(`analytics.stage.${main}`), goals: names })
        : stats.conversions === 'lastStage' && main
          ? t('analytics.total.lastStage', { stage: t(`analytics.stage.${main}`) })
          : t('analytics.total.none');
  return (
    <div className="sim-total" data-testid="analytics-total">
      <p>
        {t('analytics.total.figures', { entered: number(entered), converted: number(converted) })}
        {entered > 0 && <b> · {percent(converted / entered)}</b>}
      </p>
      <p className="muted sim-small">{meaning}</p>
    </div>
  );
}

/** Analytics on the canvas: a toggle that puts live per-node counts on the canvas, the stage chart and the goals. */
export function AnalyticsPanel({ funnelId }: { funnelId: string }) {
  const { t, money } = useT();
  const currency = useFunnelCurrency();
  // on when the tab opens: whoever opens Analytics wants the figures; the box takes them off the canvas
  const [on, setOn] = useState(true);
  const stats = useQuery({
    queryKey: ['stats', funnelId],
    queryFn: () => api.stats(funnelId),
    enabled: on,
    refetchInterval: on ? 10_000 : false,
  });
  useEffect(() => {
    useOverlay.getState().setStats(on && stats.data ? stats.data : null);
  }, [on, stats.data]);
  useEffect(() => () => useOverlay.getState().setStats(null), [funnelId]);
  const total = stats.data?.stages.reduce((sum, s) => sum + s.revenue, 0) ?? 0;
  // goals beyond the stages (a deal closed by a manager…) add their value to the funnel's revenue
  const beyond = stats.data ? goalsBeyondStages(stats.data).reduce((sum, g) => sum + g.revenue, 0) : 0;

  return (
    <div className="sim-panel" data-testid="analytics" data-funnel={funnelId}>
      <h2>{t('analytics.title')}</h2>
      <label className="sim-toggle">
        <input type="checkbox" data-testid="analytics-toggle" checked={on} onChange={(e) => setOn(e.target.checked)} />
        {t('analytics.toggle')}
      </label>
      {on && <p className="muted sim-small sim-hint">{t('analytics.refresh')}</p>}
      {on && stats.isPending && <p className="muted">{t('common.loading')}</p>}
      {on && stats.isError && <p className="error">{t('analytics.failed', { error: stats.error.message })}</p>}
      {on && stats.data && (
        <>
          <FunnelTotal stats={stats.data} />
          <section className="sim-block">
            <h3>{t('analytics.stages')}</h3>
            {stats.data.stages.length > 0 && (
              <p className="muted sim-small" data-testid="stage-chart-legend">
                <span className="sim-legend sim-legend-entered" /> {t('analytics.legend.entered')} <span className="sim-legend sim-legend-conv" /> {t('analytics.legend.converted')}
              </p>
            )}
            <StageChart stages={stats.data.stages} />
            {total > 0 && <p className="sim-small">{t('analytics.totalRevenue', { sum: money(total, currency) })}</p>}
            {beyond > 0 && (
              <p className="sim-small" data-testid="revenue-all">
                {t('analytics.allRevenue', { sum: money(total + beyond, currency), goals: money(beyond, currency) })}
              </p>
            )}
            {/* payments in other currencies are no part of the revenue above: said here, not left out silently */}
            {foreignTotals(stats.data.goals).map((f) => (
              <p key={f.currency} className="sim-small ls-warn-text" data-testid="revenue-foreign">
                {t('analytics.goalForeign', { amount: money(f.amount, f.currency), n: f.count, currency })}
              </p>
            ))}
          </section>
          {stats.data.experiments.length > 0 && (
            <section className="sim-block" data-testid="ab-tests">
              <h3>{t('analytics.ab.title')}</h3>
              <Experiments experiments={stats.data.experiments} funnelId={funnelId} nodes={stats.data.nodes} goalNodes={stats.data.goalNodes} />
            </section>
          )}
          <section className="sim-block">
            <h3>{t('analytics.trend.title')}</h3>
            <TrendChart funnelId={funnelId} />
          </section>
          <section className="sim-block">
            <h3>{t('analytics.goals')}</h3>
            <GoalsTable goals={stats.data.goals} stages={stats.data.stages} />
          </section>
        </>
      )}
    </div>
  );
}

/** The goals' values in other currencies than the funnel's, added up per currency. */
function foreignTotals(goals: StatsDto['goals']): { currency: string; amount: number; count: number }[] {
  const by = new Map<string, { currency: string; amount: number; count: number }>();
  for (const f of goals.flatMap((g) => g.foreign ?? [])) {
    const x = by.get(f.currency) ?? { currency: f.currency, amount: 0, count: 0 };
    by.set(f.currency, { ...x, amount: x.amount + f.amount, count: x.count + f.count });
  }
  return [...by.values()];
}
