import { describe, expect, it } from 'vitest';
import { nodeKind, nodeName } from '../../shared/nodes/nodeName.ts';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';
import { edge, funnel, node, trigger } from './helpers.ts';

describe('a node as people read it', () => {
  const trip = { type: 'offer', data: { stage: 'tripwire', product: { sku: 'INT-1', name: 'Intensive' }, window: 'P3D' } };

  it('a stage is called by the stage it sells at, other nodes by their type', () => {
    expect(nodeKind('offer', trip.data, 'ru')).toBe('Трипваер');
    expect(nodeKind('offer', { ...trip.data, stage: 'leadMagnet' }, 'en')).toBe('Lead magnet');
    expect(nodeKind('exit', {}, 'ru')).toBe('Выход');
    // a draft's data not yet complete, or a type this version does not know
    expect(nodeKind('offer', null, 'ru')).toBe('Этап воронки');
    expect(nodeKind('quantum', {}, 'en')).toBe('quantum');
  });

  it('by the name given it; else its kind and own words; brief leaves the words out; each with its id', () => {
    expect(nodeName({ ...trip, label: ' Интенсив ' }, 'trip', 'ru')).toBe('«Интенсив» (trip)');
    expect(nodeName(trip, 'trip', 'ru')).toBe('Трипваер «Intensive» (trip)');
    expect(nodeName(trip, 'trip', 'en')).toBe('Tripwire “Intensive” (trip)');
    expect(nodeName(trip, 'trip', 'ru', { brief: true })).toBe('Трипваер (trip)');
    expect(nodeName({ type: 'message', data: { channel: 'email', subject: '{{contact.firstName}}, ваш подарок', body: 'x' } }, 'gift', 'ru')).toBe('Сообщение «…, ваш подарок» (gift)');
    expect(nodeName({ type: 'exit', data: {} }, 'done', 'en')).toBe('Exit (done)');
    expect(nodeName(undefined, 'nowhere', 'en')).toBe('“nowhere”');
  });
});

/** trigger → one node `n` (by `next`). */
const withNode = (n: ReturnType<typeof node>) => funnel([trigger(), n], [edge('start', 'next', n.id)]);

describe('validateFunnel: a node named on the canvas', () => {
  it('is called by its name in the issues, its id beside it; a node without one by its kind and id', () => {
    const named = { ...node('welcome', 'message', { channel: 'email', subject: 'Привет', body: '' }), label: 'Приветствие' };
    const ru = validateFunnel(withNode(named), { lang: 'ru' }).issues.find((i) => i.nodeId === 'welcome' && i.severity === 'error')!;
    expect(ru.message).toMatch(/^Сообщение «Приветствие» \(welcome\): /);
    const en = validateFunnel(withNode(named)).issues.find((i) => i.nodeId === 'welcome' && i.severity === 'error')!;
    expect(en.message).toMatch(/^Message “Приветствие” \(welcome\): /);
    const plain = validateFunnel(withNode(node('welcome', 'message', { channel: 'email', subject: 'Привет', body: '' })), { lang: 'ru' }).issues.find((i) => i.nodeId === 'welcome' && i.severity === 'error')!;
    expect(plain.message).toMatch(/^Сообщение «welcome»: /);
  });
});
