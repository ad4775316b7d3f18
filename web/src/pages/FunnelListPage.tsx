import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FunnelDto } from '../../../shared/api/types.ts';
import { funnelCurrency } from '../../../shared/format/funnel.ts';
import { api } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import { useMe } from '../app/session.ts';
import { useT } from '../i18n/i18n.ts';
import '../i18n/messages/lists.ts';
import { ConfirmDialog } from '../lists/Dialog.tsx';
import { errorText } from '../lists/errors.ts';
import { NewFunnelDialog } from '../lists/NewFunnelDialog.tsx';
import { useFunnelActions } from '../lists/useFunnelActions.ts';
import { useFunnelStats } from '../lists/useFunnelStats.ts';

/** The funnel list: status, version, entered and converted counts; create, import, duplicate, export, delete. */
export function FunnelListPage() {
  const { t, date, number, percent, money } = useT();
  const me = useMe().data;
  const canEdit = me?.role === 'admin' || me?.role === 'marketer';
  const list = useQuery({ queryKey: ['funnels'], queryFn: api.funnels });
  const funnels = list.data ?? [];
  const stats = useFunnelStats(funnels);
  const actions = useFunnelActions(funnels);
  const [creating, setCreating] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<FunnelDto | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const count = (f: FunnelDto, key: 'entered' | 'converted') => {
    if (f.status === 'draft') return '—';
    const s = stats.get(f.id);
    return s ? number(s[key]) : '…';
  };
  // the share of those who entered that converted, under the count (none while nobody entered)
  const share = (f: FunnelDto) => {
    const s = stats.get(f.id);
    return f.status !== 'draft' && s && s.entered > 0 ? percent(s.converted / s.entered) : null;
  };
  const revenue = (f: FunnelDto) => {
    if (f.status === 'draft') return '—';
    const s = stats.get(f.id);
    return s ? money(s.revenue, funnelCurrency(f.draft)) : '…';
  };

  return (
    <section className="ls-page" data-testid="funnel-list">
      <div className="ls-head">
        <h1>{t('fl.title')}</h1>
        <div className="spacer" />
        {canEdit && (
          <>
            <label className="ls-file-button" title={t('fl.import.hint')}>
              {t('fl.import')}
              <input
                type="file"
                accept=".json,application/json"
                multiple
                data-testid="import-funnel"
                onChange={async (e) => {
                  const files = [...(e.target.files ?? [])];
                  e.target.value = '';
                  if (!files.length) return;
                  setImportError(await actions.importFiles(files));
                }}
              />
            </label>
            <button className="primary" onClick={() => setCreating(true)} data-testid="new-funnel">
              {t('fl.new')}
            </button>
          </>
        )}
      </div>
      {importError && (
        <p className="error ls-banner" role="alert" data-testid="import-error">
          {importError} <button className="link" onClick={() => setImportError(null)} aria-label={t('common.close')}>✕</button>
        </p>
      )}
      {list.isLoading && <p className="muted">{t('common.loading')}</p>}
      {list.error && <p className="error">{errorText(list.error)}</p>}
      {list.data && funnels.length === 0 && <p className="ls-empty">{t(canEdit ? 'fl.empty' : 'fl.emptyReadOnly')}</p>}
      {funnels.length > 0 && (
        <table className="ls-table">
          <thead>
            <tr>
              <th>{t('fl.col.name')}</th>
              <th>{t('fl.col.status')}</th>
              <th className="ls-num">{t('fl.col.version')}</th>
              <th className="ls-num">{t('fl.col.entered')}</th>
              <th className="ls-num" title={t('fl.col.convertedHint')}>{t('fl.col.converted')}</th>
              <th className="ls-num" title={t('fl.col.revenueHint')}>{t('fl.col.revenue')}</th>
              <th>{t('fl.col.updated')}</th>
              <th aria-label={t('fl.col.actions')} />
            </tr>
          </thead>
          <tbody>
            {funnels.map((f) => (
              <tr key={f.id} className="ls-click" onClick={() => navigate(`/funnels/${encodeURIComponent(f.id)}`)} data-testid={`funnel-row-${f.id}`}>
                <td>
                  <a href={`#/funnels/${encodeURIComponent(f.id)}`} onClick={(e) => e.stopPropagation()} className="ls-strong">
                    {f.name || f.id}
                  </a>
                  <div className="ls-sub">
                    {f.id}
                    {f.issues.some((i) => i.severity === 'error') && <span className="badge err ls-ml">{t('fl.hasErrors')}</span>}
                  </div>
                </td>
                <td>
                  <span className={`badge ${f.status}`}>{t(`status.${f.status}`)}</span>
                  {f.draftChanged && (
                    <div className="ls-sub" data-testid={`funnel-changed-${f.id}`}>
                      {t('status.draftChanged')}
                    </div>
                  )}
                </td>
                <td className="ls-num">{f.version ?? '—'}</td>
                <td className="ls-num" data-testid={`funnel-entered-${f.id}`}>{count(f, 'entered')}</td>
                <td className="ls-num">
                  <span data-testid={`funnel-converted-${f.id}`}>{count(f, 'converted')}</span>
                  {share(f) && (
                    <div className="ls-sub" data-testid={`funnel-conversion-${f.id}`} title={t('fl.col.conversionHint')}>
                      {share(f)}
                    </div>
                  )}
                </td>
                <td className="ls-num ls-nowrap" data-testid={`funnel-revenue-${f.id}`}>{revenue(f)}</td>
                <td className="ls-nowrap">{date(f.updatedAt)}</td>
                <td className="ls-actions" onClick={(e) => e.stopPropagation()}>
                  <button className="link" onClick={() => actions.export(f)} data-testid={`export-${f.id}`} title={t('fl.exportHint', { file: `${f.id}.json` })}>
                    {t('fl.export')}
                  </button>
                  {f.scenarios.length > 0 && (
                    <button className="link" onClick={() => actions.exportScenarios(f)} data-testid={`export-scenarios-${f.id}`} title={t('fl.exportScenariosHint', { file: `${f.id}.scenarios.json` })}>
                      {t('fl.exportScenarios', { n: f.scenarios.length })}
                    </button>
                  )}
                  {canEdit && (
                    <>
                      <button className="link" onClick={() => actions.duplicate(f)} data-testid={`duplicate-${f.id}`}>
                        {t('fl.duplicate')}
                      </button>
                      <button
                        className="link ls-danger-link"
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(f);
                        }}
                        data-testid={`delete-${f.id}`}
                      >
                        {t('common.delete')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && <NewFunnelDialog onClose={() => setCreating(false)} onCreated={(f) => {
        void actions.refresh();
        navigate(`/funnels/${encodeURIComponent(f.id)}`);
      }} />}
      {deleting && (
        <ConfirmDialog
          title={t('fl.delete.title')}
          text={t('fl.delete.text', { name: deleting.name }) + (deleting.status === 'draft' ? '' : ` ${t('fl.delete.live', { status: t(`status.${deleting.status}`) })}`)}
          confirmLabel={t('common.delete')}
          busy={busy}
          error={deleteError}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            setBusy(true);
            const err = await actions.remove(deleting);
            setBusy(false);
            if (err) setDeleteError(err);
            else setDeleting(null);
          }}
        />
      )}
    </section>
  );
}
