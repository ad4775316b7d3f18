import { parseDecimal } from '../../../shared/format/decimal.ts';

/** A currency written before or after the number: a sign ($, ₽, €…), a code (USD) or the rouble's words (руб., р.). */
const SIGN_BEFORE = /^\s*(?:[A-Za-z]{3}|[$€₽£¥₸₴₾֏])\s*/;
const SIGN_AFTER = /\s*(?:[A-Za-z]{3}|[$€₽£¥₸₴₾֏]|руб\.?|р\.)\s*$/i;

/**
 * The amount typed for a deal (task card, simulator), as people type it — `19 920,50`, `$1,497`, `1 497 ₽`, `USD 20`
 * — or undefined when empty or not a non-negative number. In English `1,497` is a thousand and more (its comma groups
 * thousands); in Russian the comma is the decimal mark, as `parseDecimal` reads it.
 */
export function dealAmount(text: string, lang: 'ru' | 'en' = 'ru'): number | undefined {
  const bare = text.replace(SIGN_BEFORE, '').replace(SIGN_AFTER, '').trim();
  const grouped = lang === 'en' && /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(bare) ? bare.replace(/,/g, '') : bare;
  const n = parseDecimal(grouped);
  return n !== null && n >= 0 ? n : undefined;
}
