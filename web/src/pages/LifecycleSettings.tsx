import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LifecycleRules } from '../../../shared/format/lifecycle.ts';
import { api } from '../api/client.ts';
import { lifecycleChoices } from '../app/segments.ts';
import { useLifecycleRules, useWorkspaceCurrency } from '../app/workspace.ts';
import { errorText } from '../lists/errors.ts';
import { useFormat } from '../lists/format.ts';

const FIELDS = ['sleepingAfterDays', 'lostAfterDays', 'repeatFrom', 'loyalFrom'] as const;

/** Where the «9 segments» matrix draws its lines; saving moves every buyer at once (their new segments start funnels). */
export function LifecycleSettings() {
  const { t } = useFormat();
  const qc = useQueryClient();
  const rules = useLifecycleRules();
  const currency = useWorkspaceCurrency();
  const [draft, setDraft] = useState<Record<keyof LifecycleRules, string>>(() => text(rules));
  const key = JSON.stringify(rules);
  useEffect(() => setDraft(text(rules)), [key]); // eslint-disable-line react-hooks/exhaustive-deps -- the saved lines, when they change
  const save = useMutation({
    mutationFn: () => api.saveWorkspace({ currency, lifecycle: Object.fromEntries(FIELDS.map((f) => [f, Number(draft[f])])) as LifecycleRules }),
    onSuccess: (saved) => qc.setQueryData(['workspace'], saved),
  });
  const changed = FIELDS.some((f) => draft[f] !== String(rules[f]));
  return (
    <section className="card" data-testid="settings-lifecycle">
      <h2>{t('settings.lifecycle')}</h2>
      <p className="muted ls-small">{t('settings.lifecycle.hint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {FIELDS.map((f) => (
          <label key={f}>
            {t(`settings.lifecycle.${f}`)}
            <input type="number" name={`lifecycle.${f}`} min={f.endsWith('Days') ? 1 : 2} step={1} value={draft[f]} onChange={(e) => setDraft({ ...draft, [f]: e.target.value })} />
          </label>
        ))}
        <button type="submit" disabled={!changed || save.isPending} data-testid="lifecycle-save">
          {t('settings.lifecycle.save')}
        </button>
      </form>
      <ul className="muted ls-small" data-testid="lifecycle-cells">
        {lifecycleChoices(t, rules)
          .slice(0, 9)
          .map((c) => (
            <li key={c.value}>{c.label}</li>
          ))}
      </ul>
      {save.isSuccess && !changed && <p className="muted">{t('settings.channels.saved')}</p>}
      {save.error && (
        <p className="error" role="alert">
          {errorText(save.error)}
        </p>
      )}
    </section>
  );
}

const text = (r: LifecycleRules) => Object.fromEntries(FIELDS.map((f) => [f, String(r[f])])) as Record<keyof LifecycleRules, string>;
