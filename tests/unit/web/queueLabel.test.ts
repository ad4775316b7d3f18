import { describe, expect, it } from 'vitest';
import { queueLabel } from '../../../web/src/inspector/HandoffForm.tsx';

const RU: Record<string, string> = { sales: 'продажи', service: 'сервис' };
const shown = (q: string) => RU[q] ?? q;
const another = (other: string) => `другая команда, не ${other}`;

describe('the role picker names look-alike queues apart', () => {
  it('a team shown in the UI’s words carries its id', () => {
    expect(queueLabel('sales', [{ name: 'sales' }], shown, another)).toBe('продажи (sales)');
    expect(queueLabel('b2b', [{ name: 'b2b' }, { name: 'sales' }], shown, another)).toBe('b2b');
  });

  it('a team named as another is shown says it is another one', () => {
    const queues = [{ name: 'sales' }, { name: 'Продажи' }, { name: 'service' }];
    expect(queueLabel('Продажи', queues, shown, another)).toBe('Продажи — другая команда, не продажи (sales)');
    expect(queueLabel('sales', queues, shown, another)).toBe('продажи (sales)');
    expect(queueLabel('service', queues, shown, another)).toBe('сервис (service)');
  });
});
