import { useQuery } from '@tanstack/react-query';
import type { JournalDto } from '../../../shared/api/types.ts';
import { api } from '../api/client.ts';
import { errorText } from './errors.ts';
import { useFormat } from './format.ts';
import { useExitWords, usePathLabel } from './useNodeLabels.ts';

type Format = ReturnType<typeof useFormat>;

/** The engine writes its reasons as short English notes; these are the ones it has, in the UI's words. */
function reasonText(reason: string, f: Format): string {
  const noConsent = /^no consent for (\S+)$/.exec(reason);
  if (noConsent) return f.t('journal.why.noConsent', { channel: f.maybe(`channel.${noConsent[1]}`, noConsent[1]) });
  const later = /^(\S+) goes out at (\S+) \(quiet hours or frequency cap\)$/.exec(reason);
  if (later) return f.t('journal.why.later', { channel: f.maybe(`channel.${later[1]}`, later[1]), at: f.date(later[2]) });
  if (reason === 'completed' || reason === 'exited') return f.t(`run.${reason}`);
  return f.maybe(`channel.${reason}`, reason);
}

/** Why a journal entry happened: a timer or the event that caused it, and the engine's reason. */
function why(j: JournalDto, f: Format): string {
  const cause = j.cause === 'timer' ? f.t('contact.journal.timer') : j.cause ? f.maybe(`journal.cause.${j.cause}`, j.cause) : null;
  return [cause, j.reason ? reasonText(j.reason, f) : null].filter(Boolean).join(' · ');
}

/** A run's journal: every node entered and left, message sent or skipped, and why — in words, with the funnel's own names. */
export function RunJournal({ runId }: { runId: string }) {
  const f = useFormat();
  const { t, date, maybe } = f;
  const run = useQuery({ queryKey: ['run', runId], queryFn: () => api.run(runId) });
  const funnelId = run.data?.funnelId;
  const pathLabel = usePathLabel();
  const exitWords = useExitWords(funnelId);
  if (run.isLoading) return <p className="muted">{t('common.loading')}</p>;
  if (run.error || !run.data) return <p className="error">{errorText(run.error)}</p>;
  if (run.data.journal.length === 0) return <p className="muted">{t('contact.journal.empty')}</p>;
  // each node by its words in this run's path (its version's node, filled in with the run's data)
  const labels = new Map(run.data.path.map((p) => [p.node, pathLabel(p)]));
  const exitText = (node: string | null | undefined, exit: string) => (node ? exitWords(node, exit) : maybe(`exit.${exit}`, exit));
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
            <tr key={i} data-testid="journal-row" data-node={j.node ?? undefined} data-exit={j.exit ?? undefined}>
              <td className="ls-nowrap">{date(j.at)}</td>
              <td>{maybe(`journal.${j.kind}`, j.kind)}</td>
              <td title={j.node ?? undefined}>{j.node ? (labels.get(j.node) ?? j.node) : ''}</td>
              <td title={j.exit ?? undefined}>{j.exit ? exitText(j.node, j.exit) : ''}</td>
              <td>{why(j, f)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
