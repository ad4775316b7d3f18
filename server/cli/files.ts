import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Scenario, SCENARIO_FORMAT } from '../../shared/format/scenario.ts';
import { zodIssueLines } from '../../shared/validate/issues.ts';

/** A problem with an input file: the CLI prints it and exits 2. */
export class InputError extends Error {}

/** Reads and parses a JSON file, or throws an InputError naming the file. */
export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * True for a scenario file: one scenario@1 document, or a list of them (as the funnel list exports
 * a funnel's saved scenarios, `<id>.scenarios.json`).
 */
export function isScenarios(raw: unknown): boolean {
  const isOne = (x: unknown) => (x as { format?: unknown } | null)?.format === SCENARIO_FORMAT;
  return isOne(raw) || (Array.isArray(raw) && raw.length > 0 && raw.every(isOne));
}

/**
 * The scenarios of a file (one document or a list), or throws an InputError naming the file and
 * the field (`[2].expect.path` in a list).
 */
export function readScenarios(file: string, raw: unknown = readJson(file)): Scenario[] {
  const docs = Array.isArray(raw) ? raw : [raw];
  return docs.map((doc, k) => {
    const r = Scenario.safeParse(doc);
    if (r.success) return r.data;
    const at = Array.isArray(raw) ? `[${k}].` : '';
    throw new InputError(zodIssueLines(r.error.issues, doc).map((line) => `${file}: ${at}${line}`).join('\n'));
  });
}

/** Every .json file under a folder, sorted, recursively; an InputError when `dir` is not a folder. */
export function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) throw new InputError(`${dir}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new InputError(`${dir}: not a folder — \`voronka test\` takes a folder with funnel and scenario files; for one scenario use \`voronka simulate FUNNEL SCENARIO\``);
  return filesUnder(dir);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}
