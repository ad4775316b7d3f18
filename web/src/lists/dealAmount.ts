import { parseDecimal } from '../../../shared/format/decimal.ts';

/** The amount typed for a deal (task card, simulator: `19 920,50` too), or undefined when empty or not a non-negative number. */
export function dealAmount(text: string): number | undefined {
  const n = parseDecimal(text);
  return n !== null && n >= 0 ? n : undefined;
}
