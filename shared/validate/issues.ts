import { translateSchemaMessage, type Lang } from './i18n.ts';

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

/**
 * Words for a zod issue that a marketer can act on: "is required" for a missing field; in the
 * language asked for (parse with `zodErrors(lang)` so that zod's own messages are in it too).
 */
export function describeZodIssue(issue: ZodLikeIssue, data: unknown, lang: Lang = 'en'): string {
  const missing = issue.path.length > 0 && valueAt(data, issue.path) === undefined && issue.code === 'invalid_type';
  const generic = /^(Invalid (input|option)|Неверный (ввод|вариант))/.test(issue.message);
  let text = issue.message;
  if (missing) text = generic || issue.message.startsWith('must') ? 'is required' : issue.message.startsWith('is required') ? issue.message : `is required: ${issue.message}`;
  return translateSchemaMessage(text, lang);
}

/**
 * A parse's issues as `field: words` lines, in `lang`: an unknown field is named itself
 * (`steps.0.event.dat is not a known field`), not its parent; `whole` names the document itself.
 */
export function zodIssueLines(issues: readonly (ZodLikeIssue & { keys?: readonly string[] })[], data: unknown, lang: Lang = 'en', whole = 'file'): string[] {
  return issues.flatMap((i) => {
    const base = fieldName(i.path);
    if (i.code === 'unrecognized_keys' && i.keys) return i.keys.map((k) => `${base ? `${base}.` : ''}${k}: ${translateSchemaMessage('is not a known field', lang)}`);
    return [`${base || whole}: ${describeZodIssue(i, data, lang)}`];
  });
}

/**
 * Fields the input has that parsing dropped (a typo like `sla` for `dueIn`, a field of another
 * node type): paths like `sla` or `product.prise`, found by walking the input beside what the
 * schema kept. Objects are compared key by key, arrays item by item.
 */
export function droppedFields(input: unknown, kept: unknown, path: string[] = []): string[] {
  if (Array.isArray(input) && Array.isArray(kept) && input.length === kept.length) return input.flatMap((v, i) => droppedFields(v, kept[i], [...path, String(i)]));
  if (!isPlainObject(input) || !isPlainObject(kept)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (!(k in kept)) out.push([...path, k].join('.'));
    else out.push(...droppedFields(v, kept[k], [...path, k]));
  }
  return out;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
