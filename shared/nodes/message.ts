import { z } from 'zod';
import { Channel, Template } from '../format/common.ts';
import { defineNode, type SendParams, type ValidateHelpers } from './types.ts';

export const MessageData = z.object({
  channel: Channel,
  subject: Template.optional(),
  body: Template.min(1, { error: 'must not be empty: write the message text' }),
  marketing: z.boolean({ error: 'must be true or false' }).optional(),
});
export type MessageData = z.infer<typeof MessageData>;

/** What a message sends (an offer's entry message also carries its product for the templates). */
export const sendParams = (m: MessageData, product?: unknown): SendParams => ({ channel: m.channel, subject: m.subject, body: m.body, marketing: m.marketing ?? true, product });

/** The `send` action for a message: used by message nodes and by offers' entry messages. */
export const sendAction = (node: string, m: MessageData, product?: unknown) => ({ type: 'send', params: { node, ...sendParams(m, product) } });

/** What a message's settings may get wrong without being invalid (also an offer's message, at `prefix`). */
export function checkMessage(m: MessageData, v: ValidateHelpers, prefix = ''): void {
  if (m.channel === 'email' && !m.subject) v.warning(`${prefix}subject`, 'email-subject', { en: 'An email without a subject lands in spam more often: add a subject.', ru: 'Письмо без темы чаще попадает в спам: добавьте тему.' });
  if (SAMPLE_BODIES.includes(m.body.trim()))
    v.warning(`${prefix}body`, 'sample-text', { en: `The text is still the sample "${m.body.trim()}": contacts would get exactly that. Write the message.`, ru: `Текст — всё ещё образец «${m.body.trim()}»: контакты получат именно его. Напишите сообщение.` });
}

/** The text a new funnel stage's entry message starts with. */
export const STAGE_SAMPLE_BODY = { ru: 'Здравствуйте, {{contact.firstName}}! {{product.name}} ждёт вас.', en: 'Hello {{contact.firstName}}! {{product.name}} is waiting for you.' };

/** The texts a new message starts with (its defaults, a chat message's once moved from email, a stage's entry message). */
export const SAMPLE_BODIES = ['Текст письма', 'Текст сообщения', 'Your message', STAGE_SAMPLE_BODY.ru, STAGE_SAMPLE_BODY.en];

/**
 * What a message says in one line: an email's subject (else its text); for a chat channel the
 * start of its text, since a chat message's optional heading is often the same greeting in every
 * variant. Used as the node's title in paths and lists.
 */
export function messageGist(m: { channel?: string; subject?: string; body?: string }): string | undefined {
  const firstLine = m.body?.split('\n').find((l) => l.trim() !== '')?.trim();
  return (m.channel === 'email' ? m.subject || firstLine : firstLine || m.subject) || undefined;
}

export const messageTexts = (m: MessageData, prefix = '', extraRoots?: string[]) => [
  ...(m.subject !== undefined ? [{ field: `${prefix}subject`, text: m.subject, extraRoots }] : []),
  { field: `${prefix}body`, text: m.body, extraRoots },
];

/** Sends one message through a channel; marketing ones need consent and obey quiet hours and the cap. */
export const message = defineNode<MessageData>({
  type: 'message',
  group: 'messages',
  label: { en: 'Message', ru: 'Сообщение' },
  schema: MessageData,
  defaults: (lang = 'ru') =>
    lang === 'en'
      ? { channel: 'email', subject: 'Hello {{contact.firstName}}!', body: 'Your message', marketing: true }
      : { channel: 'email', subject: 'Здравствуйте, {{contact.firstName}}!', body: 'Текст письма', marketing: true },
  exits: () => ['next'],
  validate: (d, v) => checkMessage(d, v),
  texts: (d) => messageTexts(d),
  compile: (d, h, node) => ({ entry: [sendAction(node.id, d)], always: [h.exit('next')] }),
  messages: (d) => [sendParams(d)],
  title: (d) => messageGist(d),
  summary: (d) => `${d.channel}${messageGist(d) ? `: ${messageGist(d)}` : ''}`,
});
