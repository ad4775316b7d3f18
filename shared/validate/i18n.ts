import { z } from 'zod';

/**
 * The languages validation speaks. Issue messages are English by default (the API and the CLI);
 * the web app asks for the language of its UI, so a Russian-speaking marketer reads Russian.
 */
export type Lang = 'en' | 'ru';

/** A message in both languages, for the places that build one. */
export interface Text {
  en: string;
  ru: string;
}

export const pick = (lang: Lang, t: Text): string => t[lang];

/** Zod's own messages (a wrong type, a too-short string…) in the language; ours are translated below. */
export const zodErrors = (lang: Lang): { error?: z.core.$ZodErrorMap } => (lang === 'ru' ? { error: RU_ZOD().localeError } : {});
let ruZod: ReturnType<typeof z.locales.ru> | null = null;
const RU_ZOD = () => (ruZod ??= z.locales.ru());

/** The messages the formats' schemas give, in Russian (exact texts). */
const RU_EXACT: Record<string, string> = {
  // channel settings (server/channels/config.ts)
  'must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@smtp.example.com:587':
    'должен быть адресом smtp:// или smtps:// с хостом, например smtp://user:password@smtp.example.com:587',
  'must be an email address, e.g. shop@example.com or Shop <shop@example.com>': 'должен быть адресом эл. почты, например shop@example.com или Магазин <shop@example.com>',
  'is not a Telegram bot token: it looks like 123456789:AAH… (from @BotFather)': 'не похож на токен бота Telegram: он выглядит как 123456789:AAH… (его выдаёт @BotFather)',
  'must be an http:// or https:// URL': 'должен быть адресом http:// или https://',
  'a rule id must not be empty': 'id правила не может быть пустым',
  "is reserved for Voronka's own events (timers, an operator's exit): choose another type": 'занят собственными событиями Voronka (таймеры, вывод из воронки вручную): выберите другой тип',
  'is sent by Voronka when a manager completes a task: complete the task instead (POST /api/tasks/:id/complete, or a { "task": { "outcome" } } step)':
    'Voronka отправляет его сама, когда менеджер завершает задачу: завершите задачу (POST /api/tasks/:id/complete или шаг { "task": { "outcome" } })',
  'an edge needs a source node id': 'у связи должен быть id исходного узла (source)',
  'an edge needs a target node id': 'у связи должен быть id узла назначения (target)',
  'can only be "year"': 'может быть только "year"',
  'consents are true or false': 'согласия — это true или false',
  'each step is one of { "event": {…} }, { "advance": "P1D" }, { "task": { "outcome": "…" } }, { "set": {…} }':
    'каждый шаг — одно из { "event": {…} }, { "advance": "P1D" }, { "task": { "outcome": "…" } }, { "set": {…} }',
  'every edge needs an id': 'у каждой связи должен быть id',
  'every node needs a type': 'у каждого узла должен быть тип',
  'every outcome needs an id': 'у каждого исхода должен быть id',
  'every outcome needs a label for its button': 'у каждого исхода должна быть подпись для кнопки',
  'every variant needs an id': 'у каждого варианта должен быть id',
  'is required': 'обязательное поле',
  'must be a number of days': 'должно быть числом дней',
  'must be a number of paid orders': 'должно быть числом оплаченных заказов',
  'must be a whole number of days': 'должно быть целым числом дней',
  'must be at least 1 day': 'не меньше 1 дня',
  'at most 3650 days': 'не больше 3650 дней',
  'must be at least 2 (one order is «single»)': 'не меньше 2 (один заказ — «разовый»)',
  'at most 1000': 'не больше 1000',
  'lostAfterDays must be more than sleepingAfterDays': '«ушедшие» (lostAfterDays) должно быть больше, чем «спящие» (sleepingAfterDays)',
  'loyalFrom must be more than repeatFrom': '«постоянные» (loyalFrom) должно быть больше, чем «повторные» (repeatFrom)',
  'is not a known field': 'такого поля нет в формате',
  'is required: the address to call': 'обязательное поле: адрес, на который отправить запрос',
  'is required: the contact attribute holding the date, e.g. birthday': 'обязательное поле: атрибут контакта с датой, например birthday',
  'is required: what was achieved, e.g. "purchase"': 'обязательное поле: чего достиг контакт, например "purchase"',
  'is required: the product code (SKU)': 'обязательное поле: артикул товара (SKU)',
  'is required: the product name': 'обязательное поле: название товара',
  'is required: the event to wait for, e.g. order.paid': 'обязательное поле: событие, которого ждать, например order.paid',
  'must be "never", "always" or { "after": "P30D" }': 'должно быть "never", "always" или { "after": "P30D" }',
  'must be GET, POST, PUT, PATCH or DELETE': 'должно быть GET, POST, PUT, PATCH или DELETE',
  'must be a 3-letter currency code such as RUB': 'должно быть трёхбуквенным кодом валюты, например RUB',
  'must be a JSON Logic rule': 'должно быть правилом JSON Logic',
  'must be a duration such as P3D or -P3D': 'должно быть длительностью, например P3D или -P3D',
  'must be a duration such as PT30M, P3D or P1M': 'должно быть длительностью, например PT30M, P3D или P1M',
  'must be a list of edges': 'должно быть списком связей',
  'must be a list of nodes': 'должно быть списком узлов',
  'must be a list of outcomes': 'должно быть списком исходов',
  'must be a list of rules': 'должно быть списком правил',
  'must be a list of steps': 'должно быть списком шагов',
  'must be a list of variants': 'должно быть списком вариантов',
  'must be a number': 'должно быть числом',
  'must be a number of points, e.g. 10 or -5': 'должно быть числом баллов, например 10 или -5',
  'must be a whole number': 'должно быть целым числом',
  'every node needs an id': 'у каждого узла должен быть id',
  'every rule needs an id': 'у каждого правила должен быть id',
  'must be a number (revenue)': 'должно быть числом (выручка)',
  'must be a variable such as lastEvent.data.amount': 'должно быть переменной, например lastEvent.data.amount',
  'must be a time of day HH:MM': 'должно быть временем суток ЧЧ:ММ',
  'must be a timestamp such as 2026-03-02T09:00:00+03:00': 'должно быть моментом времени, например 2026-03-02T09:00:00+03:00',
  'must be above 0': 'должно быть больше 0',
  'must be at least 1': 'должно быть не меньше 1',
  'must be one of mon, tue, wed, thu, fri, sat, sun': 'должно быть одним из mon, tue, wed, thu, fri, sat, sun',
  'must be text': 'должно быть текстом',
  'must be at most 80 characters': 'должно быть не длиннее 80 символов',
  'must be true or false': 'должно быть true или false',
  'must be waiting, completed or exited': 'должно быть waiting, completed или exited',
  'must be { "role": "manager" } or { "user": "user id" }': 'должно быть { "role": "manager" } или { "user": "id пользователя" }',
  'must name the date attribute': 'укажите атрибут с датой',
  "must not be empty: the text of the manager's button": 'не может быть пустым: это текст кнопки менеджера',
  'must be a three-letter currency code such as RUB, KZT, USD or EUR': 'должна быть трёхбуквенным кодом валюты, например RUB, KZT, USD или EUR',
  'must be a language tag such as ru-RU, en-US or en-GB': 'должен быть кодом языка и страны, например ru-RU, en-US или en-GB',
  'a date from an event is written event.data.<key> (the start event) or lastEvent.data.<key> (the latest one)': 'дата из события пишется так: event.data.<ключ> (событие старта) или lastEvent.data.<ключ> (последнее полученное)',
  'must name the event to wait for': 'укажите событие, которого ждать',
  'must name the event type, e.g. lead.created': 'укажите тип события, например lead.created',
  'must name the event type, e.g. order.paid': 'укажите тип события, например order.paid',
  'must name the funnel id this scenario runs against': 'укажите id воронки, которую проверяет сценарий',
  'must name the segment': 'укажите сегмент',
  'must not be empty': 'не может быть пустым',
  'must not be empty: say what the manager should do': 'не может быть пустым: напишите, что должен сделать менеджер',
  'must not be empty: write the message text': 'не может быть пустым: напишите текст сообщения',
  'must not be negative': 'не может быть отрицательным',
  'needs at least one outcome: the buttons the manager chooses from': 'нужен хотя бы один исход — кнопки, из которых выбирает менеджер',
  'needs at least one variant': 'нужен хотя бы один вариант',
  'needs at least one working day': 'нужен хотя бы один рабочий день',
  'node id must not be empty': 'id узла не может быть пустым',
  'the event type must not be empty': 'тип события не может быть пустым',
  'the event needs a type': 'у события должен быть тип',
  'the funnel id must not be empty': 'id воронки не может быть пустым',
  'the funnel needs an id': 'у воронки должен быть id',
  'the funnel needs a name': 'у воронки должно быть название',
  'the scenario needs a name': 'у сценария должно быть название',
  'the test contact needs an id': 'у тестового контакта должен быть id',
  // why a link is broken (shared/engine/links.ts)
  'the link is empty': 'ссылка пустая',
  'the link contains a space': 'в ссылке пробел',
  'the link has no http:// or https:// at the start': 'в начале ссылки нет http:// или https://',
  'the link cannot be opened: it is not a valid address': 'ссылку не открыть: это не адрес',
  'the link needs two slashes after http:': 'после http: нужны две косые черты',
};

/** Messages with a value in them. */
const RU_PATTERNS: [RegExp, (...m: string[]) => string | null][] = [
  [/^the port (\d+) is not a port: use 1–65535 \(usually 587, or 465 for smtps\)$/, (p) => `порт ${p} не годится: нужен 1–65535 (обычно 587, или 465 для smtps)`],
  [/^the port (\d+) is not a port: use 1–65535$/, (p) => `порт ${p} не годится: нужен 1–65535`],
  [/^"(.*)" is not a duration; write it like PT30M \(30 minutes\), P3D \(3 days\) or P1M \(1 month\)$/s, (v) => `«${v}» — не длительность; пишите так: 30 мин, 3 дня, 1 месяц (или PT30M, P3D, P1M)`],
  [/^"(.*)" is negative: a length of time cannot be; write how long, like P1D$/s, (v) => `«${v}» — отрицательная длительность: срок не может быть меньше нуля; укажите, сколько ждать, например 1 день`],
  [/^"(.*)" is not an offset; write it like P3D \(3 days after\) or -P3D \(3 days before\)$/s, (v) => `«${v}» — не сдвиг; пишите так: P3D (через 3 дня) или -P3D (за 3 дня)`],
  [/^"(.*)" is not a time of day; write it as HH:MM, e\.g\. 09:30$/s, (v) => `«${v}» — не время суток; пишите ЧЧ:ММ, например 09:30`],
  [/^"(.*)" is not a timestamp; write it like 2026-03-02T09:00:00\+03:00$/s, (v) => `«${v}» — не момент времени; пишите так: 2026-03-02T09:00:00+03:00`],
  [/^"(.*)" is not a web address; did you mean https:\/\/\?$/s, (v) => `«${v}» — не веб-адрес; может быть, https://?`],
  [/^"(.*)" is not a full domain name \(e\.g\. example\.com\)$/s, (v) => `«${v}» — не полное доменное имя (например, example.com)`],
  [/^"(.*)" has an empty part between dots$/s, (v) => `в «${v}» пустая часть между точками`],
  [/^must be "(.*)"$/s, (v) => `должно быть "${v}"`],
  [/^must be one of (.*)$/s, (v) => `должно быть одним из: ${v}`],
  [/^is required: (.*)$/s, (v) => (translateSchemaMessage(v, 'ru') === v ? null : `обязательное поле: ${translateSchemaMessage(v, 'ru')}`)],
];

/** A schema's message in the language (unknown texts stay as they are). */
export function translateSchemaMessage(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  const exact = RU_EXACT[message];
  if (exact) return exact;
  for (const [re, f] of RU_PATTERNS) {
    const m = re.exec(message);
    const t = m && f(...m.slice(1));
    if (t) return t;
  }
  return message;
}
