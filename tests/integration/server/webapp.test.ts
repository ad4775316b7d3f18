import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Harness } from '../api/helpers.ts';

describe('the web app as the server serves it', () => {
  let h: Harness;
  let web: string;
  const script = `console.log(${JSON.stringify('воронка '.repeat(400))});\n`;
  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'voronka-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app-3f2a.js"></script>');
    writeFileSync(join(web, 'assets', 'app-3f2a.js'), script);
    writeFileSync(join(web, 'assets', 'tiny-1b.css'), 'a{}');
    h = await startServer({ webDir: web });
  });
  afterAll(async () => {
    await h.close();
    rmSync(web, { recursive: true, force: true });
  });
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => h.s.app.request(path, { method, headers });

  it('serves hashed assets compressed as the browser accepts, cached for a year', async () => {
    // compressed in the background at start: raw until then
    await expect.poll(async () => (await get('/assets/app-3f2a.js', { 'accept-encoding': 'gzip, deflate, br' })).headers.get('content-encoding')).toBe('br');
    const br = await get('/assets/app-3f2a.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toBe('accept-encoding');
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get('content-length'))).toBe(brBody.length);
    expect(brBody.length).toBeLessThan(Buffer.byteLength(script) / 5);
    expect(brotliDecompressSync(brBody).toString()).toBe(script);

    const gz = await get('/assets/app-3f2a.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);

    const plain = await get('/assets/app-3f2a.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
    // a tiny file is not worth compressing
    expect((await get('/assets/tiny-1b.css', { 'accept-encoding': 'br' })).headers.get('content-encoding')).toBeNull();
    const head = await get('/assets/app-3f2a.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(script)));
  });

  it('answers client-side routes with index.html, never cached; a missing asset is a 404; the API is unaffected', async () => {
    for (const path of ['/', '/funnels/classic', '/index.html']) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('cache-control'), path).toBe('no-cache');
      expect(await r.text(), path).toContain('<div id="root">');
    }
    expect((await get('/assets/app-old.js')).status).toBe(404);
    expect((await h.api('GET', '/api/health')).body).toEqual({ ok: true });
    expect((await h.api('GET', '/api/nothing-here')).status).toBe(404);
  });
});

describe('a server started without a built web app', () => {
  it('says so on start, and how to build it; the API still answers', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'voronka-noweb-'));
    const said: string[] = [];
    const h = await startServer({ webDir: empty, log: (line: string) => said.push(line) });
    try {
      expect(said.join('\n')).toContain(`no web app in ${empty}`);
      expect(said.join('\n')).toContain('npm run build');
      expect((await h.api('GET', '/api/funnels')).status).toBe(200);
    } finally {
      await h.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
