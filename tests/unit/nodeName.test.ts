import { describe, expect, it } from 'vitest';
import { nodeKind, nodeName } from '../../shared/nodes/nodeName.ts';

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
