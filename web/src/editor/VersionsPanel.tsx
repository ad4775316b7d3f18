import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FunnelDto, VersionDto } from '../../../shared/api/types.ts';
import { api } from '../api/client.ts';
import { useAssignees, userName } from '../app/assignees.ts';
import { useT } from '../i18n/i18n.ts';
import { FunnelChanges } from './FunnelChanges.tsx';

/** The Versions tab: every published version with its note, date and who published it; open one read-only. */
export function VersionsPanel({ funnel, openVersion }: { funnel: FunnelDto; openVersion?: number }) {
  const { t, date } = useT();
  const q = useQuery({ queryKey: ['versions', funnel.id], queryFn: () => api.versions(funnel.id) });
  const people = useAssignees().data;
  // the version published before `n` (versions may be listed in any order)
  const previous = (n: number) => q.data?.reduce<VersionDto | undefined>((a, v) => (v.version < n && (!a || v.version > a.version) ? v : a), undefined);
  return (
    <div className="ed-versions" data-testid="versions">
      <h2>{t('versions.title')}</h2>
      {openVersion !== undefined && (
        <p>
          <a href={`#/funnels/${encodeURIComponent(funnel.id)}`} data-testid="versions-draft">
            ← {t('versions.backToDraft')}
          </a>
        </p>
      )}
      {q.isLoading && <p className="ed-muted">{t('common.loading')}</p>}
      {q.error && <p className="error">{(q.error as Error).message}</p>}
      {q.data?.length === 0 && <p className="ed-muted">{t('versions.none')}</p>}
      <ul>
        {q.data?.map((v) => (
          <li key={v.version} className={`ed-version${v.version === openVersion ? ' on' : ''}`} data-testid={`version-${v.version}`}>
            <div className="row">
              <b>{t('versions.n', { n: v.version })}</b>
              {v.version === funnel.version && <span className="badge live">{t('versions.current')}</span>}
              <span className="spacer" />
              <a href={`#/funnels/${encodeURIComponent(funnel.id)}/versions/${v.version}`} data-testid={`version-open-${v.version}`}>
                {t('versions.open')}
              </a>
            </div>
            <div className="ed-muted" data-testid={`version-when-${v.version}`}>
              {date(v.publishedAt)}
              {v.publishedBy && userName(people, v.publishedBy) && ` · ${t('versions.by', { name: userName(people, v.publishedBy)! })}`}
            </div>
            {v.note && <div className="ed-version-note">{v.note}</div>}
            {previous(v.version) && <VersionChanges before={previous(v.version)!} after={v} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** «Что изменилось» under a version: its changes against the version before, worked out when opened. */
function VersionChanges({ before, after }: { before: VersionDto; after: VersionDto }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <details className="ed-version-changes" data-testid={`version-changes-${after.version}`} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('versions.changes')}</summary>
      {open && <FunnelChanges before={before.definition} after={after.definition} since={before.version} testid={`changes-${after.version}`} />}
    </details>
  );
}
