import type { Lang } from '../i18n/i18n.ts';
import { STAGE_SAMPLE_BODY } from '../../../shared/nodes/message.ts';
import { NODE_TYPES } from '../../../shared/nodes/registry.ts';
import type { NodeGroup } from '../../../shared/nodes/types.ts';

/** The order of the palette's groups, as a marketer reads a funnel. */
export const GROUPS: NodeGroup[] = ['entry', 'stages', 'messages', 'timing', 'logic', 'people', 'outcomes'];

export interface PaletteItem {
  /** Unique key, also in `data-testid="palette-<key>"`. */
  key: string;
  type: string;
  group: NodeGroup;
  /** Message key for the label; node types use their NodeDef label instead. */
  labelKey?: string;
  /** Prefix of the new node's id (the type by default). */
  prefix?: string;
  /** The new node's data, its words in the UI's language. */
  data: (lang: Lang) => Record<string, unknown>;
}

const ru = (lang: Lang, a: string, b: string) => (lang === 'ru' ? a : b);

/** A funnel stage preset: an offer node with that stage and a typical product. */
const stage = (s: string, sku: string, name: [string, string], price: number, window: string, subject: [string, string]): PaletteItem => ({
  key: `offer-${s}`,
  type: 'offer',
  group: 'stages',
  labelKey: `stage.${s}`,
  prefix: s,
  data: (lang) => ({
    stage: s,
    product: { sku, name: ru(lang, ...name), price }, // in the funnel's currency
    message: {
      channel: 'email',
      subject: ru(lang, ...subject),
      body: ru(lang, STAGE_SAMPLE_BODY.ru, STAGE_SAMPLE_BODY.en),
    },
    window,
  }),
});

/** Stage presets shown under "Funnel stages" beside the generic stage node. */
const STAGE_PRESETS: PaletteItem[] = [
  stage('offer', 'OFFER-1', ['Бесплатный вебинар', 'Free webinar'], 0, 'P2D', ['{{contact.firstName}}, приглашаем на {{product.name}}', '{{contact.firstName}}, join {{product.name}}']),
  stage('leadMagnet', 'LM-1', ['Чек-лист', 'Checklist'], 0, 'P3D', ['{{contact.firstName}}, ваш подарок готов', '{{contact.firstName}}, your gift is ready']),
  stage('tripwire', 'TRIP-1', ['Мини-курс', 'Mini course'], 990, 'P3D', ['{{product.name}} — всего за {{product.priceText}}', '{{product.name}} for just {{product.priceText}}']),
  stage('coreProduct', 'CORE-1', ['Основной курс', 'Core course'], 29900, 'P7D', ['{{contact.firstName}}, ваше персональное предложение', '{{contact.firstName}}, your personal offer']),
  stage('upsell', 'UP-1', ['Расширенный тариф', 'Premium plan'], 9900, 'P7D', ['{{contact.firstName}}, больше возможностей', '{{contact.firstName}}, get more']),
  stage('crossSell', 'CROSS-1', ['Сопутствующий продукт', 'Add-on product'], 1990, 'P7D', ['{{contact.firstName}}, вам пригодится', '{{contact.firstName}}, you may need this']),
];

/** Every palette entry: each node type once (by its NodeDef group), plus the stage presets. */
export const PALETTE: PaletteItem[] = [...NODE_TYPES.map((d) => ({ key: d.type, type: d.type, group: d.group, data: (lang: Lang) => d.defaults(lang) })), ...STAGE_PRESETS];

export const NODE_MIME = 'application/x-voronka-node';
