import { describe, expect, it } from 'vitest';
import { csvDelimiter, decodeCsvBytes } from '../../shared/format/csvText.ts';
import { readCsv } from '../../server/services/contacts.ts';
import { chunkCsv } from '../../web/src/lists/csv.ts';

/** «Иван» in Windows-1251, as Russian Excel saves a CSV. */
const cp1251 = (text: string) => Uint8Array.from([...text].map((ch) => (ch >= 'А' && ch <= 'я' ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))));

describe('a CSV from a spreadsheet', () => {
  it('is read as UTF-8 when it is (a BOM dropped), else as Windows-1251', () => {
    const utf8 = new TextEncoder().encode('\uFEFFid,firstName\n1,Иван\n');
    expect(decodeCsvBytes(utf8)).toEqual({ text: 'id,firstName\n1,Иван\n', encoding: 'utf-8' });
    expect(decodeCsvBytes(cp1251('id;firstName\n1;Иван Петров\n'))).toEqual({ text: 'id;firstName\n1;Иван Петров\n', encoding: 'windows-1251' });
  });

  it('is cut by semicolons when its first line has more of them than commas (outside quotes)', () => {
    expect(csvDelimiter('id;firstName;email\n1;A;a@b.c')).toBe(';');
    expect(csvDelimiter('id,firstName,email\n1,A,a@b.c')).toBe(',');
    expect(csvDelimiter('id,"a;b;c"\n')).toBe(',');
    expect(csvDelimiter('\uFEFFid;"Имя, фамилия"\n')).toBe(';');
  });

  it('with semicolons: the server reads its cells (a quoted cell keeps its semicolon) and the upload finds each row\'s id', () => {
    const text = 'id;firstName;tags\nc1;Иван;"vip;csv"\nc2;Анна;\nc1;Иван 2;\n';
    const r = readCsv(text);
    expect(r.header).toEqual(['id', 'firstName', 'tags']);
    expect(r.rows.map((x) => x.cells)).toEqual([['c1', 'Иван', 'vip;csv'], ['c2', 'Анна', ''], ['c1', 'Иван 2', '']]);
    expect(chunkCsv(text, 10).duplicates).toEqual([{ row: 4, id: 'c1', firstRow: 2 }]);
  });
});
