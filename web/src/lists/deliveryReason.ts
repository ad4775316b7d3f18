import { NOT_SENT } from '../../../shared/engine/types.ts';
import type { Lang } from '../i18n/i18n.ts';

/** Why a message held back never went (`NOT_SENT`), in words. */
const NOT_SENT_WORDS: Record<string, Record<Lang, string>> = {
  [NOT_SENT.converted]: { ru: 'контакт купил на этом этапе раньше', en: 'the contact bought at this stage first' },
  [NOT_SENT.exited]: { ru: 'запуск воронки остановлен', en: 'the run was stopped' },
};

/** A marketing message to a channel the contact has not agreed to: never asked, or withdrawn between the step and the send. */
const NO_CONSENT_WORDS: Record<'never' | 'withdrawn', Record<Lang, string>> = {
  never: { ru: 'контакт не давал согласия на этот канал', en: 'the contact has not agreed to this channel' },
  withdrawn: { ru: 'согласие на этот канал отозвано до отправки', en: 'consent to this channel was withdrawn before sending' },
};

/** What a channel adapter reports when it cannot deliver, in Russian; anything else is shown as the provider wrote it. */
const RU: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^the contact has no email address/, () => 'у контакта нет адреса почты (атрибут email)'],
  [/^the contact has no phone number/, () => 'у контакта нет номера телефона (атрибут phone)'],
  [/^the contact has no (telegramChatId|viberId|vkId|webhookUrl)/, (m) => `у контакта нет атрибута ${m[1]}`],
  [/^the message is empty/, () => 'текст сообщения пустой'],
  [/^no answer within (\d+) s/, (m) => `сервис не ответил за ${m[1]} с`],
  // fetch refuses ports browsers block (9, 25, 6000…): never tried
  [/^network error: bad port/, () => 'порт адреса запрещён для запросов (bad port): запрос не отправлялся — укажите другой порт'],
  [/^network error: (.*)/, (m) => `ошибка сети: ${m[1]}`],
  [/^the server rejected (.*)/, (m) => `почтовый сервер отклонил ${m[1]}`],
  [/^the SMS gateway answered (\d+)(?:: ([\s\S]*))?$/, (m) => `SMS-шлюз ответил ошибкой ${m[1]}${m[2] ? `: ${m[2]}` : ''}`],
  [/^the webhook answered (\d+)(?:: ([\s\S]*))?$/, (m) => `адрес вебхука ответил ошибкой ${m[1]}${m[2] ? `: ${m[2]}` : ''}`],
  [/^(viber|vk) answered (\d+)(?:: ([\s\S]*))?$/, (m) => `${m[1] === 'vk' ? 'ВКонтакте' : 'Viber'} ответил ошибкой ${m[2]}${m[3] ? `: ${m[3]}` : ''}`],
  [/^telegram (\d+): ([\s\S]*)$/, (m) => `Telegram ответил ошибкой ${m[1]}: ${m[2]}`],
  [/^unsupported webhook method (\S+)/, (m) => `метод вебхука ${m[1]} не поддерживается`],
];

/** Why a message was not delivered, in the user's language where the reason is a known one. */
export function deliveryReason(error: string, lang: Lang): string {
  if (NOT_SENT_WORDS[error]) return NOT_SENT_WORDS[error][lang];
  const consent = /^no consent for \S+( at send time)?$/.exec(error);
  if (consent) return NO_CONSENT_WORDS[consent[1] ? 'withdrawn' : 'never'][lang];
  if (lang !== 'ru') return error;
  for (const [re, say] of RU) {
    const m = re.exec(error);
    if (m) return say(m);
  }
  return error;
}
