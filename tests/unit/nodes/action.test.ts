import { describe, expect, it } from 'vitest';
import { validateFunnel as validate } from '../../../shared/validate/validateFunnel.ts';
import { compiled, contact, edge, funnel, node, path, sim, start, stateOf, trigger } from '../helpers.ts';

const actionFunnel = (data: Record<string, unknown>, after: ReturnType<typeof node>[] = [], edges: ReturnType<typeof edge>[] = []) =>
  funnel([trigger(), node('a', 'action', data), ...after], [edge('start', 'next', 'a'), ...edges]);

describe('action: compile', () => {
  it('enters with setAttrs, tags and webhook actions (method POST by default), then goes on', () => {
    const st = stateOf(
      compiled(actionFunnel({ set: { stage: 'hot' }, tags: { add: ['lead'] }, webhook: { url: 'https://crm.example.com/hook' } }, [node('x', 'exit')], [edge('a', 'next', 'x')])),
      'a',
    );
    expect(st.entry).toEqual([
      { type: 'enter', params: { node: 'a' } },
      { type: 'setAttrs', params: { node: 'a', set: { stage: 'hot' } } },
      { type: 'tags', params: { node: 'a', add: ['lead'], remove: [] } },
      { type: 'webhook', params: { node: 'a', url: 'https://crm.example.com/hook', method: 'POST' } },
    ]);
    expect(st.always).toEqual([{ target: 'x', actions: [{ type: 'leave', params: { node: 'a', exit: 'next' } }] }]);
  });
});

describe('action: runtime', () => {
  it('set: renders the values and updates the contact', () => {
    const r = start(compiled(actionFunnel({ set: { stage: 'hot', source: '{{event.data.src}}', greeting: 'Hi {{contact.firstName}}' } })), { type: 'go', data: { src: 'ads' } });
    expect(r.effects.filter((e) => e.kind === 'updateContact')).toEqual([{ kind: 'updateContact', node: 'a', set: { stage: 'hot', source: 'ads', greeting: 'Hi Anna' } }]);
    const s = sim(actionFunnel({ set: { stage: 'hot' } }));
    s.event({ type: 'go' });
    expect(s.contact.attributes).toMatchObject({ stage: 'hot', firstName: 'Anna' });
  });

  it('a branch right after the action sees the new value', () => {
    const f = actionFunnel(
      { set: { stage: 'hot' } },
      [node('b', 'branch', { rules: [{ id: 'hot', when: { '==': [{ var: 'contact.stage' }, 'hot'] } }] }), node('yes', 'exit'), node('no', 'exit')],
      [edge('a', 'next', 'b'), edge('b', 'hot', 'yes'), edge('b', 'else', 'no')],
    );
    const r = start(compiled(f), { type: 'go' }, contact({ stage: 'cold' }));
    expect(r.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['start', 'a', 'b', 'yes']);
    const s = sim(f, contact({ stage: 'cold' }));
    s.event({ type: 'go' });
    expect(path(s)).toEqual(['start', 'a', 'b', 'yes']);
  });

  it('a message after the action renders the new value', () => {
    const f = actionFunnel(
      { set: { firstName: 'Anya' } },
      [node('m', 'message', { channel: 'sms', body: 'Hi {{contact.firstName}}' })],
      [edge('a', 'next', 'm')],
    );
    const s = sim(f);
    s.event({ type: 'go' });
    expect(s.messages.map((m) => m.body)).toEqual(['Hi Anya']);
  });

  it('tags: adds and removes', () => {
    const f = actionFunnel({ tags: { add: ['new', 'keep'], remove: ['old'] } });
    const r = start(compiled(f));
    expect(r.effects).toContainEqual({ kind: 'updateContact', node: 'a', addTags: ['new', 'keep'], removeTags: ['old'] });
    const s = sim(f, contact({}, { tags: ['old', 'keep'] }));
    s.event({ type: 'go' });
    expect([...(s.contact.tags ?? [])].sort()).toEqual(['keep', 'new']);
  });

  it('webhook: a JSON body stays the JSON written whatever the values hold (quotes, backslashes, line breaks); a text body is left as is', () => {
    const body = '{"name": "{{contact.firstName}}", "note": "{{event.data.note}}", "amount": {{event.data.amount}}, "source": "site"}';
    const name = 'Оля "Йога", "admin": true, "x":"';
    const r = start(compiled(actionFunnel({ webhook: { url: 'https://crm.example.com/h', body } })), { type: 'go', data: { note: 'a\\b\nc', amount: 1500 } }, contact({ firstName: name }));
    const sent = r.effects.find((e) => e.kind === 'webhook') as { body: string };
    expect(JSON.parse(sent.body)).toEqual({ name, note: 'a\\b\nc', amount: 1500, source: 'site' });
    const text = start(compiled(actionFunnel({ webhook: { url: 'https://crm.example.com/h', body: 'Лид: {{contact.firstName}}' } })), { type: 'go' }, contact({ firstName: 'ООО "Ромашка"' }));
    expect(text.effects.find((e) => e.kind === 'webhook')).toMatchObject({ body: 'Лид: ООО "Ромашка"' });
  });

  it('webhook: the URL is rendered with values URI-encoded; the body is rendered; the method is kept', () => {
    const f = actionFunnel({
      webhook: { url: 'https://crm.example.com/h?name={{contact.firstName}}&src={{event.data.src}}', method: 'PUT', body: '{"name":"{{contact.firstName}}"}' },
    });
    const r = start(compiled(f), { type: 'go', data: { src: 'a/b?c=d' } }, contact({ firstName: 'Anna Maria & Co' }));
    const hooks = r.effects.filter((e) => e.kind === 'webhook');
    expect(hooks).toEqual([
      {
        kind: 'webhook',
        id: 'r1:a:1',
        node: 'a',
        url: 'https://crm.example.com/h?name=Anna%20Maria%20%26%20Co&src=a%2Fb%3Fc%3Dd',
        method: 'PUT',
        body: '{"name":"Anna Maria & Co"}',
      },
    ]);
    const s = sim(f, contact({ firstName: 'Ян' }));
    s.event({ type: 'go', data: { src: 'x' } });
    expect(s.webhooks.map((w) => w.url)).toEqual(['https://crm.example.com/h?name=%D0%AF%D0%BD&src=x']);
    expect(s.webhooks[0].method).toBe('PUT');
  });

  it('points: added to the number the attribute holds (text that is a number too; nothing or not a number counts from zero), and a branch after reads the new score', () => {
    const hot = (score: unknown) => {
      const f = actionFunnel(
        { add: { score: 30, visits: -1 } },
        [node('b', 'branch', { rules: [{ id: 'hot', when: { '>=': [{ var: 'contact.score' }, 50] } }] }), node('yes', 'exit'), node('no', 'exit')],
        [edge('a', 'next', 'b'), edge('b', 'hot', 'yes'), edge('b', 'else', 'no')],
      );
      const r = start(compiled(f), { type: 'go' }, contact(score === undefined ? {} : { score }));
      const s = sim(f, contact(score === undefined ? {} : { score }));
      s.event({ type: 'go' });
      expect(path(s)).toEqual(r.journal.filter((j) => j.kind === 'entered').map((j) => j.node));
      return { path: path(s), attributes: s.contact.attributes, effects: r.effects.filter((e) => e.kind === 'updateContact'), updates: s.updates };
    };
    const warm = hot(25);
    expect(warm.path).toEqual(['start', 'a', 'b', 'yes']);
    expect(warm.attributes).toMatchObject({ score: 55, visits: -1 });
    // the host is told the points, not a value, so it adds them to the score it stores
    expect(warm.effects).toEqual([{ kind: 'updateContact', node: 'a', add: { score: 30, visits: -1 } }]);
    // the simulator's timeline has the points with the score they made
    expect(warm.updates).toEqual([expect.objectContaining({ node: 'a', add: { score: { by: 30, now: 55 }, visits: { by: -1, now: -1 } } })]);
    expect(hot('24,5').attributes).toMatchObject({ score: 54.5 });
    expect(hot(undefined)).toMatchObject({ path: ['start', 'a', 'b', 'no'], attributes: { score: 30 } });
    expect(hot('много').attributes).toMatchObject({ score: 30 });
  });

  it('points: validated — a number for each attribute, and not an attribute the same action also writes', () => {
    const issues = (data: Record<string, unknown>) => validate(actionFunnel(data)).issues.filter((i) => i.nodeId === 'a').map((i) => [i.code, i.field]);
    expect(issues({ add: { score: 10 } })).toEqual([]);
    expect(issues({ add: { score: 'десять' } })).toEqual([['invalid-field', 'add.score']]);
    expect(issues({ set: { score: '0' }, add: { score: 10 } })).toEqual([['action-set-and-add', 'add.score']]);
    expect(issues({})).toEqual([['action-empty', undefined]]);
  });

  it('says which contact attributes it writes, for a branch to offer: what it sets and what it gives points to', async () => {
    const { action } = await import('../../../shared/nodes/action.ts');
    expect(action.writesAttributes?.({ set: { stage: 'hot' }, add: { score: 10 }, tags: { add: ['x'] } })).toEqual(['stage', 'score']);
    expect(action.writesAttributes?.({ webhook: { url: 'https://x' } })).toEqual([]);
  });

  it('the run goes on by next at once and ends when next has no edge', () => {
    const r = start(compiled(actionFunnel({ tags: { add: ['x'] } })));
    expect(r.status).toBe('completed');
    expect(r.journal).toContainEqual(expect.objectContaining({ kind: 'left', node: 'a', exit: 'next' }));
  });
});
