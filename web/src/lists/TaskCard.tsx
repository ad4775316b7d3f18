import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePhoneText } from '../app/workspace.ts';
import type { OrderDto } from '../../../shared/api/types.ts';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useMe } from '../app/session.ts';
import { queueWords } from '../app/assignees.ts';
import { AttributeTable } from './AttributeTable.tsx';
import { ContactClock } from './ContactClock.tsx';
import { contactName } from './contactName.ts';
import { dealAmount } from './dealAmount.ts';
import { errorStatus, errorText } from './errors.ts';
import { useFormat } from './format.ts';
import { PathTimeline } from './PathTimeline.tsx';
import { SegmentBadges } from './SegmentBadges.tsx';
import { DueTime, isLate } from './TaskList.tsx';
import { useToasts } from './toast.tsx';
import { useSecondsLeft, useUndoable } from './useUndoable.ts';
import { useProductNames } from './useProductNames.ts';

/** How long a chosen outcome can be taken back before it is sent. */
export const UNDO_SECONDS = 5;

type Choice = { id: string; label: string; goal?: boolean; note?: string; amount?: number; amountDropped?: boolean };

/**
 * One hand-off task: the contact, the funnel it came from, the path so far and the description;
 * an outcome button completes the task and resumes the funnel on that branch — after a few
 * seconds in which a mis-click can be undone.
 */
export function TaskCard({ taskId, now, next }: { taskId: string; now: number; next?: string }) {
  const { t, date, maybe, money, lang, currencySign } = useFormat();
  const readablePhone = usePhoneText();
  const productName = useProductNames();
  const quote = (s: string) => (lang === 'ru' ? `«${s}»` : `“${s}”`);
  const me = useMe().data;
  const qc = useQueryClient();
  const push = useToasts((s) => s.push);
  const [conflict, setConflict] = useState(false);
  const [note, setNote] = useState('');
  const [amount, setAmount] = useState('');
  const task = useQuery({ queryKey: ['task', taskId], queryFn: () => api.task(taskId), refetchInterval: 5_000 });
  const complete = useMutation({
    mutationFn: (c: Choice) => api.completeTask(taskId, c.id, c.note, c.amount),
    onSuccess: (_done, outcome) => {
      setConflict(false);
      setNote('');
      setAmount('');
      // the card may already show the next client: the toast says whose task this was
      const d = task.data;
      push(t('inbox.doneToast', { outcome: outcome.label, who: d ? contactName(d.contact, d.contactId) : taskId }));
    },
    onError: (e) => {
      // 409: someone else closed it (or the SLA passed) in the meantime — show its state, not a failure
      if (errorStatus(e) === 409) setConflict(true);
      else push(errorText(e), 'err');
    },
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['tasks'] }), qc.invalidateQueries({ queryKey: ['task', taskId] })]),
  });

  const chosen = useUndoable<Choice>((c) => complete.mutateAsync(c).catch(() => undefined), UNDO_SECONDS * 1000);
  const secondsLeft = useSecondsLeft(chosen.until);
  const choose = (o: { id: string; label: string; goal?: boolean }) =>
    chosen.start({
      id: o.id,
      label: o.label,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(o.goal && dealAmount(amount, lang) !== undefined ? { amount: dealAmount(amount, lang) } : {}),
      // an amount typed, then an outcome that is no sale: it is not recorded, and the banner says so
      ...(!o.goal && amount.trim() !== '' ? { amountDropped: true } : {}),
    });

  const assign = useMutation({
    mutationFn: (userId: string | null) => api.assignTask(taskId, userId),
    onError: (e) => push(errorText(e), 'err'),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['tasks'] }), qc.invalidateQueries({ queryKey: ['task', taskId] })]),
  });

  if (task.isLoading) return <div className="card ls-task-card muted">{t('common.loading')}</div>;
  if (task.error || !task.data)
    return (
      <div className="card ls-task-card" data-testid="task-card">
        <p className="error">{errorStatus(task.error) === 404 ? t('inbox.notFound') : errorText(task.error)}</p>
      </div>
    );
  const d = task.data;
  const open = d.status === 'open';
  // overdue: the funnel took the «overdue» branch, but a deal closed late can still be recorded once (it counts, the run does not move)
  const late = d.status === 'overdue' && d.outcome == null;
  // an order paid since the task was set (the client bought on the site before the call)
  // (strictly after: the payment that set the task — a tripwire bought, a call to follow — comes at the same moment)
  const paidSince = d.outcome == null ? (d.orders ?? []).filter((o) => o.status === 'paid' && o.at > d.createdAt && o.data?.taskId !== d.id) : [];
  const paidEvents = d.outcome == null ? (d.paidSince ?? []) : [];
  const orderText = (o: OrderDto) => `${(o.sku && productName(o.sku) ? `${productName(o.sku)} (${o.sku})` : o.sku) ?? (typeof o.data?.taskId === 'string' ? t('contact.order.deal') : o.id)} — ${money(o.amount, o.currency)}, ${date(o.at)}`;
  const acts = (open || late) && !chosen.pending;
  const outcomeLabel = d.outcomes.find((o) => o.id === d.outcome)?.label ?? d.outcome;
  const goals = d.outcomes.filter((o) => o.goal);
  const badAmount = amount.trim() !== '' && dealAmount(amount, lang) === undefined;
  const reach = (k: string) => (typeof d.contact?.attributes[k] === 'string' && (d.contact.attributes[k] as string).trim() ? (d.contact.attributes[k] as string).trim() : null);
  const phone = reach('phone');
  const email = reach('email');
  // what the customer has paid in all (the list below shows the latest five): per currency, as the workspace writes money
  const paid = (d.orders ?? []).filter((o) => o.status === 'paid');
  const spent = new Map<string, number>();
  for (const o of paid) spent.set(o.currency, (spent.get(o.currency) ?? 0) + o.amount);
  return (
    <article className="card ls-task-card" data-testid="task-card" data-status={d.status}>
      <header className="ls-card-head">
        <h2>{d.title}</h2>
        {isLate(d, now) && <span className="badge err">{t('inbox.overdue')}</span>}
        {!open && d.status !== 'overdue' && <span className={d.status === 'done' ? 'badge live' : 'badge'}>{t(`inbox.status.${d.status}`)}</span>}
      </header>
      <p className="ls-sub">
        {(open || d.status === 'overdue') && (
          <>
            <DueTime task={d} now={now} />
            {d.dueAt !== null && <span> ({date(d.dueAt)})</span>}
            {' · '}
          </>
        )}
        {t('inbox.created', { when: date(d.createdAt) })}
      </p>
      {(phone || email || open || late) && (
        // how to reach the client, above the outcome buttons (on a phone the contact's table is far below);
        // an open task says when there is no number to call before the manager looks for one
        <p className="ls-sub ls-reach" data-testid="task-reach">
          {phone ? (
            <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>☎ {readablePhone(phone)}</a>
          ) : (
            <span className="ls-late" data-testid="task-no-phone">
              ☎ {t('inbox.noPhone')}
            </span>
          )}
          {email && ' · '}
          {email && <a href={`mailto:${email}`}>✉ {email}</a>}
        </p>
      )}
      {d.contact && d.contact.segments.length > 0 && (
        // why the call: the segment that set the task (a sleeping regular), in the contact page's words
        <p className="ls-sub" data-testid="task-segments">
          <SegmentBadges segments={d.contact.segments} />
        </p>
      )}
      {d.description && <p className="ls-description">{d.description}</p>}
      {open && me && (
        <p className="ls-sub" data-testid="task-assignee">
          {d.userId === me.id ? t('inbox.assigned.me') : d.userId ? (d.userName ? t('inbox.assigned.colleague', { name: d.userName }) : t('inbox.assigned.other')) : t('inbox.assigned.queue', { role: queueWords(d.role ?? '', maybe) })}
          {d.userId !== me.id && me.role !== 'qa' && (
            <button className="link ls-ml" onClick={() => assign.mutate(me.id)} disabled={assign.isPending || !!chosen.pending} data-testid="task-take">
              {t('inbox.take')}
            </button>
          )}
          {d.userId === me.id && d.role && (
            <button className="link ls-ml" onClick={() => assign.mutate(null)} disabled={assign.isPending || !!chosen.pending} data-testid="task-release">
              {t('inbox.release', { role: queueWords(d.role ?? '', maybe) })}
            </button>
          )}
        </p>
      )}

      {(paidSince.length > 0 || paidEvents.length > 0) && (
        // the client paid after the task was set (an order, or a payment event such as subscription.paid): the manager should know before calling
        <p className="ls-banner ls-warn" data-testid="task-paid-since">
          {t('inbox.paidSince', { orders: [...paidSince.map(orderText), ...paidEvents.map((e) => `${t('inbox.paymentEvent', { type: e.type })} — ${money(e.amount, e.currency ?? d.currency)}, ${date(e.at)}`)].join('; ') })}
        </p>
      )}
      {late && (
        <p className="ls-banner ls-warn" data-testid="task-late-hint">
          {t('inbox.lateHint')}
        </p>
      )}
      {acts && me && d.userId && d.userId !== me.id && (
        // a colleague's task: the outcome would be recorded as this user's decision — said before the click
        <p className="ls-banner ls-warn" data-testid="task-colleague-warning">
          {t('inbox.colleagueWarning', { name: d.userName ?? t('inbox.aColleague') })}
        </p>
      )}
      {acts && (
        <label className="ls-task-note">
          {t('inbox.note')}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} placeholder={t('inbox.notePlaceholder')} data-testid="task-note" />
        </label>
      )}
      {acts && goals.length > 0 && (
        // an outcome that counts as a conversion (a sale closed by phone) records the deal's value as revenue
        <label className="ls-task-amount">
          {t('inbox.amount', { outcomes: goals.map((o) => quote(o.label)).join(', '), sign: currencySign(d.currency) })}
          <input type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={badAmount || undefined} data-testid="task-amount" />
          {badAmount && <span className="error ls-small">{t('inbox.amountBad')}</span>}
        </label>
      )}
      <div className="ls-outcomes" role="group" aria-label={t('inbox.outcomes')}>
        {d.outcomes.map((o) => (
          // where some outcomes are a sale, those stand out from the others («Купил» filled, «Отказ» outlined): not two look-alike buttons to mis-tap
          <button key={o.id} className={acts ? (o.goal || !d.outcomes.some((x) => x.goal) ? 'primary' : 'ls-outcome-other') : (chosen.pending?.id ?? d.outcome) === o.id ? 'ls-chosen' : ''} disabled={!acts || complete.isPending || (badAmount && !!o.goal)} onClick={() => choose(o)} data-testid={`outcome-${o.id}`}>
            {o.label}
          </button>
        ))}
      </div>
      {chosen.pending && (
        // a mis-click is taken back before anything is sent; leaving the task sends it at once
        <div className="ls-banner ls-undo" role="status" data-testid="task-pending">
          <span>
            {t('inbox.pending', { outcome: quote(chosen.pending.label), s: secondsLeft })}
            {/* what goes with it, since the fields are put away meanwhile */}
            {chosen.pending.amount !== undefined && ` · ${money(chosen.pending.amount, d.currency)}`}
            {chosen.pending.note && ` · ${quote(chosen.pending.note)}`}
            {chosen.pending.amountDropped && ` · ${t('inbox.amountDropped', { outcome: quote(chosen.pending.label) })}`}
          </span>
          <button type="button" onClick={chosen.undo} data-testid="task-undo">
            {t('inbox.undo')}
          </button>
          <button type="button" className="link" onClick={chosen.flush} data-testid="task-commit-now">
            {t('inbox.commitNow')}
          </button>
        </div>
      )}
      {conflict && (
        <div className="ls-banner ls-warn" role="status" data-testid="task-conflict">
          {t('inbox.conflict')}
          {/* the note typed for it is not lost: it stays here to copy */}
          {note.trim() && (
            <>
              <div className="ls-small">{t('inbox.conflictNote')}</div>
              <textarea readOnly value={note} rows={2} data-testid="task-conflict-note" onFocus={(e) => e.currentTarget.select()} />
            </>
          )}
        </div>
      )}
      {(d.status === 'done' || (d.status === 'overdue' && d.outcome != null)) && (
        <p className="ls-sub" data-testid="task-outcome">
          {d.status === 'done'
            ? t('inbox.closed', { outcome: outcomeLabel ?? '', when: d.closedAt ? date(d.closedAt) : '' })
            : t('inbox.closedLate', { outcome: outcomeLabel ?? '', when: d.lateAt ? date(d.lateAt) : '' })}
          {d.amount != null && <b data-testid="task-amount-shown"> · {money(d.amount, d.currency)}</b>}
          {d.closedByName && <span data-testid="task-closed-by"> · {t('inbox.closedBy', { name: d.closedByName })}</span>}
        </p>
      )}
      {!acts && !chosen.pending && next && (
        // the decision is made: on to the next task that waits for one
        <p>
          <a href={`#/inbox/${encodeURIComponent(next)}`} className="ls-next-task" data-testid="task-next">
            {t('inbox.nextTask')} →
          </a>
        </p>
      )}
      {d.note && (
        <blockquote className="ls-note" data-testid="task-note-shown">
          {d.note}
        </blockquote>
      )}
      {d.status === 'overdue' && !late && <p className="ls-sub">{t('inbox.escalated')}</p>}
      {d.earlier && d.earlier.length > 0 && (
        <section className="ls-card-section" data-testid="task-earlier">
          <h3>{t('inbox.earlier')}</h3>
          <ul className="ls-plain">
            {d.earlier.map((x) => (
              <li key={x.id} data-testid={`task-earlier-${x.id}`}>
                <span className="muted ls-small">{date(x.closedAt ?? x.createdAt)}</span> {x.title}
                {x.outcome && <b> · {x.outcomes.find((o) => o.id === x.outcome)?.label ?? x.outcome}</b>}
                {!x.outcome && <span className="muted"> · {t(`inbox.status.${x.status}`)}</span>}
                {x.amount != null && <b> · {money(x.amount, x.currency ?? d.currency)}</b>}
                {x.note && <blockquote className="ls-note">{x.note}</blockquote>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.status === 'cancelled' && <p className="ls-sub">{t('inbox.cancelledHint')}</p>}

      <section className="ls-card-section">
        <h3>
          {t('inbox.contact')}:{' '}
          <a href={`#/contacts/${encodeURIComponent(d.contactId)}`} data-testid="task-contact-link">
            {contactName(d.contact, d.contactId)}
          </a>
        </h3>
        <ContactClock zone={d.contact?.attributes.timezone} now={now} />
        {d.contact ? <AttributeTable attributes={d.contact.attributes} /> : <p className="muted">{t('inbox.noContact')}</p>}
        {(d.orders ?? []).length > 0 && (
          <>
            <h4>{t('contact.orders')}</h4>
            {paid.length > 0 && (
              <p className="ls-sub" data-testid="task-orders-summary">
                {t('inbox.paidSummary', { n: paid.length, total: [...spent].map(([currency, sum]) => money(sum, currency)).join(' + ') })}
              </p>
            )}
            <ul className="ls-plain" data-testid="task-orders">
              {d.orders!.slice(0, 5).map((o) => (
                <li key={o.id}>
                  {orderText(o)} · {maybe(`order.${o.status}`, o.status)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="ls-card-section">
        <h3>
          {t('inbox.funnel')}:{' '}
          {d.funnel && me?.role !== 'manager' ? (
            <a href={`#/funnels/${encodeURIComponent(d.funnel.id)}`} data-testid="task-funnel-link">
              {d.funnel.name}
            </a>
          ) : (
            <span>{d.funnel?.name ?? d.funnelId}</span>
          )}
        </h3>
        <PathTimeline path={d.path} current={d.run?.status === 'waiting' ? d.run.node : null} testId="task-path" funnelId={d.funnelId} />
      </section>
    </article>
  );
}
