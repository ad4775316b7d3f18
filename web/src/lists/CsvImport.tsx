import type { ImportReportDto } from '../../../shared/api/types.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { decodeCsvBytes, csvDelimiter } from '../../../shared/format/csvText.ts';
import { chunkCsv, csvCells, fileRow } from './csv.ts';
import { errorText } from './errors.ts';

const CHUNK_ROWS = 500;
const SHOWN_ERRORS = 500;

interface Report extends ImportReportDto {
  fatal: string | null;
  /** The file was not UTF-8: read as Windows-1251 (said, in case it was some other encoding). */
  encoding?: 'windows-1251';
  /** Columns no contact had before, that became attributes (a typo in a header shows here). */
  newColumns?: string[];
}

/** Columns the import reads as something other than an attribute. */
const SPECIAL_COLUMN = /^(id|tags|segments|consent[._-]\w+)$/i;

/**
 * CSV import: the file goes up in chunks of ~500 rows (each with the header), with progress; the
 * per-row errors are reported with the file's own row numbers.
 */
export function CsvImport() {
  const { t, number, maybe } = useT();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<Report | null>(null);

  const run = async () => {
    if (!file) return;
    setRunning(true);
    setReport(null);
    // a file Russian Excel saved is in Windows-1251, often with semicolons: both are read as such
    const { text, encoding } = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    const { header, rows, chunks, duplicates } = chunkCsv(text, CHUNK_ROWS);
    const columns = csvCells(header, csvDelimiter(header));
    const noId = header !== '' && !columns.some((c) => c === 'id');
    const out: Report = {
      imported: 0,
      created: 0,
      failed: duplicates.length,
      errors: duplicates.map((d) => ({ row: d.row, id: d.id, field: 'id', code: 'duplicate', value: d.id, firstRow: d.firstRow, message: '' })),
      fatal: rows === 0 ? t('contacts.csv.noRows') : noId ? t('contacts.csv.noId', { columns: columns.slice(0, 8).join(', ') }) : null,
      ...(encoding === 'windows-1251' ? { encoding } : {}),
    };
    if (noId) {
      setReport(out);
      setRunning(false);
      return;
    }
    // attributes the base has not seen (nor the app knows by name): said, in case a header has a typo
    const known = new Set(await api.attributeKeys().then((r) => r.keys, () => columns));
    const fresh = columns.filter((c) => c && !SPECIAL_COLUMN.test(c) && !known.has(c) && !maybe(`attr.${c}`, ''));
    if (fresh.length) out.newColumns = fresh;
    let done = duplicates.length;
    setProgress({ done, total: rows });
    for (const chunk of chunks) {
      try {
        const r = await api.importContacts(chunk.csv);
        out.imported += r.imported;
        out.created! += r.created ?? 0;
        out.failed += r.failed;
        const inFile = (row: number) => fileRow(chunk, row);
        for (const e of r.errors) {
          const value = e.code === 'unreadable' ? e.value?.replace(/\d+/g, (n) => String(inFile(Number(n)))) : e.value;
          out.errors.push({ ...e, row: inFile(e.row), value, firstRow: e.firstRow && inFile(e.firstRow) });
        }
        for (const w of r.warnings ?? []) (out.warnings ??= []).push({ ...w, row: inFile(w.row) });
        for (const [ch, n] of Object.entries(r.withoutConsent ?? {})) (out.withoutConsent ??= {})[ch] = (out.withoutConsent[ch] ?? 0) + n;
      } catch (e) {
        out.fatal = t('contacts.csv.stopped', { row: chunk.lines[0], error: errorText(e) });
        break;
      }
      done += chunk.lines.length;
      setProgress({ done, total: rows });
    }
    out.errors.sort((a, b) => a.row - b.row);
    setReport(out);
    setRunning(false);
    // the list and the base's figures above it (contacts, buyers, revenue)
    await Promise.all([qc.invalidateQueries({ queryKey: ['contacts'] }), qc.invalidateQueries({ queryKey: ['customer-metrics'] })]);
  };

  return (
    <div className="card ls-csv">
      <h2>{t('contacts.csv.file')}</h2>
      <div className="row">
        <label className="ls-file-button">
          {t('contacts.csv.choose')}
          <input type="file" accept=".csv,text/csv" data-testid="csv-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} disabled={running} />
        </label>
        <span className={file ? 'ls-grow' : 'ls-grow muted'}>{file ? file.name : t('contacts.csv.noFile')}</span>
        <button className="primary" onClick={run} disabled={!file || running} data-testid="csv-import">
          {t('contacts.csv.import')}
        </button>
      </div>
      <p className="ls-hint">{t('contacts.csv.hint')}</p>
      {progress && (
        <div className="ls-progress" data-testid="csv-progress">
          <progress max={Math.max(progress.total, 1)} value={progress.done} />
          <span>{t('contacts.csv.progress', { done: number(progress.done), total: number(progress.total) })}</span>
        </div>
      )}
      {report && (
        <div data-testid="csv-report" className="ls-csv-report">
          <p>
            <span className={report.imported > 0 ? 'badge live' : 'badge'}>{t('contacts.csv.imported', { n: number(report.imported) })}</span>{' '}
            {report.imported > 0 && (
              <span className="muted" data-testid="csv-created">
                {t('contacts.csv.createdUpdated', { created: number(report.created ?? 0), updated: number(report.imported - (report.created ?? 0)) })}
              </span>
            )}{' '}
            {report.failed > 0 && <span className="badge err">{t('contacts.csv.failed', { n: number(report.failed) })}</span>}
          </p>
          {report.encoding && (
            <p className="muted ls-small" data-testid="csv-encoding">
              {t('contacts.csv.cp1251')}
            </p>
          )}
          {report.newColumns && report.imported > 0 && (
            <p className="muted ls-small" data-testid="csv-new-columns">
              {t('contacts.csv.newColumns', { n: report.newColumns.length, columns: report.newColumns.map((c) => `{{contact.${c}}}`).join(', ') })}
            </p>
          )}
          {report.fatal && (
            <p className="error" role="alert">
              {report.fatal}
            </p>
          )}
          {/* imported, but the funnels' marketing messages will not reach them: said now, not found out from a silent A/B test */}
          {report.withoutConsent && (
            <p className="ls-warn-text" data-testid="csv-no-consent">
              ⚠{' '}
              {t('contacts.csv.noConsent', {
                channels: Object.entries(report.withoutConsent).map(([channel, n]) => `${maybe(`channel.${channel}`, channel)} — ${number(n)}`).join(', '),
                columns: Object.keys(report.withoutConsent).map((channel) => `consent.${channel}`).join(', '),
              })}
            </p>
          )}
          <ProblemTable problems={report.errors} testId="csv-error" />
          {report.warnings && (
            <>
              <p className="ls-warn-text">{t('contacts.csv.warnings', { n: report.warnings.length })}</p>
              <ProblemTable problems={report.warnings} testId="csv-warning" what={t('contacts.csv.note')} />
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** Rows of the report (errors: left out; warnings: imported with a note), by the file's own row numbers. */
function ProblemTable({ problems, testId, what }: { problems: Report['errors']; testId: string; what?: string }) {
  const { t, number } = useT();
  if (!problems.length) return null;
  return (
    <>
      <table className="ls-table ls-compact">
        <thead>
          <tr>
            <th className="ls-num">{t('contacts.csv.row')}</th>
            <th>{t('contacts.csv.id')}</th>
            <th>{t('contacts.csv.field')}</th>
            <th>{what ?? t('contacts.csv.message')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.slice(0, SHOWN_ERRORS).map((e, i) => (
            <tr key={i} data-testid={testId}>
              <td className="ls-num">{e.row}</td>
              <td>{e.id ? <code>{e.id}</code> : '—'}</td>
              <td>
                <code>{e.field || '—'}</code>
              </td>
              <td>{t(`contacts.csv.problem.${e.code}${e.zone ? '-city' : ''}`, { value: e.value ?? '', expected: e.expected ?? '', first: e.firstRow ?? '', zone: e.zone ?? '' })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > SHOWN_ERRORS && <p className="muted">{t('contacts.csv.more', { n: number(problems.length - SHOWN_ERRORS) })}</p>}
    </>
  );
}
