import { useQuery } from '@tanstack/react-query';
import { usePhoneText } from '../app/workspace.ts';
import type { TaskDto } from '../../../shared/api/types.ts';
import { api } from '../api/client.ts';
import { useAssignees, userName } from '../app/assignees.ts';
import { contactName } from './contactName.ts';
import { TheirTime } from './ContactClock.tsx';
import { useFormat } from './format.ts';

export type TaskFilter = 'open' | 'overdue' | 'done' | 'all';
export const TASK_FILTERS: TaskFilter[] = ['open', 'overdue', 'done', 'all'];

/** Past its due time: escalated by the SLA, or still open after the due time (the list's `overdue`). */
export const isLate = (task: TaskDto, now: number): boolean =>
  task.overdue ?? (task.status === 'overdue' || (task.status === 'open' && task.dueAt !== null && task.dueAt < now));

/** The due time of a task: relative («через 3 часа») with the exact time in the tooltip. */
export function DueTime({ task, now }: { task: TaskDto; now: number }) {
  const { t, date, relative } = useFormat();
  if (task.dueAt === null) return <span className="muted">{t('inbox.noDue')}</span>;
  return (
    <time dateTime={new Date(task.dueAt).toISOString()} title={date(task.dueAt)} className={isLate(task, now) ? 'ls-late' : undefined}>
      {t('inbox.due', { when: relative(task.dueAt, now) })}
    </time>
  );
}

/** Whose a task is, in words: a user by name (to a manager: a colleague's), else the role's queue. */
function Whose({ task, colleague }: { task: TaskDto; colleague?: boolean }) {
  const { t } = useFormat();
  const people = useAssignees();
  const name = task.userId ? (task.userName ?? userName(people.data, task.userId) ?? task.userId) : '';
  const text = name ? (colleague ? t('inbox.whose.colleague', { name }) : name) : task.role ? t('inbox.whose.queue', { role: task.role }) : '';
  return text ? (
    <span className="muted" data-testid={`task-whose-${task.id}`}>
      {text}
    </span>
  ) : null;
}

/**
 * The inbox's task rows (with `whose`, who each is for; given `me`, a task of my role's that a
 * colleague has taken says so); a row links to `#/inbox/<taskId>`.
 */
export function TaskList({ tasks, selected, now, whose, me }: { tasks: TaskDto[]; selected?: string; now: number; whose?: boolean; me?: string }) {
  const { t } = useFormat();
  const readablePhone = usePhoneText();
  // which funnel each task came from (two funnels may hand off the same kind of task)
  const funnels = useQuery({ queryKey: ['funnels'], queryFn: api.funnels, staleTime: 30_000 });
  const funnelName = (id: string) => funnels.data?.find((f) => f.id === id)?.name || id;
  return (
    <ul className="ls-tasks">
      {tasks.map((task) => (
        <li key={task.id}>
          <a
            href={`#/inbox/${encodeURIComponent(task.id)}`}
            className={`ls-task${task.id === selected ? ' ls-selected' : ''}${task.overdue ? ' ls-late-row' : ''}`}
            data-testid={`task-row-${task.id}`}
            aria-current={task.id === selected ? 'true' : undefined}
          >
            <span className="ls-task-title">{task.title}</span>
            <span className="ls-task-meta">
              <span>{contactName(task.contact, task.contactId)}</span>
              {/* what a caller needs before opening the card: the number, and whether it is a good hour there */}
              {typeof task.contact?.attributes.phone === 'string' && task.contact.attributes.phone !== '' && (
                <span className="ls-nowrap" data-testid={`task-phone-${task.id}`}>
                  {readablePhone(task.contact.attributes.phone)}
                </span>
              )}
              {(task.status === 'open' || task.status === 'overdue') && <TheirTime zone={task.contact?.attributes.timezone} now={now} testid={`task-their-time-${task.id}`} />}
              <span className="muted" data-testid={`task-from-${task.id}`}>
                {funnelName(task.funnelId)}
              </span>
              {task.status !== 'open' && task.closedByName ? (
                // decided: who decided it, rather than whose it was
                <span className="muted" data-testid={`task-closed-by-${task.id}`}>
                  {t('inbox.closedBy', { name: task.closedByName })}
                </span>
              ) : whose ? (
                <Whose task={task} />
              ) : (
                me && task.userId && task.userId !== me && <Whose task={task} colleague />
              )}
              {task.status === 'open' || task.status === 'overdue' ? <DueTime task={task} now={now} /> : null}
            </span>
            <span className="ls-task-badges">
              {task.overdue && <span className="badge err">{t('inbox.overdue')}</span>}
              {task.status !== 'open' && task.status !== 'overdue' && <span className={task.status === 'done' ? 'badge live' : 'badge'}>{t(`inbox.status.${task.status}`)}</span>}
              {task.outcome && <span className="muted ls-small">{task.outcomes.find((o) => o.id === task.outcome)?.label ?? task.outcome}</span>}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
