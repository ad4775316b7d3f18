import { registerMessages } from '../i18n.ts';

/** Names of the life-cycle segments (the «9 segments» matrix) and the rules they follow: `[key, ru, en]`. */
const ROWS: [string, string, string][] = [
  ['segment.lifecycle:active', 'Активные покупатели', 'Active buyers'],
  ['segment.lifecycle:sleeping', 'Спящие', 'Sleeping'],
  ['segment.lifecycle:lost', 'Ушедшие', 'Lost'],
  ['segment.lifecycle:single', 'Разовые покупатели', 'One-time buyers'],
  ['segment.lifecycle:repeat', 'Повторные покупатели', 'Repeat buyers'],
  ['segment.lifecycle:loyal', 'Постоянные покупатели', 'Loyal customers'],
  ['segment.lifecycle:active-single', 'Новички', 'Newcomers'],
  ['segment.lifecycle:active-repeat', 'Перспективные', 'Promising'],
  ['segment.lifecycle:active-loyal', 'Лояльное ядро', 'Loyal core'],
  ['segment.lifecycle:sleeping-single', 'Засыпающие новички', 'Newcomers falling asleep'],
  ['segment.lifecycle:sleeping-repeat', 'Засыпающие перспективные', 'Promising, falling asleep'],
  ['segment.lifecycle:sleeping-loyal', 'Засыпающее ядро: вернуть первыми', 'Loyal, falling asleep: win back first'],
  ['segment.lifecycle:lost-single', 'Ушедшие разовые', 'Lost one-timers'],
  ['segment.lifecycle:lost-repeat', 'Ушедшие повторные', 'Lost repeat buyers'],
  ['segment.lifecycle:lost-loyal', 'Ушедшие постоянные', 'Lost loyal customers'],
  ['segment.rule.active', 'последняя оплата меньше {a} дн. назад', 'last paid under {a} days ago'],
  ['segment.rule.sleeping', 'последняя оплата {a}–{b} дн. назад', 'last paid {a}–{b} days ago'],
  ['segment.rule.lost', 'последняя оплата больше {b} дн. назад', 'last paid over {b} days ago'],
  ['segment.rule.single', '1 оплаченный заказ', '1 paid order'],
  ['segment.rule.repeat', 'оплаченных заказов: {r}–{m}', 'paid orders: {r}–{m}'],
  ['segment.rule.repeatOne', 'оплаченных заказов: {r}', 'paid orders: {r}'],
  ['segment.rule.loyal', 'оплаченных заказов: {l} и больше', 'paid orders: {l} or more'],
  ['segment.lifecycle', 'Жизненный цикл (по оплатам)', 'Life cycle (from payments)'],
  ['segment.crm', 'Свой сегмент (его ставит CRM или вы)', 'Your own segment (set by a CRM or by hand)'],
  ['segment.unknown', 'Нет такого сегмента жизненного цикла — может быть, {closest}? Выберите из списка.', 'No such life-cycle segment — did you mean {closest}? Choose one from the list.'],
  [
    'segment.hint',
    'Сегменты жизненного цикла Voronka считает сама по оплаченным заказам: контакт входит в «Спящие», когда после последней оплаты проходит срок из настроек. Свой сегмент (например sleeping) ставит CRM или вы в карточке контакта.',
    'Voronka works out the life-cycle segments itself from paid orders: a contact enters «Sleeping» when the time set in Settings has passed since their last payment. Your own segment (e.g. sleeping) is set by a CRM or by hand on the contact.',
  ],
  ['settings.lifecycle', 'Жизненный цикл покупателей', 'Customer life cycle'],
  [
    'settings.lifecycle.hint',
    'Где проходят границы матрицы «9 сегментов»: по давности последней оплаты и по числу оплаченных заказов. Новые границы сразу переносят всех покупателей; вход в сегмент запускает воронки, которые с него начинаются.',
    'Where the «9 segments» matrix draws its lines: by how long ago the last payment was and by how many paid orders. New lines move every buyer at once; entering a segment starts the funnels that begin with it.',
  ],
  ['settings.lifecycle.sleepingAfterDays', 'Спящий — без оплат, дней', 'Sleeping after, days without a payment'],
  ['settings.lifecycle.lostAfterDays', 'Ушедший — без оплат, дней', 'Lost after, days without a payment'],
  ['settings.lifecycle.repeatFrom', 'Повторный — от заказов', 'Repeat from, paid orders'],
  ['settings.lifecycle.loyalFrom', 'Постоянный — от заказов', 'Loyal from, paid orders'],
  ['settings.lifecycle.save', 'Сохранить границы', 'Save the lines'],
  ['settings.lifecycle.confirm', 'Сохранить новые границы? {n} {n|покупатель перейдёт|покупателя перейдут|покупателей перейдут} в другие сегменты сразу после сохранения.', 'Save the new lines? {n} {n|buyer moves|buyers move} to other segments as soon as they are saved.'],
  ['settings.lifecycle.confirmCells', 'Войдут в: {list}.', 'Entering: {list}.'],
  ['settings.lifecycle.confirmFunnels', 'Это запустит работающие воронки: {list} (столько контактов начнут их и получат их сообщения, если правило повторного входа пустит).', 'This starts live funnels: {list} (that many contacts start them and get their messages, where the re-entry rule lets them in).'],
  ['settings.lifecycle.confirmNoFunnels', 'Ни одна работающая воронка с этих сегментов не начинается.', 'No live funnel starts on these segments.'],
];

export const segments = {
  ru: Object.fromEntries(ROWS.map(([k, ru]) => [k, ru])),
  en: Object.fromEntries(ROWS.map(([k, , en]) => [k, en])),
};
registerMessages(segments);
