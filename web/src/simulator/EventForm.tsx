import { useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { KeyValueRows } from './KeyValueRows.tsx';
import { recordToRows, rowsToRecord } from './kv.ts';

/** The event's data as typed in JSON: an object; else why not (not JSON at all, or JSON that is a list or a single value). */
export function parseDataJson(text: string): Record<string, unknown> | 'notJson' | 'notObject' {
  if (text.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : 'notObject';
  } catch {
    return 'notJson';
  }
}

/**
 * A small form for one event: its data as key/value rows (numbers stay numbers) or, switched, as
 * one JSON object (nested data, a cart's items); then send. With `type` null the event's type is
 * typed too — any event, also one the funnel is not waiting for (a late or unrelated one).
 */
export function EventForm({ type, initial, onSend, onCancel }: { type: string | null; initial: Record<string, unknown>; onSend(type: string, data: Record<string, unknown>): void; onCancel(): void }) {
  const { t } = useT();
  const [rows, setRows] = useState(() => recordToRows(initial));
  const [json, setJson] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const parsed = json === null ? rowsToRecord(rows) : parseDataJson(json);
  const data = typeof parsed === 'string' ? null : parsed;
  const eventType = (type ?? typed).trim();
  return (
    <form
      className="sim-event-form"
      data-testid="sim-event-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (data && eventType) onSend(eventType, data);
      }}
    >
      <div className="sim-event-title">
        {type === null ? (
          <label>
            {t('sim.event.type')}{' '}
            <input name="eventType" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="unsubscribed" maxLength={200} autoFocus data-testid="sim-event-type" />
          </label>
        ) : (
          <>
            {t('sim.event.data')} <code>{type}</code>
          </>
        )}
        <button
          type="button"
          className="link sim-json-toggle"
          data-testid="sim-event-json"
          disabled={json !== null && data === null}
          onClick={() => {
            if (json === null) setJson(JSON.stringify(rowsToRecord(rows), null, 2));
            else if (data) {
              setRows(recordToRows(data));
              setJson(null);
            }
          }}
        >
          {json === null ? t('sim.event.asJson') : t('sim.event.asRows')}
        </button>
      </div>
      {json === null ? (
        <KeyValueRows rows={rows} prefix="data." onChange={setRows} />
      ) : (
        <>
          <textarea name="dataJson" rows={6} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} aria-invalid={data === null || undefined} data-testid="sim-event-data-json" />
          {typeof parsed === 'string' && <p className="error sim-small">{t(parsed === 'notJson' ? 'sim.event.badJson' : 'sim.event.notObject')}</p>}
        </>
      )}
      <div className="row">
        <button type="submit" className="primary" data-testid="sim-event-send" disabled={!data || !eventType}>
          {t('sim.event.send')}
        </button>
        <button type="button" className="link" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
