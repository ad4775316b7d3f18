import { z } from 'zod';
import { DurationText, EventSpec, Product, Template, Channel } from '../format/common.ts';
import { addIsoDuration } from '../format/duration.ts';
import { eventDataLiterals } from '../engine/conditions.ts';
import { productVariables } from '../engine/template.ts';
import { checkMessage, messageTexts, sendAction, sendParams, STAGE_SAMPLE_BODY } from './message.ts';
import { defineNode } from './types.ts';

/** Funnel stages in their usual order. */
export const STAGES = ['offer', 'leadMagnet', 'tripwire', 'coreProduct', 'upsell', 'crossSell'] as const;
export type Stage = (typeof STAGES)[number];

/** Each stage as people call it (the palette's presets, the stage chart). */
const STAGE_WORDS: Record<Stage, { en: string; ru: string }> = {
  offer: { en: 'Offer', ru: 'Оффер' },
  leadMagnet: { en: 'Lead magnet', ru: 'Лид-магнит' },
  tripwire: { en: 'Tripwire', ru: 'Трипваер' },
  coreProduct: { en: 'Core product', ru: 'Основной продукт' },
  upsell: { en: 'Upsell', ru: 'Апсейл' },
  crossSell: { en: 'Cross-sell', ru: 'Кросс-сейл' },
};

const OfferData = z.object({
  stage: z.enum(STAGES, { error: `must be one of ${STAGES.join(', ')}` }),
  product: Product,
  message: z.object({ channel: Channel, subject: Template.optional(), body: Template.min(1), marketing: z.boolean().optional() }).optional(),
  convertOn: EventSpec.optional(),
  window: DurationText,
});
export type OfferData = z.infer<typeof OfferData>;

/** What converts an offer: its `convertOn`, else the stage's default event. */
export function conversionSpec(d: OfferData): { event: string; where?: unknown } {
  if (d.convertOn) return d.convertOn;
  if (d.stage === 'offer') return { event: 'offer.accepted' };
  if (d.stage === 'leadMagnet') return { event: 'leadMagnet.claimed' };
  // the product's sku in any letter case: `tire-fit` from a shop's system is the stage's `TIRE-FIT`
  return { event: 'order.paid', where: { '==': [{ lower: { var: 'event.data.sku' } }, { lower: d.product.sku }] } };
}

/** A funnel stage: presents a product, then waits for the conversion up to `window`. */
export const offer = defineNode<OfferData>({
  type: 'offer',
  group: 'stages',
  label: { en: 'Funnel stage', ru: 'Этап воронки' },
  kind: (d) => STAGE_WORDS[d?.stage as Stage],
  schema: OfferData,
  defaults: (lang = 'ru') => ({
    // a plain offer: choose the stage and the product (the palette also has a preset per stage)
    stage: 'offer',
    product: { sku: 'PRODUCT-1', name: lang === 'en' ? 'Product' : 'Продукт', price: 0 }, // in the funnel's currency
    message:
      lang === 'en'
        ? { channel: 'email', subject: '{{contact.firstName}}, {{product.name}} for you', body: STAGE_SAMPLE_BODY.en }
        : { channel: 'email', subject: '{{contact.firstName}}, {{product.name}} для вас', body: STAGE_SAMPLE_BODY.ru },
    window: 'P3D',
  }),
  exits: () => ['converted', 'timeout'],
  // the purchase is the stage's revenue: a goal right after it must not carry the money again
  saleExits: () => ['converted'],
  products: (d) => (d.product?.sku && d.product.name ? [{ sku: d.product.sku, name: d.product.name }] : []),
  instantExits: () => [],
  validate(d, v) {
    if (d.message) checkMessage(d.message, v, 'message.');
    if (addIsoDuration(0, d.window, 'UTC') <= 0)
      v.warning('window', 'offer-window-zero', { en: 'gives the contact no time to convert: the stage times out at once. Give it a window.', ru: 'не даёт контакту времени на конверсию: этап сразу закончится по таймауту. Задайте срок.' });
  },
  texts: (d) => (d.message ? messageTexts(d.message, 'message.', ['product']) : []),
  // its product for any message of the funnel: {{stages.tripwire.name}}, {{stages.tripwire.priceText}}
  sharedRoot: { root: 'stages', from: { en: 'stages ("Funnel stage" nodes)', ru: 'этапов («Этап воронки»)' } },
  sharedVariables: (d, currency, locale) => (d?.stage && d.product ? { root: 'stages', key: d.stage, value: productVariables(d.product, currency, locale) } : undefined),
  compile(d, h, node) {
    const spec = conversionSpec(d);
    const convert = { type: 'convert', params: { node: node.id, stage: d.stage, price: d.product.price ?? null } };
    return {
      entry: d.message ? [sendAction(node.id, d.message, d.product)] : [],
      on: { [spec.event]: [h.exit('converted', [convert], h.eventGuard(spec.where, true))] },
      after: { [h.timerName]: h.exit('timeout') },
    };
  },
  timer: (d, env) => addIsoDuration(env.now, d.window, env.zone) - env.now,
  messages: (d) => (d.message ? [sendParams(d.message, d.product)] : []),
  title: (d) => d.product?.name || undefined,
  exitLabel: (d, exit) =>
    exit !== 'converted' ? undefined : d.stage === 'offer' || d.stage === 'leadMagnet' ? { en: 'converted', ru: 'конверсия' } : { en: 'bought', ru: 'купил' },
  expects(d, type) {
    if (!d.product && !d.convertOn) return {};
    const c = conversionSpec(d);
    if (c.event !== type) return {};
    // the stage's own purchase: the product's sku, and its price as the amount
    const paid = !d.convertOn && typeof d.product?.price === 'number' ? { amount: d.product.price } : {};
    return { ...eventDataLiterals(c.where), ...paid };
  },
  summary: (d) => `${d.product.name}${d.product.price !== undefined ? ` · ${d.product.price} ${d.product.currency ?? ''}` : ''}`,
});
