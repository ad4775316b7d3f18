import { useId } from 'react';
import { useT } from '../i18n/i18n.ts';
import type { KvRow } from './kv.ts';

/**
 * Editable key/value rows. Value inputs are named `<prefix><key>` (e.g. `attr.firstName`,
 * `data.sku`) so tests and autofill can find them; values are parsed as JSON when possible.
 */
export function KeyValueRows({
  rows,
  onChange,
  prefix,
  testid,
  keyName,
  suggestions,
}: {
  rows: KvRow[];
  onChange(rows: KvRow[]): void;
  prefix: string;
  testid?: string;
  /** How a fixed row's key reads («Имя» for firstName); a key without words shows as code. */
  keyName?: (key: string) => string | undefined;
  /** Keys offered while a new key is typed, with their words. */
  suggestions?: { key: string; name?: string }[];
}) {
  const { t } = useT();
  const listId = useId();
  const edit = (i: number, patch: Partial<KvRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="sim-kv" data-testid={testid}>
      {suggestions && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
        </datalist>
      )}
      {rows.map((r, i) => (
        <div className="sim-kv-row" key={i}>
          {r.fixed ? (
            <span className="sim-kv-key" title={r.key} data-key={r.key}>
              {keyName?.(r.key) || <code className="ls-attr-key">{r.key}</code>}
            </span>
          ) : (
            <input aria-label={t('sim.kv.key')} placeholder={t('sim.kv.key')} name={`${prefix}key.${i}`} value={r.key} onChange={(e) => edit(i, { key: e.target.value })} list={suggestions ? listId : undefined} />
          )}
          <input aria-label={r.key || t('sim.kv.value')} placeholder={t('sim.kv.value')} name={`${prefix}${r.key}`} value={r.value} onChange={(e) => edit(i, { value: e.target.value })} />
          <button type="button" className="link" title={t('sim.kv.remove')} aria-label={t('sim.kv.remove')} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link sim-add" onClick={() => onChange([...rows, { key: '', value: '' }])}>
        + {t('sim.kv.add')}
      </button>
    </div>
  );
}
