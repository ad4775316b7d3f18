import { z } from 'zod';
import { JsonLogicRule } from '../format/common.ts';
import { defineNode } from './types.ts';

const BranchData = z.object({
  rules: z.array(
    z.object({
      id: z.string({ error: 'every rule needs an id' }).min(1, { error: 'a rule id must not be empty' }),
      label: z.string().optional(),
      when: JsonLogicRule,
    }),
    { error: 'must be a list of rules' },
  ),
});
export type BranchData = z.infer<typeof BranchData>;

/** Tries JSON Logic rules in order over the contact and the run's start event; `else` when none holds. */
export const branch = defineNode<BranchData>({
  type: 'branch',
  group: 'logic',
  label: { en: 'Branch', ru: 'Условие' },
  schema: BranchData,
  defaults: (lang = 'ru') => ({ rules: [{ id: 'yes', label: lang === 'en' ? 'Yes' : 'Да', when: { '==': [{ var: 'contact.city' }, lang === 'en' ? 'London' : 'Москва'] } }] }),
  exits: (d) => [...d.rules.map((r) => r.id), 'else'],
  validate(d, v) {
    const seen = new Set<string>();
    d.rules.forEach((r, i) => {
      if (r.id === 'else') v.error(`rules.${i}.id`, 'branch-else', { en: 'A rule cannot be called "else": that exit is taken when no rule holds.', ru: 'Правило нельзя назвать "else": этот выход берётся, когда ни одно правило не выполнено.' });
      if (seen.has(r.id)) v.error(`rules.${i}.id`, 'branch-duplicate-rule', { en: `Two rules are called "${r.id}": give each rule its own id.`, ru: `Два правила называются «${r.id}»: дайте каждому свой id.` });
      seen.add(r.id);
    });
  },
  compile: (d, h) => ({
    always: [...d.rules.map((r) => h.exit(r.id, [], { type: 'rule', params: { when: r.when } })), h.exit('else')],
  }),
  exitLabel: (d, exit) => (exit === 'else' ? undefined : d.rules?.find((r) => r?.id === exit)?.label || exit),
  summary: (d) => d.rules.map((r) => r.label ?? r.id).join(' / '),
});
