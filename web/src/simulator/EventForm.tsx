import { useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { KeyValueRows } from './KeyValueRows.tsx';
import { recordToRows, rowsToRecord } from './kv.ts';

/** A small form for one event's data: key/value rows (numbers stay numbers), then send. */
export function EventForm({ type, initial, onSend, onCancel }: { type: string; initial: Record<string, unknown>; onSend(data: Record<string, unknown>): void; onCancel(): void }) {
  const { t } = useT();
  const [rows, setRows] = useState(() => recordToRows(initial));
  return (
    <form
      className="sim-event-form"
      data-testid="sim-event-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSend(rowsToRecord(rows));
      }}
    >
      <div className="sim-event-title">
        {t('sim.event.data')} <code>{type}</code>
      </div>
      <KeyValueRows rows={rows} prefix="data." onChange={setRows} />
      <div className="row">
        <button type="submit" className="primary" data-testid="sim-event-send">
          {t('sim.event.send')}
        </button>
        <button type="button" className="link" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
