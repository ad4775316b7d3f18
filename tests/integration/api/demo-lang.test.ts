import { afterEach, describe, expect, it } from 'vitest';
import { ENV, startServer, type Harness } from './helpers.ts';

const CYRILLIC = /[А-Яа-яЁё]/;

/** Every text in a value, with its path. */
const texts = (x: unknown, path = ''): [string, string][] =>
  typeof x === 'string'
    ? [[path, x]]
    : Array.isArray(x)
      ? x.flatMap((v, i) => texts(v, `${path}[${i}]`))
      : typeof x === 'object' && x !== null
        ? Object.entries(x).flatMap(([k, v]) => texts(v, `${path}.${k}`))
        : [];

describe('the demo workspace in English (VORONKA_LANG=en)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('seeds the examples, their scenarios and the people in English; classic is live, its scenarios passing', async () => {
    h = await startServer({ env: { ...ENV, VORONKA_LANG: 'en' } });
    const list = (await h.api('GET', '/api/funnels')).body as { id: string; name: string; status: string; version: number | null }[];
    expect(list.map((f) => f.id).sort()).toEqual(['abandoned-cart', 'birthday', 'car-dealer', 'classic', 'reactivation']);
    expect(list.find((f) => f.id === 'classic')).toMatchObject({ status: 'live', version: 1 });
    for (const f of list) {
      const got = (await h.api('GET', `/api/funnels/${f.id}`)).body;
      expect(texts(got.draft).filter(([, s]) => CYRILLIC.test(s)), f.id).toEqual([]);
      expect(got.scenarios.length, f.id).toBeGreaterThan(0);
      expect(texts(got.scenarios).filter(([, s]) => CYRILLIC.test(s)), f.id).toEqual([]);
    }
    expect((await h.api('GET', '/api/funnels/classic/versions')).body[0].note).toBe('Demo: the classic funnel');
    const users = (await h.api('GET', '/api/users')).body as { name: string }[];
    expect(users.map((u) => u.name).sort()).toEqual(['Administrator', 'Kirill Tester', 'Marina Marketer', 'Oleg Manager']);
    expect((await h.api('GET', '/api/contacts/anna')).body.attributes.firstName).toBe('Anna');
  });

  it('stays in Russian by default', async () => {
    h = await startServer();
    expect((await h.api('GET', '/api/funnels/classic')).body.draft.name).toMatch(CYRILLIC);
    expect((await h.api('GET', '/api/contacts/anna')).body.attributes.firstName).toBe('Анна');
  });
});
