import type { MessageData } from '../../../shared/nodes/message.ts';
import { useT } from '../i18n/i18n.ts';
import { ChannelHint } from './ChannelHint.tsx';
import { CheckboxInput, SelectInput } from './fields.tsx';
import { useForm } from './formContext.ts';
import { channelOptions } from './options.ts';
import { TemplateInput } from './TemplateField.tsx';
import { TestSend } from './TestSend.tsx';

/** Chat channels (not SMS, where every character counts) show an optional heading as the message's first line (bold where the channel can). */
const HEADING_CHANNELS = ['telegram', 'whatsapp', 'vk', 'viber', 'push'];

/**
 * A message's settings (a message node's, or a stage's entry message at `prefix` "message."):
 * channel, the subject of an email or the optional heading of a chat message, text, marketing,
 * and the preview / test send. Leaving email for another channel drops the subject (in one
 * undoable change): a chat message starts without a heading instead of inheriting the email's.
 */
export function MessageFields({ prefix = '', product }: { prefix?: '' | 'message.'; product?: boolean }) {
  const f = useForm();
  const { t } = useT();
  const key = prefix.slice(0, -1);
  const m = ((key ? f.get(key) : f.data) ?? {}) as Partial<MessageData>;
  const setChannel = (channel: string | undefined) => {
    const next: Record<string, unknown> = { ...m, channel };
    if (m.channel === 'email' && channel !== 'email') delete next.subject;
    // the untouched placeholder of a new email is no text for a chat message
    if (m.body === 'Текст письма' && channel !== 'email') next.body = 'Текст сообщения';
    if (key) f.set(key, next);
    else f.replace(next);
  };
  const subjectField =
    m.channel === 'email' ? (
      <TemplateInput path={`${prefix}subject`} label={t('field.subject')} product={product} />
    ) : m.channel && (HEADING_CHANNELS.includes(m.channel) || m.subject !== undefined) ? (
      <TemplateInput path={`${prefix}subject`} label={t('field.heading')} hint={t('hint.heading')} product={product} />
    ) : null;
  return (
    <>
      <SelectInput path={`${prefix}channel`} label={t('field.channel')} options={channelOptions(t)} onChange={setChannel} />
      <ChannelHint channel={m.channel} />
      {subjectField}
      <TemplateInput path={`${prefix}body`} label={m.channel === 'webhook' ? t('field.payload') : t('field.body')} multiline product={product} required first />
      <CheckboxInput path={`${prefix}marketing`} label={t('field.marketing')} defaultValue hint={t('hint.marketing')} />
      {/* keyed by channel: the address to send a test to is the channel's own (an email for email, a chat id for Telegram…) */}
      {m.channel && <TestSend key={m.channel} channel={m.channel} />}
    </>
  );
}
