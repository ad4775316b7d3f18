import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFunnel } from '../../shared/compiler/compileFunnel.ts';
import { Scenario } from '../../shared/format/scenario.ts';
import { runScenario } from '../../shared/simulator/runScenario.ts';
import { EXAMPLES } from './examples.ts';

/** A saved scenario that fails against the funnel: why, in words and in the language asked for. */
describe('scenario failures', () => {
  it('a saved scenario that fails says why in the language asked for, with the same failures', () => {
    const cf = compileFunnel(JSON.parse(readFileSync(join(EXAMPLES, 'classic/funnel.json'), 'utf8')));
    if (!cf.ok) throw new Error('classic does not compile');
    const s = Scenario.parse(JSON.parse(readFileSync(join(EXAMPLES, 'classic/happy-path.scenario.json'), 'utf8')));
    const broken = { ...s, steps: [...s.steps, { task: { outcome: 'won' } }], expect: { ...s.expect, status: 'exited' as const, path: ['start'] } };
    const en = runScenario(cf.compiled, broken).trace.failures;
    const ru = runScenario(cf.compiled, broken, { lang: 'ru' }).trace.failures;
    expect(en).toHaveLength(3);
    // where the run parted from the expected first, the step it then could not do last
    expect(en.join('\n')).toMatch(/^path: the run went on past the expected end \(after Trigger \(start\)\): Offer \(offer\) → Lead magnet \(lm\)[\s\S]*status: expected “exited”, got “completed”[\s\S]*scenario step \d+: there is no open task/);
    expect(ru).toHaveLength(3);
    expect(ru.join('\n')).toMatch(/^путь: прогон пошёл дальше ожидаемого \(после Старт \(start\)\): Оффер \(offer\) → Лид-магнит \(lm\)[\s\S]*статус: ожидалось «выведен», получено «завершён»[\s\S]*шаг сценария \d+: нет открытой задачи/);
  });

  it('nodes with names for people are called by them, with the id the scenario file holds', () => {
    const funnel = JSON.parse(readFileSync(join(EXAMPLES, 'classic/funnel.json'), 'utf8'));
    const s = Scenario.parse(JSON.parse(readFileSync(join(EXAMPLES, 'classic/happy-path.scenario.json'), 'utf8')));
    const path = s.expect!.path!;
    const named = { ...funnel, nodes: funnel.nodes.map((n: { id: string }) => (n.id === path[2] ? { ...n, label: 'Вебинар' } : n.id === path[3] ? { ...n, label: 'Мини-курс' } : n)) };
    const cf = compileFunnel(named);
    if (!cf.ok) throw new Error('classic does not compile');
    const ru = runScenario(cf.compiled, { ...s, expect: { path: [...path.slice(0, 3), 'core', ...path.slice(4)] } }, { lang: 'ru' }).trace.failures;
    expect(ru).toEqual([`путь, узел №4: ожидался Основной продукт (core), а прогон пошёл в «Мини-курс» (${path[3]}) (после «Вебинар» (${path[2]}))`]);
    const en = runScenario(cf.compiled, { ...s, expect: { at: path[2] } }).trace.failures;
    expect(en[0]).toContain(`“Вебинар” (${path[2]})`);
  });

  it('a failing scenario names the step where the path left the expected one, and a message not sent, not a JSON diff', () => {
    const cf = compileFunnel(JSON.parse(readFileSync(join(EXAMPLES, 'classic/funnel.json'), 'utf8')));
    if (!cf.ok) throw new Error('classic does not compile');
    const s = Scenario.parse(JSON.parse(readFileSync(join(EXAMPLES, 'classic/happy-path.scenario.json'), 'utf8')));
    const path = s.expect!.path!;
    const messages = s.expect!.messages!;
    const fail = (want: object, lang: 'en' | 'ru' = 'en') => runScenario(cf.compiled, { ...s, expect: { ...s.expect, ...want } }, { lang }).trace.failures;
    // step 4 expected elsewhere
    expect(fail({ path: [...path.slice(0, 3), 'core', ...path.slice(4)] })).toEqual(['path, node #4: expected Core product (core), but the run went to Tripwire (trip) (after Lead magnet (lm))']);
    expect(fail({ path: [...path.slice(0, 3), 'core', ...path.slice(4)] }, 'ru')).toEqual(['путь, узел №4: ожидался Основной продукт (core), а прогон пошёл в Трипваер (trip) (после Лид-магнит (lm))']);
    // a task expected done that is not: its status in words; nothing where something was expected
    const tasks = s.expect!.tasks!;
    expect(fail({ tasks: [{ node: tasks[0].node, status: 'overdue', outcome: 'lost' }] }, 'ru')).toEqual([
      `задача 1 Задача менеджеру (${tasks[0].node}), статус: ожидалось «просрочена», получено «выполнена»`,
      `задача 1 Задача менеджеру (${tasks[0].node}), итог: ожидалось «lost», получено «won»`,
    ]);
    expect(fail({ tasks: [{ ...tasks[0], title: 'Позвонить' , note: 'x' }] as never }, 'ru')).toContainEqual(expect.stringMatching(/note: ожидалось «x», но ничего нет$/));
    // the run stops short of the expected end
    expect(fail({ path: [...path, 'later'] })).toEqual([`path: the run stopped at Goal (${path.at(-1)}); expected next: “later”`]);
    // a message expected that was not sent: named, and the others still compared by their node
    const extra = { node: 'nowhere', channel: 'email' };
    expect(fail({ messages: [...messages.slice(0, 2), extra, ...messages.slice(2)] })).toEqual([`messages: expected ${messages.length + 1}, got ${messages.length}`, 'message 3 “nowhere”: not sent']);
    // a message the run sent beyond those expected
    expect(fail({ messages: messages.slice(1) }, 'ru')).toEqual([`сообщения: ожидалось ${messages.length - 1}, получено ${messages.length}`, expect.stringMatching(/^лишние сообщения: Оффер \(offer\) \(email, 2026-03-02 10:00 \(\+03:00\)\)$/)]);
  });

  it('when a scenario fails, an event the run took no notice of is named (a renamed event is the usual cause); when it passes, such an event is fine', () => {
    const cf = compileFunnel(JSON.parse(readFileSync(join(EXAMPLES, 'classic/funnel.json'), 'utf8')));
    if (!cf.ok) throw new Error('classic does not compile');
    const s = Scenario.parse(JSON.parse(readFileSync(join(EXAMPLES, 'classic/happy-path.scenario.json'), 'utf8')));
    const renamed = { ...s, steps: s.steps.map((x) => ('event' in x && x.event.type === 'offer.accepted' ? { event: { type: 'offer.taken' } } : x)) };
    const ru = runScenario(cf.compiled, renamed, { lang: 'ru' }).trace.failures;
    expect(ru[0]).toMatch(/^путь, узел №3: ожидался Лид-магнит \(lm\), а прогон пошёл в Выход \(offer_end\)/);
    expect(ru).toContainEqual(expect.stringMatching(/^шаг сценария 3: событие «offer\.taken» ничего не изменило — его не ждал ни один проход$/));
    // an outcome the task no longer has (renamed), while the run was on the expected path: that step comes first, as the cause
    const outcome = { ...s, steps: s.steps.map((x) => ('task' in x ? { task: { ...x.task, outcome: 'sold' } } : x)) };
    const why = runScenario(cf.compiled, outcome, { lang: 'ru' }).trace.failures;
    expect(why.length).toBeGreaterThan(1);
    expect(why[0]).toMatch(/^шаг сценария \d+: .*«sold»/);
    // times in a failure are written for a reader, not as ISO
    const late = { ...s, expect: { ...s.expect, messages: s.expect!.messages!.map((m, i) => (i === 0 ? { ...m, at: '2026-03-03T10:00:00+03:00' } : m)) } };
    expect(runScenario(cf.compiled, late, { lang: 'ru' }).trace.failures[0]).toMatch(/время: ожидалось 2026-03-03 10:00 \(\+03:00\), получено 2026-03-02 10:00 \(\+03:00\)$/);
    // an extra event nobody waits for, in a scenario that passes: no failure
    const extra = { ...s, steps: [{ event: { type: 'nobody.waits' } }, ...s.steps] };
    expect(runScenario(cf.compiled, extra).trace.ok).toBe(true);
  });
});

describe('completing a task with an outcome it does not have', () => {
  it('names the task by its title and each outcome by its button words with its id', async () => {
    const { edge, funnel, node, sim, trigger } = await import('./helpers.ts');
    const s = sim(
      funnel(
        [trigger(), node('call', 'handoff', { title: 'Позвонить насчёт записи', assignee: { role: 'manager' }, outcomes: [{ id: 'zapisan', label: 'Записан' }, { id: 'no_answer', label: 'Не дозвонились' }] })],
        [edge('start', 'next', 'call')],
      ),
    );
    s.event({ type: 'go' });
    expect(s.completeTask('booked', 'ru')).toBe('у задачи «Позвонить насчёт записи» (call) нет исхода «booked» (есть: «Записан» (zapisan), «Не дозвонились» (no_answer))');
    expect(s.completeTask('booked', 'en')).toBe('task "Позвонить насчёт записи" (call) has no outcome "booked" (it has "Записан" (zapisan), "Не дозвонились" (no_answer))');
  });
});

describe('a path that stops short says why', () => {
  const classic = () => JSON.parse(readFileSync(join(EXAMPLES, 'classic/funnel.json'), 'utf8'));
  const happy = () => Scenario.parse(JSON.parse(readFileSync(join(EXAMPLES, 'classic/happy-path.scenario.json'), 'utf8')));

  it('an exit whose edge was removed: the run ended there, the exit named in words', () => {
    const f = classic();
    f.edges = f.edges.filter((e: { id: string }) => e.id !== 'e-call-won');
    const cf = compileFunnel(f);
    if (!cf.ok) throw new Error('does not compile');
    const ru = runScenario(cf.compiled, happy(), { lang: 'ru' }).trace.failures;
    expect(ru[0]).toMatch(/^путь: прогон остановился на Задача менеджеру \(call\) \(его выход «Интересно, отправить предложение» никуда не ведёт — прогон там закончился\), а ожидалось дальше: Основной продукт \(core\)/);
    const en = runScenario(cf.compiled, happy()).trace.failures;
    expect(en[0]).toMatch(/^path: the run stopped at Manager task \(call\) \(its exit “Интересно, отправить предложение” leads nowhere, so the run ended there\); expected next/);
  });

  it('a timer that now falls after the scenario ends: when it is', () => {
    const f = classic();
    const s = happy();
    // the scenario stops right after the lead magnet's message; the run waits at the lead magnet for its window
    const cf = compileFunnel(f);
    if (!cf.ok) throw new Error('does not compile');
    const path = s.expect!.path!;
    const cut = { ...s, steps: s.steps.slice(0, 2), expect: { path } };
    const ru = runScenario(cf.compiled, cut, { lang: 'ru' }).trace.failures;
    expect(ru[0]).toMatch(/^путь: прогон остановился на .* \(ждёт; следующий таймер — \d{4}-\d\d-\d\d \d\d:\d\d \(\+03:00\), позже конца сценария\), а ожидалось дальше/);
  });

  it('times in a failure are written as the UI\'s locale writes them, in the offset of the run', () => {
    const s = happy();
    const cf = compileFunnel(classic());
    if (!cf.ok) throw new Error('does not compile');
    const cut = { ...s, steps: s.steps.slice(0, 2), expect: { path: s.expect!.path! } };
    const us = runScenario(cf.compiled, cut, { lang: 'en', locale: 'en-US' }).trace.failures;
    expect(us[0]).toMatch(/its next timer is at [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\s(AM|PM) \(UTC\+03:00\), after the scenario's end/);
    const ru = runScenario(cf.compiled, cut, { lang: 'ru', locale: 'ru-RU' }).trace.failures;
    expect(ru[0]).toMatch(/следующий таймер — \d{1,2} [а-я]+\.? \d{4} г\., \d\d:\d\d \(UTC\+03:00\), позже конца сценария/);
  });
});
