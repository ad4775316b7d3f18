import { describe, expect, it } from 'vitest';
import { clockTime, translate, twelveHour } from '../../../web/src/i18n/i18n.ts';
import '../../../web/src/editor/registerMessages.ts';
import '../../../web/src/i18n/messages/lists.ts';
import type { ImportRowProblem } from '../../../shared/api/types.ts';

describe('translate: counts take the right word form', () => {
  it('English: one and other', () => {
    expect(translate('en', 'inspector.many', { nodes: 1, edges: 1 })).toBe('Selected: 1 node, 1 edge');
    expect(translate('en', 'inspector.many', { nodes: 3, edges: 0 })).toBe('Selected: 3 nodes, 0 edges');
    expect(translate('en', 'issues.summary', { errors: 1, warnings: 2 })).toMatch(/^1 error, 2 warnings\./);
    expect(translate('en', 'header.publishBlocked', { n: 1 })).toBe('Cannot publish: 1 error. See the Issues tab.');
    expect(translate('en', 'node.issues', { n: 21 })).toBe('21 problems');
  });

  it('a form list picks by the language’s rules (Russian: one, few, many), and plain placeholders are filled as before', () => {
    const ru = (n: number) => translate('ru', 'missing.key.{n|узел|узла|узлов}', { n });
    // a key without a message is shown as written, with its placeholders filled
    expect([1, 2, 5, 11, 21, 22, 25].map(ru)).toEqual(['missing.key.узел', 'missing.key.узла', 'missing.key.узлов', 'missing.key.узлов', 'missing.key.узел', 'missing.key.узла', 'missing.key.узлов']);
    expect(translate('ru', 'inspector.many', { nodes: 2, edges: 1 })).toBe('Выбрано узлов: 2, связей: 1');
  });
});

describe('a time of day shown', () => {
  it('as the locale writes it', () => {
    expect(clockTime('22:00', 'en-US')).toMatch(/^10:00\sPM$/);
    expect(clockTime('09:05', 'en-US')).toMatch(/^9:05\sAM$/);
    expect(clockTime('22:00', 'ru-RU')).toBe('22:00');
    expect(clockTime('09:05', 'en-GB')).toBe('09:05');
    expect(clockTime('25:00', 'en-US')).toBe('25:00'); // not a time: as it is
    expect(twelveHour('en-US')).toBe(true);
    expect(twelveHour('ru-RU')).toBe(false);
  });
});

describe('the CSV import report', () => {
  // every code the report can give (the type makes this list complete: a new code fails to compile until it is here)
  const CODES: Record<ImportRowProblem['code'], true> = { empty: true, 'not-yes-no': true, 'not-email': true, 'not-phone': true, 'not-timezone': true, columns: true, duplicate: true, unreadable: true, 'not-number': true, 'not-date': true, 'lifecycle-segment': true };
  it.each(Object.keys(CODES))('words the problem %s in Russian and English', (code) => {
    for (const lang of ['ru', 'en'] as const) expect(translate(lang, `contacts.csv.problem.${code}`, { value: 'v', expected: 3, first: 2, zone: '' })).not.toContain('contacts.csv.problem');
  });
  it('says a life-cycle segment was left out, naming it', () => {
    expect(translate('ru', 'contacts.csv.problem.lifecycle-segment', { value: 'lifecycle:active-loyal' })).toBe('«lifecycle:active-loyal» — сегмент жизненного цикла: он считается по оплаченным заказам контакта, вручную не задаётся и не загружен');
  });
});
