import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePhoneText } from '../app/workspace.ts';
import { deliveryReason } from './deliveryReason.ts';
import { Fragment, useState } from 'react';
import type { OutboxDto } from '../../../shared/api/types.ts';
import { ADDRESS_ATTRIBUTE } from '../../../shared/format/common.ts';
import { api } from '../api/client.ts';
import { useMe } from '../app/session.ts';
import { unescapeHtml } from '../simulator/timeline.ts';
import { errorText } from './errors.ts';
import { useFormat } from './format.ts';

const STATUS_BADGE: Record<OutboxDto['status'], string> = { sent: 'badge live', dev: 'badge', pending: 'badge draft', failed: 'badge paused', cancelled: 'badge paused', withheld: 'badge paused', bounced: 'badge paused' };

/**
 * What a message says in one line: an email's subject, else the start of its text (a chat
 * message's heading is often the same greeting in every variant); webhooks: the address.
 */
function gist(m: OutboxDto): string {
  // only an email's text is markup (its values escaped); a chat message or a webhook's body is shown as it went
  const body = m.channel === 'email' ? m.payload.body && unescapeHtml(m.payload.body.replace(/<[^>]*>/g, ' ')) : m.payload.body;
  const text = (m.channel === 'email' ? m.payload.subject || body : body || m.payload.subject) || m.payload.url || '';
  const line = text.replace(/\s+/g, ' ').trim();
  // cut at a word, without a stop before the ellipsis («…по Москве.…» reads as a typo)
  return line.length > 90 ? `${line.slice(0, 89).replace(/[\s.,;:!?]+$/, '')}…` : line;
}

/** A webhook's address in brief: `crm.example.com/hooks/voronka`, cut when long. */
function urlBrief(url: string): string {
  try {
    const u = new URL(url);
    const brief = `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
    return brief.length > 40 ? `${brief.slice(0, 39)}…` : brief;
  } catch {
    return url;
  }
}

/** A message's whole text as the contact reads it (an email's markup taken out). */
const fullText = (m: OutboxDto): string => {
  const body = m.payload.body ?? '';
  return m.channel === 'email' ? unescapeHtml(body.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '')) : body;
};

/**
 * Messages sent (or to be sent): when, channel, what, from which funnel step, delivery, opened /
 * clicked. One contact's (the contact page) or everyone's, filtered by status (the messages page,
 * with a column for the contact).
 */
export function MessageList({ contactId, status }: { contactId?: string; status?: OutboxDto['status'] }) {
  const { t, date, short, lang, maybe } = useFormat();
  const readablePhone = usePhoneText();
  const [open, setOpen] = useState<string | null>(null);
  const me = useMe().data;
  const qc = useQueryClient();
  const retry = useMutation({ mutationFn: api.retryMessage, onSettled: () => qc.invalidateQueries({ queryKey: ['outbox'] }) });
  const canRetry = me?.role === 'admin' || me?.role === 'marketer';
  const messages = useQuery({ queryKey: ['outbox', { contactId, status }], queryFn: () => api.outbox({ contactId, status }), refetchInterval: 10_000 });
  const funnels = useQuery({ queryKey: ['funnels'], queryFn: api.funnels, staleTime: 30_000 });
  const names = new Map((funnels.data ?? []).map((f) => [f.id, f.name]));
  // a step the marketer named is called by its name
  const nodeLabel = (funnelId: string, node: string) => funnels.data?.find((f) => f.id === funnelId)?.draft.nodes.find((n) => n.id === node)?.label?.trim();
  if (messages.isLoading) return <p className="muted">{t('common.loading')}</p>;
  if (messages.error) return <p className="error">{errorText(messages.error)}</p>;
  if (!messages.data?.length) return <p className="ls-empty" data-testid="messages-empty">{contactId ? t('contact.messages.empty') : status ? t('messages.emptyStatus', { status: t(`contact.messages.status.${status}`) }) : t('messages.empty')}</p>;
  return (
    // on a contact's page the table sits in a narrower card: it scrolls inside it rather than being cut off
    <div className="ls-scroll-x">
      <table className="ls-table" data-testid="contact-messages">
        <thead>
          <tr>
            <th>{t('contact.messages.when')}</th>
            {!contactId && <th>{t('messages.contact')}</th>}
            <th>{t('contact.messages.channel')}</th>
            <th>{t('contact.messages.what')}</th>
            <th>{t('contact.messages.step')}</th>
            <th>{t('contact.messages.status')}</th>
            <th>{t('contact.messages.engagement')}</th>
          </tr>
        </thead>
        <tbody>
          {messages.data.map((m) => (
            <Fragment key={m.id}>
              <tr data-testid="contact-message" data-node={m.node} data-status={m.status} data-test={m.runId === 'test' || undefined}>
                <td className="ls-nowrap" title={date(m.sentAt ?? m.dueAt)}>
                  {short(m.sentAt ?? m.dueAt)}
                </td>
                {!contactId && (
                  <td>
                    {m.runId === 'test' ? (
                      // a test send: to the tester's address, not to a contact of the base
                      <span title={(m.payload as { to?: string }).to}>{(m.payload as { to?: string }).to ?? m.contactId}</span>
                    ) : (
                      <a href={`#/contacts/${encodeURIComponent(m.contactId)}`} title={m.contactId} data-testid="message-contact">
                        {m.contactName || m.contactId}
                      </a>
                    )}
                  </td>
                )}
                <td>
                  {t(`channel.${m.channel}`)}
                  {/* where it goes: the contact's address for the channel, or that they have none (it cannot reach them) */}
                  {m.runId !== 'test' && m.address !== undefined && (
                    <div className={m.address ? 'ls-sub' : 'ls-sub ls-late'} data-testid="message-address">
                      {/* a phone as people write it, as the contact's page and the task card do */}
                      {m.address
                        ? ADDRESS_ATTRIBUTE[m.channel] === 'phone'
                          ? readablePhone(m.address)
                          : m.address
                        : maybe(`messages.noAddress.${ADDRESS_ATTRIBUTE[m.channel]}`, t('messages.noAddress', { attr: ADDRESS_ATTRIBUTE[m.channel] ?? '' }))}
                    </div>
                  )}
                  {/* a webhook: where it went (the host and path; the whole address in the tooltip) */}
                  {m.channel === 'webhook' && m.payload.url && (
                    <div className="ls-sub" title={m.payload.url} data-testid="message-url">
                      {urlBrief(m.payload.url)}
                    </div>
                  )}
                </td>
                <td className="ls-msg-what">
                  <button type="button" className="link ls-msg-gist" aria-expanded={open === m.id} title={t('contact.messages.show')} onClick={() => setOpen(open === m.id ? null : m.id)} data-testid="message-open">
                    {gist(m) || '—'}
                  </button>
                </td>
                <td className="ls-msg-step">
                  {/* a manager does not edit funnels: the name, not a way into the editor */}
                  {me?.role === 'manager' ? <span>{names.get(m.funnelId) ?? m.funnelId}</span> : <a href={`#/funnels/${encodeURIComponent(m.funnelId)}`}>{names.get(m.funnelId) ?? m.funnelId}</a>} · {nodeLabel(m.funnelId, m.node) ? <span title={m.node}>{nodeLabel(m.funnelId, m.node)}</span> : <code>{m.node}</code>}
                  {m.runId === 'test' && <span className="badge"> {t('messages.test')}</span>}
                  {m.runKey && (
                    <span className="badge" data-testid="message-run-key" title={t('contact.runs.keyHint')}>
                      {t('contact.runs.key', { key: m.runKey })}
                    </span>
                  )}
                </td>
                <td className="ls-nowrap">
                  <span className={STATUS_BADGE[m.status]} data-testid="message-status" title={m.status === 'dev' ? t('contact.messages.devHint') : (m.lastError ?? m.reply ?? '')}>
                    {t(`contact.messages.status.${m.status}`)}
                  </span>
                  {/* why it did not go (or is being retried), in words, not only in a tooltip */}
                  {m.lastError && m.status !== 'sent' && m.status !== 'dev' && (
                    <div className="ls-small ls-msg-reason" data-testid="message-reason">
                      {deliveryReason(m.lastError, lang)}
                    </div>
                  )}
                  {/* tried and not through yet, or given up: how many tries; a failed one can be sent again */}
                  {m.attempts > 0 && (m.status === 'pending' || m.status === 'failed') && (
                    <div className="ls-small muted" data-testid="message-attempts">
                      {t(m.status === 'pending' ? 'messages.retrying' : 'messages.attempts', { n: m.attempts })}
                    </div>
                  )}
                  {m.status === 'failed' && canRetry && (
                    <button type="button" className="link ls-small" data-testid="message-retry" disabled={retry.isPending} onClick={() => retry.mutate(m.id)}>
                      ↻ {t('messages.retry')}
                    </button>
                  )}
                  {retry.error && retry.variables === m.id && <div className="error ls-small">{errorText(retry.error)}</div>}
                </td>
                <td className="ls-small">
                  {m.clickedAt ? t('contact.messages.clicked', { when: date(m.clickedAt) }) : m.openedAt ? t('contact.messages.opened', { when: date(m.openedAt) }) : '—'}
                </td>
              </tr>
              {open === m.id && (
                <tr className="ls-msg-open" data-testid="message-text">
                  <td colSpan={contactId ? 6 : 7}>
                    {m.payload.subject && <div className="ls-msg-subject">{m.channel === 'email' ? unescapeHtml(m.payload.subject) : m.payload.subject}</div>}
                    {m.payload.body !== undefined && <div className="ls-msg-body">{fullText(m)}</div>}
                    {m.payload.url && <code>{m.payload.url}</code>}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
