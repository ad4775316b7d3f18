import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { translateSchemaMessage } from '../../shared/validate/i18n.ts';
import type { Issue } from '../../shared/validate/issues.ts';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';
import { exampleFunnels } from './examples.ts';
import { edge, funnel, node, trigger } from './helpers.ts';

const issuesOf = (input: unknown) => validateFunnel(input).issues;
const only = (input: unknown, code: string): Issue[] => issuesOf(input).filter((i) => i.code === code);
const errors = (input: unknown) => issuesOf(input).filter((i) => i.severity === 'error');
/** trigger → one node `n` (by `next`). */
const withNode = (n: ReturnType<typeof node>, settings?: Record<string, unknown>) => funnel([trigger(), n], [edge('start', 'next', n.id)], settings);
const product = { sku: 'P-1', name: 'Product' };

describe('validateFunnel: shape', () => {
  it('returns { funnel, issues, nodes } for a valid funnel, with no issues', () => {
    const f = withNode(node('x', 'exit'));
    const v = validateFunnel(f);
    expect(Object.keys(v).sort()).toEqual(['funnel', 'issues', 'nodes']);
    expect(v.issues).toEqual([]);
    expect(v.funnel).toMatchObject({ id: 'f', name: 'test' });
    expect([...v.nodes.keys()]).toEqual(['start', 'x']);
    expect(v.nodes.get('x')!.def.type).toBe('exit');
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'funnel'],
    ['an array', []],
    ['an empty object', {}],
    ['nodes not an array', { format: 'voronka/funnel@1', id: 'f', name: 'x', nodes: 5, edges: [] }],
    ['edges not an array', { format: 'voronka/funnel@1', id: 'f', name: 'x', nodes: [], edges: 'e' }],
    ['a node without id', { format: 'voronka/funnel@1', id: 'f', name: 'x', nodes: [{ type: 'trigger' }], edges: [] }],
    ['a null node', { format: 'voronka/funnel@1', id: 'f', name: 'x', nodes: [null], edges: [] }],
    ['node data not an object', { format: 'voronka/funnel@1', id: 'f', name: 'x', nodes: [{ id: 's', type: 'trigger', data: 5 }], edges: [] }],
    ['an edge without fields', { format: 'voronka/funnel@1', id: 'f', name: 'x', nodes: [], edges: [{}] }],
    ['a wrong format', { format: 'voronka/funnel@2', id: 'f', name: 'x', nodes: [], edges: [] }],
  ])('never throws on garbage: %s → errors, funnel null', (_label, input) => {
    let v: ReturnType<typeof validateFunnel> | undefined;
    expect(() => (v = validateFunnel(input))).not.toThrow();
    expect(v!.funnel).toBeNull();
    expect(v!.nodes.size).toBe(0);
    expect(v!.issues.length).toBeGreaterThan(0);
    expect(v!.issues.every((i) => i.severity === 'error' && typeof i.message === 'string' && i.message.length > 0)).toBe(true);
  });

  it('names the missing fields of an empty object', () => {
    const fields = issuesOf({}).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['format', 'id', 'name', 'nodes', 'edges']));
  });

  it('names "nodes" when nodes is not a list, and the node field when a node has no id', () => {
    const a = issuesOf({ format: 'voronka/funnel@1', id: 'f', name: 'x', nodes: 5, edges: [] });
    expect(a).toEqual([expect.objectContaining({ field: 'nodes', severity: 'error' })]);
    expect(a[0].message).toContain('nodes');
    const b = issuesOf({ format: 'voronka/funnel@1', id: 'f', name: 'x', nodes: [{ type: 'trigger' }], edges: [] });
    expect(b).toEqual([expect.objectContaining({ field: 'nodes.0.id', severity: 'error' })]);
    expect(b[0].message).toContain('nodes.0.id');
  });

  it('a format problem inside a node with an id carries that node id', () => {
    const i = issuesOf({ format: 'voronka/funnel@1', id: 'f', name: 'x', nodes: [{ id: 's', type: 'trigger', data: 5 }], edges: [] });
    expect(i[0]).toMatchObject({ nodeId: 's', field: 'nodes.0.data', severity: 'error' });
  });
});

describe('validateFunnel: one test per issue kind', () => {
  it('no trigger → no-trigger', () => {
    const i = only(funnel([node('m', 'message', { channel: 'sms', body: 'hi' })], []), 'no-trigger');
    expect(i).toHaveLength(1);
    expect(i[0].severity).toBe('error');
    expect(i[0].message).toMatch(/trigger/);
  });

  it('duplicate node ids → duplicate-node-id with the node id', () => {
    const i = only(funnel([trigger(), node('x', 'exit'), node('x', 'exit')], [edge('start', 'next', 'x')]), 'duplicate-node-id');
    expect(i).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'x' })]);
    expect(i[0].message).toContain('"x"');
  });

  it('duplicate edge ids → duplicate-edge-id with the edge id', () => {
    const f = funnel(
      [trigger(), node('w', 'wait', { event: 'a', timeout: 'P1D' }), node('x', 'exit'), node('y', 'exit')],
      [edge('start', 'next', 'w'), { id: 'dup', source: 'w', exit: 'received', target: 'x' }, { id: 'dup', source: 'w', exit: 'timeout', target: 'y' }],
    );
    const i = only(f, 'duplicate-edge-id');
    expect(i).toEqual([expect.objectContaining({ severity: 'error', edgeId: 'dup' })]);
    expect(i[0].message).toContain('"dup"');
  });

  it('an edge from an exit the node does not have → edge-unknown-exit, naming the edge, node and exit', () => {
    const f = funnel(
      [trigger(), node('w', 'wait', { event: 'a', timeout: 'P1D' }), node('x', 'exit')],
      [edge('start', 'next', 'w'), edge('w', 'converted', 'x')],
    );
    const i = only(f, 'edge-unknown-exit');
    expect(i).toEqual([expect.objectContaining({ severity: 'error', edgeId: 'w-converted', nodeId: 'w' })]);
    expect(i[0].message).toContain('"converted"');
    expect(i[0].message).toContain('received');
    expect(i[0].message).toContain('timeout');
  });

  it('an edge out of an exit node → edge-unknown-exit', () => {
    const i = only(funnel([trigger(), node('x', 'exit'), node('y', 'exit')], [edge('start', 'next', 'x'), edge('x', 'next', 'y')]), 'edge-unknown-exit');
    expect(i).toEqual([expect.objectContaining({ edgeId: 'x-next', nodeId: 'x', severity: 'error' })]);
  });

  it('an edge with no exit means next', () => {
    const f = funnel([trigger(), node('x', 'exit')], [{ id: 'e1', source: 'start', target: 'x' }]);
    expect(issuesOf(f)).toEqual([]);
  });

  it('an edge to a missing node → edge-unknown-target', () => {
    const i = only(funnel([trigger()], [edge('start', 'next', 'ghost')]), 'edge-unknown-target');
    expect(i).toEqual([expect.objectContaining({ severity: 'error', edgeId: 'start-next' })]);
    expect(i[0].message).toContain('"ghost"');
  });

  it('an edge from a missing node → edge-unknown-source', () => {
    const i = only(funnel([trigger(), node('x', 'exit')], [edge('start', 'next', 'x'), edge('ghost', 'next', 'x')]), 'edge-unknown-source');
    expect(i).toEqual([expect.objectContaining({ severity: 'error', edgeId: 'ghost-next' })]);
    expect(i[0].message).toContain('"ghost"');
  });

  it('an unreachable node → unreachable with its id', () => {
    const i = only(funnel([trigger(), node('x', 'exit'), node('lonely', 'exit')], [edge('start', 'next', 'x')]), 'unreachable');
    expect(i).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'lonely' })]);
    expect(i[0].message).toContain('"lonely"');
  });

  it('a loop with no delay/wait/offer/handoff → instant-loop on each node of it', () => {
    const f = funnel(
      [trigger(), node('a', 'action', { tags: { add: ['x'] } }), node('b', 'branch', { rules: [{ id: 'r', when: true }] }), node('x', 'exit')],
      [edge('start', 'next', 'a'), edge('a', 'next', 'b'), edge('b', 'r', 'a'), edge('b', 'else', 'x')],
    );
    const i = only(f, 'instant-loop');
    expect(i.map((x) => x.nodeId).sort()).toEqual(['a', 'b']);
    expect(i.every((x) => x.severity === 'error')).toBe(true);
    expect(i[0].message).toMatch(/a → b|b → a/);
  });

  it('a node with an edge to itself is an instant loop', () => {
    const f = funnel([trigger(), node('b', 'branch', { rules: [{ id: 'again', when: true }] })], [edge('start', 'next', 'b'), edge('b', 'again', 'b')]);
    expect(only(f, 'instant-loop').map((x) => x.nodeId)).toEqual(['b']);
  });

  it('a loop through a delay (for), a wait, an offer or a handoff is fine', () => {
    const through = (n: ReturnType<typeof node>, exit: string) =>
      funnel([trigger(), node('a', 'action', { tags: { add: ['x'] } }), n], [edge('start', 'next', 'a'), edge('a', 'next', n.id), edge(n.id, exit, 'a')]);
    expect(issuesOf(through(node('d', 'delay', { for: 'P1D' }), 'next'))).toEqual([]);
    expect(issuesOf(through(node('d', 'delay', { until: { at: '10:00' } }), 'next'))).toEqual([]);
    expect(issuesOf(through(node('w', 'wait', { event: 'x', timeout: 'P1D' }), 'timeout'))).toEqual([]);
    expect(issuesOf(through(node('o', 'offer', { stage: 'offer', product, window: 'P1D' }), 'timeout'))).toEqual([]);
    expect(issuesOf(through(node('h', 'handoff', { title: 't', assignee: { role: 'm' }, outcomes: [{ id: 'again', label: 'Again' }] }), 'again'))).toEqual([]);
  });

  it('a loop through a delay by its missing exit is an instant loop', () => {
    const f = funnel(
      [trigger(), node('a', 'action', { tags: { add: ['x'] } }), node('d', 'delay', { untilDate: { attribute: 'birthday' } }), node('x', 'exit')],
      [edge('start', 'next', 'a'), edge('a', 'next', 'd'), edge('d', 'missing', 'a'), edge('d', 'next', 'x')],
    );
    expect(only(f, 'instant-loop').map((x) => x.nodeId).sort()).toEqual(['a', 'd']);
  });

  it('a loop back through an untilDate delay with no missing edge is an instant loop (next is taken at once when the date is empty or past)', () => {
    // FUNNEL_FORMAT: without a `missing` edge, a contact whose date is empty or past goes on by `next` at once,
    // so this loop takes no time for such a contact (the engine would go round it forever).
    const f = funnel(
      [trigger(), node('a', 'action', { tags: { add: ['x'] } }), node('d', 'delay', { untilDate: { attribute: 'birthday' } })],
      [edge('start', 'next', 'a'), edge('a', 'next', 'd'), edge('d', 'next', 'a')],
    );
    expect(only(f, 'instant-loop').map((x) => x.nodeId).sort()).toEqual(['a', 'd']);
  });

  it('an unparsable duration → invalid-field naming the field', () => {
    const i = issuesOf(withNode(node('o', 'offer', { stage: 'offer', product, window: '3 days' })));
    expect(i).toEqual([expect.objectContaining({ code: 'invalid-field', severity: 'error', nodeId: 'o', field: 'window' })]);
    expect(i[0].message).toContain('window');
    expect(i[0].message).toContain('3 days');
  });

  it.each([
    ['wait timeout', node('w', 'wait', { event: 'x', timeout: 'tomorrow' }), 'timeout'],
    ['delay for', node('d', 'delay', { for: '-P1D' }), 'for'],
    ['handoff dueIn', node('h', 'handoff', { title: 't', assignee: { role: 'm' }, outcomes: [{ id: 'a', label: 'A' }], dueIn: '1 day' }), 'dueIn'],
  ])('an unparsable duration in %s → invalid-field', (_l, n, field) => {
    expect(only(withNode(n), 'invalid-field')).toEqual([expect.objectContaining({ nodeId: n.id, field })]);
  });

  it('an unparsable time → invalid-field naming until.at', () => {
    const i = issuesOf(withNode(node('d', 'delay', { until: { at: '25:00' } })));
    expect(i).toEqual([expect.objectContaining({ code: 'invalid-field', severity: 'error', nodeId: 'd', field: 'until.at' })]);
    expect(i[0].message).toContain('until.at');
    expect(i[0].message).toContain('25:00');
  });

  it('an unparsable time in settings.quietHours is an error naming the field', () => {
    const i = errors(withNode(node('x', 'exit'), { quietHours: { from: '21:00', to: '9am' } }));
    expect(i).toHaveLength(1);
    expect(i[0].field).toBe('settings.quietHours.to');
  });

  it('an unknown time zone in settings → invalid-timezone', () => {
    const i = only(withNode(node('x', 'exit'), { timezone: 'Mars/Olympus' }), 'invalid-timezone');
    expect(i).toEqual([expect.objectContaining({ severity: 'error', field: 'settings.timezone' })]);
  });

  it('a currency that is not a three-letter code is an error naming settings.currency', () => {
    expect(errors(withNode(node('x', 'exit'), { currency: 'рубли' }))).toEqual([expect.objectContaining({ field: 'settings.currency', message: expect.stringMatching(/three-letter currency code/) })]);
    expect(errors(withNode(node('x', 'exit'), { currency: 'KZT' }))).toEqual([]);
  });

  it('a missing required field is an invalid-field error with the node id (offer without window)', () => {
    const i = issuesOf(withNode(node('o', 'offer', { stage: 'offer', product })));
    expect(i).toEqual([expect.objectContaining({ code: 'invalid-field', nodeId: 'o', field: 'window' })]);
    expect(i[0].message).toMatch(/window.*required/);
  });

  it('a handoff without outcomes → invalid-field outcomes', () => {
    for (const data of [{ title: 't', assignee: { role: 'm' }, outcomes: [] }, { title: 't', assignee: { role: 'm' } }]) {
      const i = issuesOf(withNode(node('h', 'handoff', data)));
      expect(i).toEqual([expect.objectContaining({ code: 'invalid-field', severity: 'error', nodeId: 'h', field: 'outcomes' })]);
      expect(i[0].message).toContain('outcomes');
    }
  });

  it('a handoff without assignee → invalid-field assignee', () => {
    const i = issuesOf(withNode(node('h', 'handoff', { title: 't', outcomes: [{ id: 'a', label: 'A' }] })));
    expect(i).toEqual([expect.objectContaining({ code: 'invalid-field', severity: 'error', nodeId: 'h', field: 'assignee' })]);
    expect(i[0].message).toContain('assignee');
  });

  it('repeated branch rule ids → branch-duplicate-rule', () => {
    const i = only(withNode(node('b', 'branch', { rules: [{ id: 'r', when: true }, { id: 'r', when: false }] })), 'branch-duplicate-rule');
    expect(i).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'b', field: 'rules.1.id' })]);
    expect(i[0].message).toContain('"r"');
  });

  it('an outcome button without text is an error on its label; a delay of no time is a warning', () => {
    const h = { title: 'Call', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: '' }] };
    const i = issuesOf(withNode(node('c', 'handoff', h)));
    expect(i.filter((x) => x.severity === 'error').map((x) => [x.code, x.field])).toEqual([['invalid-field', 'outcomes.0.label']]);
    expect(validateFunnel(withNode(node('c', 'handoff', h)), { lang: 'ru' }).issues[0].message).toContain('это текст кнопки менеджера');
    expect(issuesOf(withNode(node('d', 'delay', { for: 'P0D' }))).map((x) => [x.code, x.severity])).toEqual([['delay-zero', 'warning']]);
    expect(issuesOf(withNode(node('d', 'delay', { for: 'PT1M' })))).toEqual([]);
  });

  it('split weight negative → invalid-field on that weight; 0 turns a variant off (a warning), all 0 is an error', () => {
    const i = issuesOf(withNode(node('s', 'split', { variants: [{ id: 'A', weight: 0 }, { id: 'B', weight: -1 }, { id: 'C', weight: 1 }] })));
    expect(i.map((x) => [x.code, x.nodeId, x.field, x.severity])).toEqual([['invalid-field', 's', 'variants.1.weight', 'error']]);
    expect(i[0].message).toContain('variants.1.weight');
    const off = issuesOf(withNode(node('s', 'split', { variants: [{ id: 'A', weight: 0 }, { id: 'C', weight: 1 }] })));
    expect(off.filter((x) => x.code.startsWith('split')).map((x) => [x.code, x.field, x.severity])).toEqual([['split-variant-off', 'variants.0.weight', 'warning']]);
    const none = issuesOf(withNode(node('s', 'split', { variants: [{ id: 'A', weight: 0 }, { id: 'C', weight: 0 }] })));
    expect(none.filter((x) => x.severity === 'error').map((x) => x.code)).toEqual(['split-no-weight']);
  });

  describe('links', () => {
    const msg = (body: string) => withNode(node('m', 'message', { channel: 'sms', body }));

    it.each(['htps://example.com', 'https://exa mple.com', 'http:/example.com', 'https://example', 'https://example..com/a'])('a malformed URL in a message body → broken-link: %s', (url) => {
      const i = only(msg(`Open ${url} today`), 'broken-link');
      expect(i).toHaveLength(1);
      expect(i[0]).toMatchObject({ severity: 'error', nodeId: 'm', field: 'body' });
      expect(i[0].message).toContain('body');
    });

    it('the message quotes the broken link', () => {
      expect(only(msg('Open htps://example.com today'), 'broken-link')[0].message).toContain('htps://example.com');
    });

    it.each(['http://localhost', 'http://localhost:3000/x', 'https://{{contact.site}}/x', 'https://example.com/a?b=c', 'https://shop.example.ru/cart/{{event.data.cartId}}', 'mailto:hi@example.com'])(
      'a fine URL is not reported: %s',
      (url) => {
        expect(issuesOf(msg(`Open ${url} today`))).toEqual([]);
      },
    );

    it('a broken link in an email subject or an href is reported too', () => {
      const f = withNode(node('m', 'message', { channel: 'email', subject: 'See htps://example.com', body: '<a href="https://exa mple.com">x</a>' }));
      expect([...new Set(only(f, 'broken-link').map((i) => i.field))].sort()).toEqual(['body', 'subject']);
    });

    it('a malformed webhook url → broken-link on webhook.url', () => {
      const i = only(withNode(node('a', 'action', { webhook: { url: 'htps://crm.example.com/hook' } })), 'broken-link');
      expect(i).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'a', field: 'webhook.url' })]);
      expect(i[0].message).toContain('webhook.url');
    });

    it('a webhook url with a placeholder host is fine', () => {
      expect(issuesOf(withNode(node('a', 'action', { webhook: { url: 'https://{{contact.crmHost}}/hook?id={{contact.id}}' } })))).toEqual([]);
    });
  });

  describe('template variables', () => {
    it('an unknown variable {{foo.bar}} → unknown-variable naming the field and the variable', () => {
      const i = only(withNode(node('m', 'message', { channel: 'sms', body: 'Hi {{foo.bar}}' })), 'unknown-variable');
      expect(i).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'm', field: 'body' })]);
      expect(i[0].message).toContain('{{foo.bar}}');
      expect(i[0].message).toContain('body');
    });

    it('filters: date, time, datetime, money and default are fine; an unknown one → unknown-filter naming it', () => {
      expect(issuesOf(withNode(node('m', 'message', { channel: 'sms', body: '{{event.data.at | datetime}} {{ event.data.at|date:en }} {{event.data.at | time}} {{event.data.amount | money:USD}} {{contact.firstName | default: друг}}' })))).toEqual([]);
      const i = only(withNode(node('m', 'message', { channel: 'sms', body: 'Hi {{contact.firstName | upper}}' })), 'unknown-filter');
      expect(i).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'm', field: 'body' })]);
      expect(i[0].message).toContain('"upper"');
      expect(i[0].message).toContain('date, time, datetime, money, default');
    });

    it('{{product.name}} is fine in an offer message, unknown in a plain message', () => {
      const offer = withNode(node('o', 'offer', { stage: 'offer', product, window: 'P1D', message: { channel: 'email', subject: '{{product.name}}', body: 'Take {{product.name}}' } }));
      expect(issuesOf(offer)).toEqual([]);
      const plain = only(withNode(node('m', 'message', { channel: 'sms', body: 'Take {{product.name}}' })), 'unknown-variable');
      expect(plain).toEqual([expect.objectContaining({ nodeId: 'm', field: 'body' })]);
      expect(plain[0].message).toContain('{{product.name}}');
    });

    it('an offer message field is named with its prefix', () => {
      const i = only(withNode(node('o', 'offer', { stage: 'offer', product, window: 'P1D', message: { channel: 'sms', body: '{{foo.bar}}' } })), 'unknown-variable');
      expect(i).toEqual([expect.objectContaining({ nodeId: 'o', field: 'message.body' })]);
    });

    it('contact, event, run and funnel variables are fine everywhere', () => {
      const body = '{{contact.firstName}} {{event.data.x}} {{run.id}} {{funnel.id}} {{ contact.email }}';
      expect(issuesOf(withNode(node('m', 'message', { channel: 'sms', body })))).toEqual([]);
      expect(issuesOf(withNode(node('h', 'handoff', { title: body, assignee: { role: 'm' }, outcomes: [{ id: 'a', label: 'A' }] })))).toEqual([]);
    });

    it('unknown variables are found in handoff titles and action set values too', () => {
      expect(only(withNode(node('h', 'handoff', { title: 'Call {{lead.name}}', assignee: { role: 'm' }, outcomes: [{ id: 'a', label: 'A' }] })), 'unknown-variable')).toEqual([
        expect.objectContaining({ nodeId: 'h', field: 'title' }),
      ]);
      expect(only(withNode(node('a', 'action', { set: { stage: '{{foo.bar}}' } })), 'unknown-variable')).toEqual([expect.objectContaining({ nodeId: 'a', field: 'set.stage' })]);
    });

    it('unbalanced braces → broken-braces', () => {
      expect(only(withNode(node('m', 'message', { channel: 'sms', body: 'Hi {{contact.firstName}' })), 'broken-braces')).toEqual([
        expect.objectContaining({ severity: 'error', nodeId: 'm', field: 'body' }),
      ]);
    });
  });

  it('an unknown node type → unknown-node-type with the node id and the type', () => {
    const i = only(withNode(node('q', 'quantum', {})), 'unknown-node-type');
    expect(i).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'q', field: 'type' })]);
    expect(i[0].message).toContain('"quantum"');
    expect(i[0].message).toContain('"q"');
  });

  it('an invalid JSON Logic operator in a branch rule → invalid-rule', () => {
    const i = only(withNode(node('b', 'branch', { rules: [{ id: 'r', when: { frobnicate: [1, 2] } }] })), 'invalid-rule');
    expect(i).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'b' })]);
    expect(i[0].message).toContain('frobnicate');
    expect(i[0].message).toContain('"r"');
  });

  it('an invalid operator in a wait where, a trigger where or settings.exitWhen → invalid-rule', () => {
    expect(only(withNode(node('w', 'wait', { event: 'x', where: { nope: [] }, timeout: 'P1D' })), 'invalid-rule')).toEqual([expect.objectContaining({ nodeId: 'w' })]);
    expect(only(funnel([trigger({ event: 'go', where: { nope: [] } })], []), 'invalid-rule')).toEqual([expect.objectContaining({ nodeId: 'start' })]);
    expect(only(withNode(node('x', 'exit'), { exitWhen: [{ event: 'u', where: { nope: [] } }] }), 'invalid-rule')).toEqual([
      expect.objectContaining({ field: 'settings.exitWhen.0.where' }),
    ]);
  });

  it('a condition left comparing with an empty value → empty-value WARNING naming the variable', () => {
    const w = only(withNode(node('w', 'wait', { event: 'order.paid', where: { and: [{ '==': [{ var: 'event.data.sku' }, ''] }, { '>': [{ var: 'event.data.amount' }, 0] }] }, timeout: 'P1D' })), 'empty-value');
    expect(w).toEqual([expect.objectContaining({ severity: 'warning', nodeId: 'w' })]);
    expect(w[0].message).toContain('event.data.sku');
    expect(only(withNode(node('b', 'branch', { rules: [{ id: 'r', when: { '!=': ['', { var: ['contact.city', 'x'] }] } }] })), 'empty-value')[0].message).toContain('contact.city');
    // a filled-in value, or a deliberate "is empty" written another way, is no warning
    expect(only(withNode(node('b', 'branch', { rules: [{ id: 'r', when: { '==': [{ var: 'contact.city' }, 'Москва'] } }] })), 'empty-value')).toEqual([]);
    expect(only(withNode(node('b', 'branch', { rules: [{ id: 'r', when: { '!': [{ var: 'contact.city' }] } }] })), 'empty-value')).toEqual([]);
  });

  it('stage order tripwire → lead magnet is a stage-order WARNING, not an error', () => {
    const f = funnel(
      [trigger(), node('t', 'offer', { stage: 'tripwire', product, window: 'P1D' }), node('l', 'offer', { stage: 'leadMagnet', product: { sku: 'LM', name: 'LM' }, window: 'P1D' })],
      [edge('start', 'next', 't'), edge('t', 'timeout', 'l')],
    );
    const i = issuesOf(f);
    expect(i).toEqual([expect.objectContaining({ code: 'stage-order', severity: 'warning', nodeId: 'l' })]);
    expect(i[0].message).toContain('"t"');
    const r = validateFunnel(f);
    expect(r.funnel).not.toBeNull();
  });

  it('the usual order lead magnet → tripwire gives no stage-order warning', () => {
    const f = funnel(
      [trigger(), node('l', 'offer', { stage: 'leadMagnet', product, window: 'P1D' }), node('t', 'offer', { stage: 'tripwire', product, window: 'P1D' })],
      [edge('start', 'next', 'l'), edge('l', 'converted', 't')],
    );
    expect(issuesOf(f)).toEqual([]);
  });

  it('an email without subject is a warning only', () => {
    const i = issuesOf(withNode(node('m', 'message', { channel: 'email', body: 'hi' })));
    expect(i).toEqual([expect.objectContaining({ severity: 'warning', nodeId: 'm', field: 'subject' })]);
  });

  it('a trigger with two kinds and a delay with none are errors naming the node', () => {
    expect(errors(funnel([trigger({ event: 'go', segment: 's' }), node('x', 'exit')], [edge('start', 'next', 'x')]))).toEqual([expect.objectContaining({ nodeId: 'start', code: 'trigger-kind' })]);
    expect(errors(withNode(node('d', 'delay', {})))).toEqual([expect.objectContaining({ nodeId: 'd', code: 'delay-kind' })]);
  });
});

describe('validateFunnel: fields the format does not know', () => {
  const handoff = { title: 'Call', assignee: { role: 'manager' }, outcomes: [{ id: 'done', label: 'Called' }] };
  it('a node setting that is not one of its type (a typo) is an unknown-field WARNING naming the node, the field and the real settings', () => {
    const i = issuesOf(withNode(node('call', 'handoff', { ...handoff, sla: 'P1D' })));
    expect(i).toEqual([expect.objectContaining({ severity: 'warning', code: 'unknown-field', nodeId: 'call', field: 'sla' })]);
    expect(i[0].message).toContain('dueIn');
  });

  it('finds typos inside nested settings and list items too', () => {
    const offer = { stage: 'offer', product: { ...product, prise: 5 }, message: { channel: 'email', subject: 'S', body: 'B' }, window: 'P1D', convertOn: { event: 'paid' } };
    const branch = { rules: [{ id: 'r', when: { '==': [1, 1] }, colour: 'red' }] };
    expect(only(withNode(node('o', 'offer', offer)), 'unknown-field')).toEqual([expect.objectContaining({ nodeId: 'o', field: 'product.prise' })]);
    expect(only(withNode(node('b', 'branch', branch)), 'unknown-field')).toEqual([expect.objectContaining({ nodeId: 'b', field: 'rules.0.colour' })]);
  });

  it('an unknown field of a node or of an edge is named with where it is; the file itself may carry more (its top level is open)', () => {
    const f = { ...withNode(node('x', 'exit')), description: 'kept' } as Record<string, any>;
    f.nodes[1].colour = 'blue';
    f.edges[0].weight = 3;
    expect(only(f, 'unknown-field').map((i) => [i.nodeId ?? i.edgeId ?? null, i.field])).toEqual([
      ['x', 'colour'],
      ['start-next', 'weight'],
    ]);
    expect(errors(f)).toEqual([]);
  });

  it('the example funnels have none', () => {
    for (const e of exampleFunnels()) expect(only(e.json, 'unknown-field'), e.name).toEqual([]);
  });
});

describe('validateFunnel: examples', () => {
  const examples = exampleFunnels();
  it('there are example funnels', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });
  it.each(examples.map((e) => [e.name, e.json] as const))('examples/%s/funnel.json has no errors', (_name, json) => {
    const v = validateFunnel(json);
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(v.funnel).not.toBeNull();
  });
});

describe('validateFunnel in Russian (the web app asks in its UI language)', () => {
  const cyrillic = /[а-яё]/i;
  const broken = [
    funnel([node('x', 'exit')], []), // no trigger, unreachable
    withNode(node('d', 'delay', { for: 'soon' })), // a bad duration
    withNode(node('d', 'delay', {})), // delay-kind
    withNode(node('h', 'handoff', { title: '', assignee: { role: 'manager' }, outcomes: [] })), // empty title, no outcomes
    withNode(node('m', 'message', { channel: 'email', body: 'Hi {{foo.bar}} {{contact.name https://exa mple.com' })), // no subject, variables, braces, link
    withNode(node('o', 'offer', { stage: 'offer', product: { sku: 'P', name: 'N', prise: 1 }, window: 'P1D' })), // unknown field, no message ok
    funnel([trigger(), node('a', 'delay', { for: 'P1D' })], [edge('start', 'next', 'a'), edge('a', 'later', 'a'), edge('start', 'next', 'start')]),
    withNode(node('q', 'quantum')), // unknown type
    { format: 'voronka/funnel@1', id: 'f', nodes: 5, edges: [] }, // format errors
    withNode(node('x', 'exit'), { timezone: 'Mars/Olympus' }),
  ];

  it.each(broken.map((f, i) => [i, f] as const))('broken funnel #%s: the same issues (codes, nodes, fields), every message in Russian', (_i, f) => {
    const en = validateFunnel(f).issues;
    const ru = validateFunnel(f, { lang: 'ru' }).issues;
    expect(en.length).toBeGreaterThan(0);
    expect(ru.map(({ message: _m, ...rest }) => rest)).toEqual(en.map(({ message: _m, ...rest }) => rest));
    for (const i of ru) expect(i.message, `${i.code}: ${i.message}`).toMatch(cyrillic);
    // English words of the English messages do not leak into the Russian ones
    for (const i of ru) expect(i.message, i.message).not.toMatch(/\b(is required|must be|cannot|the funnel|node "|edge ")\b/);
  });

  it('reads naturally: a missing field, a bad duration, an unknown node type', () => {
    const ru = (f: unknown) => validateFunnel(f, { lang: 'ru' }).issues.map((i) => i.message);
    expect(ru(withNode(node('d', 'delay', { for: 'soon' })))).toEqual(['Задержка «d»: поле «Ждать» (for): «soon» — не длительность; пишите так: 30 мин, 3 дня, 1 месяц (или PT30M, P3D, P1M)']);
    // a minus typed into a length of time is named as such, not as "not a duration"
    expect(ru(withNode(node('d', 'delay', { for: '-P1D' })))).toEqual(['Задержка «d»: поле «Ждать» (for): «-P1D» — отрицательная длительность: срок не может быть меньше нуля; укажите, сколько ждать, например 1 день']);
    expect(ru(withNode(node('w', 'wait', { timeout: 'P1D' })))).toContainEqual('Ожидание события «w»: поле «Событие» (event): обязательное поле: событие, которого ждать, например order.paid');
    expect(ru(withNode(node('q', 'quantum')))).toContainEqual('У узла «q» неизвестный тип «quantum».');
  });

  it('every message the formats’ schemas can give has a Russian text', () => {
    const root = resolve(import.meta.dirname, '../../shared');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const texts = files.flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/error: '((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'")));
    expect(texts.length).toBeGreaterThan(40);
    const missing = texts.filter((t) => translateSchemaMessage(t, 'ru') === t);
    expect(missing).toEqual([]);
  });
});
