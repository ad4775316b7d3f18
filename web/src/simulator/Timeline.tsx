import { ADDRESS_ATTRIBUTE, addressOf } from '../../../shared/format/common.ts';
import type { SimMessage, SimTask, Simulator } from '../../../shared/simulator/Simulator.ts';
import { nodeName } from '../../../shared/nodes/nodeName.ts';
import { useAssignees, userName } from '../app/assignees.ts';
import { exitLabel } from '../editor/exitLabel.ts';
import { hourStyle, uiLocale, useT, type Lang } from '../i18n/i18n.ts';
import { useFormat } from '../lists/format.ts';
import { deliveryReason } from '../lists/deliveryReason.ts';
import { noConsentChannel, timelineItems, unescapeHtml, type TimelineItem } from './timeline.ts';
import { useFunnelCurrency } from '../editor/currency.ts';

/** Day, month and time in the contact's zone: compact enough for a side panel. */
export const shortTime = (lang: Lang, ms: number, zone: string): string =>
  new Intl.DateTimeFormat(uiLocale(lang), { day: 'numeric', month: 'short', hour: hourStyle(uiLocale(lang)), minute: '2-digit', timeZone: zone }).format(new Date(ms));

/**
 * A message as the contact would read it; when the test contact has no address for its channel
 * (no telegramChatId for Telegram…), a warning: the engine sends it, but the channel cannot deliver it.
 */
/** A stage's or goal's conversion, called by the node's own name as the other lines call it: «Оплата корзины» (Основной продукт). */
const goalWords = (name: string, label: string | undefined): string => (label?.trim() && label.trim() !== name ? `${label.trim()} (${name})` : name);

function MessageCard({ m, attributes, unsent }: { m: SimMessage; attributes: Record<string, unknown>; unsent?: boolean }) {
  const { t } = useT();
  const text = (s: string) => (m.channel === 'email' ? unescapeHtml(s) : s);
  const attr = ADDRESS_ATTRIBUTE[m.channel];
  const missing = addressOf(m.channel, attributes) === null;
  return (
    <div className={`sim-message${unsent ? ' sim-message-unsent' : ''}`} data-testid={unsent ? 'sim-message-unsent' : 'sim-message'} data-node={m.node}>
      {m.subject !== undefined && <div className="sim-subject">{text(m.subject)}</div>}
      <div className="sim-body">{text(m.body)}</div>
      {missing && (
        <div className="sim-warn" data-testid="sim-no-address">
          ⚠ {t('sim.noAddress', { attr })}
        </div>
      )}
      {m.empty && (
        <div className="sim-warn" data-testid="sim-empty-vars">
          ⚠ {t('sim.emptyVars', { vars: m.empty.map((v) => `{{${v}}}`).join(', ') })}
        </div>
      )}
    </div>
  );
}

function TaskCard({ task, zone, now }: { task: SimTask; zone: string; now: number }) {
  const { t, lang, maybe } = useFormat();
  const known = useAssignees().data;
  const who = task.assignee.user ? (userName(known, task.assignee.user) ?? task.assignee.user) : (task.assignee.role ? maybe(`role.${task.assignee.role}`, task.assignee.role) : '');
  return (
    <div className="sim-taskcard" data-testid="sim-task-card">
      <div>
        <b>☎ {task.title}</b>
      </div>
      {task.description && <div className="sim-body">{task.description}</div>}
      {task.empty && (
        <div className="sim-warn" data-testid="sim-task-empty-vars">
          ⚠ {t('sim.task.emptyVars', { vars: task.empty.map((v) => `{{${v}}}`).join(', ') })}
        </div>
      )}
      <div className="muted sim-small">
        {who && `${t('sim.task.assignee')}: ${who} · `}
        {task.dueAt ? `${t('sim.task.due', { at: shortTime(lang, task.dueAt, zone) })} · ` : ''}
        <span className={`sim-status sim-status-${task.status}`}>{t(`sim.task.${task.status}`)}</span>
        {/* its time passed and no «overdue» exit took the run on: the manager is late, the run still waits */}
        {task.status === 'open' && task.dueAt !== undefined && task.dueAt < now && (
          <span className="sim-status sim-status-overdue" data-testid="sim-task-late">
            {' · '}
            {t('sim.task.late')}
          </span>
        )}
        {task.outcome && ` · ${task.outcomes.find((o) => o.id === task.outcome)?.label ?? task.outcome}`}
      </div>
    </div>
  );
}

/** What an action node wrote on the contact: «✎ stage = Триал активирован · score +10 → 35 · + тег trial-active». */
function UpdateLine({ u }: { u: NonNullable<TimelineItem['update']> }) {
  const { t, number } = useT();
  const parts = [
    ...Object.entries(u.set ?? {}).map(([k, v]) => `${k} = ${v === '' ? t('sim.update.empty') : v}`),
    // points with the score they made: «score +10 → 35»
    ...Object.entries(u.add ?? {}).map(([k, p]) => `${k} ${p.by < 0 ? '−' : '+'}${number(Math.abs(p.by))} → ${number(p.now)}`),
    ...(u.addTags ?? []).map((tag) => t('sim.update.tagAdded', { tag })),
    ...(u.removeTags ?? []).map((tag) => t('sim.update.tagRemoved', { tag })),
  ];
  return (
    <div className="sim-update muted sim-small" data-testid="sim-update">
      ✎ {parts.join(' · ')}
    </div>
  );
}

function causeText(t: (k: string, v?: Record<string, string | number>) => string, cause: string | undefined): string {
  if (!cause) return '';
  if (cause === 'timer') return t('sim.cause.timer');
  if (cause === 'task.completed') return t('sim.cause.task');
  if (cause.startsWith('voronka.')) return t('sim.cause.date');
  return t('sim.cause.event', { event: cause });
}

/** An exit in the words the canvas uses («далее», «конверсия», an outcome's label…). */
function exitWords(sim: Simulator, nodeId: string | undefined, exit: string, t: (k: string, v?: Record<string, string | number>) => string, lang: Lang): string {
  const c = nodeId ? sim.cf.nodes.get(nodeId) : undefined;
  return exit === 'exited' ? exit : exitLabel(c?.node.type ?? '', c?.data, exit, t, lang);
}

/** The words of one timeline line: «→ lm вошёл», «lm: вышел по "converted"», «✉ email отправлено»… */
function Line({ it, zone, sim }: { it: TimelineItem; zone: string; sim: Simulator }) {
  const { t, lang, maybe, money, date } = useT();
  const currency = useFunnelCurrency();
  const channelName = (channel: string | undefined) => (channel ? maybe(`channel.${channel}`, channel) : '');
  // a node named for people is called by its name (its id in the tooltip)
  const label = it.node ? sim.cf.nodes.get(it.node)?.node.label?.trim() : undefined;
  // in quotes, as a name that does not decline («вход в «Заявка с сайта»»)
  // one with no name by its kind and id («Трипваер (trip)»), as the coverage list and a failing scenario say it
  const c = it.node ? sim.cf.nodes.get(it.node) : undefined;
  const node = label ? (
    <b className="sim-node sim-node-named" title={it.node}>{lang === 'ru' ? `«${label}»` : `“${label}”`}</b>
  ) : (
    <b className="sim-node">{c ? nodeName(c.node, c.node.id, lang, { brief: true }) : it.node}</b>
  );
  switch (it.kind) {
    case 'entered':
      return <>→ {t('sim.tl.entered')} {node}</>;
    case 'left':
      if (!it.exit) return <>{node}: {it.reason}</>;
      return (
        <>
          {node}: {it.exit === 'exited' ? t('sim.tl.leftExited') : t('sim.tl.left', { exit: exitWords(sim, it.node, it.exit, t, lang) })}
          {it.reason && it.exit === 'exited' ? ` (${it.reason})` : ''}
          {it.cause && <span className="muted"> · {causeText(t, it.cause)}</span>}
          {it.noDate && (
            // a date step that did not wait: why, so «a day before» going out at once is no mystery
            <span className="sim-warn-inline" data-testid="sim-no-date">
              {' · '}
              {it.noDate.passed !== undefined ? t('sim.noDate.passed', { at: date(it.noDate.passed, zone) }) : it.noDate.value !== undefined ? t('sim.noDate.unreadable', { value: it.noDate.value }) : t('sim.noDate.empty')}
            </span>
          )}
        </>
      );
    case 'sent':
    case 'delivered': {
      const channel = channelName(it.message?.channel ?? it.reason);
      // the funnel sends it, but a contact with no address for its channel will never get it
      if (it.message && addressOf(it.message.channel, sim.contact.attributes) === null)
        return (
          <span className="sim-undeliverable" data-testid="sim-undeliverable">
            ✉ {t('sim.tl.noAddress', { channel })} <span className="muted">· {it.node}</span>
          </span>
        );
      return <>✉ {t(it.kind === 'sent' ? 'sim.tl.sent' : 'sim.tl.delivered', { channel })} <span className="muted">· {it.node}</span></>;
    }
    case 'postponed':
      return (
        <>
          ⏸ {t('sim.tl.postponed', { at: shortTime(lang, it.message?.at ?? it.until ?? it.at, zone) })} <span className="muted">· {it.node}</span>
          {it.notSent && (
            <span className="sim-not-sent" data-testid="sim-not-sent">
              {' '}
              ✗ {t('ls.path.withdrawn', { reason: deliveryReason(it.notSent, lang) })}
            </span>
          )}
        </>
      );
    case 'skipped': {
      const ch = noConsentChannel(it.reason);
      return <>✗ {ch ? t('sim.tl.noConsent', { channel: channelName(ch) }) : t('sim.tl.skipped', { reason: deliveryReason(it.reason ?? '', lang) })} <span className="muted">· {it.node}</span></>;
    }
    case 'goal': {
      // an outcome's goal is named after the outcome: shown by its button's words; a stage's by the stage
      const name = it.goal?.name ?? '';
      const c = it.node ? sim.cf.nodes.get(it.node) : undefined;
      const asExit = c?.def.exits(c.data as never).includes(name);
      return (
        <span data-testid="sim-goal">
          ★ {t('sim.tl.goal', { name: asExit ? exitWords(sim, it.node, name, t, lang) : goalWords(maybe(`stage.${name}`, name), c?.node.label) })}
          {it.goal?.value !== undefined && <b> · {money(it.goal.value, currency)}</b>}
          {it.goal?.foreign && (
            <span className="ls-warn-text" data-testid="sim-goal-foreign">
              {' '}
              · {t('sim.tl.goalForeign', { amount: money(it.goal.foreign.amount, it.goal.foreign.currency), currency })}
            </span>
          )}
          {it.goal?.unread && (
            <span className="ls-warn-text" data-testid="sim-goal-unread">
              {' '}
              · {t('sim.tl.goalUnread', { value: it.goal.unread.value, path: it.goal.unread.path })}
            </span>
          )}{' '}
          <span className="muted">· {it.node}</span>
        </span>
      );
    }
    case 'ended':
      return <>■ {it.reason === 'exited' ? t('sim.tl.exited') : t('sim.tl.completed')}</>;
  }
}

/** What happened in the walk, in order, with times in the contact's zone, every message and every task. */
export function Timeline({ sim, diverged }: { sim: Simulator; diverged?: { index: number; expected: string } | null }) {
  const { t, lang } = useT();
  const items = timelineItems(sim);
  // the n-th node entered is the n-th step of the path a scenario expects
  let entered = -1;
  const counted = items.map((it) => (it.kind === 'entered' ? ++entered : -1));
  const manyRuns = sim.runs.length > 1;
  return (
    <section className="sim-block">
      <h3>{t('sim.timeline')}</h3>
      {items.length === 0 && <p className="muted sim-small">{t('sim.timeline.empty')}</p>}
      <ol className="sim-timeline" data-testid="sim-timeline">
        {items.map((it, i) => (
          <li key={it.key} className={`sim-tl sim-tl-${it.kind}${diverged && counted[i] === diverged.index ? ' sim-tl-diverged' : ''}`} data-kind={it.kind} data-node={it.node}>
            <time className="sim-tl-time">{shortTime(lang, it.at, sim.zone)}</time>
            <div className="sim-tl-text">
              {manyRuns && <span className="badge">{it.runId}</span>} <Line it={it} zone={sim.zone} sim={sim} />
              {it.message && (it.kind !== 'postponed' || !sim.messages.includes(it.message)) && <MessageCard m={it.message} attributes={sim.contact.attributes} unsent={it.kind === 'skipped'} />}
              {it.task && <TaskCard task={it.task} zone={sim.zone} now={sim.clock} />}
              {it.update && <UpdateLine u={it.update} />}
              {diverged && counted[i] === diverged.index && (
                <div className="sim-diverged" data-testid="sim-diverged">
                  {t('sim.check.expectedHere', { node: diverged.expected })}
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
