import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { errorText } from './errors.ts';
import { useFormat } from './format.ts';
import { DueTime, isLate } from './TaskList.tsx';
import { useServerNow } from './useServerNow.ts';

/** A contact's hand-off tasks, newest first: what the manager was asked, what came of it, their note. */
export function ContactTasks({ contactId }: { contactId: string }) {
  const { t, date, money } = useFormat();
  // past its due time on the server's clock (which QA may move): «просрочено», as the inbox says it
  const now = useServerNow();
  const tasks = useQuery({ queryKey: ['tasks', { contactId }], queryFn: () => api.tasks({ contactId }), refetchInterval: 10_000 });
  if (tasks.isLoading) return <p className="muted">{t('common.loading')}</p>;
  if (tasks.error) return <p className="error">{errorText(tasks.error)}</p>;
  if (!tasks.data?.length) return <p className="ls-empty">{t('contact.tasks.empty')}</p>;
  return (
    <ul className="ls-tasks" data-testid="contact-tasks">
      {[...tasks.data]
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((task) => {
          const outcome = task.outcomes.find((o) => o.id === task.outcome)?.label ?? task.outcome;
          return (
            <li key={task.id} data-testid={`contact-task-${task.id}`} data-status={task.status}>
              <a href={`#/inbox/${encodeURIComponent(task.id)}`}>{task.title}</a>{' '}
              {isLate(task, now) ? (
                <span className="badge err">{t('inbox.overdue')}</span>
              ) : (
                <span className={task.status === 'done' ? 'badge live' : task.status === 'open' ? 'badge draft' : 'badge'}>{t(`inbox.status.${task.status}`)}</span>
              )}
              {(task.status === 'open' || task.status === 'overdue') && task.outcome == null && (
                <>
                  {' · '}
                  <DueTime task={task} now={now} />
                </>
              )}
              {outcome && <b> · {outcome}{task.lateAt != null && ` (${t('inbox.afterDue')})`}</b>}
              {task.amount != null && <b> · {money(task.amount, task.currency)}</b>}
              {task.closedByName && <span data-testid={`contact-task-by-${task.id}`}> · {task.closedByName}</span>}
              <span className="muted ls-small"> · {date(task.closedAt ?? task.createdAt)}</span>
              {task.note && <blockquote className="ls-note">{task.note}</blockquote>}
            </li>
          );
        })}
    </ul>
  );
}
