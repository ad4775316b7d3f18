import { describe, expect, it } from 'vitest';
import { holds, ruleProblem } from '../../../shared/engine/conditions.ts';
import { ruleText } from '../../../web/src/editor/ruleText.ts';
import { buildRule, parseRule } from '../../../web/src/inspector/RuleBuilder.tsx';

describe('the rule builder: «равно (без учёта регистра)»', () => {
  const rule = buildRule([{ attr: 'contact.goal', op: 'eqi', value: ' Похудение ' }]);

  it('is JSON Logic comparing the attribute in lower case with the value in lower case', () => {
    expect(rule).toEqual({ '==': [{ lower: { var: 'contact.goal' } }, 'похудение'] });
    expect(ruleProblem(rule)).toBeNull();
  });

  it('matches the value in any letter case, as a web form may write it; plain «равно» does not', () => {
    for (const goal of ['Похудение', 'похудение', 'ПОХУДЕНИЕ', ' похудение ']) expect(holds(rule, { contact: { goal } }), goal).toBe(true);
    expect(holds(rule, { contact: { goal: 'Сила' } })).toBe(false);
    expect(holds(rule, { contact: {} })).toBe(false);
    expect(holds(buildRule([{ attr: 'contact.goal', op: '==', value: 'похудение' }]), { contact: { goal: 'Похудение' } })).toBe(false);
  });

  it('reads back into the builder, alone and joined by «and», and is worded on the canvas', () => {
    expect(parseRule(rule)).toEqual([{ attr: 'contact.goal', op: 'eqi', value: 'похудение' }]);
    const both = buildRule([{ attr: 'contact.goal', op: 'eqi', value: 'Похудение' }, { attr: 'contact.city', op: '==', value: 'Москва' }]);
    expect(parseRule(both)).toEqual([{ attr: 'contact.goal', op: 'eqi', value: 'похудение' }, { attr: 'contact.city', op: '==', value: 'Москва' }]);
    expect(ruleText(rule)).toBe('contact.goal ≈ «похудение»');
    expect(ruleText(rule, { lang: 'en' })).toBe('contact.goal ≈ “похудение”');
  });
});
