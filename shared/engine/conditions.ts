import jsonLogic from 'json-logic-js';

/** Evaluates a JSON Logic rule over `{ contact, event, segments, run }`; true when it holds. */
export function holds(rule: unknown, data: Record<string, unknown>): boolean {
  if (rule === undefined) return true;
  return jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, data));
}

/** Why a rule cannot run (an unknown operator), or null when it can. */
export function ruleProblem(rule: unknown): string | null {
  try {
    jsonLogic.apply(rule as jsonLogic.RulesLogic, { contact: {}, event: {}, segments: [], run: {} });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Literal values a rule asks of `event.data.*` for equality
 * (`{"==":[{"var":"event.data.sku"},"TRIP-1"]}` → `{ sku: "TRIP-1" }`): data that satisfies it.
 */
export function eventDataLiterals(rule: unknown, out: Record<string, unknown> = {}): Record<string, unknown> {
  if (!rule || typeof rule !== 'object') return out;
  if (Array.isArray(rule)) {
    rule.forEach((r) => eventDataLiterals(r, out));
    return out;
  }
  for (const [op, args] of Object.entries(rule as Record<string, unknown>)) {
    if ((op === '==' || op === '===') && Array.isArray(args) && args.length === 2) {
      const [a, b] = args as unknown[];
      const isVar = (x: unknown): x is { var: unknown } => typeof x === 'object' && x !== null && 'var' in x;
      const v = isVar(a) ? [a.var, b] : isVar(b) ? [b.var, a] : null;
      const m = v && typeof v[0] === 'string' ? /^event\.data\.(\w+)$/.exec(v[0]) : null;
      if (m && (v![1] === null || typeof v![1] !== 'object')) out[m[1]] = v![1];
    } else eventDataLiterals(args, out);
  }
  return out;
}
