const COMPARE = new Set(['>', '>=', '<', '<=', '==', '!=', '===', '!==']);
const AMOUNT = /(^|\.)(amount|total|sum|price|revenue|value)$/i;

/** The amount-like variables a rule compares (`event.data.amount ≥ 5000`), when the rule never looks at a currency. */
export function amountsWithoutCurrency(when: unknown): string[] {
  const vars: string[] = [];
  const compared: string[] = [];
  const walk = (x: unknown, inCompare: boolean) => {
    if (Array.isArray(x)) return x.forEach((y) => walk(y, inCompare));
    if (typeof x !== 'object' || x === null) return;
    for (const [op, args] of Object.entries(x)) {
      if (op === 'var') {
        const v = Array.isArray(args) ? args[0] : args;
        if (typeof v === 'string') {
          vars.push(v);
          if (inCompare && AMOUNT.test(v)) compared.push(v);
        }
      } else walk(args, inCompare || COMPARE.has(op));
    }
  };
  walk(when, false);
  return vars.some((v) => /(^|\.)currency$/i.test(v)) ? [] : [...new Set(compared)];
}
