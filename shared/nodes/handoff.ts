import { z } from 'zod';
import { DurationText, Template } from '../format/common.ts';
import { addIsoDuration } from '../format/duration.ts';
import { taskDueAt } from '../format/workingTime.ts';
import { defineNode } from './types.ts';

const Assignee = z.union([z.strictObject({ role: z.string().min(1) }), z.strictObject({ user: z.string().min(1) })], {
  error: 'must be { "role": "manager" } or { "user": "user id" }',
});

const HandoffData = z.object({
  title: Template.min(1, { error: 'must not be empty: say what the manager should do' }),
  description: Template.optional(),
  assignee: Assignee,
  outcomes: z
    .array(
      z.object({
        id: z.string({ error: 'every outcome needs an id' }).min(1),
        label: z.string({ error: 'every outcome needs a label for its button' }).min(1, { error: 'must not be empty: the text of the manager\'s button' }),
        // choosing it counts as a conversion: a goal named after the outcome (a sale closed by phone)
        goal: z.boolean({ error: 'must be true or false' }).optional(),
      }),
      { error: 'must be a list of outcomes' },
    )
    .min(1, { error: 'needs at least one outcome: the buttons the manager chooses from' }),
  dueIn: DurationText.optional(),
});
export type HandoffData = z.infer<typeof HandoffData>;

/** Words of a closed sale, in Russian and English («Купил абонемент», «Оплатил», «Сделка», "Won", "Paid"). */
const SALE = /(^|[^а-яё])(купил|куплен|покупк|оплатил|оплачен|оплата|продаж|продал|сделк|заключ|подписал|договор)|\b(bought|buys|purchas|paid|sold|sale|deal|won|signed)/i;
/** …unless denied: «Не купил», «Отказ от покупки», "Didn't buy", "No sale", "Lost deal". */
const DENIED = /(^|[^а-яё])(не|нет|без|отказ|отказал)([^а-яё]|$)|\b(not|no|didn'?t|lost|declined?|never)\b/i;

/** Whether an outcome's words say the client bought: such an outcome should count as a conversion. */
export const soundsLikeSale = (label: string): boolean => SALE.test(label) && !DENIED.test(label);

const DAY = 24 * 3600_000;

/** A task in a manager's inbox; the outcome chosen decides the branch. `overdue` when the SLA passes. */
export const handoff = defineNode<HandoffData>({
  type: 'handoff',
  group: 'people',
  label: { en: 'Manager task', ru: 'Задача менеджеру' },
  schema: HandoffData,
  defaults: (lang = 'ru') => ({
    // the name stays in the nominative («Звонок: Нина», not «Позвонить Нина»); a contact without
    // a name is still someone («Звонок: клиент», not a title ending in a colon)
    title: lang === 'en' ? 'Call {{contact.firstName | default:the customer}}' : 'Звонок: {{contact.firstName | default:клиент}}',
    assignee: { role: 'manager' },
    // words of interest, not of a sale: a new task neither counts a conversion nobody chose (a selling funnel's stages
    // keep counting their sales) nor starts with the warning that a sale is not counted
    outcomes: lang === 'en' ? [{ id: 'won', label: 'Interested' }, { id: 'lost', label: 'Declined' }] : [{ id: 'won', label: 'Интересно' }, { id: 'lost', label: 'Отказ' }],
    dueIn: 'P1D',
  }),
  exits: (d) => [...d.outcomes.map((o) => o.id), ...(d.dueIn ? ['overdue'] : [])],
  instantExits: () => [],
  conversionExits: (d) => d.outcomes.filter((o) => o.goal).map((o) => o.id),
  valuePerConversion: (d) => d.outcomes.some((o) => o.goal),
  uncountedSaleExits: (d) => d.outcomes.flatMap((o, i) => (!o.goal && soundsLikeSale(o.label) ? [{ exit: o.id, field: `outcomes.${i}.goal`, words: o.label }] : [])),
  validate(d, v) {
    const due = d.dueIn === undefined ? undefined : addIsoDuration(0, d.dueIn, 'UTC');
    if (due !== undefined && due <= 0)
      v.warning('dueIn', 'handoff-due-zero', { en: 'gives the manager no time: the task is overdue as soon as it is made. Give it a deadline, or remove it.', ru: 'не даёт менеджеру времени: задача просрочена сразу при создании. Задайте срок или уберите его.' });
    // a limit of hours without the managers' working hours: an evening's task is overdue before anyone is at work
    else if (due !== undefined && due < DAY && !v.settings?.workingHours)
      v.warning('dueIn', 'handoff-due-round-the-clock', {
        en: 'the time limit of hours runs round the clock: a task made in the evening is overdue before the managers are at work. Set their working hours in the funnel settings ⚙, or give it a day.',
        ru: 'срок в часах идёт круглые сутки: задача, пришедшая вечером, просрочится до начала рабочего дня. Задайте рабочее время менеджеров в настройках воронки ⚙ или дайте на задачу день.',
      });
    // against the workspace's users, when known: a task for nobody is never seen
    const people = v.workspace?.users;
    const a = d.assignee;
    if (people && 'user' in a && !people.some((u) => u.id === a.user)) {
      const byEmail = people.find((u) => u.email?.toLowerCase() === a.user.toLowerCase());
      v.error('assignee.user', 'handoff-unknown-user', { en: `no user "${a.user}" in this workspace: the task would reach nobody. Choose a user from the list${byEmail ? ` (by id: ${byEmail.id})` : ''}.`, ru: `в рабочем пространстве нет пользователя «${a.user}»: задачу никто не увидит. Выберите пользователя из списка${byEmail ? ` (по id: ${byEmail.id})` : ''}.` });
    } else if (people && 'role' in a && !people.some((u) => u.role === a.role || u.teams.includes(a.role)))
      v.warning('assignee.role', 'handoff-empty-queue', { en: `nobody has the role or team "${a.role}" yet: its tasks wait unseen until a user is given it in Settings → Users.`, ru: `ни у кого пока нет роли или команды «${a.role}»: её задачи никто не увидит, пока её не дадут пользователю в Настройках → Пользователи.` });
    const seen = new Set<string>();
    d.outcomes.forEach((o, i) => {
      if (o.id === 'overdue') v.error(`outcomes.${i}.id`, 'handoff-overdue-outcome', { en: '"overdue" is taken when the SLA passes; call the outcome something else.', ru: '"overdue" — выход на случай пропущенного срока; назовите исход иначе.' });
      if (seen.has(o.id)) v.error(`outcomes.${i}.id`, 'handoff-duplicate-outcome', { en: `Two outcomes are called "${o.id}".`, ru: `Два исхода называются «${o.id}».` });
      seen.add(o.id);
    });
  },
  texts: (d) => [{ field: 'title', text: d.title }, ...(d.description ? [{ field: 'description', text: d.description }] : [])],
  compile(d, h, node) {
    const task = { type: 'task', params: { node: node.id, title: d.title, description: d.description, assignee: d.assignee, outcomes: d.outcomes, dueIn: d.dueIn } };
    const close = (status: string) => ({ type: 'closeTask', params: { node: node.id, status } });
    return {
      entry: [task],
      on: {
        'task.completed': d.outcomes.map((o) => h.exit(o.id, [close('done'), ...(o.goal ? [{ type: 'goal', params: { node: node.id, name: o.id, amountFromEvent: true } }] : [])], { type: 'taskOutcome', params: { outcome: o.id } })),
      },
      ...(d.dueIn && h.hasEdge('overdue') ? { after: { [h.timerName]: h.exit('overdue', [close('overdue')]) } } : {}),
    };
  },
  // (in the managers' working time when the funnel has working hours)
  timer: (d, env) => (d.dueIn ? taskDueAt(env.now, d.dueIn, env.settings, env.zone) - env.now : 0),
  title: (d) => d.title || undefined,
  exitLabel: (d, exit) => (exit === 'overdue' ? undefined : d.outcomes?.find((o) => o?.id === exit)?.label || exit),
  // without an «overdue» edge the SLA passing moves nothing: the task stays open, the run waits
  waitsWhenUnconnected: () => ['overdue'],
  summary: (d) => `${'role' in d.assignee ? d.assignee.role : d.assignee.user}: ${d.outcomes.map((o) => o.label).join(' / ')}`,
});

/**
 * The goal an outcome recorded after the task went overdue counts as (a deal closed late): the same
 * goal choosing it on time records — named after the outcome, the deal's amount as its value — or
 * null for an outcome that does not count. The run has moved on, so only this is written.
 */
export function lateOutcomeGoal(outcomes: readonly { id: string; goal?: boolean }[], outcome: string, node: string, amount?: number): { node: string; name: string; value: number | null } | null {
  return outcomes.find((o) => o.id === outcome)?.goal ? { node, name: outcome, value: amount ?? null } : null;
}

