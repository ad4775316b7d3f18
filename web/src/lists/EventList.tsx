import { useQuery } from '@tanstack/react-query';
import type { EventDto } from '../../../shared/api/types.ts';
import { api } from '../api/client.ts';
import { errorText } from './errors.ts';
import { useFormat } from './format.ts';

/** An event's data in one short line: `key: value` pairs, long values cut. */
function dataLine(e: EventDto): string {
  const parts = Object.entries(e.data).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const line = parts.join(' · ');
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** What the contact did, newest first: each event's type, time and data (QA and managers check here that an event arrived). */
export function EventList({ contactId }: { contactId: string }) {
  const { t, date } = useFormat();
  const events = useQuery({ queryKey: ['contact-events', contactId], queryFn: () => api.contactEvents(contactId), refetchInterval: 10_000 });
  if (events.isLoading) return <p className="muted">{t('common.loading')}</p>;
  if (events.error) return <p className="error">{errorText(events.error)}</p>;
  if (!events.data?.length) return <p className="ls-empty">{t('contact.events.empty')}</p>;
  return (
    <div className="ls-scroll-x">
      <table className="ls-table" data-testid="contact-events">
        <tbody>
          {events.data.map((e) => (
            <tr key={e.id} data-testid="contact-event" data-type={e.type}>
              <td className="ls-nowrap">{date(e.at)}</td>
              <td>
                <code>{e.type}</code>
              </td>
              <td className="ls-small muted ls-event-data" title={JSON.stringify(e.data, null, 2)}>
                {dataLine(e)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
