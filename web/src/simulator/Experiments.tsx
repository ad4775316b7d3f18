import { useReactFlow } from '@xyflow/react';
import type { ExperimentDto } from '../../../shared/api/types.ts';
import { useFunnelCurrency } from '../editor/currency.ts';
import { useT } from '../i18n/i18n.ts';

/** What the test says, in words: who leads and whether that is more than chance. */
function verdict(e: ExperimentDto, t: ReturnType<typeof useT>['t'], percent: (x: number) => string, p: (x: number) => string): string {
  const taken = e.variants.filter((v) => v.entered > 0);
  if (taken.length < 2) return t('analytics.ab.oneVariant');
  if (!e.leader) return t('analytics.ab.noConversions');
  if (e.p === null) return t('analytics.ab.allConverted');
  if (!e.enough) return t('analytics.ab.tooFew', { p: p(e.p) });
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
export function Experiments({ experiments }: { experiments: ExperimentDto[] }) {
  const { t, number, percent, money } = useT();
  const currency = useFunnelCurrency();
  const { fitView } = useReactFlow();
  // «p = 0,035» (the locale's number, at most three decimals), «p < 0,001»
  const p = (x: number) => (x < 0.001 ? `p < ${number(0.001)}` : `p = ${number(x)}`);
  return (
    <>
      <p className="muted sim-small">{t('analytics.ab.hint')}</p>
      {experiments.map((e) => (
        <div key={e.node} className="sim-ab" data-testid={`ab-${e.node}`}>
          <button type="button" className="sim-ab-node" onClick={() => void fitView({ nodes: [{ id: e.node }], duration: 400, maxZoom: 1.1, padding: 0.4 })} title={t('analytics.ab.show')}>
            {t('analytics.ab.split', { node: e.node })}
          </button>
          <table className="sim-goals">
            <thead>
              <tr>
                <th>{t('analytics.ab.variant')}</th>
                <th className="sim-num">{t('analytics.ab.entered')}</th>
                <th className="sim-num">{t('analytics.ab.conversion')}</th>
                <th className="sim-num">{t('analytics.revenueCol')}</th>
              </tr>
            </thead>
            <tbody>
              {e.variants.map((v) => (
                <tr key={v.id} data-testid={`ab-${e.node}-${v.id}`} className={e.significant && v.id === e.leader ? 'sim-ab-lead' : undefined}>
                  <td>
                    {v.id}
                    {e.significant && v.id === e.leader && <span title={t('analytics.ab.leader')}> ★</span>}
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
        </div>
      ))}
    </>
  );
}
