import type { Funnel } from '../../../shared/format/funnel.ts';
import type { Scenario } from '../../../shared/format/scenario.ts';
import { chooseVariant, type SplitData } from '../../../shared/nodes/split.ts';
import type { Lang } from '../i18n/i18n.ts';
import { EN, EN_FIRST_NAMES } from '../../../shared/examples/en.ts';
import { translateScenario, translateTemplate, type TemplateTranslation } from '../../../shared/examples/translate.ts';

/** The example funnels, bundled at build time; they are the templates of «Новая воронка». */
const files = import.meta.glob('../../../examples/*/funnel.json', { eager: true, import: 'default' }) as Record<string, unknown>;

const isFunnel = (x: unknown): x is Funnel =>
  typeof x === 'object' && x !== null && typeof (x as Funnel).id === 'string' && typeof (x as Funnel).name === 'string' && Array.isArray((x as Funnel).nodes);

export const TEMPLATES: Funnel[] = Object.values(files)
  .filter(isFunnel)
  .sort((a, b) => a.name.localeCompare(b.name));

const TRANSLATIONS: Partial<Record<Lang, Record<string, TemplateTranslation>>> = { en: EN };

/** The templates in the UI's language: the examples are written in Russian, other languages lay their texts over them. */
export const templatesIn = (lang: Lang): Funnel[] =>
  TEMPLATES.map((f) => translateTemplate(f, TRANSLATIONS[lang]?.[f.id])).sort((a, b) => a.name.localeCompare(b.name, lang));

/** The examples' saved scenarios, bundled too: a funnel made from a template keeps the walks that check it. */
const scenarioFiles = import.meta.glob('../../../examples/*/*.scenario.json', { eager: true, import: 'default' }) as Record<string, Scenario>;

/**
 * A template's saved scenarios in the UI's language, for the funnel made from it (`funnelId`): its
 * QA walks come with it, and publishing checks them as it does for any funnel.
 */
export function templateScenarios(templateId: string, funnelId: string, lang: Lang): Scenario[] {
  return Object.entries(scenarioFiles)
    .filter(([path]) => path.split('/').at(-2) === templateId)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, s]) => {
      const file = path.split('/').at(-1)!.replace(/\.scenario\.json$/, '');
      const tr = TRANSLATIONS[lang]?.[templateId];
      const walk = tr ? translateScenario(s, file, tr, EN_FIRST_NAMES) : s;
      return { ...walk, funnel: funnelId, contact: { ...walk.contact, id: sameVariants(templateId, funnelId, walk.contact.id) } };
    });
}

/**
 * A test contact id that gets, in the copy, the A/B variants the template's contact got: a variant
 * is a hash of contact, funnel and node, so under a new funnel id the same contact could take the
 * other branch and its walk would fail. The id itself where it does, else `<id>-2`, `<id>-3`…
 */
function sameVariants(templateId: string, funnelId: string, contactId: string): string {
  const splits = (TEMPLATES.find((f) => f.id === templateId)?.nodes ?? []).filter((n) => n.type === 'split');
  const wanted = splits.map((n) => chooseVariant(n.data as SplitData, contactId, templateId, n.id));
  const fits = (id: string) => splits.every((n, i) => chooseVariant(n.data as SplitData, id, funnelId, n.id) === wanted[i]);
  for (let k = 1; k < 1000; k++) {
    const id = k === 1 ? contactId : `${contactId}-${k}`;
    if (fits(id)) return id;
  }
  return contactId;
}

/**
 * A funnel with only its entry point: a trigger on `lead.created`; a contact who unsubscribes leaves
 * it at once (`settings.exitWhen`), as in the templates — a safeguard to remove, not to remember.
 */
export const emptyFunnel = (id: string, name: string): Funnel => ({
  format: 'voronka/funnel@1',
  id,
  name,
  settings: { exitWhen: [{ event: 'unsubscribed' }] },
  nodes: [{ id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } }],
  edges: [],
});

/** A deep copy of `f` under a new id and name. */
export const copyFunnel = (f: Funnel, id: string, name: string): Funnel => ({ ...structuredClone(f), id, name });

/**
 * `f` with its money in `to` instead of `from`: every product (any object in a node's data whose
 * `currency` is `from`) changes currency; its price stays the number it was, for the user to set.
 */
export function withCurrency(f: Funnel, from: string, to: string): Funnel {
  if (from === to) return f;
  const swap = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(swap);
    if (typeof x !== 'object' || x === null) return x;
    const out = Object.fromEntries(Object.entries(x).map(([k, v]) => [k, swap(v)]));
    if (out.currency === from) out.currency = to;
    return out;
  };
  return { ...f, nodes: f.nodes.map((n) => ({ ...n, data: swap(n.data) as typeof n.data })) };
}

/** Saves `data` as a pretty-printed JSON file through the browser's download. */
export function downloadJson(data: unknown, fileName: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2) + '\n'], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
