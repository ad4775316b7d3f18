import { useEffect } from 'react';
import { create } from 'zustand';
import type { Issue } from '../../../shared/validate/issues.ts';
import { validateFunnel } from '../../../shared/validate/validateFunnel.ts';
import { useLang } from '../i18n/i18n.ts';
import { useEditor } from './store.ts';

export interface NodeIssues {
  errors: number;
  warnings: number;
  /** The messages, one per line, for a tooltip. */
  text: string;
}

interface IssuesState {
  issues: Issue[];
  byNode: Record<string, NodeIssues>;
  errors: number;
  warnings: number;
  set(issues: Issue[]): void;
}

/** The live validation result of the document in the editor (derived, never saved). */
export const useIssues = create<IssuesState>((set) => ({
  issues: [],
  byNode: {},
  errors: 0,
  warnings: 0,
  set(issues) {
    const byNode: Record<string, NodeIssues> = {};
    for (const i of issues) {
      if (!i.nodeId) continue;
      const n = (byNode[i.nodeId] ??= { errors: 0, warnings: 0, text: '' });
      if (i.severity === 'error') n.errors++;
      else n.warnings++;
      n.text += (n.text ? '\n' : '') + i.message;
    }
    const errors = issues.filter((i) => i.severity === 'error').length;
    set({ issues, byNode, errors, warnings: issues.length - errors });
  },
}));

/**
 * Re-validates the document with the shared validator ~150 ms after the last change, with the
 * messages in the UI's language (again at once when the language is switched).
 */
export function useLiveValidation(delay = 150): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const doc = useEditor.getState().doc;
      useIssues.getState().set(doc ? validateFunnel(doc, { lang: useLang.getState().lang }).issues : []);
    };
    // the document the editor opens with is checked right after it is first drawn (a 500-node
    // funnel takes ~100 ms to validate: not in the frame that shows it)
    let frame = requestAnimationFrame(() => {
      frame = 0;
      timer = setTimeout(run, 0);
    });
    const unsub = useEditor.subscribe((s, prev) => {
      if (s.doc === prev.doc) return;
      clearTimeout(timer);
      cancelAnimationFrame(frame);
      // a freshly loaded document is checked at once; edits are debounced
      if (s.key !== prev.key) run();
      else timer = setTimeout(run, delay);
    });
    const unsubLang = useLang.subscribe((s, prev) => {
      if (s.lang !== prev.lang && !frame) run();
    });
    return () => {
      unsub();
      unsubLang();
      clearTimeout(timer);
      cancelAnimationFrame(frame);
    };
  }, [delay]);
}
