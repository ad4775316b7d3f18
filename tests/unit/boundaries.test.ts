import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const oxlint = join(root, 'node_modules/.bin/oxlint');

/** Lints one file placed at `rel` in a scratch copy of the project's lint config. */
function lint(rel: string, code: string) {
  const dir = mkdtempSync(join(tmpdir(), 'voronka-lint-'));
  cpSync(join(root, '.oxlintrc.json'), join(dir, '.oxlintrc.json'));
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), code);
  try {
    return spawnSync(oxlint, ['-c', '.oxlintrc.json', rel], { cwd: dir, encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('architecture boundaries (the lint rule npm test runs)', () => {
  for (const mod of ['node:fs', 'react', 'hono', 'drizzle-orm', 'better-sqlite3', 'pg', '@hono/node-server', 'fs']) {
    it(`rejects importing ${mod} in shared/`, () => {
      const r = lint('shared/engine/bad.ts', `import x from '${mod}';\nexport default x;\n`);
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('no-restricted-imports');
    });
  }

  it('allows pure libraries in shared/', () => {
    const r = lint('shared/engine/good.ts', `import { z } from 'zod';\nexport const s = z.string();\n`);
    expect(r.status).toBe(0);
  });

  it('allows node: imports in server/', () => {
    const r = lint('server/x.ts', `import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n`);
    expect(r.status).toBe(0);
  });

  it('keeps the web app away from server code', () => {
    const r = lint('web/src/bad.ts', `import { x } from '../../server/db';\nexport const y = x;\n`);
    expect(r.status).not.toBe(0);
  });
});
