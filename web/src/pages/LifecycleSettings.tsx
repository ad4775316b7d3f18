import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FREQUENCY, LIFECYCLE_PREFIX, LifecycleRules, RECENCY } from '../../../shared/format/lifecycle.ts';
import { zodErrors } from '../../../shared/validate/i18n.ts';
import { zodIssueLines } from '../../../shared/validate/issues.ts';
import { api } from '../api/client.ts';
import { segmentName, segmentRule } from '../app/segments.ts';
import { useLifecycleRules, useWorkspaceCurrency } from '../app/workspace.ts';
import { errorText } from '../lists/errors.ts';
import { ask } from '../lists/ask.tsx';
import type { LifecyclePreviewDto } from '../../../shared/api/types.ts';
import { useFormat } from '../lists/format.ts';

const FIELDS = ['sleepingAfterDays', 'lostAfterDays', 'repeatFrom', 'loyalFrom'] as const;

/** What the new lines would do, as the confirmation says it: the buyers moved, the segments entered, the funnels they start. */
function previewText(t: (key: string, vars?: Record<string, string | number>) => string, p: LifecyclePreviewDto, lang: string): string {
  const q = (s: string) => (lang === 'ru' ? `«${s}»` : `“${s}”`);
  const entered = p.entered.filter((e) => e.segment.includes('-')).map((e) => `${q(segmentName(t, e.segment))} — ${e.contacts}`);
  const funnels = p.funnels.map((f) => `${q(f.name)} — ${f.contacts}`);
  return [
    t('settings.lifecycle.confirm', { n: p.moved }),
    entered.length ? t('settings.lifecycle.confirmCells', { list: entered.join(', ') }) : '',
    funnels.length ? t('settings.lifecycle.confirmFunnels', { list: funnels.join(', ') }) : t('settings.lifecycle.confirmNoFunnels'),
  ].filter(Boolean).join(' ');
}

/** Where the «9 segments» matrix draws its lines; saving moves every buyer at once (their new segments start funnels). */
export function LifecycleSettings() {
  const { t, lang } = useFormat();
  const qc = useQueryClient();
  const rules = useLifecycleRules();
  const currency = useWorkspaceCurrency();
  const [draft, setDraft] = useState<Record<keyof LifecycleRules, string>>(() => text(rules));
  const key = JSON.stringify(rules);
  useEffect(() => setDraft(text(rules)), [key]); // eslint-disable-line react-hooks/exhaustive-deps -- the saved lines, when they change
  const metrics = useQuery({ queryKey: ['customer-metrics'], queryFn: api.customerMetrics });
  const save = useMutation({
    // asked first when the new lines move buyers: their new segments start live funnels (and send) at once
    mutationFn: async (lifecycle: LifecycleRules) => {
      const p = await api.lifecyclePreview(lifecycle);
      if (p.moved > 0 && !(await ask(previewText(t, p, lang), t('settings.lifecycle.save'), { danger: p.funnels.length > 0 }))) return null;
      return api.saveWorkspace({ currency, lifecycle });
    },
    onSuccess: (saved) => {
      if (!saved) return;
      qc.setQueryData(['workspace'], saved);
      void qc.invalidateQueries({ queryKey: ['customer-metrics'] });
    },
  });
  // checked as typed, in the UI's words: the lines must make sense before they are sent
  const typed = Object.fromEntries(FIELDS.map((f) => [f, draft[f].trim() === '' ? undefined : Number(draft[f])]));
  const lines = LifecycleRules.safeParse(typed, zodErrors(lang));
  const changed = FIELDS.some((f) => draft[f] !== String(rules[f]));
  return (
    <section className="card" data-testid="settings-lifecycle">
      <h2>{t('settings.lifecycle')}</h2>
      <p className="muted ls-small">{t('settings.lifecycle.hint')}</p>
      <form
        className="ls-lifecycle-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (lines.success) save.mutate(lines.data);
        }}
      >
        {FIELDS.map((f) => (
          <label key={f}>
            {t(`settings.lifecycle.${f}`)}
            <input type="number" name={`lifecycle.${f}`} min={f.endsWith('Days') ? 1 : 2} step={1} value={draft[f]} onChange={(e) => setDraft({ ...draft, [f]: e.target.value })} />
          </label>
        ))}
        <button type="submit" disabled={!changed || !lines.success || save.isPending} data-testid="lifecycle-save">
          {t('settings.lifecycle.save')}
        </button>
      </form>
      {!lines.success && (
        <p className="error" role="alert" data-testid="lifecycle-invalid">
          {zodIssueLines(lines.error.issues, typed, lang).join('; ')}
        </p>
      )}
      <LifecycleMatrix rules={rules} counts={metrics.data?.lifecycle} />
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

/** The matrix itself: recency across, frequency down, each cell by name with how many contacts are in it now. */
function LifecycleMatrix({ rules, counts }: { rules: LifecycleRules; counts?: Record<string, number> }) {
  const { t, number } = useFormat();
  const id = (p: string) => LIFECYCLE_PREFIX + p;
  return (
    <table className="ls-table ls-lifecycle" data-testid="lifecycle-cells">
      <thead>
        <tr>
          <th />
          {RECENCY.map((r) => (
            <th key={r} title={segmentRule(t, id(r), rules)}>
              {segmentName(t, id(r))}
              <div className="muted ls-small">{segmentRule(t, id(r), rules)}</div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {FREQUENCY.map((f) => (
          <tr key={f}>
            <th>
              {segmentName(t, id(f))}
              <div className="muted ls-small">{segmentRule(t, id(f), rules)}</div>
            </th>
            {RECENCY.map((r) => {
              const cell = id(`${r}-${f}`);
              return (
                <td key={r} title={cell} data-testid={`lifecycle-cell-${r}-${f}`}>
                  {segmentName(t, cell)}
                  {counts && <div className="ls-lifecycle-count">{number(counts[cell] ?? 0)}</div>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
