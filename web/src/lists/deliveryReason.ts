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

/** A provider's report that a sent message did not arrive (`POST /api/outbox/:id/bounce`). */
const BOUNCE_WORDS: Record<'hard' | 'soft', Record<Lang, string>> = {
  hard: { ru: 'адрес не существует (hard bounce)', en: 'the address does not exist (hard bounce)' },
  soft: { ru: 'временно не доставлено (soft bounce)', en: 'not delivered for now (soft bounce)' },
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
  const bounced = /^bounced \((hard|soft)\)(?:: ([\s\S]*))?$/.exec(error);
  if (bounced) return `${BOUNCE_WORDS[bounced[1] as 'hard' | 'soft'][lang]}${bounced[2] ? `: ${bounced[2]}` : ''}`;
  const suppressed = /^suppressed: (\S+) bounced before(?: \(([\s\S]*)\))?$/.exec(error);
  if (suppressed) return lang === 'ru' ? `адрес ${suppressed[1]} раньше вернул сообщение как несуществующий${suppressed[2] ? ` (${suppressed[2]})` : ''}: на него ничего не отправляется` : `${suppressed[1]} bounced before${suppressed[2] ? ` (${suppressed[2]})` : ''}: nothing is sent to it`;
  // a value the message's filter could not write (`NOT_SENT.unreadable`): it would have reached the contact raw
  const unreadable = /^unreadable: (\S+) ("(?:[^"\\]|\\.)*") is not (an amount|a date)$/.exec(error);
  if (unreadable) {
    const value = JSON.parse(unreadable[2]) as string;
    const amount = unreadable[3] === 'an amount';
    return lang === 'ru'
      ? `в тексте {{${unreadable[1]}}} — «${value}», а это не ${amount ? 'сумма' : 'дата'}: сообщение ушло бы с ним как есть`
      : `{{${unreadable[1]}}} in the text is "${value}", which is not ${amount ? 'an amount' : 'a date'}: the message would have shown it as it is`;
  }
  const consent = /^no consent for \S+( at send time)?$/.exec(error);
  if (consent) return NO_CONSENT_WORDS[consent[1] ? 'withdrawn' : 'never'][lang];
  if (lang !== 'ru') return error;
  for (const [re, say] of RU) {
    const m = re.exec(error);
    if (m) return say(m);
  }
  return error;
}
