import { templateVariables } from '../engine/template.ts';
import { closestWord } from '../format/closest.ts';
import type { Issue } from './issues.ts';
import type { Lang, Text } from './i18n.ts';
import { fieldLabel } from './fieldLabels.ts';
import type { CheckedNode } from './validateFunnel.ts';

/**
 * Contact attributes the funnel's texts write that no contact has and no step of the funnel sets —
 * `{{contact.firstname}}` where contacts have `firstName`: each contact would get an empty place
 * there. A warning naming the attribute meant, when one is near; none without the workspace's
 * attributes (`known`, a sample of its contacts), or when the variable has a `default` to fall back on.
 */
export function unknownAttributeIssues(nodes: Iterable<CheckedNode>, known: readonly string[] | undefined, lang: Lang, named: (c: CheckedNode) => Text): Issue[] {
  if (!known?.length) return [];
  const list = [...nodes];
  const have = new Set([...known, 'id', ...list.flatMap((c) => c.def.writesAttributes?.(c.data) ?? [])]);
  const out: Issue[] = [];
  for (const c of list)
    for (const t of c.def.texts?.(c.data) ?? []) {
      const said = new Set<string>();
      for (const v of templateVariables(t.text)) {
        const [root, name] = v.path.split('.');
        if (root !== 'contact' || !v.valid || !name || have.has(name) || said.has(name) || v.filters.includes('default')) continue;
        said.add(name);
        const meant = closestWord(name, have, 2);
        const who = named(c);
        const field = { en: fieldLabel(t.field, 'en'), ru: fieldLabel(t.field, 'ru') };
        out.push({
          severity: 'warning',
          nodeId: c.node.id,
          field: t.field,
          code: 'unknown-attribute',
          message: (lang === 'ru'
            ? `${who.ru}: ${field.ru}: {{contact.${name}}} — ни у одного контакта нет атрибута «${name}»${meant ? `: может быть, {{contact.${meant}}}?` : ' — нет ли опечатки?'} Контакты получат там пустое место.`
            : `${who.en}: ${field.en}: {{contact.${name}}}: no contact has the attribute "${name}"${meant ? ` — did you mean {{contact.${meant}}}?` : ' — a typo?'} Contacts would get an empty place there.`),
        });
      }
    }
  return out;
}
