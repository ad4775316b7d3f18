import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (tests/unit/ → ../..). */
export const ROOT = resolve(import.meta.dirname, '..', '..');
export const EXAMPLES = join(ROOT, 'examples');

/** Every example folder with its funnel.json parsed. */
export function exampleFunnels(): { name: string; file: string; json: unknown }[] {
  return readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const file = join(EXAMPLES, name, 'funnel.json');
      return { name, file, json: JSON.parse(readFileSync(file, 'utf8')) as unknown };
    });
}
