import jsonLogic from 'json-logic-js';

/**
 * `{"lower": x}`: text in lower case with the spaces around it trimmed (anything else as it is) —
 * for identifiers people type in either case, such as a product's sku (`tire-fit` is `TIRE-FIT`).
 */
jsonLogic.add_operation('lower', (x: unknown) => (typeof x === 'string' ? x.trim().toLowerCase() : x));

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
      // a variable compared in lower case (`{"lower": {"var": …}}`) asks for that value as well
      const varOf = (x: unknown): { var: unknown } | null => (isVar(x) ? x : typeof x === 'object' && x !== null && 'lower' in x && isVar((x as { lower: unknown }).lower) ? ((x as { lower: { var: unknown } }).lower) : null);
      const [va, vb] = [varOf(a), varOf(b)];
      // …and a literal compared in lower case is that literal as written
      const literal = (x: unknown): unknown => (typeof x === 'object' && x !== null && 'lower' in x && typeof (x as { lower: unknown }).lower !== 'object' ? (x as { lower: unknown }).lower : x);
      const v = va ? [va.var, literal(b)] : vb ? [vb.var, literal(a)] : null;
      const m = v && typeof v[0] === 'string' ? /^event\.data\.(\w+)$/.exec(v[0]) : null;
      if (m && (v![1] === null || typeof v![1] !== 'object')) out[m[1]] = v![1];
    } else eventDataLiterals(args, out);
  }
  return out;
}
