import { useQuery } from '@tanstack/react-query';
import type { EventDto } from '../../../shared/api/types.ts';
import { api } from '../api/client.ts';
import { errorText } from './errors.ts';
import { useFormat } from './format.ts';
import { paidAmount, isCurrencyCode } from '../../../shared/format/currency.ts';
import { SEGMENT_ENTERED } from '../../../shared/nodes/trigger.ts';
import { segmentName } from '../app/segments.ts';
import { useWorkspaceCurrency } from '../app/workspace.ts';

type Say = ReturnType<typeof useFormat> & { workspaceCurrency: string };

/** An event's data in one short line: `key: value` pairs, long values cut; a payment's amount as money, a segment by its name. */
function dataLine(e: EventDto, f: Say): string {
  const amount = paidAmount(e.data.amount);
  const currency = isCurrencyCode(e.data.currency) ? e.data.currency : undefined;
  const parts = Object.entries(e.data).flatMap(([k, v]) => {
    if (k === 'amount' && amount !== undefined) return [`${k}: ${f.money(amount, currency ?? f.workspaceCurrency)}`];
    if (k === 'currency' && amount !== undefined && currency) return [];
    if (k === 'segment' && e.type === SEGMENT_ENTERED && typeof v === 'string') return [segmentName(f.t, v)];
    return [`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`];
  });
  const line = parts.join(' · ');
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** What the contact did, newest first: each event's type, time and data (QA and managers check here that an event arrived). */
export function EventList({ contactId }: { contactId: string }) {
  const f = useFormat();
  const { t, date } = f;
  const workspaceCurrency = useWorkspaceCurrency();
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
                {dataLine(e, { ...f, workspaceCurrency })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
