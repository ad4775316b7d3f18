import { describe, expect, it } from 'vitest';
import { pathLabel } from '../../../web/src/lists/useNodeLabels.ts';

describe("a path step's words", () => {
  const step = (label: string | undefined, title: string | undefined) => ({ node: 'call', at: '2026-11-24T10:00:00Z', type: 'handoff', ...(label ? { label } : {}), ...(title ? { title } : {}) });

  it('a name that the run\'s words mostly repeat is not said twice', () => {
    expect(pathLabel(step('Звонок после пробной', 'Позвонить после пробной: Ирина'), 'ru')).toBe('Позвонить после пробной: Ирина');
    expect(pathLabel(step('Call after the trial', 'Call Irina after the trial'), 'en')).toBe('Call Irina after the trial');
  });

  it('a name with words of its own keeps the run\'s words beside it', () => {
    expect(pathLabel(step('Звонок по заявке', 'Перезвонить Льву'), 'ru')).toBe('Звонок по заявке: Перезвонить Льву');
    expect(pathLabel(step('Напоминание A', 'Ольга, вы записаны? Ответьте на это сообщение'), 'ru')).toBe('Напоминание A: Ольга, вы записаны? Ответьте на это сообщение');
    expect(pathLabel(step('Звонок', 'Звонок'), 'ru')).toBe('Звонок');
  });

  it('without a name: the run\'s words, else the node type, else the id', () => {
    expect(pathLabel(step(undefined, 'Позвонить'), 'ru')).toBe('Позвонить');
    expect(pathLabel(step(undefined, undefined), 'ru')).toBe('Задача менеджеру');
    expect(pathLabel({ node: 'x', at: '' }, 'en')).toBe('x');
  });
});
