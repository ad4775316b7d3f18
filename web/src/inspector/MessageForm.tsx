import type { MessageData } from '../../../shared/nodes/message.ts';
import { useT } from '../i18n/i18n.ts';
import { CheckboxInput, SelectInput } from './fields.tsx';
import { useForm } from './formContext.ts';
import { channelOptions } from './options.ts';
import { TemplateInput } from './TemplateField.tsx';
import { TestSend } from './TestSend.tsx';
import { ChannelHint } from './ChannelHint.tsx';

/** Message: channel, subject (email), text, and whether it is marketing (consent, quiet hours, cap). */
export function MessageForm() {
  const f = useForm();
  const { t } = useT();
  const d = f.data as Partial<MessageData>;
  return (
    <>
      <SelectInput path="channel" label={t('field.channel')} options={channelOptions(t)} />
      <ChannelHint channel={d.channel} />
      {(d.channel === 'email' || d.subject !== undefined) && <TemplateInput path="subject" label={t('field.subject')} />}
      <TemplateInput path="body" label={d.channel === 'webhook' ? t('field.payload') : t('field.body')} multiline required />
      <CheckboxInput path="marketing" label={t('field.marketing')} defaultValue hint={t('hint.marketing')} />
      {d.channel && <TestSend channel={d.channel} />}
    </>
  );
}
