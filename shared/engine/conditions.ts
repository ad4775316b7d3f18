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
