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

export interface CsvChunk {
  /** The header plus up to `size` data records. */
  csv: string;
  /** The file line of each data record, in order: the server's row r (header = 1) is `lines[r - 2]`. */
  lines: number[];
}

/**
 * Cuts a CSV file into chunks of `size` data rows, each starting with the header, so a big file
 * goes up in several requests.
 * @example chunkCsv('id\na\nb\nc', 2) // [{ csv: 'id\na\nb', lines: [2, 3] }, { csv: 'id\nc', lines: [4] }]
 */
export function chunkCsv(csv: string, size = 500): { header: string; rows: number; chunks: CsvChunk[] } {
  const [header, ...rows] = splitCsvRecords(csv);
  if (!header) return { header: '', rows: 0, chunks: [] };
  const chunks: CsvChunk[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    chunks.push({ csv: [header.text, ...part.map((r) => r.text)].join('\n') + '\n', lines: part.map((r) => r.line) });
  }
  return { header: header.text, rows: rows.length, chunks };
}

/** A server row number within a chunk (header = row 1) as the file's line number. */
export const fileRow = (chunk: CsvChunk, serverRow: number): number => chunk.lines[serverRow - 2] ?? serverRow;
