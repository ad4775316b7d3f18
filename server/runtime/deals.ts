import type { CompiledFunnel } from '../../shared/compiler/compileFunnel.ts';
import { DEFAULT_CURRENCY } from '../../shared/format/currency.ts';
import { funnelCurrency } from '../../shared/format/funnel.ts';
import type { TaskRow, Tx } from '../store/types.ts';

/**
 * A deal a manager closed with its amount is the contact's paid order too (id `task:<task id>`,
 * in the funnel's currency), so the contact's page, the customer figures and the life-cycle matrix
 * count the same money as the funnel's analytics. It is not an `order.paid` event: the deal is already
 * the funnel's conversion, and an event would convert a stage selling the same product a second time.
 * True when an order was recorded.
 */
export async function recordDeal(tx: Tx, task: TaskRow, outcome: string, amount: number | undefined, cf: CompiledFunnel | null, now: number): Promise<boolean> {
  if (amount === undefined || amount <= 0) return false;
  const currency = cf ? funnelCurrency(cf.funnel) : DEFAULT_CURRENCY;
  await tx.insertOrder({ id: `task:${task.id}`, contactId: task.contactId, sku: null, amount, currency, status: 'paid', data: { taskId: task.id, outcome, funnelId: task.funnelId, node: task.node }, at: now });
  return true;
}
