import { useState } from 'react';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { approxDurationMs, parseDuration } from '../../../shared/format/duration.ts';
import { useT } from '../i18n/i18n.ts';
import { typedDuration } from '../editor/humanize.ts';
import { toIsoDuration } from '../../../shared/format/durationWords.ts';
import { EventForm } from './EventForm.tsx';
import { suggestData, triggerEvents } from './eventHints.ts';
import { parseValue } from './kv.ts';
import { dealAmount } from '../lists/dealAmount.ts';
import { useSimulation, type Session } from './useSimulation.ts';

const QUICK = ['PT1H', 'P1D', 'P3D', 'P1W'];
/** The event form for an event of any type, typed in. */
const OTHER = '\u0000other';

/** Events the run waits for now (or the funnel's triggers when no run waits); task completion is not an event button. */
export function eventChoices(funnel: Funnel, s: Session): string[] {
  const listening = s.sim.listening().filter((e) => e !== 'task.completed' && !e.startsWith('voronka.') && !e.startsWith('xstate.'));
  const waiting = s.sim.current?.status === 'waiting';
  const triggers = waiting ? [] : triggerEvents(funnel).map((c) => c.type);
  return [...triggers, ...listening].filter((e, i, a) => a.indexOf(e) === i);
}

/** The most the clock moves at once: ten years. */
const MAX_ADVANCE_MS = 10 * 365 * 86_400_000;

/** What the user can do next in the walk: send an event, move the clock, complete a task, change an attribute. */
export function SimControls({ funnel, session }: { funnel: Funnel; session: Session }) {
  const { t, date, lang } = useT();
  const act = useSimulation((s) => s.act);
  const [form, setForm] = useState<string | null>(null);
  const [by, setBy] = useState('P1D');
  const [attr, setAttr] = useState({ key: '', value: '' });
  const [amount, setAmount] = useState('');
  const badAmount = amount.trim() !== '' && dealAmount(amount, lang) === undefined;
  const { sim } = session;
  const events = eventChoices(funnel, session);
  const due = sim.nextDue();
  const run = sim.current;
  const tasks = sim.tasks.filter((x) => x.status === 'open' && x.runId === run?.id);
  // forward, and by some time: «0 days» would be a step that does nothing, saved into the scenario
  // typed as the editor's duration fields take it: «2 дня», «1,5 часа», "3h" or ISO
  const byIso = toIsoDuration(by.trim());
  const parsedBy = parseDuration(byIso);
  // and not past any funnel's horizon: ten years at once is a slip of the keys (P100Y for PT100M)
  const byMs = parsedBy ? approxDurationMs(parsedBy) : 0;
  const validBy = !!parsedBy && parsedBy.sign > 0 && byMs > 0 && byMs <= MAX_ADVANCE_MS;
  const byProblem =
    by.trim() === '' ? null : !parsedBy ? 'sim.advance.notDuration' : parsedBy.sign < 0 ? 'sim.advance.negative' : byMs <= 0 ? 'sim.advance.zero' : byMs > MAX_ADVANCE_MS ? 'sim.advance.tooLong' : null;
  // the event form closes when the run no longer waits for its event (a timer moved it on); «another event» stays
  const formFor = form !== null && (form === OTHER || events.includes(form)) ? form : null;

  return (
    <div className="sim-controls">
      <section className="sim-block">
        <h3>{t('sim.events')}</h3>
        {events.length === 0 && <p className="muted sim-small" data-testid="sim-events-none">{t(tasks.length ? 'sim.events.task' : 'sim.events.none')}</p>}
        <div className="sim-buttons">
          {events.map((e) => (
            <button key={e} type="button" data-testid={`sim-event-${e}`} className={form === e ? 'sim-on' : ''} onClick={() => setForm(form === e ? null : e)}>
              ⚡ {e}
            </button>
          ))}
          {/* any event, for what should change nothing or end the run: a late one, an unsubscribe */}
          <button type="button" data-testid="sim-event-other" className={form === OTHER ? 'sim-on link' : 'link'} onClick={() => setForm(form === OTHER ? null : OTHER)} title={t('sim.event.otherHint')}>
            {t('sim.event.other')}
          </button>
        </div>
        {formFor && (
          <EventForm
            key={`${formFor}-${session.steps.length}`}
            type={formFor === OTHER ? null : formFor}
            initial={formFor === OTHER ? {} : suggestData(funnel, sim, formFor)}
            onCancel={() => setForm(null)}
            onSend={(type, data) => {
              act({ event: { type, ...(Object.keys(data).length ? { data } : {}) } });
              setForm(null);
            }}
          />
        )}
      </section>

      <section className="sim-block">
        <h3>{t('sim.time')}</h3>
        <div className="sim-buttons">
          <button type="button" data-testid="sim-next-timer" disabled={due === null} onClick={() => act({ nextTimer: true })} title={due === null ? t('sim.err.nothingDue') : undefined}>
            ⇥ {t('sim.nextTimer')}
            {due !== null && <span className="sim-small muted"> · {date(due, sim.zone)}</span>}
          </button>
        </div>
        <form
          className="sim-advance"
          onSubmit={(e) => {
            e.preventDefault();
            if (validBy) act({ advance: byIso });
          }}
        >
          <input name="advanceBy" aria-label={t('sim.advanceBy')} value={by} onChange={(e) => setBy(typedDuration(e.target.value))} className={validBy ? '' : 'sim-invalid'} placeholder={t('sim.advance.placeholder')} />
          <button type="submit" data-testid="sim-advance" disabled={!validBy}>
            {t('sim.advance')}
          </button>
        </form>
        {byProblem && (
          <p className="error sim-small" data-testid="sim-advance-problem">
            {t(byProblem)}
          </p>
        )}
        <div className="sim-buttons sim-quick">
          {QUICK.map((q) => (
            <button key={q} type="button" data-testid={`sim-advance-${q}`} onClick={() => act({ advance: q })}>
              +{t(`sim.quick.${q}`)}
            </button>
          ))}
        </div>
      </section>

      {tasks.length > 0 && (
        <section className="sim-block">
          <h3>{t('sim.tasks')}</h3>
          {tasks.map((task, i) => (
            <div key={task.id} className="sim-task">
              <div>
                <b>{task.title}</b> <span className="muted sim-small">· {task.node}{task.dueAt ? ` · ${t('sim.task.due', { at: date(task.dueAt, sim.zone) })}` : ''}</span>
              </div>
              {i === 0 && task.outcomes.some((o) => o.goal) && (
                // the deal's value for an outcome that counts as a conversion, as a manager would enter it
                <label className="sim-small sim-amount">
                  {t('sim.task.amount')}
                  <input type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={badAmount || undefined} data-testid="sim-task-amount" />
                  {/* not dropped without a word: a deal's amount that cannot be read stops the button, as in the inbox */}
                  {badAmount && <span className="error">{t('inbox.amountBad')}</span>}
                </label>
              )}
              <div className="sim-buttons">
                {task.outcomes.map((o) => (
                  <button
                    key={o.id}
                    type="button"
                    data-testid={i === 0 ? `sim-task-${o.id}` : undefined}
                    disabled={i > 0 || (badAmount && !!o.goal)}
                    onClick={() => {
                      const n = o.goal ? dealAmount(amount, lang) : undefined;
                      act({ task: { outcome: o.id, ...(n !== undefined ? { amount: n } : {}) } });
                      setAmount('');
                    }}
                    title={o.id}
                  >
                    ✓ {o.label}
                  </button>
                ))}
              </div>
            </div>
          ))}
        </section>
      )}

      <details className="sim-block sim-details">
        <summary>{t('sim.set')}</summary>
        <form
          className="sim-kv-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!attr.key.trim()) return;
            act({ set: { [attr.key.trim()]: parseValue(attr.value) } });
            setAttr({ key: '', value: '' });
          }}
        >
          <input name="setKey" placeholder={t('sim.kv.key')} value={attr.key} onChange={(e) => setAttr({ ...attr, key: e.target.value })} />
          <input name="setValue" placeholder={t('sim.kv.value')} value={attr.value} onChange={(e) => setAttr({ ...attr, value: e.target.value })} />
          <button type="submit" data-testid="sim-set" disabled={!attr.key.trim()}>
            {t('sim.set.apply')}
          </button>
        </form>
      </details>

    </div>
  );
}
