const OPS: Record<string, string> = { '==': '=', '===': '=', '!=': '≠', '!==': '≠', '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

/** How a rule is worded: the joining words and the language's quotes («…» in Russian, “…” in English). */
export interface RuleWords {
  and?: string;
  or?: string;
  lang?: 'ru' | 'en';
}

const show = (v: unknown, lang: 'ru' | 'en'): string => {
  if (v && typeof v === 'object' && 'var' in (v as object)) return String((v as { var: unknown }).var);
  return typeof v === 'string' ? (lang === 'en' ? `“${v}”` : `«${v}»`) : JSON.stringify(v);
};

/**
 * A JSON Logic rule in short words for the canvas: `{"==":[{"var":"contact.city"},"Москва"]}` →
 * `contact.city = «Москва»`; anything unusual falls back to compact JSON.
 */
export function ruleText(rule: unknown, words: RuleWords = {}): string {
  const { and = ' & ', or = ' | ', lang = 'ru' } = words;
  const q = (v: unknown) => show(v, lang);
  if (rule === true || rule === false) return String(rule);
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return JSON.stringify(rule) ?? '';
  const [op, args] = Object.entries(rule as Record<string, unknown>)[0] ?? [];
  const list = Array.isArray(args) ? args : [args];
  // «в любом регистре»: {"==":[{"lower":{"var":"contact.goal"}},"похудение"]} → contact.goal ≈ «похудение»
  const lowered = list[0] && typeof list[0] === 'object' && 'lower' in (list[0] as object) ? (list[0] as { lower: unknown }).lower : undefined;
  if (op === '==' && lowered !== undefined && list.length === 2) return `${q(lowered)} ≈ ${q(list[1])}`;
  if (op && OPS[op] && list.length === 2) return `${q(list[0])} ${OPS[op]} ${q(list[1])}`;
  if (op === 'in' && list.length === 2) return `${q(list[1])} ∋ ${q(list[0])}`;
  if (op === '!!') return `${q(list[0])} ✓`;
  if (op === '!') return `¬ ${q(list[0])}`;
  if (op === 'and' || op === 'or') return list.map((r) => ruleText(r, words)).join(op === 'and' ? and : or);
  return JSON.stringify(rule);
}
