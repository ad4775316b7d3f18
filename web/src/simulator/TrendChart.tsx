import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TrendDto } from '../../../shared/api/types.ts';
import { api } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { useFunnelCurrency } from '../editor/currency.ts';

const RANGES = [7, 30, 90];
const W = 360;
const H = 110;

/**
 * Day by day over the last 7 / 30 / 90 days (in the funnel's time zone): two bars per day, the
 * contacts who entered and the conversions at the stages, and the totals with revenue.
 */
export function TrendChart({ funnelId }: { funnelId: string }) {
  const { t, lang, number, money } = useT();
  const currency = useFunnelCurrency();
  const [days, setDays] = useState(30);
  const q = useQuery({ queryKey: ['trend', funnelId, days], queryFn: () => api.trend(funnelId, days), refetchInterval: 10_000 });
  const day = (d: string, long = false) => {
    const [y, m, dd] = d.split('-').map(Number);
    return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', ...(long ? { weekday: 'short' } : {}), timeZone: 'UTC' }).format(Date.UTC(y, m - 1, dd));
  };
  return (
    <div data-testid="trend" data-days={days}>
      <div className="sim-trend-head">
        {RANGES.map((n) => (
          <button key={n} type="button" className={n === days ? 'on' : undefined} onClick={() => setDays(n)} data-testid={`trend-${n}`}>
            {t('analytics.trend.days', { n })}
          </button>
        ))}
      </div>
      {q.isError && <p className="error">{t('analytics.failed', { error: q.error.message })}</p>}
      {q.data && <Bars data={q.data} day={day} />}
      {q.data && (
        <div className="sim-trend-legend">
          <span><i className="sim-trend-entered" />{t('analytics.trend.entered')}</span>
          <span><i className="sim-trend-converted" />{t(q.data.stages ? 'analytics.trend.converted' : 'analytics.trend.convertedGoals')}</span>
        </div>
      )}
      {q.data && (
        <p className="sim-small" data-testid="trend-totals">
          {t(q.data.stages ? 'analytics.trend.totals' : 'analytics.trend.totalsGoals', {
            entered: number(q.data.days.reduce((s, d) => s + d.entered, 0)),
            converted: number(q.data.days.reduce((s, d) => s + d.converted, 0)),
            revenue: money(q.data.days.reduce((s, d) => s + d.revenue, 0), currency),
          })}
          <span className="muted"> · {q.data.zone}</span>
        </p>
      )}
    </div>
  );
}

function Bars({ data, day }: { data: TrendDto; day: (d: string, long?: boolean) => string }) {
  const { t, number, money } = useT();
  const currency = useFunnelCurrency();
  const max = Math.max(1, ...data.days.map((d) => Math.max(d.entered, d.converted)));
  const step = W / data.days.length;
  const bar = Math.max(0.5, step * 0.36);
  const y = (n: number) => H - (n / max) * (H - 4);
  return (
    <svg className="sim-trend" viewBox={`0 0 ${W} ${H + 16}`} role="img" aria-label={t('analytics.trend.title')}>
      <line x1={0} x2={W} y1={H} y2={H} className="sim-trend-axis" />
      {data.days.map((d, i) => (
        <g key={d.date} data-date={d.date} data-entered={d.entered} data-converted={d.converted}>
          <title>{`${day(d.date, true)}: ${t('analytics.trend.tip', { entered: number(d.entered), converted: number(d.converted), revenue: money(d.revenue, currency) })}`}</title>
          {/* the whole column answers the pointer, not just the bar */}
          <rect x={i * step} y={0} width={step} height={H} fill="transparent" />
          {d.entered > 0 && <rect x={i * step + step / 2 - bar} y={y(d.entered)} width={bar} height={H - y(d.entered)} className="sim-trend-entered" />}
          {d.converted > 0 && <rect x={i * step + step / 2} y={y(d.converted)} width={bar} height={H - y(d.converted)} className="sim-trend-converted" />}
        </g>
      ))}
      <text x={0} y={H + 13} className="sim-trend-label">{day(data.days[0].date)}</text>
      <text x={W} y={H + 13} textAnchor="end" className="sim-trend-label">{day(data.days[data.days.length - 1].date)}</text>
      <text x={2} y={10} className="sim-trend-label">{number(max)}</text>
    </svg>
  );
}
