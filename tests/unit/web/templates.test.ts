import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { validateFunnel } from '../../../shared/validate/validateFunnel.ts';
import { TEMPLATES, copyFunnel, templateScenarios, templatesIn, withCurrency } from '../../../web/src/lists/funnelTemplates.ts';
import { compileFunnel } from '../../../shared/compiler/compileFunnel.ts';
import { runScenario } from '../../../shared/simulator/runScenario.ts';
import { funnelCurrency } from '../../../shared/format/funnel.ts';
import { EN, EN_FIRST_NAMES } from '../../../shared/examples/en.ts';
import { translateTemplate, type Texts } from '../../../shared/examples/translate.ts';
import { needsLayout, overlaps } from '../../../web/src/editor/layout.ts';

const CYRILLIC = /[А-Яа-яЁё]/;
const VARIABLE = /\{\{\s*[^}]+?\s*\}\}/g;

/** Every text of a value with its path. */
function texts(x: unknown, path = ''): [string, string][] {
  if (typeof x === 'string') return [[path, x]];
  if (Array.isArray(x)) return x.flatMap((v, i) => texts(v, `${path}[${i}]`));
  if (typeof x === 'object' && x !== null) return Object.entries(x).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
  return [];
}

/** Paths of a translation part that do not name a text of the node's data. */
function stale(data: unknown, over: Texts | Texts[] | string, path: string): string[] {
  if (typeof over === 'string') return typeof data === 'string' ? [] : [path];
  if (Array.isArray(over)) return Array.isArray(data) && over.length <= data.length ? over.flatMap((o, i) => stale(data[i], o, `${path}[${i}]`)) : [path];
  if (typeof data !== 'object' || data === null) return [path];
  return Object.entries(over).flatMap(([k, v]) => stale((data as Record<string, unknown>)[k], v, `${path}.${k}`));
}

describe('templates in English', () => {
  const byId = new Map(TEMPLATES.map((f) => [f.id, f]));

  it('translate every example funnel', () => {
    expect(Object.keys(EN).sort()).toEqual([...byId.keys()].sort());
  });

  for (const [id, tr] of Object.entries(EN)) {
    describe(id, () => {
      const original = byId.get(id) as Funnel;
      const translated = translateTemplate(original, tr);

      it('name only nodes and texts that exist', () => {
        const nodes = new Map(original.nodes.map((n) => [n.id, n]));
        const wrong = Object.entries(tr.nodes).flatMap(([nodeId, over]) => (nodes.has(nodeId) ? stale(nodes.get(nodeId)!.data, over, nodeId) : [nodeId]));
        expect(wrong).toEqual([]);
      });

      it('leave no Russian text', () => {
        const left = texts({ name: translated.name, nodes: translated.nodes.map((n) => n.data) }).filter(([, s]) => CYRILLIC.test(s));
        expect(left).toEqual([]);
      });

      it('keep every template variable of each text', () => {
        const vars = (s: string) => [...new Set(s.match(VARIABLE) ?? [])].sort();
        const before = new Map(texts(original.nodes.map((n) => n.data)));
        const lost = texts(translated.nodes.map((n) => n.data)).filter(([p, s]) => JSON.stringify(vars(s)) !== JSON.stringify(vars(before.get(p) ?? '')));
        expect(lost).toEqual([]);
      });

      it('name every saved scenario of the example, in English, and every test contact has an English name', () => {
        const dir = new URL(`../../../examples/${id}/`, import.meta.url);
        const files = readdirSync(dir).filter((f) => f.endsWith('.scenario.json')).map((f) => f.replace(/\.scenario\.json$/, ''));
        expect(Object.keys(tr.scenarios ?? {}).sort()).toEqual(files.sort());
        expect(Object.values(tr.scenarios ?? {}).filter((n) => CYRILLIC.test(n))).toEqual([]);
        for (const f of files) {
          const s = JSON.parse(readFileSync(new URL(`${f}.scenario.json`, dir), 'utf8'));
          const first = s.contact?.attributes?.firstName;
          if (typeof first === 'string' && CYRILLIC.test(first)) expect(EN_FIRST_NAMES[first], `${id}/${f}: ${first}`).toMatch(/^[A-Z][a-z]+$/);
        }
      });

      it('keep the graph: same nodes, edges and settings, and the same validation result', () => {
        expect(translated.edges).toEqual(original.edges);
        expect(translated.settings).toEqual(original.settings);
        expect(translated.nodes.map((n) => [n.id, n.type, n.position])).toEqual(original.nodes.map((n) => [n.id, n.type, n.position]));
        const codes = (f: Funnel) => validateFunnel(f).issues.map((i) => `${i.severity}:${i.code}:${i.nodeId ?? ''}`);
        expect(codes(translated)).toEqual(codes(original));
      });
    });
  }

  it('are offered in the English UI, the Russian UI keeps the examples as written', () => {
    expect(templatesIn('ru')).toEqual(expect.arrayContaining(TEMPLATES));
    const en = templatesIn('en');
    expect(en.map((f) => f.id).sort()).toEqual([...byId.keys()].sort());
    expect(en.find((f) => f.id === 'classic')!.name).toBe(EN.classic.name);
    expect(en.every((f) => !CYRILLIC.test(f.name))).toBe(true);
  });
});

describe('templates, in both languages', () => {
  const QUOTED = /[«“"„]\s*\{\{\s*product\.name\s*\}\}\s*[»”"“]/;
  const QUOTES = /[«»“”"„]/;
  for (const lang of ['ru', 'en'] as const) {
    it(`${lang}: a product name that carries its own quotes is not wrapped in more («Курс «…»»)`, () => {
      const wrapped = templatesIn(lang).flatMap((f) =>
        f.nodes.flatMap((n) => {
          const name = (n.data as { product?: { name?: string } }).product?.name;
          if (!name || !QUOTES.test(name)) return [];
          return texts(n.data, `${f.id}/${n.id}`).filter(([, s]) => QUOTED.test(s)).map(([p]) => p);
        }),
      );
      expect(wrapped).toEqual([]);
    });
  }
});

describe('templates, as the editor opens them', () => {
  it('need no layout: their nodes do not overlap, so the first version keeps the positions the marketer saw', () => {
    expect(TEMPLATES.filter((f) => needsLayout(f)).map((f) => f.id)).toEqual([]);
    // not even partly: a template is shown as drawn, and drawn apart
    expect(TEMPLATES.filter((f) => overlaps(f)).map((f) => f.id)).toEqual([]);
  });
});

describe('a funnel made from a template keeps its saved scenarios', () => {
  for (const lang of ['ru', 'en'] as const) {
    it(`${lang}: every template's scenarios come with it, renamed to the new funnel, and pass on it (in Tenge and the UI's zone too)`, () => {
      for (const tpl of templatesIn(lang)) {
        const made = withCurrency(copyFunnel(tpl, 'my-copy', 'Моя копия'), funnelCurrency(tpl), 'KZT');
        made.settings = { ...made.settings, currency: 'KZT', timezone: made.settings?.timezone ?? 'Asia/Almaty' };
        const scenarios = templateScenarios(tpl.id, 'my-copy', lang);
        const dir = new URL(`../../../examples/${tpl.id}/`, import.meta.url);
        expect(scenarios).toHaveLength(readdirSync(dir).filter((f) => f.endsWith('.scenario.json')).length);
        const compiled = compileFunnel(made);
        if (!compiled.ok) throw new Error(`${tpl.id} does not compile`);
        for (const s of scenarios) {
          expect(s.funnel).toBe('my-copy');
          expect(runScenario(compiled.compiled, s).trace.failures, `${tpl.id}: ${s.name}`).toEqual([]);
        }
      }
    });
  }
});
