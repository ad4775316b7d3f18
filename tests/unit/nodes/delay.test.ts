import { describe, expect, it } from 'vitest';
import { compileFunnel } from '../../../shared/compiler/compileFunnel.ts';
import { validateFunnel as validate } from '../../../shared/validate/validateFunnel.ts';
import { DAY, T0, compiled, contact, edge, funnel, next, node, path, sim, start, stateOf, trigger } from '../helpers.ts';
import { delay } from '../../../shared/nodes/delay.ts';

const MSK = 'Europe/Moscow';
/** trigger → delay d → message m (sms), optionally d --missing--> gone. */
const delayFunnel = (data: Record<string, unknown>, opts: { missing?: boolean; settings?: Record<string, unknown> } = {}) =>
  funnel(
    [trigger(), node('d', 'delay', data), node('m', 'message', { channel: 'sms', body: 'hi', marketing: false }), ...(opts.missing ? [node('gone', 'exit')] : [])],
    [edge('start', 'next', 'd'), edge('d', 'next', 'm'), ...(opts.missing ? [edge('d', 'missing', 'gone')] : [])],
    opts.settings ?? { timezone: MSK },
  );
const dueOf = (r: ReturnType<typeof start>) => (r.effects.find((e) => e.kind === 'schedule') as { dueAt: number } | undefined)?.dueAt;

describe('delay: compile', () => {
  it('a `for` delay is an `after` transition on its named timer to the next node', () => {
    const cf = compiled(delayFunnel({ for: 'PT1H' }));
    const st = stateOf(cf, 'd');
    expect(st.after).toEqual({ t_d: { target: 'm', actions: [{ type: 'leave', params: { node: 'd', exit: 'next' } }] } });
    expect(st.always).toBeUndefined();
    expect(st.on).toBeUndefined();
    expect(cf.timerNode.get('t_d')).toBe('d');
  });

  it('an `untilDate` delay with a missing edge leaves by `missing` when its guard holds', () => {
    const st = stateOf(compiled(delayFunnel({ untilDate: { attribute: 'birthday' } }, { missing: true })), 'd');
    expect(st.always).toEqual([
      { target: 'gone', guard: { type: 'nodeGuard', params: { node: 'd', name: 'missing' } }, actions: [{ type: 'leave', params: { node: 'd', exit: 'missing' } }] },
    ]);
    expect(st.after.t_d.target).toBe('m');
  });

  it('an `untilDate` delay without a missing edge goes on by next when the date is missing', () => {
    const st = stateOf(compiled(delayFunnel({ untilDate: { attribute: 'birthday' } })), 'd');
    expect(st.always).toHaveLength(1);
    expect(st.always[0].target).toBe('m');
    expect(st.always[0].guard).toEqual({ type: 'nodeGuard', params: { node: 'd', name: 'missing' } });
    expect(st.always[0].actions[0].params.exit).toBe('next');
  });
});

describe('delay: for', () => {
  it('schedules a timer at now + duration, and the run moves on when it fires', () => {
    const cf = compiled(delayFunnel({ for: 'PT90M' }));
    const r = start(cf);
    expect(r.at).toBe('d');
    expect(dueOf(r)).toBe(T0 + 90 * 60_000);
    const s = sim(delayFunnel({ for: 'PT90M' }));
    s.event({ type: 'go' });
    s.advance('PT89M');
    expect(s.current!.at).toBe('d');
    expect(s.messages).toEqual([]);
    s.advance('PT1M');
    expect(s.current!.status).toBe('completed');
    expect(s.messages.map((m) => m.at)).toEqual([T0 + 90 * 60_000]);
    expect(s.log.find((j) => j.kind === 'left' && j.node === 'd')).toMatchObject({ exit: 'next', cause: 'timer', at: T0 + 90 * 60_000 });
  });

  it("P1M is a calendar month in the contact's zone (across the DST change in Berlin)", () => {
    const berlin = contact({ timezone: 'Europe/Berlin' });
    const startAt = Date.parse('2026-03-02T09:00:00+01:00');
    const r = start(compiled(delayFunnel({ for: 'P1M' })), { type: 'go' }, berlin, startAt);
    expect(dueOf(r)).toBe(Date.parse('2026-04-02T09:00:00+02:00'));
    // the same instant for a Moscow contact (no DST): exactly 31 days
    const m = start(compiled(delayFunnel({ for: 'P1M' })), { type: 'go' }, contact(), startAt);
    expect(dueOf(m)).toBe(startAt + 31 * DAY);
  });

  it('P1M from January 31 ends on the last day of February', () => {
    const jan31 = Date.parse('2026-01-31T12:00:00+03:00');
    expect(dueOf(start(compiled(delayFunnel({ for: 'P1M' })), { type: 'go' }, contact(), jan31))).toBe(Date.parse('2026-02-28T12:00:00+03:00'));
  });

  it('P1D across a DST change is "same time tomorrow" in the contact zone', () => {
    const berlin = contact({ timezone: 'Europe/Berlin' });
    const sat = Date.parse('2026-03-28T10:00:00+01:00');
    expect(dueOf(start(compiled(delayFunnel({ for: 'P1D' })), { type: 'go' }, berlin, sat))).toBe(Date.parse('2026-03-29T10:00:00+02:00'));
  });
});

describe('delay: in a loop', () => {
  it('a reminder loop through a delay sends once a day until the wait receives the event', () => {
    const f = funnel(
      [
        trigger(),
        node('m', 'message', { channel: 'sms', body: 'reminder', marketing: false }),
        node('w', 'wait', { event: 'order.paid', timeout: 'PT1H' }),
        node('d', 'delay', { for: 'PT23H' }),
        node('paid', 'exit'),
      ],
      [edge('start', 'next', 'm'), edge('m', 'next', 'w'), edge('w', 'timeout', 'd'), edge('d', 'next', 'm'), edge('w', 'received', 'paid')],
    );
    const s = sim(f);
    s.event({ type: 'go' });
    s.advance('P2DT30M');
    expect(s.messages.map((m) => m.at)).toEqual([T0, T0 + DAY, T0 + 2 * DAY]);
    s.event({ type: 'order.paid' });
    expect(s.current!.status).toBe('completed');
    expect(s.nextDue()).toBeNull();
    s.advance('P5D');
    expect(s.messages).toHaveLength(3);
  });
});

describe('delay: until', () => {
  it("waits until HH:MM on the listed days in the contact's zone, not the funnel's", () => {
    // T0 = Monday 09:00 Moscow = 11:00 Yekaterinburg
    const cf = compiled(delayFunnel({ until: { at: '10:00', days: ['mon', 'wed'] } }));
    const ekb = start(cf, { type: 'go' }, contact({ timezone: 'Asia/Yekaterinburg' }));
    expect(dueOf(ekb)).toBe(Date.parse('2026-03-04T10:00:00+05:00'));
    const msk = start(cf, { type: 'go' }, contact());
    expect(dueOf(msk)).toBe(Date.parse('2026-03-02T10:00:00+03:00'));
  });

  it('without days: the next such time (tomorrow when today’s has passed)', () => {
    const cf = compiled(delayFunnel({ until: { at: '10:00' } }));
    expect(dueOf(start(cf, { type: 'go' }, contact({ timezone: 'Asia/Yekaterinburg' })))).toBe(Date.parse('2026-03-03T10:00:00+05:00'));
  });

  it('uses the funnel time zone when the contact has none, UTC when neither has', () => {
    const msk = start(compiled(delayFunnel({ until: { at: '08:00' } })));
    expect(dueOf(msk)).toBe(Date.parse('2026-03-03T08:00:00+03:00'));
    const utc = start(compiled(delayFunnel({ until: { at: '08:00' } }, { settings: {} })));
    expect(dueOf(utc)).toBe(Date.parse('2026-03-02T08:00:00Z'));
  });

  it('runs through the simulator to the right moment', () => {
    const s = sim(delayFunnel({ until: { at: '10:00', days: ['fri'] } }), contact({ timezone: 'Asia/Yekaterinburg' }));
    s.event({ type: 'go' });
    s.advance('P7D');
    expect(s.messages.map((m) => m.at)).toEqual([Date.parse('2026-03-06T10:00:00+05:00')]);
  });
});

describe('delay: untilDate', () => {
  it('waits until the date attribute plus offset at `at`, in the contact zone', () => {
    const cf = compiled(delayFunnel({ untilDate: { attribute: 'birthday', offset: '-P3D', at: '12:00' } }, { missing: true }));
    const r = start(cf, { type: 'go' }, contact({ birthday: '2026-03-10', timezone: 'Asia/Yekaterinburg' }));
    expect(r.at).toBe('d');
    expect(dueOf(r)).toBe(Date.parse('2026-03-07T12:00:00+05:00'));
    const plus = start(compiled(delayFunnel({ untilDate: { attribute: 'renewal', offset: 'P1D' } })), { type: 'go' }, contact({ renewal: '2026-03-10' }));
    expect(dueOf(plus)).toBe(Date.parse('2026-03-11T00:00:00+03:00'));
  });

  it('a date from the run\'s start event (event.data.<key>): a webinar reminder an hour before its start', () => {
    const cf = compiled(delayFunnel({ untilDate: { attribute: 'event.data.startsAt', offset: '-PT1H' } }, { missing: true }));
    const r = start(cf, { type: 'go', data: { startsAt: '2026-03-05T19:00:00+03:00' } }, contact({ timezone: MSK }));
    expect(r.at).toBe('d');
    expect(dueOf(r)).toBe(Date.parse('2026-03-05T18:00:00+03:00'));
    // a date-only value with a time of day, in the contact's zone; an event without it leaves by `missing`
    const day = compiled(delayFunnel({ untilDate: { attribute: 'event.data.day', at: '10:00' } }, { missing: true }));
    expect(dueOf(start(day, { type: 'go', data: { day: '2026-03-06' } }, contact({ timezone: 'Asia/Yekaterinburg' })))).toBe(Date.parse('2026-03-06T10:00:00+05:00'));
    const none = start(cf, { type: 'go', data: {} }, contact({ startsAt: '2026-03-05T19:00:00+03:00' })); // a contact attribute of that name is not used
    expect(none.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['start', 'd', 'gone']);
  });

  it('a date from the event must be written event.data.<key>', () => {
    const r = compileFunnel(delayFunnel({ untilDate: { attribute: 'event.startsAt' } }));
    if (r.ok) throw new Error('compiled');
    expect(r.issues.find((i) => i.nodeId === 'd')?.message).toContain('event.data.<key>');
  });

  it('an ISO timestamp attribute works too', () => {
    const r = start(compiled(delayFunnel({ untilDate: { attribute: 'appointment', offset: '-PT2H' } })), { type: 'go' }, contact({ appointment: '2026-03-05T15:00:00+03:00' }));
    expect(dueOf(r)).toBe(Date.parse('2026-03-05T13:00:00+03:00'));
  });

  it('an empty attribute leaves by `missing` at once (no timer left)', () => {
    const cf = compiled(delayFunnel({ untilDate: { attribute: 'birthday' } }, { missing: true }));
    for (const attrs of [{}, { birthday: '' }, { birthday: null }]) {
      const r = start(cf, { type: 'go' }, contact(attrs));
      expect(r.status).toBe('completed');
      // the journal says why it did not wait: there is no date
      expect(r.journal).toContainEqual({ at: T0, kind: 'left', node: 'd', exit: 'missing', cause: 'go', noDate: {} });
      expect(r.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['start', 'd', 'gone']);
      expect(r.effects.filter((e) => e.kind === 'schedule')).toEqual([]);
    }
  });

  it('a date already past leaves by `missing` at once', () => {
    const cf = compiled(delayFunnel({ untilDate: { attribute: 'birthday', offset: '-P3D' } }, { missing: true }));
    const r = start(cf, { type: 'go' }, contact({ birthday: '2026-03-04' })); // 03-01 < now
    expect(r.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['start', 'd', 'gone']);
    // with when the moment was
    expect(r.journal.find((j) => j.kind === 'left' && j.node === 'd')?.noDate).toEqual({ passed: expect.any(Number) });
  });

  it('with «no date» left open, a past or unreadable date goes on by `next` at once, and says why; a date that comes waits and says nothing', () => {
    const cf = compiled(delayFunnel({ untilDate: { attribute: 'event.data.webinarAt', offset: '-P1D' } }));
    const left = (webinarAt: unknown) => {
      const r = start(cf, { type: 'go', data: { webinarAt } }, contact({}));
      return r.journal.find((j) => j.kind === 'left' && j.node === 'd');
    };
    expect(left('завтра')).toMatchObject({ exit: 'next', noDate: { value: 'завтра' } });
    expect(left(new Date(T0 - 86_400_000).toISOString())).toMatchObject({ exit: 'next', noDate: { passed: T0 - 2 * 86_400_000 } });
    expect(left(undefined)).toMatchObject({ exit: 'next', noDate: {} });
    // a date ahead: it waits, and when its own timer fires it leaves with no such note
    const s = sim(delayFunnel({ untilDate: { attribute: 'event.data.webinarAt', offset: '-P1D' } }));
    s.event({ type: 'go', data: { webinarAt: new Date(T0 + 3 * 86_400_000).toISOString() } });
    s.advance('P3D');
    const done = s.log.find((j) => j.kind === 'left' && j.node === 'd');
    expect(done).toMatchObject({ exit: 'next', cause: 'timer' });
    expect(done?.noDate).toBeUndefined();
  });

  it('a date delay whose «no date» is not connected is a warning naming it; connected, none', () => {
    const warns = (missing: boolean) => validate(delayFunnel({ untilDate: { attribute: 'event.data.webinarAt', offset: '-P1D' } }, missing ? { missing: true } : {})).issues.filter((i) => i.code === 'exit-unconnected');
    expect(warns(false).map((i) => [i.nodeId, i.severity])).toEqual([['d', 'warning']]);
    expect(warns(false)[0].message).toContain('"no date" exit is not connected');
    expect(warns(true)).toEqual([]);
    // a delay by a duration has no such exit
    expect(validate(delayFunnel({ for: 'P1D' })).issues.filter((i) => i.code === 'exit-unconnected')).toEqual([]);
    // a time after the run's own start is always there (audit 34 L2); one before it may have passed
    const onStart = (offset: string) => validate(delayFunnel({ untilDate: { attribute: 'run.startedAt', offset } })).issues.filter((i) => i.code === 'exit-unconnected');
    expect(onStart('P6M')).toEqual([]);
    expect(onStart('-P1D').map((i) => i.nodeId)).toEqual(['d']);
  });

  it('without a missing edge, a missing date goes on by next at once', () => {
    const s = sim(delayFunnel({ untilDate: { attribute: 'birthday' } }));
    s.event({ type: 'go' });
    expect(path(s)).toEqual(['start', 'd', 'm']);
    expect(s.log.find((j) => j.kind === 'left' && j.node === 'd')).toMatchObject({ exit: 'next', at: T0 });
    expect(s.messages.map((m) => m.at)).toEqual([T0]);
    expect(s.current!.status).toBe('completed');
    expect(s.nextDue()).toBeNull();
  });

  it('a future date with a missing edge waits and leaves by next', () => {
    const s = sim(delayFunnel({ untilDate: { attribute: 'birthday', at: '09:30' } }, { missing: true }), contact({ birthday: '2026-03-05' }));
    s.event({ type: 'go' });
    expect(s.current!.at).toBe('d');
    s.advance('P5D');
    expect(path(s)).toEqual(['start', 'd', 'm']);
    expect(s.messages.map((m) => m.at)).toEqual([Date.parse('2026-03-05T09:30:00+03:00')]);
  });
});

describe('delay: exitWhen', () => {
  const settings = { timezone: MSK, exitWhen: [{ event: 'unsubscribed' }] };

  it('ends the run at once inside a long delay (status exited), and cancels its timer', () => {
    const cf = compiled(delayFunnel({ for: 'P90D' }, { settings }));
    const r = start(cf);
    const timerId = (r.effects.find((e) => e.kind === 'schedule') as { timerId: string }).timerId;
    const x = next(cf, r.snapshot, { type: 'unsubscribed' }, contact(), T0 + DAY);
    expect(x.status).toBe('exited');
    expect(x.at).toBeNull();
    expect(x.effects).toContainEqual({ kind: 'cancel', timerId });
    expect(x.effects.find((e) => e.kind === 'end')).toMatchObject({ kind: 'end', status: 'exited' });
    expect(x.journal).toContainEqual(expect.objectContaining({ kind: 'left', node: 'd', exit: 'exited', cause: 'unsubscribed' }));
  });

  it('in the simulator: no timer is left and nothing happens later', () => {
    const s = sim(delayFunnel({ for: 'P90D' }, { settings }));
    s.event({ type: 'go' });
    s.advance('P10D');
    s.event({ type: 'unsubscribed' });
    expect(s.current!.status).toBe('exited');
    expect(s.nextDue()).toBeNull();
    const before = s.log.length;
    s.advance('P400D');
    expect(s.log.length).toBe(before);
    expect(s.messages).toEqual([]);
  });

  it('an exitWhen with where only ends the run when the event matches', () => {
    const cf = compiled(delayFunnel({ for: 'P90D' }, { settings: { exitWhen: [{ event: 'status', where: { '==': [{ var: 'event.data.value' }, 'dead'] } }] } }));
    const r = start(cf);
    expect(next(cf, r.snapshot, { type: 'status', data: { value: 'alive' } }).changed).toBe(false);
    expect(next(cf, r.snapshot, { type: 'status', data: { value: 'dead' } }).status).toBe('exited');
  });

  it('an unrelated event does nothing; the timer still fires after 90 days', () => {
    const s = sim(delayFunnel({ for: 'P90D' }, { settings }));
    s.event({ type: 'go' });
    s.event({ type: 'something.else' });
    s.advance('P89D');
    expect(s.current!.at).toBe('d');
    s.advance('P1D');
    expect(s.current!.status).toBe('completed');
    expect(s.messages[0].at).toBe(T0 + 90 * DAY);
  });
});

describe('delay: summary (the canvas zoomed far out)', () => {
  it('speaks the UI language: «до» in Russian, "until" in English, no mixing', () => {
    const d = { untilDate: { attribute: 'event.data.webinarAt', offset: '-P1D', at: '10:00' } };
    expect(delay.summary!(d as never, 'ru')).toBe('до event.data.webinarAt -P1D 10:00');
    expect(delay.summary!(d as never, 'en')).toBe('until event.data.webinarAt -P1D 10:00');
    expect(delay.summary!({ until: { at: '09:00' } } as never, 'ru')).toBe('до 09:00');
    expect(delay.summary!({ for: 'P3D' } as never, 'ru')).toBe('P3D');
  });
});
