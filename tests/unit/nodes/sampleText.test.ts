import { describe, expect, it } from 'vitest';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { validateFunnel } from '../../../shared/validate/validateFunnel.ts';
import { edge, funnel, node, trigger } from '../helpers.ts';

const sampleIssues = (n: ReturnType<typeof node>) =>
  validateFunnel(funnel([trigger(), n], [edge('start', 'next', n.id)]))
    .issues.filter((i) => i.code === 'sample-text')
    .map((i) => [i.nodeId, i.field, i.severity]);

describe('a message still holding its sample text', () => {
  it('is a warning on its body, for a new message in either language and for a stage\'s entry message; a written text is not', () => {
    for (const lang of ['ru', 'en'] as const) expect(sampleIssues(node('m', 'message', nodeDef('message')!.defaults(lang)))).toEqual([['m', 'body', 'warning']]);
    expect(sampleIssues(node('m', 'message', { channel: 'telegram', body: '  Текст сообщения ', marketing: false }))).toEqual([['m', 'body', 'warning']]);
    expect(sampleIssues(node('o', 'offer', { stage: 'tripwire', product: { sku: 'T', name: 'Мини-курс', price: 990 }, window: 'P3D', message: { channel: 'email', subject: 'Мини-курс', body: 'Текст письма' } }))).toEqual([['o', 'message.body', 'warning']]);
    expect(sampleIssues(node('m', 'message', { channel: 'email', subject: 'Эфир', body: 'Текст письма о вебинаре', marketing: false }))).toEqual([]);
  });

  it('a new funnel stage\'s entry message, as the palette gives it, is the sample too (it would go out to real contacts)', async () => {
    const { PALETTE } = await import('../../../web/src/editor/paletteItems.ts');
    for (const lang of ['ru', 'en'] as const) {
      expect(sampleIssues(node('o', 'offer', nodeDef('offer')!.defaults(lang)))).toEqual([['o', 'message.body', 'warning']]);
      for (const preset of PALETTE.filter((p) => p.type === 'offer')) expect(sampleIssues(node('o', 'offer', preset.data(lang))), preset.key).toEqual([['o', 'message.body', 'warning']]);
    }
  });

  it('a new goal is named in the user\'s language', () => {
    expect(nodeDef('goal')!.defaults('ru')).toEqual({ name: 'Покупка' });
    expect(nodeDef('goal')!.defaults('en')).toEqual({ name: 'purchase' });
  });
});
