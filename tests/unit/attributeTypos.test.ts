import { describe, expect, it } from 'vitest';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';
import { edge, funnel, node, trigger } from './helpers.ts';

const mail = (body: string, subject = 'Привет') => node('m', 'message', { channel: 'email', subject, body, marketing: false });
const users = [{ id: 'u1', role: 'manager', teams: [] }];
const warnings = (f: unknown, attributes?: string[], lang: 'en' | 'ru' = 'en') =>
  validateFunnel(f, { lang, workspace: { users, ...(attributes ? { attributes } : {}) } }).issues.filter((i) => i.code === 'unknown-attribute');

describe('a text writing a contact attribute no contact has', () => {
  const known = ['firstName', 'email', 'city'];

  it('is a warning on the node and field, naming the attribute meant', () => {
    const w = warnings(funnel([trigger(), mail('{{contact.firstname}}, ваш промокод. {{contact.firstname}}!')], [edge('start', 'next', 'm')]), known);
    expect(w).toEqual([expect.objectContaining({ severity: 'warning', nodeId: 'm', field: 'body' })]);
    expect(w[0].message).toContain('{{contact.firstname}}: no contact has the attribute "firstname" — did you mean {{contact.firstName}}?');
    const ru = warnings(funnel([trigger(), mail('{{contact.citty}}')], [edge('start', 'next', 'm')]), known, 'ru');
    expect(ru[0].message).toContain('ни у одного контакта нет атрибута «citty»: может быть, {{contact.city}}?');
    // nothing near: asked whether it is a typo
    expect(warnings(funnel([trigger(), mail('{{contact.loyaltyTier}}')], [edge('start', 'next', 'm')]), known)[0].message).toContain('"loyaltyTier" — a typo?');
  });

  it('is no warning for an attribute in use, one the funnel sets, one with a default, the id — or with no contacts to compare with', () => {
    const setter = node('a', 'action', { set: { promo: 'SPRING' } });
    const f = funnel([trigger(), setter, mail('{{contact.firstName}} {{contact.promo}} {{contact.id}} {{contact.nickname | default:друг}}')], [edge('start', 'next', 'a'), edge('a', 'next', 'm')]);
    expect(warnings(f, known)).toEqual([]);
    expect(warnings(funnel([trigger(), mail('{{contact.firstname}}')], [edge('start', 'next', 'm')]))).toEqual([]);
    expect(warnings(funnel([trigger(), mail('{{contact.firstname}}')], [edge('start', 'next', 'm')]), [])).toEqual([]);
  });
});
