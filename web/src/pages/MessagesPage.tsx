import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { OutboxDto } from '../../../shared/api/types.ts';
import '../i18n/messages/lists.ts';
import { useFormat } from '../lists/format.ts';
import { MessageList } from '../lists/MessageList.tsx';
import { useServerNow } from '../lists/useServerNow.ts';

const STATUSES: OutboxDto['status'][] = ['dev', 'sent', 'pending', 'failed', 'bounced', 'withheld', 'cancelled'];

/**
 * Every message the funnels sent or will send, newest first — with no channel configured, this is
 * the dev outbox: what would have gone out, rendered for each contact.
 */
export function MessagesPage() {
  const { t, maybe } = useFormat();
  useServerNow(); // the server clock's year: a date of another year is written with it (the QA clock may be ahead)
  const [status, setStatus] = useState<OutboxDto['status'] | ''>('');
  // which channels send for real (webhooks always go out: each action names its own address)
  const live = useQuery({ queryKey: ['channels'], queryFn: api.channels, staleTime: 30_000, retry: false }).data?.configured.filter((c) => c !== 'webhook');
  return (
    <section className="ls-page ls-page-wide" data-testid="messages-page">
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
      <p className="ls-sub" data-testid="messages-hint">
        {live?.length ? t('messages.hintLive', { channels: live.map((c) => maybe(`channel.${c}`, c)).join(', ') }) : t('messages.hint')}
      </p>
      <MessageList status={status || undefined} />
    </section>
  );
}
