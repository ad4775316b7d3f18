import { useState } from 'react';
import type { OutboxDto } from '../../../shared/api/types.ts';
import '../i18n/messages/lists.ts';
import { useFormat } from '../lists/format.ts';
import { MessageList } from '../lists/MessageList.tsx';

const STATUSES: OutboxDto['status'][] = ['dev', 'sent', 'pending', 'failed', 'bounced', 'withheld', 'cancelled'];

/**
 * Every message the funnels sent or will send, newest first — with no channel configured, this is
 * the dev outbox: what would have gone out, rendered for each contact.
 */
export function MessagesPage() {
  const { t } = useFormat();
  const [status, setStatus] = useState<OutboxDto['status'] | ''>('');
  return (
    <section className="ls-page" data-testid="messages-page">
      <div className="ls-head">
        <h1>{t('messages.title')}</h1>
        <select value={status} onChange={(e) => setStatus(e.target.value as OutboxDto['status'] | '')} data-testid="messages-status" aria-label={t('contact.messages.status')}>
          <option value="">{t('messages.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`contact.messages.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <p className="ls-sub">{t('messages.hint')}</p>
      <MessageList status={status || undefined} />
    </section>
  );
}
