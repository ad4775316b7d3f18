import { createContext, useContext, useMemo } from 'react';
import type { z } from 'zod';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { zodErrors, type Lang } from '../../../shared/validate/i18n.ts';
import { describeZodIssue } from '../../../shared/validate/issues.ts';
import { setNodeData } from '../editor/actions.ts';
import { getPath, setPath } from '../editor/docOps.ts';
import { useIssues } from '../editor/issues.ts';
import { useEditor } from '../editor/store.ts';
import { useLang } from '../i18n/i18n.ts';

/** What a form field needs: read and write a value by its dotted path, and its error. */
export interface FormApi {
  /** The node id (or "settings" for the funnel settings form); used for element ids. */
  scope: string;
  readOnly: boolean;
  data: Record<string, unknown>;
  get(path: string): unknown;
  set(path: string, value: unknown): void;
  /** Replaces the whole data object (for switching a node's kind). */
  replace(data: Record<string, unknown>): void;
  error(path: string): string | undefined;
  /** A warning on the field (publishing is not blocked): shown in amber, the field not marked invalid. */
  warning?(path: string): string | undefined;
}

export const FormContext = createContext<FormApi | null>(null);

export function useForm(): FormApi {
  const f = useContext(FormContext);
  if (!f) throw new Error('form fields must be inside a FormContext');
  return f;
}

/** Field errors from a zod schema, by dotted path: the first message for each path, in `lang`. */
export function schemaErrors(schema: z.ZodType | undefined, data: unknown, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  if (!schema) return out;
  const r = schema.safeParse(data, zodErrors(lang));
  if (r.success) return out;
  for (const zi of r.error.issues) {
    const path = zi.path.map(String).join('.');
    out[path] ??= describeZodIssue(zi as never, data, lang);
  }
  return out;
}

/**
 * The form API for one node: reads its data from the editor store, writes through the editor's
 * actions (typing in one field is one undo step), checks the data live with the node type's
 * schema and adds the validator's field-level issues.
 */
export function useNodeForm(id: string): FormApi | null {
  // the node's type and data, not the node: moving it does not re-render its form
  const type = useEditor((s) => s.doc?.nodes.find((n) => n.id === id)?.type);
  const nodeData = useEditor((s) => s.doc?.nodes.find((n) => n.id === id)?.data);
  const readOnly = useEditor((s) => s.readOnly);
  const issues = useIssues((s) => s.issues);
  const lang = useLang((s) => s.lang);
  return useMemo(() => {
    if (type === undefined) return null;
    const data = (nodeData ?? {}) as Record<string, unknown>;
    const errors = schemaErrors(nodeDef(type)?.schema, data, lang);
    const warnings: Record<string, string> = {};
    for (const i of issues) if (i.nodeId === id && i.field && i.code !== 'invalid-field') (i.severity === 'warning' ? warnings : errors)[i.field] ??= i.message;
    const current = () => (useEditor.getState().doc?.nodes.find((n) => n.id === id)?.data ?? {}) as Record<string, unknown>;
    return {
      scope: id,
      readOnly,
      data,
      get: (path) => getPath(data, path),
      set: (path, value) => setNodeData(id, setPath(current(), path, value), `data:${id}:${path}`),
      replace: (next) => setNodeData(id, next),
      error: (path) => errors[path],
      warning: (path) => warnings[path],
    };
  }, [type, nodeData, readOnly, issues, id, lang]);
}
