const OPS: Record<string, string> = { '==': '=', '===': '=', '!=': '≠', '!==': '≠', '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

const show = (v: unknown): string => {
  if (v && typeof v === 'object' && 'var' in (v as object)) return String((v as { var: unknown }).var);
  return typeof v === 'string' ? `«${v}»` : JSON.stringify(v);
};

/**
 * A JSON Logic rule in short words for the canvas: `{"==":[{"var":"contact.city"},"Москва"]}` →
 * `contact.city = «Москва»`; anything unusual falls back to compact JSON.
 */
export function ruleText(rule: unknown, and = ' & ', or = ' | '): string {
  if (rule === true || rule === false) return String(rule);
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return JSON.stringify(rule) ?? '';
  const [op, args] = Object.entries(rule as Record<string, unknown>)[0] ?? [];
  const list = Array.isArray(args) ? args : [args];
  if (op && OPS[op] && list.length === 2) return `${show(list[0])} ${OPS[op]} ${show(list[1])}`;
  if (op === 'in' && list.length === 2) return `${show(list[1])} ∋ ${show(list[0])}`;
  if (op === '!!') return `${show(list[0])} ✓`;
  if (op === '!') return `¬ ${show(list[0])}`;
  if (op === 'and' || op === 'or') return list.map((r) => ruleText(r, and, or)).join(op === 'and' ? and : or);
  return JSON.stringify(rule);
}
