/** The amount typed for a deal (task card, simulator), or undefined when empty or not a non-negative number. */
export function dealAmount(text: string): number | undefined {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
}
