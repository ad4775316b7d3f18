import { describe, expect, it } from 'vitest';
import { eventFilteredPaths, unwritableEventValues } from '../../../shared/nodes/untilDate.ts';
import { compiled, edge, funnel, node, trigger } from '../helpers.ts';

describe('the event values a funnel writes through a filter', () => {
  const cf = compiled(
    funnel(
      [
        trigger({ event: 'visit.booked' }),
        node('sms', 'message', { channel: 'sms', body: 'Ждём {{event.data.visitAt | datetime}}, к оплате {{lastEvent.data.total | money}}; {{contact.birthday | date}}, {{event.data.note | default:—}}', marketing: false }),
        node('call', 'handoff', { title: 'Позвонить до {{event.data.visitAt | time}}', assignee: { role: 'manager' }, outcomes: [{ id: 'ok', label: 'Ок' }] }),
      ],
      [edge('start', 'next', 'sms'), edge('sms', 'next', 'call')],
    ),
  );

  it('are found through every node type\'s texts, each path and filter once; a contact\'s and unfiltered ones are not', () => {
    expect(eventFilteredPaths(cf.nodes.values())).toEqual([
      { path: 'event.data.visitAt', filter: 'datetime' },
      { path: 'lastEvent.data.total', filter: 'money' },
      { path: 'event.data.visitAt', filter: 'time' },
    ]);
  });

  it('an event\'s value is unwritable when its filter cannot read it; an empty or missing one is not', () => {
    const paths = eventFilteredPaths(cf.nodes.values());
    expect(unwritableEventValues(paths, { visitAt: 'завтра', total: '4 990' })).toEqual([
      ['event.data.visitAt', 'datetime', 'завтра'],
      ['event.data.visitAt', 'time', 'завтра'],
    ]);
    expect(unwritableEventValues(paths, { visitAt: '2026-12-01T10:00:00+03:00', total: 'много' })).toEqual([['lastEvent.data.total', 'money', 'много']]);
    expect(unwritableEventValues(paths, { visitAt: '', total: undefined })).toEqual([]);
    expect(unwritableEventValues(paths, undefined)).toEqual([]);
  });
});
