import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFunnel, startServer, type Harness } from './helpers.ts';

/** A step's words in a path read as they did when the contact passed it, even when they quote the latest event. */
describe('run paths: titles that quote lastEvent', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startServer();
    const quiz = {
      format: 'voronka/funnel@1',
      id: 'quiz',
      name: 'Quiz',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
        { id: 'w', type: 'wait', data: { event: 'quiz.completed', timeout: 'P1D' } },
        { id: 'call', type: 'handoff', data: { title: 'Call {{contact.firstName}}: quiz {{lastEvent.data.score}}', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Won' }] } },
        { id: 'thanks', type: 'message', data: { channel: 'sms', body: 'Thanks, {{contact.firstName}}', marketing: false } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'w' },
        { id: 'e2', source: 'w', exit: 'received', target: 'call' },
        { id: 'e3', source: 'call', exit: 'won', target: 'thanks' },
      ],
    };
    await publishFunnel(h, quiz);
  });
  afterAll(() => h.close());

  it('a task titled from the quiz keeps its score in the path after the manager completes it', async () => {
    await h.api('POST', '/api/contacts', { id: 'erzhan', attributes: { firstName: 'Ержан' } });
    await h.api('POST', '/api/events', { id: 'q-1', type: 'lead.created', contactId: 'erzhan' });
    await h.api('POST', '/api/events', { id: 'q-2', type: 'quiz.completed', contactId: 'erzhan', data: { score: 8 } });
    await h.settle();
    const titles = async () => Object.fromEntries(((await h.api('GET', '/api/runs?contactId=erzhan&funnelId=quiz')).body[0].path as { node: string; title?: string }[]).map((p) => [p.node, p.title]));
    expect((await titles()).call).toBe('Call Ержан: quiz 8');
    const task = (await h.api('GET', '/api/tasks?status=open&contactId=erzhan')).body.find((t: { funnelId: string }) => t.funnelId === 'quiz');
    expect(task.title).toBe('Call Ержан: quiz 8');
    expect((await h.api('POST', `/api/tasks/${task.id}/complete`, { outcome: 'won' })).status).toBe(200);
    await h.settle();
    // the completion is now the latest event, and it has no score: the step still reads as it did
    expect(await titles()).toMatchObject({ call: 'Call Ержан: quiz 8', thanks: 'Thanks, Ержан' });
    expect((await h.api('GET', `/api/tasks/${task.id}`)).body.path.find((p: { node: string }) => p.node === 'call').title).toBe('Call Ержан: quiz 8');
  });
});

describe("run paths and tasks: a stage's product named from another node ({{stages.…}})", () => {
  it("a manager's task after the tripwire names its product and price, in the inbox and in the path", async () => {
    const h = await startServer();
    try {
      await publishFunnel(h, {
        format: 'voronka/funnel@1',
        id: 'upsell-call',
        name: 'Upsell call',
        settings: { currency: 'KZT' },
        nodes: [
          { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
          { id: 'call', type: 'handoff', data: { title: 'Предложить {{stages.tripwire.name}} за {{stages.tripwire.priceText}}', assignee: { role: 'manager' }, outcomes: [{ id: 'won', label: 'Купил' }] } },
          { id: 'trip', type: 'offer', data: { stage: 'tripwire', product: { sku: 'T-1', name: 'Мини-курс', price: 4900 }, window: 'P3D' } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'call' },
          { id: 'e2', source: 'call', exit: 'won', target: 'trip' },
        ],
      } as never);
      await h.api('POST', '/api/contacts', { id: 'aigul', attributes: { firstName: 'Айгуль' } });
      await h.api('POST', '/api/events', { id: 'u-1', type: 'lead.created', contactId: 'aigul' });
      await h.settle();
      const task = (await h.api('GET', '/api/tasks?status=open&contactId=aigul')).body[0];
      const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
      expect(plain(task.title)).toBe('Предложить Мини-курс за 4 900 ₸');
      const path = (await h.api('GET', '/api/runs?contactId=aigul&funnelId=upsell-call')).body[0].path as { node: string; title?: string }[];
      expect(plain(path.find((p) => p.node === 'call')!.title!)).toBe('Предложить Мини-курс за 4 900 ₸');
    } finally {
      await h.close();
    }
  });
});

describe("run paths: a stage's own message", () => {
  it('shows beside the stage its subject with the product and the contact filled in; a message node does not repeat its subject', async () => {
    const h = await startServer();
    try {
      await publishFunnel(h, {
        format: 'voronka/funnel@1',
        id: 'stage-pitch',
        name: 'Stage pitch',
        nodes: [
          { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
          { id: 'hi', type: 'message', data: { channel: 'email', subject: 'Привет, {{contact.firstName}}', body: 'Текст', marketing: false } },
          {
            id: 'trip',
            type: 'offer',
            data: { stage: 'tripwire', product: { sku: 'T-1', name: 'Мини-курс', price: 990 }, window: 'P3D', message: { channel: 'email', subject: '{{contact.firstName}}, {{product.name}} за {{product.priceText}}', body: 'Купить', marketing: false } },
          },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'hi' },
          { id: 'e2', source: 'hi', target: 'trip' },
        ],
      } as never);
      await h.api('POST', '/api/contacts', { id: 'oleg', attributes: { firstName: 'Олег', email: 'oleg@example.com' } });
      await h.api('POST', '/api/events', { id: 's-1', type: 'lead.created', contactId: 'oleg' });
      await h.settle();
      const path = (await h.api('GET', '/api/runs?contactId=oleg&funnelId=stage-pitch')).body[0].path as { node: string; title?: string; sent?: { channel: string; gist: string } }[];
      const at = (id: string) => path.find((p) => p.node === id)!;
      expect(at('trip').title).toBe('Мини-курс');
      expect({ ...at('trip').sent!, gist: at('trip').sent!.gist.replace(/[\u00a0\u202f]/g, ' ') }).toEqual({ channel: 'email', gist: 'Олег, Мини-курс за 990 ₽' });
      expect(at('hi').title).toBe('Привет, Олег');
      expect(at('hi').sent).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
