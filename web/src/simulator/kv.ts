/** One key/value row of a small editable table (event data, contact attributes). */
export interface KvRow {
  key: string;
  value: string;
  /** A stored attribute being edited: its key is shown by name (`KeyValueRows`' `keyName`), not as an input. */
  fixed?: boolean;
}

/**
 * Reads what the user typed: JSON when it parses (`990` stays a number, `true` a boolean,
 * `{"a":1}` an object), the text itself otherwise (`TRIP-1`, `+79990001122`).
 */
export function parseValue(text: string): unknown {
  const t = text.trim();
  if (t === '') return '';
  try {
    return JSON.parse(t);
  } catch {
    return text;
  }
}

/** Shows a value in an input: text as is, anything else as JSON. */
export const showValue = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Rows with a key become a record of parsed values; rows with an empty key are dropped. */
export function rowsToRecord(rows: readonly KvRow[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of rows) if (r.key.trim()) out[r.key.trim()] = parseValue(r.value);
  return out;
}

export const recordToRows = (rec: Record<string, unknown> | undefined): KvRow[] =>
  Object.entries(rec ?? {}).map(([key, value]) => ({ key, value: showValue(value) }));
