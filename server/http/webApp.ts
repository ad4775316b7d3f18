import type { Context } from 'hono';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt']);

type Bytes = Uint8Array<ArrayBuffer>;
/** A copy on its own ArrayBuffer (what a response body takes). */
const bytes = (b: Buffer): Bytes => new Uint8Array(b);

interface Asset {
  type: string;
  raw: Bytes;
  /** Compressed bodies, made in the background when the server starts (raw is served until then). */
  br?: Bytes;
  gzip?: Bytes;
  compressible: boolean;
}

/**
 * The built web app, served from memory: `assets/*` (content-hashed names) with a year-long
 * immutable cache, compressed with brotli or gzip as the browser accepts (both made once, off the
 * event loop, when the server starts); `index.html` for every other path (client-side routes),
 * never cached by the browser, so a new build (read when the server restarts) is picked up at once.
 */
export function webAppHandler(webDir: string) {
  const assets = new Map<string, Asset>();
  const load = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) load(path, `${prefix}${name}/`);
      else {
        const ext = extname(name).toLowerCase();
        assets.set(`${prefix}${name}`, { type: TYPES[ext] ?? 'application/octet-stream', raw: bytes(readFileSync(path)), compressible: COMPRESSIBLE.has(ext) });
      }
    }
  };
  load(webDir, '/');
  const index = assets.get('/index.html');
  if (!index) throw new Error(`no index.html in ${webDir}`);
  for (const a of assets.values()) {
    if (!a.compressible || a.raw.length <= 1024) continue;
    void brotliAsync(a.raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: a.raw.length } }).then((b) => (a.br = bytes(b)), () => {});
    void gzipAsync(a.raw, { level: 9 }).then((b) => (a.gzip = bytes(b)), () => {});
  }

  const send = (c: Context, a: Asset, cache: string) => {
    const accepts = c.req.header('accept-encoding') ?? '';
    let body = a.raw;
    let encoding: string | undefined;
    if (a.br && /\bbr\b/.test(accepts)) [body, encoding] = [a.br, 'br'];
    else if (a.gzip && /\bgzip\b/.test(accepts)) [body, encoding] = [a.gzip, 'gzip'];
    const headers: Record<string, string> = { 'content-type': a.type, 'cache-control': cache, 'content-length': String(body.length) };
    if (a.compressible) headers.vary = 'accept-encoding';
    if (encoding) headers['content-encoding'] = encoding;
    return c.req.method === 'HEAD' ? c.body(null, 200, headers) : c.body(body, 200, headers);
  };

  return (c: Context) => {
    const a = assets.get(c.req.path);
    if (a && a !== index) return send(c, a, c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    // a missing hashed asset is a 404 (an old page asking for a file of a previous build), not the app
    if (c.req.path.startsWith('/assets/')) return c.text('not found', 404);
    return send(c, index, 'no-cache');
  };
}

/** True when `dir` holds a built web app. */
export const hasWebApp = (dir: string | null): dir is string => !!dir && existsSync(join(dir, 'index.html'));
