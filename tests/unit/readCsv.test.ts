import { describe, expect, it } from 'vitest';
import { readCsv } from '../../server/services/contacts.ts';

const rows = (text: string) => {
  const r = readCsv(text);
  return { rows: r.rows.map((x) => [x.row, x.cells[0]]), unreadable: r.unreadable.map((u) => [u.row, u.value]) };
};
/** The same lines with each line ending (a file is written with one), ending with none, one or two line breaks. */
const variants = (lines: string[]) => ['\n', '\r\n'].flatMap((eol) => ['', eol, eol + eol].map((end) => lines.join(eol) + end));

describe('readCsv: the line each row starts on', () => {
  it('counts blank lines and line breaks inside quotes, however the file ends', () => {
    for (const text of variants(['id,note', 'a,1', '', 'b,"x', 'y"', 'c,2']))
      expect(rows(text).rows, JSON.stringify(text)).toEqual([
        [2, 'a'],
        [4, 'b'],
        [6, 'c'],
      ]);
  });

  it('a quote never closed: the lines from its row to the last line of text, however the file ends', () => {
    for (const text of variants(['id,name', 'u-1,A', 'u-2,"open', 'u-3,C'])) expect(rows(text), JSON.stringify(text)).toEqual({ rows: [[2, 'u-1']], unreadable: [[3, '3–4']] });
    // on the last line alone
    expect(rows('id,name\nu-1,A\nu-2,"open\n').unreadable).toEqual([[3, '3']]);
    // after blank lines
    expect(rows('id,name\nu-1,A\n\n\nu-2,"open\nu-3,C\n').unreadable).toEqual([[5, '5–6']]);
  });
});
