/** One problem found in a funnel. `message` is plain words for a marketer; `code` is stable for tools. */
export interface Issue {
  severity: 'error' | 'warning';
  nodeId?: string;
  edgeId?: string;
  field?: string;
  code: string;
  message: string;
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');

/** Turns a zod issue path into a field name: `["window"]` → `window`, `["rules",0,"id"]` → `rules.0.id`. */
export const fieldName = (path: readonly PropertyKey[]): string => path.map(String).join('.');

type ZodLikeIssue = { path: readonly PropertyKey[]; message: string; code?: string };

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** Words for a zod issue that a marketer can act on: "is required" for a missing field. */
export function describeZodIssue(issue: ZodLikeIssue, data: unknown): string {
  const missing = issue.path.length > 0 && valueAt(data, issue.path) === undefined && issue.code === 'invalid_type';
  const generic = /^Invalid (input|option)/.test(issue.message);
  if (missing) return generic || issue.message.startsWith('must') ? 'is required' : issue.message.startsWith('is required') ? issue.message : `is required: ${issue.message}`;
  return issue.message;
}
