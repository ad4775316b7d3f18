import { deliveryReason } from './deliveryReason.ts';
import { useFormat } from './format.ts';
import type { PathEntryDto } from '../../../shared/api/types.ts';
import { useExitWords, usePathLabel } from './useNodeLabels.ts';

/**
 * A run's path as a horizontal timeline: one chip per node entered, with the time it was entered,
 * how long it stayed where that was a while (a delay, a wait, a task), and the way it left (an outcome, «получено», «таймаут»…) where that says something; `current`
 * (the node a waiting run stands in) is highlighted.
 */
export function PathTimeline({ path, current, testId, funnelId }: { path: PathEntryDto[]; current?: string | null; testId?: string; funnelId?: string }) {
  const { t, lang, short, date, maybe, span, money } = useFormat();
  const label = usePathLabel();
  const exitWords = useExitWords(funnelId);
  // the events a run waits for in words where they are the usual ones («оплата», not order.paid)
  const events = (list: string[]) => list.map((e) => maybe(`evt.${e}`, e)).join(t('ls.path.or'));
  // quotes inside our «…» are „…“ in Russian («…в „Улыбке“»)
  const innerQuotes = (text: string) => (lang === 'ru' ? text.replace(/«/g, '„').replace(/»/g, '“') : text);
  // taken out of the funnel, and why: the event that does it (an unsubscribe), or by hand
  const exitedWords = (p: PathEntryDto) => {
    const event = /^exitWhen: (\S+)/.exec(p.exitReason ?? '')?.[1];
    if (event) return t('ls.path.exitedOn', { event: maybe(`evt.${event}`, event) });
    if (p.exitReason !== 'exited by an operator') return t('ls.path.exited');
    // who took the contact out, and why in their words («Ирина: просила не писать»)
    const who = p.exitedBy ? (p.exitNote ? `${p.exitedBy}: ${innerQuotes(p.exitNote)}` : p.exitedBy) : p.exitNote;
    return who ? t('ls.path.exitedByHandWho', { who }) : t('ls.path.exitedByHand');
  };
  if (path.length === 0) return <p className="muted">{t('ls.path.empty')}</p>;
  const last = path.length - 1;
  return (
    <ol className="ls-timeline" data-testid={testId} aria-label={t('ls.path')}>
      {path.map((p, i) => {
        const here = i === last && current === p.node;
        return (
          <li key={`${p.node}-${i}`} className={`ls-chip${here ? ' ls-current' : ''}${p.skipped !== undefined ? ' ls-skipped' : ''}`} data-node={p.node} aria-current={here ? 'step' : undefined}>
            <span className="ls-chip-node" title={p.node}>
              {label(p)}
            </span>
            <time dateTime={p.at} title={date(p.at)}>
              {short(p.at)}
            </time>
            {p.sent && (
              <span className="ls-chip-note ls-chip-sent" data-testid="path-sent" title={p.sent.gist}>
                ✉ {t('ls.path.sent', { channel: maybe(`channel.${p.sent.channel}`, p.sent.channel), gist: innerQuotes(p.sent.gist) })}
              </span>
            )}
            {p.skipped !== undefined && (
              <span className="ls-chip-note ls-late" data-testid="path-skipped">
                ✗ {t('ls.path.skipped', { channel: p.skipped ? maybe(`channel.${p.skipped}`, p.skipped) : '—' })}
              </span>
            )}
            {p.noAddress && (
              <span className="ls-chip-note ls-late" data-testid="path-no-address">
                ✗ {maybe(`messages.noAddress.${p.noAddress}`, t('messages.noAddress', { attr: p.noAddress }))}
              </span>
            )}
            {p.withdrawn && (
              <span className="ls-chip-note ls-late" data-testid="path-withdrawn">
                ✗ {t('ls.path.withdrawn', { reason: deliveryReason(p.withdrawn, lang) })}
              </span>
            )}
            {p.failed && (
              <span className="ls-chip-note ls-late" data-testid="path-failed">
                ✗ {t('ls.path.failed', { reason: deliveryReason(p.failed, lang) })}
              </span>
            )}
            {p.goal && (
              <span className="ls-chip-note ls-chip-goal" data-testid="path-goal">
                ★ {p.goal.value && p.goal.currency ? money(p.goal.value, p.goal.currency) : t('ls.path.goal')}
              </span>
            )}
            {p.postponedTo && (
              <span className="ls-chip-note" data-testid="path-postponed" title={date(p.postponedTo)}>
                {t('ls.path.postponed', { at: short(p.postponedTo) })}
              </span>
            )}
            {p.leftAt && (
              <span className="ls-chip-note" data-testid="path-stayed" title={t('ls.path.left', { at: date(p.leftAt) })}>
                {t('ls.path.stayed', { span: span(Date.parse(p.leftAt) - Date.parse(p.at)) })}
              </span>
            )}
            {p.exit && p.exit !== 'next' && (
              <span className="ls-chip-exit" data-exit={p.exit}>
                → {p.exit === 'exited' ? exitedWords(p) : exitWords(p.node, p.exit)}
              </span>
            )}
            {p.noDate && (
              // a date step that did not wait: why («дата уже прошла»), so a reminder sent at once is no mystery
              <span className="ls-chip-note ls-late" data-testid="path-no-date">
                {p.noDate.passed !== undefined ? t('ls.path.noDatePassed', { at: short(new Date(p.noDate.passed).toISOString()) }) : p.noDate.value !== undefined ? t('ls.path.noDateUnreadable', { value: p.noDate.value }) : t('ls.path.noDate')}
              </span>
            )}
            {here && <span className="ls-chip-here">{t('ls.path.here')}</span>}
            {here && (p.waitsFor || p.until) && (
              // what moves the run on: the event it waits for, else its timer
              <span className="ls-chip-note" data-testid="path-next" data-events={p.waitsFor?.join(' ')} title={p.until ? date(p.until) : undefined}>
                {p.waitsFor && p.until
                  ? t('ls.path.waitsUntil', { events: events(p.waitsFor), at: short(p.until) })
                  : p.waitsFor
                    ? t('ls.path.waits', { events: events(p.waitsFor) })
                    : t('ls.path.until', { at: short(p.until!) })}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
