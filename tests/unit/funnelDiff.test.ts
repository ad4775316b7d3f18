import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Funnel } from '../../shared/format/funnel.ts';
import { diffFunnels, diffIsEmpty, sameValue, valueChanges } from '../../shared/format/funnelDiff.ts';
import { settingName } from '../../shared/validate/fieldLabels.ts';

const classic = (): Funnel => JSON.parse(readFileSync(new URL('../../examples/classic/funnel.json', import.meta.url), 'utf8'));

describe('what a draft changes against a published version', () => {
  it('finds nothing between a funnel and its copy with keys in another order; moving nodes is only a move', () => {
    const a = classic();
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const b = reversed(a) as Funnel;
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    expect(diffIsEmpty(diffFunnels(a, b))).toBe(true);
    b.nodes[0] = { ...b.nodes[0], position: { x: 999, y: 999 } };
    const d = diffFunnels(a, b);
    expect(diffIsEmpty(d)).toBe(true);
    expect(d.moved).toBe(1);
  });

  it('lists nodes added, removed and changed (by setting), connections drawn and removed, settings and the name', () => {
    const a = classic();
    const b = classic();
    const msg = b.nodes.find((n) => n.type === 'message')!;
    msg.data = { ...msg.data, subject: 'Новая тема' };
    msg.label = 'Переименовано';
    const gone = b.nodes.find((n) => n.type === 'exit')!;
    b.nodes = b.nodes.filter((n) => n !== gone);
    const droppedEdges = b.edges.filter((e) => e.target === gone.id);
    b.edges = b.edges.filter((e) => e.target !== gone.id);
    b.nodes.push({ id: 'fresh', type: 'exit', data: {} });
    b.edges.push({ id: 'x1', source: droppedEdges[0].source, exit: droppedEdges[0].exit, target: 'fresh' });
    b.settings = { ...b.settings, quietHours: { from: '22:00', to: '08:00' } };
    b.name = 'Другое имя';
    const d = diffFunnels(a, b);
    expect(d.added.map((n) => n.id)).toEqual(['fresh']);
    expect(d.removed.map((n) => n.id)).toEqual([gone.id]);
    expect(d.changed).toEqual([{ node: msg, fields: ['label', 'subject'], values: [{ path: 'label', before: undefined, after: 'Переименовано' }, { path: 'subject', before: a.nodes.find((n) => n.id === msg.id)!.data!.subject, after: 'Новая тема' }] }]);
    expect(d.linked).toEqual([{ source: droppedEdges[0].source, ...(droppedEdges[0].exit ? { exit: droppedEdges[0].exit } : {}), target: 'fresh' }]);
    expect(d.unlinked.map((e) => e.target)).toEqual(droppedEdges.map(() => gone.id));
    expect(d.settings).toEqual(['quietHours']);
    expect(d.renamed).toBe(true);
    expect(diffIsEmpty(d)).toBe(false);
  });

  it('a connection redrawn with a new id between the same exits is no change; the same nodes by another exit is', () => {
    const a = classic();
    const b = classic();
    b.edges = b.edges.map((e) => ({ ...e, id: `new-${e.id}` }));
    expect(diffIsEmpty(diffFunnels(a, b))).toBe(true);
    const withExit = b.edges.find((e) => e.exit)!;
    withExit.exit = `${withExit.exit}-other`;
    const d = diffFunnels(a, b);
    expect(d.linked).toHaveLength(1);
    expect(d.unlinked).toHaveLength(1);
  });

  it('compares JSON values deeply and ignores undefined keys', () => {
    expect(sameValue({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });

  it('names settings as the inspector does, in both languages', () => {
    expect(settingName('subject', 'ru')).toBe('Тема');
    expect(settingName('quietHours', 'en')).toBe('Quiet hours');
    expect(settingName('somethingNew', 'ru')).toBe('somethingNew');
  });

  it('says which values changed, down to a product\'s price or an outcome\'s label, and a rule whole', () => {
    const before = { product: { sku: 'C', name: 'Чистка', price: 2990 }, outcomes: [{ id: 'won', label: 'Купил' }, { id: 'lost', label: 'Отказ' }], window: 'P2D', where: { '>=': [{ var: 'contact.age' }, 35] } };
    const after = { product: { sku: 'C', name: 'Чистка', price: 3490 }, outcomes: [{ id: 'won', label: 'Записан' }, { id: 'lost', label: 'Отказ' }, { id: 'none', label: 'Не дозвонились' }], window: 'P1D', where: { '>=': [{ var: 'contact.age' }, 40] } };
    expect(valueChanges(before, after)).toEqual([
      { path: 'product.price', before: 2990, after: 3490 },
      { path: 'outcomes.0.label', before: 'Купил', after: 'Записан' },
      { path: 'outcomes.2', before: undefined, after: { id: 'none', label: 'Не дозвонились' } },
      { path: 'window', before: 'P2D', after: 'P1D' },
      { path: 'where', before: before.where, after: after.where },
    ]);
    expect(valueChanges(before, structuredClone(before))).toEqual([]);
    // a setting switched on whole is told by its parts; a rule stays whole
    expect(valueChanges({}, { quietHours: { from: '21:00', to: '09:00' } })).toEqual([
      { path: 'quietHours.from', before: undefined, after: '21:00' },
      { path: 'quietHours.to', before: undefined, after: '09:00' },
    ]);
  });
});
