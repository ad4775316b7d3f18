import { readdirSync, readFileSync, statSync } from 'node:fs';
import { decodeCsvBytes } from '../../shared/format/csvText.ts';
import { extname, join, resolve } from 'node:path';
import { Funnel, FUNNEL_FORMAT } from '../../shared/format/funnel.ts';
import { SCENARIO_FORMAT, type Scenario } from '../../shared/format/scenario.ts';
import { describeZodIssue, fieldName, type Issue } from '../../shared/validate/issues.ts';
import { createServer } from '../createServer.ts';
import { HttpError } from '../http/errors.ts';
import { InputError, isScenarios, readJson, readScenarios } from './files.ts';

type Print = (line: string) => void;

/** Every .json and .csv file of a folder (recursively, sorted), or the file itself. */
function filesOf(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError(`${path}: no such file or folder`);
  }
  if (!st.isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const p = join(path, name);
      return statSync(p).isDirectory() ? filesOf(p) : ['.json', '.csv'].includes(extname(name)) ? [p] : [];
    });
}

interface Plan {
  funnels: { file: string; funnel: Funnel }[];
  scenarios: { file: string; scenario: Scenario }[];
  csv: { file: string; text: string }[];
}

/** Reads and checks every file before anything is written: a bad file stops the import (exit 2) with nothing stored. */
function plan(paths: string[]): Plan {
  const out: Plan = { funnels: [], scenarios: [], csv: [] };
  for (const file of paths.flatMap(filesOf)) {
    if (extname(file) === '.csv') {
      out.csv.push({ file, text: decodeCsvBytes(readFileSync(file)).text }); // UTF-8, or Windows-1251 as Russian Excel saves it
      continue;
    }
    const raw = readJson(file) as { format?: unknown };
    if (isScenarios(raw)) out.scenarios.push(...readScenarios(file, raw).map((scenario) => ({ file, scenario })));
    else if (raw?.format === FUNNEL_FORMAT) {
      const r = Funnel.safeParse(raw);
      if (!r.success) throw new InputError(r.error.issues.map((i) => `${file}: "${fieldName(i.path) || 'file'}" ${describeZodIssue(i, raw)}`).join('\n'));
      out.funnels.push({ file, funnel: r.data });
    } else throw new InputError(`${file}: not a ${FUNNEL_FORMAT} or ${SCENARIO_FORMAT} file ("format" is ${JSON.stringify(raw?.format ?? null)})`);
  }
  return out;
}

/**
 * `voronka import PATH... [--data ./data] [--publish]`: funnel files become drafts (created, or
 * the draft updated), scenario files are saved with their funnel (replacing one of the same name),
 * CSV files import contacts with a per-row report; folders are read whole (e.g. `examples/classic`).
 * `--publish` then publishes each imported funnel under the same rules as the API (valid, every
 * saved scenario passes). Exit 0 when all went in, 1 when a publish was refused or CSV rows
 * failed, 2 for a file that cannot be read.
 */
export async function importCommand(args: string[], print: Print): Promise<number> {
  const publish = args.includes('--publish');
  const d = args.indexOf('--data');
  const dataDir = resolve(d >= 0 ? args[d + 1] : (process.env.VORONKA_DATA_DIR ?? './data'));
  const paths = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--data');
  if (paths.length === 0) throw new InputError('usage: voronka import PATH... [--data ./data] [--publish]');
  const todo = plan(paths);

  const server = await createServer({ dataDir, clock: 'real', webDir: null, log: print });
  const { funnels, contacts } = server.ctx;
  let failed = false;
  try {
    const imported: string[] = [];
    for (const { file, funnel } of todo.funnels) {
      const exists = await server.ctx.store.read.getFunnel(funnel.id);
      const v = exists ? await funnels.saveDraft(funnel.id, funnel) : await funnels.create(funnel);
      const errors = v.issues.filter((i) => i.severity === 'error').length;
      print(`${file}: funnel "${funnel.id}" ${exists ? 'draft updated' : 'created'}${v.issues.length ? ` (${errors} errors, ${v.issues.length - errors} warnings)` : ''}`);
      imported.push(funnel.id);
    }
    for (const { file, scenario } of todo.scenarios) {
      const f = await server.ctx.store.read.getFunnel(scenario.funnel);
      if (!f) {
        print(`${file}: no funnel "${scenario.funnel}" to save the scenario with; import the funnel too`);
        failed = true;
        continue;
      }
      const others = f.scenarios.filter((s) => (s as { name?: unknown }).name !== scenario.name);
      await funnels.saveDraft(f.id, f.draft as Funnel, [...others, scenario]);
      print(`${file}: scenario "${scenario.name}" ${others.length < f.scenarios.length ? 'replaced' : 'saved'} with funnel "${f.id}"`);
    }
    for (const { file, text } of todo.csv) {
      try {
        const r = await contacts.importCsv(text);
        print(`${file}: ${r.imported} contacts imported, ${r.failed} rows failed`);
        for (const e of r.errors) print(`  row ${e.row}, ${e.field}: ${e.message}`);
        if (r.failed) failed = true;
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        print(`${file}: ${e.message}`);
        failed = true;
      }
    }
    if (publish) {
      const admin = (await server.ctx.store.read.listUsers()).find((u) => u.role === 'admin');
      for (const id of imported) {
        try {
          const v = await funnels.publish(id, 'voronka import', admin?.id ?? 'cli');
          print(`funnel "${id}": published version ${v.version}`);
        } catch (e) {
          if (!(e instanceof HttpError)) throw e;
          failed = true;
          print(`funnel "${id}": not published: ${e.message}`);
          for (const i of ((e.details?.issues ?? []) as Issue[]).filter((x) => x.severity === 'error')) print(`  error ${i.nodeId ? `[node ${i.nodeId}] ` : ''}${i.message}`);
          for (const s of (e.details?.scenarios ?? []) as { name: string; failures: string[] }[]) print(`  scenario "${s.name}" fails: ${s.failures.join('; ')}`);
        }
      }
    }
  } finally {
    await server.close();
  }
  return failed ? 1 : 0;
}
