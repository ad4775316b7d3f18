import { csvDelimiter } from '../../../shared/format/csvText.ts';

/** One CSV record as raw text, with the file line it starts on (1-based). */
export interface CsvRecord {
  text: string;
  line: number;
}

/**
 * Splits CSV text into records without parsing the fields: a newline inside double quotes stays in
 * its record. Blank lines are dropped (the server skips them too); a leading BOM is removed.
 */
export function splitCsvRecords(csv: string): CsvRecord[] {
  const text = csv.replace(/^\uFEFF/, '');
  const out: CsvRecord[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let quoted = false;
  const push = (end: number) => {
    const rec = text.slice(start, end).replace(/\r$/, '');
    if (rec.trim() !== '') out.push({ text: rec, line: startLine });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted; // an escaped quote ("") toggles twice
    else if (ch === '\n') {
      line++;
      if (!quoted) {
        push(i);
        start = i + 1;
        startLine = line;
      }
    }
  }
  push(text.length);
  return out;
}

/**
 * The cells of one CSV record (RFC 4180: quoted cells may hold commas, line breaks and doubled
 * quotes), trimmed. Used only to find a row's id before upload; the server parses the rows.
 */
export function csvCells(record: string, delimiter: ',' | ';' = ','): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const ch = record[i];
    if (quoted && ch === '"' && record[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted) cell += ch;
    else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

export interface CsvChunk {
  /** The header plus up to `size` data records. */
  csv: string;
  /** The file line of each data record, in order. */
  lines: number[];
  /** The line of `csv` each data record starts on (the header is line 1), in the same order. */
  starts: number[];
}

/** A row left out before upload because its id already appears in an earlier row of the file. */
export interface CsvDuplicate {
  row: number;
  id: string;
  firstRow: number;
}

/**
 * Cuts a CSV file into chunks of `size` data rows, each starting with the header, so a big file
 * goes up in several requests. A row whose id an earlier row of the file already has is left out
 * and returned in `duplicates` (the server can only see the duplicates within one chunk).
 * @example chunkCsv('id\na\nb\nc', 2).chunks // [{ csv: 'id\na\nb\n', lines: [2, 3], starts: [2, 3] }, { csv: 'id\nc\n', lines: [4], starts: [2] }]
 */
export function chunkCsv(csv: string, size = 500): { header: string; rows: number; chunks: CsvChunk[]; duplicates: CsvDuplicate[] } {
  const [header, ...records] = splitCsvRecords(csv);
  if (!header) return { header: '', rows: 0, chunks: [], duplicates: [] };
  const delimiter = csvDelimiter(header.text);
  const cellsOf = (text: string) => csvCells(text, delimiter);
  const idAt = cellsOf(header.text).indexOf('id');
  const seen = new Map<string, number>();
  const duplicates: CsvDuplicate[] = [];
  const rows = records.filter((r) => {
    const id = idAt < 0 ? '' : (cellsOf(r.text)[idAt] ?? '');
    if (!id) return true; // the server reports it
    const first = seen.get(id);
    if (first !== undefined) duplicates.push({ row: r.line, id, firstRow: first });
    else seen.set(id, r.line);
    return first === undefined;
  });
  const chunks: CsvChunk[] = [];
  const headerLines = lineCount(header.text);
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    const starts: number[] = [];
    let at = headerLines + 1;
    for (const r of part) {
      starts.push(at);
      at += lineCount(r.text);
    }
    chunks.push({ csv: [header.text, ...part.map((r) => r.text)].join('\n') + '\n', lines: part.map((r) => r.line), starts });
  }
  return { header: header.text, rows: records.length, chunks, duplicates };
}

const lineCount = (text: string) => text.split('\n').length;

/** A line of a chunk, as the server names a row (header = line 1), as the file's line number. */
export function fileRow(chunk: CsvChunk, serverRow: number): number {
  let k = -1;
  for (let i = 0; i < chunk.starts.length && chunk.starts[i] <= serverRow; i++) k = i;
  return k < 0 ? serverRow : chunk.lines[k] + (serverRow - chunk.starts[k]);
}
