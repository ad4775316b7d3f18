// Starts the REAL Voronka server for the end-to-end tests: a fresh temporary data folder, the
// manual QA clock, fixed passwords and an API key. The folder is removed when the server stops.
// Usage: node tests/e2e/serve.mjs [port]   (the web app must already be built into dist/web)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const port = process.argv[2] ?? process.env.E2E_PORT ?? '8790';
if (!existsSync(join(root, 'dist/web/index.html'))) {
  console.error('serve.mjs: dist/web is missing: run `npx vite build` first (npm run test:e2e does).');
  process.exit(2);
}
const data = mkdtempSync(join(tmpdir(), 'voronka-e2e-'));
const child = spawn(process.execPath, [join(root, 'bin/voronka.js'), 'serve', '--port', port, '--data', data], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    HOST: '127.0.0.1',
    VORONKA_CLOCK: 'manual',
    VORONKA_ADMIN_PASSWORD: 'admin-pass-1',
    VORONKA_DEMO_PASSWORD: 'demo-pass-1',
    VORONKA_API_KEY: 'e2e-key',
    VORONKA_PUBLIC_URL: `http://127.0.0.1:${port}`,
  },
});
const cleanup = () => rmSync(data, { recursive: true, force: true });
let stopping = false;
const stop = (sig) => {
  if (stopping) return;
  stopping = true;
  child.kill(sig);
  // The server finishes its step and exits; do not wait for ever.
  setTimeout(() => child.kill('SIGKILL'), 5000).unref();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGHUP', () => stop('SIGTERM'));
child.on('exit', (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 0 : 1));
});
