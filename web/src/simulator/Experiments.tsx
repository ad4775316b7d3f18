import { useQuery } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { nodeOwnWords } from '../../../shared/nodes/nodeName.ts';
import { api } from '../api/client.ts';
import { useEditor } from '../editor/store.ts';
import { errorText } from '../lists/errors.ts';
import type { ExperimentDto, NodeStatsDto } from '../../../shared/api/types.ts';
import type { FunnelNode } from '../../../shared/format/funnel.ts';
import { oneSidedGoals, sharedSteps, variantTargets } from './experimentSteps.ts';
import { useFunnelCurrency } from '../editor/currency.ts';
import { useT } from '../i18n/i18n.ts';

/** What the test says, in words: who leads and whether that is more than chance. */
function verdict(e: ExperimentDto, t: ReturnType<typeof useT>['t'], percent: (x: number) => string, p: (x: number) => string): string {
  const taken = e.variants.filter((v) => v.entered > 0);
  if (taken.length < 2) return t('analytics.ab.oneVariant');
  if (!e.leader) return t('analytics.ab.noConversions');
  if (e.p === null) return t('analytics.ab.allConverted');
  // a p-value from too few contacts is not quoted: «p = 0,023» would read as a result
  if (!e.enough) return t('analytics.ab.tooFew');
  if (!e.significant) return t('analytics.ab.notYet', { p: p(e.p) });
  const lead = e.variants.find((v) => v.id === e.leader)!;
  // «0 % у «B»»: with three variants or more, the rates must say whose they are
  const others = taken.filter((v) => v.id !== e.leader).map((v) => t('analytics.ab.other', { rate: percent(v.conversion), variant: v.id })).join(', ');
  return t('analytics.ab.wins', { variant: lead.id, rate: percent(lead.conversion), others, p: p(e.p) });
}

/**
 * The A/B splits' results: per variant, the contacts it got, the funnel's conversions after the
 * split and that revenue; and whether the difference is more than chance (χ², 95 %).
 */
export function Experiments({ experiments, funnelId, nodes, goalNodes }: { experiments: ExperimentDto[]; funnelId: string; nodes: NodeStatsDto[]; goalNodes: string[] }) {
  const { t } = useT();
  return (
    <>
      <p className="muted sim-small">{t('analytics.ab.hint')}</p>
      {experiments.map((e) => (
        <Experiment key={e.node} byGoals={e} funnelId={funnelId} nodes={nodes} goalNodes={goalNodes} />
      ))}
    </>
  );
}

/**
 * One split's results, by the funnel's goals or — chosen here — by a step of its own: a reminder
 * that aims at a booking is judged by who reached «booked», not by a purchase weeks later.
 */
function Experiment({ byGoals, funnelId, nodes, goalNodes }: { byGoals: ExperimentDto; funnelId: string; nodes: NodeStatsDto[]; goalNodes: string[] }) {
  const { t, lang, number, percent, money } = useT();
  const currency = useFunnelCurrency();
  const { fitView } = useReactFlow();
  const [goal, setGoal] = useState('');
  const splitName = useEditor((s) => s.doc?.nodes.find((n) => n.id === byGoals.node)?.label?.trim());
  // a step by its name, else its own words (a goal's «Покупка»), else its kind
  const nameOf = (n: FunnelNode) => n.label?.trim() || nodeOwnWords(n.type, n.data) || nodeDef(n.type)?.label[lang] || n.type;
  // the steps to judge the variants by: those two variants or more lead to (not a variant's own message)
  const steps = useEditor(
    useShallow((s) => {
      if (!s.doc) return NONE;
      const shared = sharedSteps(s.doc, byGoals.node);
      return s.doc.nodes.filter((n) => shared.has(n.id)).map((n) => `${n.id}\u0000${nameOf(n)}`);
    }),
  );
  // each variant's first step, and — when it sends a message — how many of its messages went nowhere for lack of consent
  const leadsTo = useEditor(
    useShallow((s) => {
      if (!s.doc) return NONE;
      return [...variantTargets(s.doc, byGoals.node)].map(([variant, target]) => {
        const n = s.doc!.nodes.find((x) => x.id === target);
        const sends = !!n && (nodeDef(n.type)?.messages?.(n.data as never) ?? []).some((m) => m.channel !== 'webhook');
        return `${variant}\u0000${target}\u0000${n ? nameOf(n) : target}\u0000${sends ? 1 : 0}`;
      });
    }),
  );
  const variantInfo = new Map(
    leadsTo.map((x) => {
      const [variant, target, name, sends] = x.split('\u0000');
      const at = nodes.find((n) => n.node === target);
      return [variant, { name, withheld: sends === '1' ? (at?.skipped ?? 0) + (at?.noAddress ?? 0) : 0, entered: at?.entered ?? 0 }];
    }),
  );
  const unsent = [...variantInfo.values()].filter((v) => v.entered > 0 && v.withheld >= v.entered).length;
  // judged by the funnel's goals, one only a variant of its own can reach makes that variant win by construction
  const oneSided = useEditor(
    useShallow((s) => (s.doc ? oneSidedGoals(s.doc, byGoals.node, goalNodes).map(({ node, variant }) => {
            const n = s.doc!.nodes.find((x) => x.id === node);
            // a task counts by its outcomes that are goals («Купил»), not as a goal itself
            const def = n && nodeDef(n.type);
            const outcomes = n && def ? (def.conversionExits?.(n.data as never) ?? []).map((x) => { const l = def.exitLabel?.(n.data as never, x); return typeof l === 'string' ? l : (l?.[lang] ?? x); }) : [];
            return `${variant}\u0000${n ? nameOf(n) : node}\u0000${outcomes.join(', ')}`;
          }) : NONE)),
  );
  const byStep = useQuery({ queryKey: ['experiments', funnelId, goal], queryFn: () => api.experiments(funnelId, goal), enabled: goal !== '' });
  const e = (goal && byStep.data?.find((x) => x.node === byGoals.node)) || byGoals;
  // «p = 0,035» (the locale's number, at most three decimals), «p < 0,001»
  const p = (x: number) => (x < 0.001 ? `p < ${number(0.001)}` : `p = ${number(x)}`);
  return (
    <div className="sim-ab" data-testid={`ab-${e.node}`}>
      <button type="button" className="sim-ab-node" onClick={() => void fitView({ nodes: [{ id: e.node }], duration: 400, maxZoom: 1.1, padding: 0.4 })} title={t('analytics.ab.show')}>
        {t('analytics.ab.split', { node: splitName || e.node })}
      </button>
      <label className="sim-small sim-ab-goal">
        {t('analytics.ab.goal')}{' '}
        <select value={goal} onChange={(ev) => setGoal(ev.target.value)} data-testid={`ab-${e.node}-goal`}>
          <option value="">{t('analytics.ab.goalFunnel')}</option>
          {steps.map((x) => {
            const [id, name] = x.split('\u0000');
            return (
              <option key={id} value={id}>
                {t('analytics.ab.goalReached', { node: id, name })}
              </option>
            );
          })}
        </select>
      </label>
      {byStep.error && <p className="error sim-small">{errorText(byStep.error)}</p>}
      <table className="sim-goals">
        <thead>
          <tr>
            <th>{t('analytics.ab.variant')}</th>
            <th className="sim-num">{t('analytics.ab.entered')}</th>
            <th className="sim-num">{t('analytics.ab.conversion')}</th>
            <th className="sim-num" title={goal ? t('analytics.ab.revenueGoals') : undefined}>
              {t('analytics.revenueCol')}
              {goal && ' *'}
            </th>
          </tr>
        </thead>
        <tbody>
          {e.variants.map((v) => (
            <tr key={v.id} data-testid={`ab-${e.node}-${v.id}`} className={e.significant && v.id === e.leader ? 'sim-ab-lead' : undefined}>
              <td>
                {v.id}
                {e.significant && v.id === e.leader && <span title={t('analytics.ab.leader')}> ★</span>}
                {variantInfo.get(v.id) && <span className="muted"> → {variantInfo.get(v.id)!.name}</span>}
                {!!variantInfo.get(v.id)?.withheld && (
                  <div className="sim-small sim-warn" data-testid={`ab-${e.node}-${v.id}-withheld`}>
                    ⚠ {t('analytics.ab.withheld', { n: number(variantInfo.get(v.id)!.withheld), of: number(variantInfo.get(v.id)!.entered) })}
                  </div>
                )}
              </td>
              <td className="sim-num">{number(v.entered)}</td>
              <td className="sim-num" title={t('analytics.ab.converted', { n: number(v.converted) })}>
                {v.entered ? percent(v.conversion) : '—'}
              </td>
              <td className="sim-num">{money(v.revenue, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={e.significant ? 'sim-small sim-ab-verdict sim-ab-sig' : 'sim-small sim-ab-verdict muted'} data-testid={`ab-${e.node}-verdict`}>
        {verdict(e, t, percent, p)}
      </p>
      {!goal && oneSided.length > 0 && (
        <p className="sim-small sim-warn" data-testid={`ab-${e.node}-one-sided`}>
          ⚠ {oneSided.map((x) => { const [variant, name, outcome] = x.split('\u0000'); return t(outcome ? 'analytics.ab.oneSidedOutcome' : 'analytics.ab.oneSided', { name, variant, outcome }); }).join(' ')}
        </p>
      )}
      {/* the variants' messages reached no one: the figures compare nothing the test changed */}
      {unsent > 0 && (
        <p className="sim-small sim-warn" data-testid={`ab-${e.node}-unsent`}>
          ⚠ {t(unsent === variantInfo.size ? 'analytics.ab.noneSent' : 'analytics.ab.someUnsent')}
        </p>
      )}
    </div>
  );
}
const NONE: string[] = [];
