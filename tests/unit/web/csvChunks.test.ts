import { describe, expect, it } from 'vitest';
import { chunkCsv, csvCells, fileRow, splitCsvRecords } from '../../../web/src/lists/csv.ts';

describe('CSV chunks for upload', () => {
  it('reads cells with quotes, doubled quotes, commas and line breaks', () => {
    expect(csvCells('a, "b,c" ,"say ""hi""\nthere",')).toEqual(['a', 'b,c', 'say "hi"\nthere', '']);
    expect(csvCells('x')).toEqual(['x']);
  });

  it('keeps multi-line records whole and maps a server row (a line of the chunk) back to the file', () => {
    const csv = '\uFEFFid,note\nr1,"one\ntwo"\n\nr2,x\nr3,"a\nb\nc"\nr4,y\n';
    expect(splitCsvRecords(csv).map((r) => r.line)).toEqual([1, 2, 5, 6, 9]);
    const { rows, chunks } = chunkCsv(csv, 2);
    expect(rows).toBe(4);
    expect(chunks.map((c) => [c.lines, c.starts])).toEqual([
      [[2, 5], [2, 4]],
      [[6, 9], [2, 5]],
    ]);
    // chunk 2 is "id,note\nr3,\"a\nb\nc\"\nr4,y\n": r3 starts on its line 2 (file line 6), r4 on its line 5 (file 9)
    expect(fileRow(chunks[1], 2)).toBe(6);
    expect(fileRow(chunks[1], 4)).toBe(8); // inside r3
    expect(fileRow(chunks[1], 5)).toBe(9);
    expect(fileRow(chunks[0], 4)).toBe(5);
  });

  it('leaves out a row whose id an earlier row of the file has, even in another chunk', () => {
    const { chunks, duplicates, rows } = chunkCsv('name,id\nA,a\nB,b\nC,c\nA2, a \n"D,d",b\n,\n', 2);
    expect(rows).toBe(6);
    expect(duplicates).toEqual([
      { row: 5, id: 'a', firstRow: 2 },
      { row: 6, id: 'b', firstRow: 3 },
    ]);
    expect(chunks.map((c) => c.csv)).toEqual(['name,id\nA,a\nB,b\n', 'name,id\nC,c\n,\n']);
  });
});
