import { describe, expect, it } from 'vitest';
import type { Funnel } from '../../shared/format/funnel.ts';
import { testMessages } from '../../shared/engine/testMessage.ts';

const funnel = {
  format: 'voronka/funnel@1',
  id: 'webinar',
  name: 'Вебинар',
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'webinar.registered' } },
    { id: 'hello', type: 'message', position: { x: 300, y: 0 }, data: { channel: 'email', subject: '{{contact.firstName}}, вы записаны', body: 'Начало: {{event.data.startsAt}}. Город: {{contact.city}}. Ещё раз, {{contact.firstName}}: {{event.data.startsAt}}' } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'hello' }],
} as Funnel;

describe('a test message names the template variables that print as nothing', () => {
  it('lists each empty variable once; filled ones are not listed', () => {
    const r = testMessages(funnel, 'hello', { id: 'anna', attributes: { firstName: 'Анна' }, consents: {} }, Date.parse('2026-03-02T09:00:00Z'));
    if (!r.ok) throw new Error(r.code);
    expect(r.messages[0].subject).toBe('Анна, вы записаны');
    expect(r.messages[0].empty).toEqual(['event.data.startsAt', 'contact.city']);
  });
  it('an attribute with a value is not empty', () => {
    const r = testMessages(funnel, 'hello', { id: 'anna', attributes: { firstName: 'Анна', city: 'Казань' }, consents: {} }, 0);
    if (!r.ok) throw new Error(r.code);
    expect(r.messages[0].empty).toEqual(['event.data.startsAt']);
  });
});
