import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import { useMe } from '../app/session.ts';
import { useT } from '../i18n/i18n.ts';
import '../i18n/messages/lists.ts';
import { errorText } from '../lists/errors.ts';
import { TaskCard } from '../lists/TaskCard.tsx';
import { TASK_FILTERS, TaskList, type TaskFilter } from '../lists/TaskList.tsx';
import { useServerNow } from '../lists/useServerNow.ts';

/**
 * Asks the API for one filter; «overdue» also covers open tasks whose due time has just passed, and
 * «open» is every task still waiting for a decision — the overdue ones too, first (they still take a
 * late outcome), so a task never drops out of the open list just because its time ran out.
 */
async function loadTasks(filter: TaskFilter, mine: boolean, assignedToMe = false) {
  const who = { mine, assignedToMe };
  if (filter === 'overdue') return (await api.tasks(who)).filter((t) => t.overdue);
  if (filter === 'open') {
    const [late, open] = await Promise.all([api.tasks({ ...who, status: 'overdue' }), api.tasks({ ...who, status: 'open' })]);
    return [...late.filter((t) => t.outcome === null), ...open];
  }
  return api.tasks({ ...who, status: filter === 'all' ? undefined : filter });
}

type Scope = 'everyone' | 'mine';

/**
 * The inbox: my and my roles' tasks (overdue first), live; the selected task's card beside. Those
 * who oversee the funnels (admin, marketer, QA) see every team's tasks first, each row saying whose
 * it is, and can narrow it to their own; a manager sees their own and their roles'.
 */
export function InboxPage({ taskId }: { taskId?: string }) {
  const { t } = useT();
  const me = useMe();
  const oversees = me.data ? me.data.role !== 'manager' : false;
  const [filter, setFilter] = useState<TaskFilter>('open');
  const [scope, setScope] = useState<Scope>('everyone');
  const mine = !oversees || scope === 'mine';
  // a manager's «Мои»: only the tasks given to them, not their team's queue
  const onlyMine = !oversees && scope === 'mine';
  const now = useServerNow();
  const key = onlyMine ? 'assigned' : mine ? 'mine' : 'everyone';
  const tasks = useQuery({ queryKey: ['tasks', key, filter], queryFn: () => loadTasks(filter, mine, onlyMine), refetchInterval: 5_000, enabled: !!me.data });
  // what waits for a decision, counted on the tabs (the open list, shared with that tab's query)
  const waiting = useQuery({ queryKey: ['tasks', key, 'open'], queryFn: () => loadTasks('open', mine, onlyMine), refetchInterval: 5_000, enabled: !!me.data }).data;
  // a tab chosen while a task is open: that task's card closes when the tab does not list it
  // (the «overdue» tab showing a task that is not overdue would read as one)
  const [switchedFrom, setSwitchedFrom] = useState<{ task: string; filter: TaskFilter } | null>(null);
  useEffect(() => {
    if (!switchedFrom || !tasks.data || tasks.isFetching || switchedFrom.filter !== filter) return;
    if (switchedFrom.task === taskId && !tasks.data.some((x) => x.id === taskId)) navigate('/inbox');
    setSwitchedFrom(null);
  }, [switchedFrom, tasks.data, tasks.isFetching, filter, taskId]);
  const counts: Partial<Record<TaskFilter, number>> = waiting ? { open: waiting.length, overdue: waiting.filter((x) => x.overdue).length } : {};

  return (
    <section className="ls-inbox" data-testid="inbox" data-task={taskId}>
      <div className="ls-inbox-list">
        <h1>{t('inbox.title')}</h1>
        {me.data && (
          // overseers: every team's tasks or their own; a manager: their team's queue and theirs, or only those given to them
          <div className="ls-segmented" role="tablist" aria-label={t('inbox.scope')}>
            {(['everyone', 'mine'] as const).map((x) => (
              <button key={x} role="tab" aria-selected={scope === x} onClick={() => setScope(x)} data-testid={`inbox-scope-${x}`}>
                {t(oversees || x === 'mine' ? `inbox.scope.${x}` : 'inbox.scope.team')}
              </button>
            ))}
          </div>
        )}
        <div className="ls-segmented" role="tablist" aria-label={t('inbox.filter')}>
          {TASK_FILTERS.map((f) => (
            <button key={f} role="tab" aria-selected={filter === f} onClick={() => {
                setFilter(f);
                setSwitchedFrom(taskId && f !== filter ? { task: taskId, filter: f } : null);
              }}
              data-testid={`inbox-filter-${f}`}
            >
              {t(`inbox.filter.${f}`)}
              {!!counts[f] && (
                <span className={`ls-tab-count${f === 'overdue' ? ' ls-tab-count-late' : ''}`} title={t('inbox.filter.toDo', { n: counts[f]! })} data-testid={`inbox-count-${f}`}>
                  {counts[f]}
                </span>
              )}
            </button>
          ))}
        </div>
        {tasks.isLoading && <p className="muted">{t('common.loading')}</p>}
        {tasks.error && <p className="error">{errorText(tasks.error)}</p>}
        {tasks.data && tasks.data.length === 0 && <p className="ls-empty">{mine && oversees ? t('inbox.empty.mine') : t(`inbox.empty.${filter}`)}</p>}
        {tasks.data && tasks.data.length > 0 && <TaskList tasks={tasks.data} selected={taskId} now={now} whose={!mine} me={me.data?.id} />}
      </div>
      <div className="ls-inbox-card">
        {taskId && (
          <a className="ls-inbox-back" href="#/inbox" data-testid="inbox-back">
            ← {t('inbox.backToList')}
          </a>
        )}
        {taskId ? <TaskCard key={taskId} taskId={taskId} now={now} next={waiting?.find((x) => x.id !== taskId)?.id} /> : <p className="ls-empty">{t('inbox.pick')}</p>}
      </div>
    </section>
  );
}
