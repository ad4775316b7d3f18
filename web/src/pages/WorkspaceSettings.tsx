import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CURRENCIES } from '../../../shared/format/currency.ts';
import { api } from '../api/client.ts';
import { browserZone, useWorkspaceCurrency, useWorkspaceZone } from '../app/workspace.ts';
import { useZoneOptions } from '../app/zones.ts';
import { zoneLabel } from '../../../shared/format/zones.ts';
import { errorText } from '../lists/errors.ts';
import { useFormat } from '../lists/format.ts';

/** The workspace's own settings: the currency of orders sent without one and of new funnels, and new funnels' time zone. */
export function WorkspaceSettings() {
  const { t, lang, currencySign } = useFormat();
  const qc = useQueryClient();
  const currency = useWorkspaceCurrency();
  const zone = useWorkspaceZone();
  const save = useMutation({
    mutationFn: (s: { currency: string; timezone?: string | null }) => api.saveWorkspace(s),
    onSuccess: (saved) => qc.setQueryData(['workspace'], saved),
  });
  const zones = useZoneOptions(zone);
  return (
    <section className="card" data-testid="settings-workspace">
      <h2>{t('settings.workspace')}</h2>
      <label>
        {t('settings.workspace.currency')}
        <select name="workspace.currency" value={currency} disabled={save.isPending} onChange={(e) => save.mutate({ currency: e.target.value })} data-testid="workspace-currency">
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c} · {currencySign(c)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted ls-small">{t('settings.workspace.currencyHint')}</p>
      <label>
        {t('settings.workspace.timezone')}
        <select name="workspace.timezone" value={zone ?? ''} disabled={save.isPending} onChange={(e) => save.mutate({ currency, timezone: e.target.value || null })} data-testid="workspace-timezone">
          <option value="">{t('settings.workspace.timezoneOwn', { zone: zoneLabel(browserZone(), lang, Date.now()) })}</option>
          {zones.map((z) => (
            <option key={z.value} value={z.value}>
              {z.label}
            </option>
          ))}
        </select>
      </label>
      <p className="muted ls-small">{t('settings.workspace.timezoneHint')}</p>
      {save.isSuccess && <p className="muted">{t('settings.channels.saved')}</p>}
      {save.error && (
        <p className="error" role="alert">
          {errorText(save.error)}
        </p>
      )}
    </section>
  );
}
