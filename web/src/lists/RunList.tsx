import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useMe } from '../app/session.ts';
import { errorText } from './errors.ts';
import { useFormat } from './format.ts';
import { PathTimeline } from './PathTimeline.tsx';
import { RunJournal } from './RunJournal.tsx';
import { askText } from './ask.tsx';

const STATUS_BADGE = { waiting: 'badge live', completed: 'badge', exited: 'badge paused' } as const;

/** Every run of a contact: funnel, status and path; a click opens the run's journal. */
export function RunList({ contactId }: { contactId: string }) {
  const { t, date } = useFormat();
  const [open, setOpen] = useState<string | null>(null);
  const runs = useQuery({ queryKey: ['runs', { contactId }], queryFn: () => api.runs({ contactId }), refetchInterval: 10_000 });
  const qc = useQueryClient();
  const role = useMe().data?.role;
  const canExit = role === 'admin' || role === 'marketer' || role === 'qa';
  // take the contact out of a funnel now: its timers, open task and pending messages are cancelled
  const exit = useMutation({
    mutationFn: ({ runId, reason }: { runId: string; reason: string }) => api.exitRun(runId, reason.trim() || undefined),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['runs', { contactId }] });
      void qc.invalidateQueries({ queryKey: ['outbox'] });
    },
  });
  const funnels = useQuery({ queryKey: ['funnels'], queryFn: api.funnels, staleTime: 30_000 });
  const names = new Map((funnels.data ?? []).map((f) => [f.id, f.name]));
  const paused = new Set((funnels.data ?? []).filter((f) => f.status === 'paused').map((f) => f.id));

  if (runs.isLoading) return <p className="muted">{t('common.loading')}</p>;
  if (runs.error) return <p className="error">{errorText(runs.error)}</p>;
  if (!runs.data?.length) return <p className="ls-empty">{t('contact.runs.empty')}</p>;
  return (
    <div className="ls-runs">
      {runs.data.map((r) => {
        const expanded = open === r.id;
        const toggle = () => setOpen(expanded ? null : r.id);
        return (
          <article key={r.id} className={expanded ? 'ls-run ls-open' : 'ls-run'} data-testid={`run-${r.id}`} data-status={r.status} onClick={toggle}>
            <header className="ls-run-head">
              <button className="link ls-run-toggle" aria-expanded={expanded} onClick={(e) => (e.stopPropagation(), toggle())}>
                {expanded ? '▾' : '▸'}
              </button>
              <span className="ls-strong">{names.get(r.funnelId) ?? r.funnelId}</span>
              <span className="muted">v{r.version}</span>
              {r.key && (
                <span className="badge" data-testid={`run-key-${r.id}`} title={t('contact.runs.keyHint')}>
                  {t('contact.runs.key', { key: r.key })}
                </span>
              )}
              <span className={STATUS_BADGE[r.status]}>{t(`run.${r.status}`)}</span>
              {r.status === 'waiting' && paused.has(r.funnelId) && (
                <span className="badge paused" data-testid={`run-held-${r.id}`} title={t('contact.runs.heldHint')}>
                  {t('contact.runs.held')}
                </span>
              )}
              <span className="spacer" />
              <span className="muted ls-small">
                {t('contact.runs.started', { when: date(r.startedAt) })}
                {r.endedAt ? ` · ${t('contact.runs.ended', { when: date(r.endedAt) })}` : ''}
              </span>
              {r.status === 'waiting' && canExit && (
                <button
                  className="link ls-danger-link"
                  data-testid={`run-exit-${r.id}`}
                  onClick={async (e) => {
                    e.stopPropagation();
                    const reason = await askText(t('contact.runs.exitConfirm', { funnel: names.get(r.funnelId) ?? r.funnelId }), t('contact.runs.exit'), { label: t('contact.runs.exitReason'), minLength: 0 }, { danger: true });
                    if (reason !== null) exit.mutate({ runId: r.id, reason });
                  }}
                  disabled={exit.isPending}
                >
                  {t('contact.runs.exit')}
                </button>
              )}
            </header>
            {exit.error && exit.variables?.runId === r.id && <p className="error ls-small">{errorText(exit.error)}</p>}
            <PathTimeline path={r.path} current={r.status === 'waiting' ? r.node : null} testId={`run-path-${r.id}`} funnelId={r.funnelId} />
            {expanded && (
              <div className="ls-run-journal" onClick={(e) => e.stopPropagation()}>
                <RunJournal runId={r.id} />
              </div>
            )}
          </article>
        );
      })}
    </div>
  );
}
