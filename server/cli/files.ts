import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Scenario } from '../../shared/format/scenario.ts';
import { describeZodIssue, fieldName } from '../../shared/validate/issues.ts';

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

/** Reads a scenario file, or throws an InputError naming the file and the field. */
export function readScenario(file: string): Scenario {
  const raw = readJson(file);
  const r = Scenario.safeParse(raw);
  if (!r.success) throw new InputError(r.error.issues.map((i) => `${file}: "${fieldName(i.path) || 'file'}" ${describeZodIssue(i, raw)}`).join('\n'));
  return r.data;
}

/** Every .json file under a folder, sorted, recursively. */
export function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}
