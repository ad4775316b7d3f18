import { wholeAverage } from '../../../shared/format/currency.ts';
import type { StatsDto } from '../../../shared/api/types.ts';
import { STAGES } from '../../../shared/nodes/offer.ts';
import { useT } from '../i18n/i18n.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { useEditor } from '../editor/store.ts';
import { exitLabel } from '../editor/exitLabel.ts';
import { useFunnelCurrency } from '../editor/currency.ts';

type Stage = StatsDto['stages'][number];

/** Stages in funnel order: offer → lead magnet → tripwire → core product → upsell / cross-sell. */
export const orderStages = (stages: readonly Stage[]): Stage[] =>
  [...stages].sort((a, b) => STAGES.indexOf(a.stage as never) - STAGES.indexOf(b.stage as never));

/**
 * A horizontal funnel: one centred bar per stage, as wide as the number who entered it (against
 * the widest stage), with the converted part darker inside; the figures beside it.
 */
export function StageChart({ stages }: { stages: Stage[] }) {
  const { t, number, percent, money } = useT();
  const currency = useFunnelCurrency();
  const rows = orderStages(stages);
  const max = Math.max(1, ...rows.map((s) => s.entered));
  if (!rows.length) return <p className="muted sim-small" data-testid="stage-chart">{t('analytics.noStages')}</p>;
  return (
    <div className="sim-stages" data-testid="stage-chart" role="list">
      {rows.map((s) => (
        <div key={s.node} className="sim-stage" role="listitem" data-node={s.node} data-stage={s.stage}>
          <div className="sim-stage-head">
            <b>{t(`analytics.stage.${s.stage}`)}</b> <span className="muted" title={s.node}>· {s.product}</span>
          </div>
          <div className="sim-stage-track" title={`${number(s.entered)} → ${number(s.converted)}`}>
            <div className="sim-stage-bar" style={{ width: `${(s.entered / max) * 100}%` }}>
              <div className="sim-stage-conv" style={{ width: `${s.entered ? (s.converted / s.entered) * 100 : 0}%` }} />
            </div>
          </div>
          <div className="sim-stage-figures">
            <span>
              {t('analytics.entered')} <b data-field="entered">{number(s.entered)}</b>
            </span>
            <span>
              {t('analytics.converted')} <b data-field="converted">{number(s.converted)}</b>
            </span>
            <span>
              {t('analytics.conversion')} <b data-field="conversion">{percent(s.conversion)}</b>
            </span>
            <span>
              {t('analytics.revenue')} <b data-field="revenue">{money(s.revenue, currency)}</b>
            </span>
            {s.converted > 0 && s.revenue > 0 && (
              <span>
                {t('analytics.averageCheck')} <b data-field="average">{money(wholeAverage(s.revenue / s.converted), currency)}</b>
              </span>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

/** The goals reached beyond the stages (a stage's conversions are recorded as goals too, and shown in the stage chart). */
export function goalsBeyondStages(stats: Pick<StatsDto, 'goals' | 'stages'>): StatsDto['goals'] {
  const stageNodes = new Set(stats.stages.map((s) => s.node));
  return stats.goals.filter((g) => !stageNodes.has(g.node));
}

/** A goal's name as the canvas says it: a hand-off outcome by its button's words («Оплатил», not paid), a goal node by the name given it. */
export function useGoalName(): (g: Pick<StatsDto['goals'][number], 'node' | 'name'>) => string {
  const { t, lang } = useT();
  const doc = useEditor((s) => s.doc);
  return (g) => {
    const n = doc?.nodes.find((x) => x.id === g.node);
    const def = n && nodeDef(n.type);
    if (n && def?.exits(n.data as never).includes(g.name)) return exitLabel(n.type, n.data, g.name, t, lang);
    // a goal node given a name on the canvas is called by it («Записался онлайн»), not by the goal's id (appointment-booked)
    const label = def?.convertsOnEntry ? n?.label?.trim() : undefined;
    return label && label !== g.name ? `${label} (${g.name})` : g.name;
  };
}

/**
 * Goals reached beyond the stages (those are in the stage chart): how often and for how much (a
 * goal with no value: «—», not «0 ₽», which read as a sale for nothing). A
 * hand-off outcome that counts as a sale is named by its button's words, as on the canvas.
 */
export function GoalsTable({ goals, stages }: { goals: StatsDto['goals']; stages: StatsDto['stages'] }) {
  const { t, number, money } = useT();
  const currency = useFunnelCurrency();
  const shown = goalsBeyondStages({ goals, stages });
  const goalName = useGoalName();
  const doc = useEditor((s) => s.doc);
  // the node it was reached at, by the name it has on the canvas («Звонок менеджера»), unless the goal's name says it already
  const whereReached = (g: StatsDto['goals'][number]) => {
    const label = doc?.nodes.find((n) => n.id === g.node)?.label?.trim();
    return label && !goalName(g).includes(label) ? label : g.node;
  };
  if (!shown.length) return <p className="muted sim-small">{t('analytics.noGoals')}</p>;
  return (
    <table className="sim-goals" data-testid="goals-table">
      <thead>
        <tr>
          <th>{t('analytics.goal')}</th>
          <th className="sim-num">{t('analytics.count')}</th>
          <th className="sim-num">{t('analytics.revenueCol')}</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((g) => (
          <tr key={`${g.node}:${g.name}`}>
            <td>
              {goalName(g)}
              <div className="muted sim-small" title={`${t('analytics.node')}: ${g.node}`} data-testid="goal-node">
                {whereReached(g)}
              </div>
            </td>
            <td className="sim-num">{number(g.count)}</td>
            <td className="sim-num">
              {g.revenue ? money(g.revenue, currency) : '—'}
              {/* payments in another currency: counted as conversions, not in the revenue (no rate), and said so */}
              {g.foreign?.map((f) => (
                <div key={f.currency} className="ls-warn-text sim-small" data-testid="goal-foreign">
                  {t('analytics.goalForeign', { amount: money(f.amount, f.currency), n: f.count, currency })}
                </div>
              ))}
              {/* said by the server only for goals that read an amount (a payment's, a deal the manager enters) */}
              {g.valueless ? (
                <div className="ls-warn-text sim-small" data-testid="goal-valueless" title={t('analytics.goalValuelessTitle')}>
                  {t('analytics.goalValueless', { n: g.valueless })}
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
