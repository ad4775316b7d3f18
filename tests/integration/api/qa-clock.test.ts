import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createServer } from '../../../server/createServer.ts';
import { API_KEY, ENV, START, startServer } from './helpers.ts';

describe('the manual QA clock', () => {
  it('goes on after a restart from where QA left it, not from the wall clock: stored runs and tasks keep their times', async () => {
    const h = await startServer();
    await h.api('POST', '/api/events', { type: 'lead.created', contactId: 'anna' });
    expect((await h.api('POST', '/api/clock/advance', { by: 'P3DT4H' })).status).toBe(200);
    const moved = START + (3 * 24 + 4) * 3_600_000;
    await h.s.close();

    // the same data folder, started as the QA server always is (no start time given): the clock is where it was
    const again = await createServer({ dataDir: h.dir, clock: 'manual', env: ENV, webDir: null, log: () => {} });
    try {
      const get = (path: string, init: RequestInit = {}) => again.app.request(path, { ...init, headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' } });
      expect(await (await get('/api/clock')).json()).toEqual({ now: new Date(moved).toISOString(), manual: true });
      // and it moves on from there, and is kept again
      expect(((await (await get('/api/clock/advance', { method: 'POST', body: JSON.stringify({ by: 'PT1H' }) })).json()) as { now: string }).now).toBe(new Date(moved + 3_600_000).toISOString());
    } finally {
      await again.close();
      rmSync(h.dir, { recursive: true, force: true });
    }
  });
});
