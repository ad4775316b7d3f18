import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { errorText } from './errors.ts';
import { useFormat } from './format.ts';

/** A run's journal: every node entered and left, message sent or skipped, and why. */
export function RunJournal({ runId }: { runId: string }) {
  const { t, date, maybe } = useFormat();
  const run = useQuery({ queryKey: ['run', runId], queryFn: () => api.run(runId) });
  if (run.isLoading) return <p className="muted">{t('common.loading')}</p>;
  if (run.error || !run.data) return <p className="error">{errorText(run.error)}</p>;
  if (run.data.journal.length === 0) return <p className="muted">{t('contact.journal.empty')}</p>;
  return (
    <table className="ls-table ls-compact" data-testid={`run-journal-${runId}`}>
      <thead>
        <tr>
          <th>{t('contact.journal.at')}</th>
          <th>{t('contact.journal.kind')}</th>
          <th>{t('contact.journal.node')}</th>
          <th>{t('contact.journal.exit')}</th>
          <th>{t('contact.journal.why')}</th>
        </tr>
      </thead>
      <tbody>
        {run.data.journal.map((j, i) => {
          return (
            <tr key={i}>
              <td className="ls-nowrap">{date(j.at)}</td>
              <td>{maybe(`journal.${j.kind}`, j.kind)}</td>
              <td>
                <code>{j.node ?? ''}</code>
              </td>
              <td title={j.exit ?? undefined}>{j.exit ? maybe(`exit.${j.exit}`, j.exit) : ''}</td>
              <td>{[j.cause === 'timer' ? t('contact.journal.timer') : j.cause, j.reason].filter(Boolean).join(' · ')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
