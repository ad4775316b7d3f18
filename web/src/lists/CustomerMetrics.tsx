import { wholeAverage } from '../../../shared/format/currency.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useFormat } from './format.ts';
import { uiLocale } from '../i18n/i18n.ts';

/** The customer base in a line per currency: buyers, average check, repeat buyers, frequency, active and churned. */
export function CustomerMetrics() {
  const { t, lang, number, money, percent } = useFormat();
  const fraction = (x: number) => new Intl.NumberFormat(uiLocale(lang), { maximumFractionDigits: 1 }).format(x);
  const m = useQuery({ queryKey: ['customer-metrics'], queryFn: api.customerMetrics, refetchInterval: 30_000 });
  if (!m.data) return null;
  const figure = (label: string, value: string, field: string) => (
    <span className="ls-metric">
      {label} <b data-field={field}>{value}</b>
    </span>
  );
  return (
    <div className="ls-metrics" data-testid="customer-metrics">
      {figure(t('metrics.contacts'), number(m.data.contacts), 'contacts')}
      {m.data.currencies.length === 0 && <span className="muted">{t('metrics.noOrders')}</span>}
      {m.data.currencies.map((c) => (
        <div key={c.currency} className="ls-metrics-row" data-currency={c.currency}>
          {figure(t('metrics.buyers'), number(c.buyers), 'buyers')}
          {figure(t('metrics.revenue'), money(c.revenue, c.currency), 'revenue')}
          {figure(t('metrics.averageCheck'), money(wholeAverage(c.averageCheck), c.currency), 'averageCheck')}
          {figure(t('metrics.repeatShare'), percent(c.repeatShare), 'repeatShare')}
          {figure(t('metrics.frequency'), fraction(c.frequency), 'frequency')}
          {figure(t('metrics.active'), number(c.activeBuyers), 'active')}
          {figure(t('metrics.churned'), number(c.churnedBuyers), 'churned')}
        </div>
      ))}
    </div>
  );
}
