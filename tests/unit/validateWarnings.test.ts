import { describe, expect, it } from 'vitest';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';
import { edge, funnel, node, trigger } from './helpers.ts';

/** trigger → one node `n` (by `next`), and what the validator says about it: [code, field, severity]. */
const issues = (n: ReturnType<typeof node>, lang?: 'ru') =>
  validateFunnel(funnel([trigger(), n], [edge('start', 'next', n.id)]), lang ? { lang } : {}).issues.filter((i) => i.nodeId === n.id);
const codes = (n: ReturnType<typeof node>) => issues(n).map((i) => [i.code, i.field, i.severity]);

describe('validate: a duration of no time where time is the point', () => {
  it('a wait that gives its event no time is a warning on its timeout', () => {
    expect(codes(node('w', 'wait', { event: 'project.created', timeout: 'P0D' }))).toEqual([['wait-zero', 'timeout', 'warning']]);
    expect(codes(node('w', 'wait', { event: 'project.created', timeout: 'PT0S' }))).toEqual([['wait-zero', 'timeout', 'warning']]);
    expect(issues(node('w', 'wait', { event: 'project.created', timeout: 'P0D' }), 'ru')[0].message).toContain('не даёт событию времени прийти');
    expect(codes(node('w', 'wait', { event: 'project.created', timeout: 'PT1M' }))).toEqual([]);
  });

  it('a stage with no window to convert in is a warning on its window', () => {
    const stage = { stage: 'tripwire', product: { sku: 'MINI', name: 'Mini', price: 990 } };
    expect(codes(node('o', 'offer', { ...stage, window: 'P0D' }))).toEqual([['offer-window-zero', 'window', 'warning']]);
    expect(codes(node('o', 'offer', { ...stage, window: 'P3D' }))).toEqual([]);
  });

  it('a manager task due at once is a warning on its deadline; no deadline is fine', () => {
    const task = { title: 'Call', assignee: { role: 'manager' }, outcomes: [{ id: 'done', label: 'Called' }] };
    expect(codes(node('h', 'handoff', { ...task, dueIn: 'PT0M' }))).toEqual([['handoff-due-zero', 'dueIn', 'warning']]);
    expect(codes(node('h', 'handoff', task))).toEqual([]);
    expect(codes(node('h', 'handoff', { ...task, dueIn: 'P1D' }))).toEqual([]);
  });

  it('a manager task due in hours, with no working hours, is a warning: its limit runs through the night', () => {
    const task = { title: 'Call', assignee: { role: 'sales' }, dueIn: 'PT4H', outcomes: [{ id: 'done', label: 'Called' }] };
    expect(codes(node('h', 'handoff', task))).toEqual([['handoff-due-round-the-clock', 'dueIn', 'warning']]);
    expect(issues(node('h', 'handoff', task), 'ru')[0].message).toContain('срок в часах идёт круглые сутки');
    // with the managers' working hours the limit counts only them
    const f = funnel([trigger(), node('h', 'handoff', task)], [edge('start', 'next', 'h')]);
    f.settings = { workingHours: { from: '09:00', to: '18:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] } };
    expect(validateFunnel(f).issues).toEqual([]);
  });
});

describe('validate: a conversion recorded twice', () => {
  const task = (goal: boolean) => ({ title: 'Call', assignee: { role: 'manager' }, outcomes: [{ id: 'demo', label: 'Demo booked', ...(goal ? { goal: true } : {}) }, { id: 'no', label: 'Not interested' }] });
  const f = (goal: boolean) => funnel([trigger(), node('h', 'handoff', task(goal)), node('g', 'goal', { name: 'demo' }), node('x', 'exit')], [edge('start', 'next', 'h'), edge('h', 'demo', 'g'), edge('h', 'no', 'x')]);

  it('an outcome that counts as a conversion, straight into a goal, is a warning naming both', () => {
    const i = validateFunnel(f(true)).issues;
    expect(i.map((x) => [x.code, x.nodeId, x.severity])).toEqual([['conversion-twice', 'h', 'warning']]);
    expect(i[0].message).toBe('Manager task "h": "Demo booked" already counts as a conversion and leads to goal "g", which records another: each such contact is two goals (and their values are added). Remove the goal (the outcome keeps the deal\'s amount the manager enters), or untick "Counts as a conversion" if the goal should count it (the manager then enters no amount).');
    expect(validateFunnel(f(true), { lang: 'ru' }).issues[0].message).toContain('исход «Demo booked» уже считается конверсией и ведёт в цель «g»');
  });

  it('the same outcome not counted, or counted and leading elsewhere, is fine', () => {
    expect(validateFunnel(f(false)).issues).toEqual([]);
    const other = funnel([trigger(), node('h', 'handoff', task(true)), node('x', 'exit')], [edge('start', 'next', 'h'), edge('h', 'demo', 'x'), edge('h', 'no', 'x')]);
    expect(validateFunnel(other).issues).toEqual([]);
  });
});

describe('validate: money written in a currency the funnel is not in', () => {
  const moneyIssues = (body: string, currency?: string) =>
    validateFunnel({ ...funnel([trigger(), node('m', 'message', { channel: 'sms', body, marketing: false })], [edge('start', 'next', 'm')]), ...(currency ? { settings: { currency } } : {}) }, { lang: 'ru' })
      .issues.filter((i) => i.code === 'money-sign')
      .map((i) => [i.field, i.severity, i.message]);

  it('«990 ₽» in a funnel priced in tenge (a template made in another currency) is a warning saying what to write', () => {
    const [issue] = moneyIssues('Шиномонтаж всего за 990 ₽', 'KZT');
    expect(issue.slice(0, 2)).toEqual(['body', 'warning']);
    expect(issue[2]).toContain('в тексте сумма в RUB, а валюта воронки — KZT. Пишите цены как {{product.priceText}}');
    expect(moneyIssues('Всего за 990 руб. до пятницы', 'EUR')).toHaveLength(1);
    expect(moneyIssues('Only $5 today')).toHaveLength(1); // a roubles funnel writing dollars
  });

  it('the funnel\'s own sign, a price as a variable, or words that merely look alike are fine', () => {
    expect(moneyIssues('Всего за 990 ₽')).toEqual([]);
    expect(moneyIssues('Всего за {{product.priceText}}', 'KZT')).toEqual([]);
    expect(moneyIssues('Рубрика «Советы» — новая статья', 'KZT')).toEqual([]);
  });
});

describe('validate: a sale closed by phone that counts nowhere', () => {
  const task = (label: string, goal = false) => ({ title: 'Звонок', assignee: { role: 'manager' }, outcomes: [{ id: 'yes', label, ...(goal ? { goal: true } : {}) }, { id: 'no', label: 'Отказ' }] });
  const stage = { stage: 'coreProduct', product: { sku: 'YEAR', name: 'Абонемент', price: 24000 }, window: 'P3D' };
  const saleCodes = (nodes: ReturnType<typeof node>[], edges: ReturnType<typeof edge>[], lang?: 'ru') =>
    validateFunnel(funnel([trigger(), ...nodes], [edge('start', 'next', 'h'), ...edges]), lang ? { lang } : {}).issues.filter((i) => i.code === 'sale-not-counted');

  it('an outcome that reads as a sale, unticked and leading to an exit, is a warning on its «counts» box', () => {
    const i = saleCodes([node('h', 'handoff', task('Купил абонемент')), node('x', 'exit')], [edge('h', 'yes', 'x')], 'ru');
    expect(i.map((x) => [x.nodeId, x.field, x.severity])).toEqual([['h', 'outcomes.0.goal', 'warning']]);
    expect(i[0].message).toContain('исход «Купил абонемент» похож на продажу, но нигде не считается');
    // unconnected (the run ends there) is the same
    expect(saleCodes([node('h', 'handoff', task('Оплатил'))], [])).toHaveLength(1);
    expect(saleCodes([node('h', 'handoff', task('Deal won'))], [])).toHaveLength(1);
  });

  it('is quiet when it counts: ticked, or leading to a goal or a stage that sells (also a few steps on)', () => {
    expect(saleCodes([node('h', 'handoff', task('Купил абонемент', true))], [])).toEqual([]);
    expect(saleCodes([node('h', 'handoff', task('Купил')), node('g', 'goal', { name: 'sale' })], [edge('h', 'yes', 'g')])).toEqual([]);
    const thanks = node('m', 'message', { channel: 'sms', body: 'Спасибо!', marketing: false });
    expect(saleCodes([node('h', 'handoff', task('Купил')), thanks, node('o', 'offer', stage)], [edge('h', 'yes', 'm'), edge('m', 'next', 'o')])).toEqual([]);
  });

  it('words that deny a sale or say none are not a sale', () => {
    for (const label of ['Не купил', 'Отказ от покупки', 'Подумает', 'Не дозвонились', "Didn't buy", 'No sale', 'Lost deal', 'Перезвонить'])
      expect(saleCodes([node('h', 'handoff', task(label))], []), label).toEqual([]);
    for (const label of ['Купил', 'Куплен абонемент', 'Оплата получена', 'Сделка', 'Заключили договор', 'Bought', 'Paid', 'Purchased'])
      expect(saleCodes([node('h', 'handoff', task(label))], []), label).toHaveLength(1);
  });

  it('a wait for a payment whose «received» leads to no goal is a warning: a win-back\'s purchases would count nowhere', () => {
    const waitFor = (event: string) => node('h', 'wait', { event, timeout: 'P5D' });
    const thanks = node('m', 'message', { channel: 'email', subject: 'Спасибо', body: 'Спасибо!', marketing: false });
    const i = saleCodes([waitFor('order.paid'), thanks], [edge('h', 'received', 'm')], 'ru');
    expect(i.map((x) => [x.nodeId, x.field, x.severity])).toEqual([['h', 'event', 'warning']]);
    expect(i[0].message).toContain('«order.paid», которого оно ждёт, — покупка, но выход «получено» не ведёт в цель');
    expect(saleCodes([waitFor('subscription.paid')], [])).toHaveLength(1);
    // a goal after it (or a few steps on) counts it; an event that is no payment is no sale
    expect(saleCodes([waitFor('order.paid'), thanks, node('g', 'goal', { name: 'won back', valueFrom: 'lastEvent.data.amount' })], [edge('h', 'received', 'm'), edge('m', 'next', 'g')])).toEqual([]);
    for (const event of ['lead.created', 'payment.failed', 'order.refunded', 'cart.updated']) expect(saleCodes([waitFor(event)], []), event).toEqual([]);
  });
});

describe('validateFunnel: a rule comparing by size', () => {
  const withNode = (n: ReturnType<typeof node>) => funnel([trigger(), n], [edge('start', 'next', n.id)]);
  const only = (input: unknown, code: string) => validateFunnel(input).issues.filter((i) => i.code === code);
  it('a variable compared by size with a word → not-a-number WARNING; numbers, dates and times written as text are fine', () => {
    const rule = (when: unknown) => only(withNode(node('b', 'branch', { rules: [{ id: 'big', when }] })), 'not-a-number');
    const w = rule({ '>=': [{ var: 'contact.restaurants' }, 'пять'] });
    expect(w).toEqual([expect.objectContaining({ severity: 'warning', nodeId: 'b' })]);
    expect(w[0].message).toContain('"contact.restaurants" >= "пять"');
    expect(rule({ '<=': [1, { var: 'contact.seats' }, 'many'] })).toHaveLength(1);
    for (const fine of [{ '>=': [{ var: 'contact.restaurants' }, 5] }, { '>=': [{ var: 'contact.restaurants' }, '5'] }, { '<': [{ var: 'contact.lastVisit' }, '2026-05-25'] }, { '>': [{ var: 'event.data.at' }, '10:00'] }])
      expect(rule(fine)).toEqual([]);
  });
});
