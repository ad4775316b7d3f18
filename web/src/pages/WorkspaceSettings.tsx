import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CURRENCIES } from '../../../shared/format/currency.ts';
import { api } from '../api/client.ts';
import { useWorkspaceCurrency } from '../app/workspace.ts';
import { errorText } from '../lists/errors.ts';
import { useFormat } from '../lists/format.ts';

/** The workspace's own settings: the currency of orders sent without one and of new funnels. */
export function WorkspaceSettings() {
  const { t, currencySign } = useFormat();
  const qc = useQueryClient();
  const currency = useWorkspaceCurrency();
  const save = useMutation({
    mutationFn: (c: string) => api.saveWorkspace({ currency: c }),
    onSuccess: (saved) => qc.setQueryData(['workspace'], saved),
  });
  return (
    <section className="card" data-testid="settings-workspace">
      <h2>{t('settings.workspace')}</h2>
      <label>
        {t('settings.workspace.currency')}
        <select name="workspace.currency" value={currency} disabled={save.isPending} onChange={(e) => save.mutate(e.target.value)} data-testid="workspace-currency">
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c} · {currencySign(c)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted ls-small">{t('settings.workspace.currencyHint')}</p>
      {save.isSuccess && <p className="muted">{t('settings.channels.saved')}</p>}
      {save.error && (
        <p className="error" role="alert">
          {errorText(save.error)}
        </p>
      )}
    </section>
  );
}
