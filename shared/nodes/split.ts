import { z } from 'zod';
import { bucket } from '../engine/hash.ts';
import { defineNode } from './types.ts';

const SplitData = z.object({
  variants: z
    .array(
      z.object({
        id: z.string({ error: 'every variant needs an id' }).min(1),
        // 0 turns a variant off for a while (nobody is sent there) without losing its branch
        weight: z.number({ error: 'must be a number' }).nonnegative({ error: 'must not be negative' }),
      }),
      { error: 'must be a list of variants' },
    )
    .min(1, { error: 'needs at least one variant' }),
});
export type SplitData = z.infer<typeof SplitData>;

/** The variant a contact gets: a stable hash of contact id + funnel id + node id, by weight. */
export function chooseVariant(d: SplitData, contactId: string, funnelId: string, nodeId: string): string {
  const total = d.variants.reduce((s, v) => s + v.weight, 0);
  let x = bucket(`${contactId}\u0000${funnelId}\u0000${nodeId}`) * total;
  for (const v of d.variants) {
    if (x < v.weight) return v.id;
    x -= v.weight;
  }
  // (rounding left over: the last variant that is on)
  return [...d.variants].reverse().find((v) => v.weight > 0)?.id ?? d.variants[d.variants.length - 1].id;
}

/** A/B (or A/B/n) split: deterministic, so the simulator and production agree. */
export const split = defineNode<SplitData>({
  type: 'split',
  group: 'logic',
  label: { en: 'A/B split', ru: 'A/B-сплит' },
  schema: SplitData,
  defaults: () => ({ variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }] }),
  exits: (d) => d.variants.map((v) => v.id),
  variantFor: chooseVariant,
  validate(d, v) {
    const seen = new Set<string>();
    d.variants.forEach((x, i) => {
      if (seen.has(x.id)) v.error(`variants.${i}.id`, 'split-duplicate-variant', { en: `Two variants are called "${x.id}": give each its own id.`, ru: `Два варианта называются «${x.id}»: дайте каждому свой id.` });
      seen.add(x.id);
      if (x.weight === 0) v.warning(`variants.${i}.weight`, 'split-variant-off', { en: `variant "${x.id}" has weight 0: nobody is sent there until it gets a weight.`, ru: `у варианта «${x.id}» вес 0: в него никто не попадёт, пока вы не зададите вес.` });
    });
    if (d.variants.every((x) => x.weight === 0)) v.error('variants', 'split-no-weight', { en: 'every variant has weight 0: give at least one a weight above 0.', ru: 'у всех вариантов вес 0: дайте хотя бы одному вес больше 0.' });
  },
  guards: { variant: (d, env, arg, nodeId) => chooseVariant(d, env.contact.id, env.funnelId, nodeId) === arg },
  compile: (d, h) => ({ always: d.variants.map((v) => h.exit(v.id, [], h.nodeGuard('variant', v.id))) }),
  exitLabel(d, exit) {
    const vs = d.variants ?? [];
    const total = vs.reduce((s, v) => s + (typeof v?.weight === 'number' ? v.weight : 0), 0);
    const v = vs.find((x) => x?.id === exit);
    return v && total > 0 ? `${exit} · ${Math.round((v.weight / total) * 100)}%` : exit;
  },
  summary: (d) => d.variants.map((v) => `${v.id} ${v.weight}`).join(' / '),
  // (a variant turned off with weight 0 gets nobody: nothing to warn about)
  unconnectedExit: (d, exit) => d.variants.find((v) => v.id === exit)?.weight === 0 ? undefined : ({
    en: `variant "${exit}" leads nowhere: the contacts it gets end the run here. Connect it (or leave it open on purpose for a control group that gets nothing).`,
    ru: `вариант «${exit}» никуда не ведёт: попавшие в него контакты здесь и закончат путь. Соедините его (или оставьте так намеренно — для контрольной группы без рассылки).`,
  }),
});
