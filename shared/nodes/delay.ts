import { z } from 'zod';
import { DurationText, TimeOfDayText, WeekdayText } from '../format/common.ts';
import { addIsoDuration } from '../format/duration.ts';
import { nextTimeOfDay } from '../format/time.ts';
import { defineNode, type StepEnv } from './types.ts';
import { UntilDate, untilDateGap, untilDateMoment } from './untilDate.ts';

const DelayData = z.object({
  for: DurationText.optional(),
  until: z.object({ at: TimeOfDayText, days: z.array(WeekdayText).optional() }).optional(),
  untilDate: UntilDate.optional(),
});
export type DelayData = z.infer<typeof DelayData>;

/** The due moment of the delay, or null when an `untilDate` date is empty or already past. */
function dueAt(d: DelayData, env: StepEnv): number | null {
  if (d.for) return addIsoDuration(env.now, d.for, env.zone);
  // strictly after now: a loop back into "until 09:00" at 09:00 waits for tomorrow, not 0 ms
  if (d.until) return nextTimeOfDay(env.now, d.until.at, env.zone, d.until.days, true);
  if (d.untilDate) {
    // `event.data.<key>`: a date the run's start event brought (a webinar's start); `lastEvent.data.<key>`:
    // one the latest event brought (a booked call's time, after a wait); else a contact attribute
    const due = untilDateMoment(d.untilDate, env);
    return due === null || due <= env.now ? null : due;
  }
  return null;
}

/** Waits a fixed time, until a time of day, or until a date from the contact's attributes or the run's start event. */
export const delay = defineNode<DelayData>({
  type: 'delay',
  group: 'timing',
  label: { en: 'Delay', ru: 'Задержка' },
  schema: DelayData,
  defaults: () => ({ for: 'P1D' }),
  exits: (d) => (d.untilDate ? ['next', 'missing'] : ['next']),
  // an empty or past date leaves at once: by `missing`, or by `next` when `missing` has no edge
  instantExits: (d, hasEdge) => (d.untilDate ? (hasEdge('missing') ? ['missing'] : ['missing', 'next']) : []),
  validate(d, v) {
    const kinds = [d.for, d.until, d.untilDate].filter((x) => x !== undefined).length;
    if (d.for !== undefined && addIsoDuration(0, d.for, 'UTC') <= 0)
      v.warning('for', 'delay-zero', { en: 'waits no time at all: the contact goes on at once. Give it a length, or remove the delay.', ru: 'не ждёт нисколько: контакт сразу пойдёт дальше. Задайте длительность или уберите задержку.' });
    if (kinds !== 1) v.error('for', 'delay-kind', {
        en: 'A delay needs exactly one of "for" (a duration), "until" (a time of day) or "untilDate" (a date attribute).',
        ru: 'Задержка задаётся ровно одним способом: "for" (длительность), "until" (время суток) или "untilDate" (атрибут с датой).',
      });
  },
  guards: { missing: (d, env) => dueAt(d, env) === null },
  // a date step that did not wait says why: no date, not a date, or the moment has passed
  leftNote: (d, env) => {
    const gap = d.untilDate && untilDateGap(d.untilDate, env);
    return gap ? { noDate: gap } : undefined;
  },
  // left open, «no date» goes on by «next» at once: a reminder «a day before» would go out at once for a past date
  unconnectedExit: (d, exit) =>
    // the run's own start is always there, and a time after it has not passed unless the funnel took longer to get here
    exit === 'missing' && !(d.untilDate?.attribute === 'run.startedAt' && !d.untilDate.offset?.startsWith('-'))
      ? {
          en: 'its "no date" exit is not connected: a contact whose date is empty, unreadable or already past goes on by "next" at once (a reminder "a day before" goes out right away). Connect "no date" to where such contacts should go, or to an exit.',
          ru: 'выход «нет даты» не подключён: контакт без даты, с непрочитанной или уже прошедшей датой сразу пойдёт дальше по «далее» (напоминание «за день до» уйдёт сразу). Подключите «нет даты» туда, куда таким контактам нужно, или к выходу.',
        }
      : undefined,
  compile(d, h) {
    const frag = { after: { [h.timerName]: h.exit('next') } };
    if (!d.untilDate) return frag;
    const missingExit = h.hasEdge('missing') ? 'missing' : 'next';
    return { ...frag, always: [h.exit(missingExit, [], h.nodeGuard('missing'))] };
  },
  timer(d, env) {
    const due = dueAt(d, env);
    // an empty or past date leaves at once by the `missing` guard; 0 keeps XState from raising immediately
    return due === null ? 0 : Math.max(0, due - env.now);
  },
  summary: (d, lang = 'en') => {
    const until = lang === 'ru' ? 'до' : 'until';
    if (d.for) return d.for;
    if (d.until) return `${until} ${d.until.at}${d.until.days ? ` ${d.until.days.join(',')}` : ''}`;
    return `${until} ${d.untilDate?.attribute}${d.untilDate?.offset ? ` ${d.untilDate.offset}` : ''}${d.untilDate?.at ? ` ${d.untilDate.at}` : ''}`;
  },
});
