import type { Lang } from './i18n.ts';

/**
 * The names node settings go by in the inspector, by the last part of their path, so that an
 * issue says «Текст», not `body` (the path stays in the issue's `field` for code and the API).
 */
const LABELS: Record<string, [en: string, ru: string]> = {
  body: ['Text', 'Текст'],
  subject: ['Subject', 'Тема'],
  channel: ['Channel', 'Канал'],
  title: ['What to do', 'Что сделать'],
  description: ['Details', 'Подробности'],
  url: ['URL', 'Адрес'],
  method: ['Method', 'Метод'],
  event: ['Event', 'Событие'],
  where: ['Condition', 'Условие'],
  when: ['When', 'Когда'],
  for: ['Wait', 'Ждать'],
  timeout: ['At most', 'Не дольше'],
  window: ['How long to wait for the conversion', 'Сколько ждать конверсию'],
  dueIn: ['Due in (SLA)', 'Срок (SLA)'],
  offset: ['Offset', 'Сдвиг'],
  at: ['Time', 'Время'],
  attribute: ['Date attribute', 'Атрибут с датой'],
  stage: ['Stage', 'Этап'],
  name: ['Name', 'Название'],
  sku: ['SKU', 'Артикул (SKU)'],
  price: ['Price', 'Цена'],
  currency: ['Currency', 'Валюта'],
  weight: ['Weight', 'Вес'],
  label: ['Label', 'Название'],
  role: ['Role', 'Роль'],
  user: ['User', 'Сотрудник'],
  value: ['Revenue', 'Выручка'],
  valueFrom: ['Revenue from the run\'s data', 'Выручка из данных'],
  reason: ['Reason', 'Причина'],
  type: ['Node type', 'Тип узла'],
  segment: ['Segment', 'Сегмент'],
  date: ['Date', 'Дата'],
  reentry: ['Re-entry', 'Повторный вход'],
  key: ['Key', 'Ключ'],
  product: ['Product', 'Продукт'],
  message: ['Message', 'Сообщение'],
  convertOn: ['Conversion event', 'Событие конверсии'],
  marketing: ['Marketing', 'Маркетинговое'],
  until: ['Until', 'До'],
  untilDate: ['Until a date', 'До даты'],
  rules: ['Rules', 'Правила'],
  variants: ['Variants', 'Варианты'],
  assignee: ['Assignee', 'Исполнитель'],
  outcomes: ['Outcomes', 'Результаты'],
  set: ['Contact attributes', 'Атрибуты контакта'],
  tags: ['Tags', 'Теги'],
  webhook: ['Webhook', 'Вебхук'],
  timezone: ['Time zone', 'Часовой пояс'],
  locale: ['How messages write amounts and dates', 'Как письма пишут суммы и даты'],
  quietHours: ['Quiet hours', 'Тихие часы'],
  workingHours: ["Managers' working hours", 'Рабочее время менеджеров'],
  exitWhen: ['Leave the funnel on an event', 'Выход из воронки по событию'],
  frequencyCap: ['Frequency cap', 'Лимит частоты'],
  from: ['From', 'С'],
  to: ['To', 'До'],
  max: ['At most', 'Не больше'],
  per: ['Per', 'За период'],
  days: ['Days', 'Дни'],
};

/** A setting's name in the inspector (`body` → «Текст»), or the key itself when it has none. */
export function settingName(key: string, lang: Lang): string {
  return LABELS[key]?.[lang === 'ru' ? 1 : 0] ?? key;
}

/**
 * A setting as an issue names it: its inspector label in quotes (with the item's number in a
 * list) and its path after it, `«Текст» (body)`; just the quoted path when it has no label.
 */
export function fieldLabel(path: string, lang: Lang): string {
  const q = (s: string) => (lang === 'ru' ? `«${s}»` : `"${s}"`);
  const parts = path.split('.');
  const known = LABELS[parts[parts.length - 1]];
  if (!known) return q(path);
  const index = parts.find((p) => /^\d+$/.test(p));
  const name = known[lang === 'ru' ? 1 : 0];
  return `${q(index === undefined ? name : `${name} #${Number(index) + 1}`)} (${path})`;
}
