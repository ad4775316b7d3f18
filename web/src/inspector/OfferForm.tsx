import { STAGE_SAMPLE_BODY } from '../../../shared/nodes/message.ts';
import { conversionSpec, type OfferData } from '../../../shared/nodes/offer.ts';
import { useFunnelCurrency } from '../editor/currency.ts';
import { useEditor } from '../editor/store.ts';
import { clockTime, uiLocale, useT } from '../i18n/i18n.ts';
import { CheckboxInput, DurationInput, NumberInput, SelectInput, TextInput } from './fields.tsx';
import { useForm } from './formContext.ts';
import { COMMON_EVENTS, stageOptions } from './options.ts';
import { RuleInput } from './RuleBuilder.tsx';
import { MessageFields } from './MessageFields.tsx';

/** Funnel stage: stage, product, the message sent on entry, what converts and how long to wait. */
export function OfferForm() {
  const f = useForm();
  const { t, lang } = useT();
  const d = f.data as Partial<OfferData>;
  const funnelCurrency = useFunnelCurrency();
  const quiet = useEditor((s) => s.doc?.settings?.quietHours);
  // the window runs from entering the stage: a pitch held by quiet hours leaves the contact less of it
  const heldPitch = quiet && d.message && d.message.marketing !== false;
  let defaultConversion = '';
  try {
    const spec = conversionSpec({ ...(d as OfferData), convertOn: undefined });
    defaultConversion = spec.where ? t('offer.defaultConversionSku', { event: spec.event, sku: d.product?.sku ?? '' }) : spec.event;
  } catch {
    defaultConversion = '';
  }
  return (
    <>
      <SelectInput path="stage" label={t('field.stage')} options={stageOptions(t)} hint={t('hint.stage')} />
      <fieldset className="ed-group">
        <legend>{t('offer.product')}</legend>
        <TextInput path="product.name" label={t('field.productName')} required />
        <div className="ed-cols ed-cols-product">
          <TextInput path="product.sku" label={t('field.sku')} required mono />
          <NumberInput path="product.price" label={t('field.price')} />
          <TextInput path="product.currency" label={t('field.currency')} placeholder={funnelCurrency} mono hint={t('hint.productCurrency', { currency: funnelCurrency })} />
        </div>
      </fieldset>
      <fieldset className="ed-group">
        <legend>{t('offer.message')}</legend>
        <CheckboxInput
          path="message"
          label={t('offer.sendMessage')}
          defaultValue={false}
          onValue={d.message ?? { channel: 'email', subject: '{{product.name}}', body: STAGE_SAMPLE_BODY[lang] }}
          offValue={undefined}
        />
        {d.message && <MessageFields prefix="message." product />}
      </fieldset>
      <fieldset className="ed-group">
        <legend>{t('offer.conversion')}</legend>
        <DurationInput path="window" label={t('field.window')} hint={heldPitch ? `${t('hint.window')}. ${t('hint.windowQuiet', { from: clockTime(quiet.from, uiLocale(lang)), to: clockTime(quiet.to, uiLocale(lang)) })}` : t('hint.window')} />
        <CheckboxInput
          path="convertOn"
          label={t('offer.customConversion')}
          onValue={d.convertOn ?? { event: 'order.paid' }}
          offValue={undefined}
          hint={d.convertOn ? undefined : t('offer.defaultConversion', { event: defaultConversion })}
        />
        {d.convertOn && (
          <>
            <TextInput path="convertOn.event" label={t('field.convertEvent')} list={COMMON_EVENTS} required mono />
            <RuleInput path="convertOn.where" label={t('field.where')} optional about="event" hint={t('hint.convertWhere')} />
          </>
        )}
      </fieldset>
    </>
  );
}
