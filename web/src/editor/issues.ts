import { useEffect } from 'react';
import { create } from 'zustand';
import type { Issue } from '../../../shared/validate/issues.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import type { Lang } from '../../../shared/validate/i18n.ts';
import type { WorkspaceFacts } from '../../../shared/nodes/types.ts';
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

type Check = (doc: Funnel, lang: Lang, workspace?: WorkspaceFacts) => Promise<Issue[]>;

/** Runs `fn` when the page is next idle (at most a second later). */
const idle = (fn: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 1000 }) : setTimeout(fn, 0));

/** Checks in the page itself (no worker, or the worker failed): the validator loads on first use. */
const checkHere: Check = async (doc, lang, workspace) => (await import('../../../shared/validate/validateFunnel.ts')).validateFunnel(doc, { lang, workspace }).issues;

let check: Check | undefined;
/**
 * The shared validator, run in a Web Worker (`validate.worker.ts`) so that checking a big funnel
 * never holds up the page; in the page itself when workers are not available or the worker fails.
 */
function validator(): Check {
  if (check) return check;
  if (typeof Worker === 'undefined') return (check = checkHere);
  const worker = new Worker(new URL('./validate.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { doc: Funnel; lang: Lang; workspace?: WorkspaceFacts; done: (issues: Issue[]) => void }>();
  let next = 0;
  worker.onmessage = (e: MessageEvent<{ id: number; issues: Issue[] }>) => {
    waiting.get(e.data.id)?.done(e.data.issues);
    waiting.delete(e.data.id);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    console.warn('validation worker failed, validating in the page', e.message);
    worker.terminate();
    check = checkHere;
    for (const w of waiting.values()) void checkHere(w.doc, w.lang, w.workspace).then(w.done);
    waiting.clear();
  };
  return (check = (doc, lang, workspace) =>
    new Promise((done) => {
      const id = ++next;
      waiting.set(id, { doc, lang, workspace, done });
      worker.postMessage({ id, doc, lang, workspace });
    }));
}

/**
 * Re-validates the document with the shared validator ~150 ms after the last change (at once for
 * a newly opened document), in the UI's language (again at once when the language is switched).
 * The check runs in a worker; a result that arrives after a newer check was asked for is dropped.
 * `workspace` (its users, when this user may list them) checks a hand-off's assignee too.
 */
export function useLiveValidation(delay = 150, workspace?: WorkspaceFacts): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let asked = 0;
    let live = true;
    const run = () => {
      const doc = useEditor.getState().doc;
      const mine = ++asked;
      if (!doc) return useIssues.getState().set([]);
      void validator()(doc, useLang.getState().lang, workspace).then((issues) => {
        if (live && mine === asked) useIssues.getState().set(issues);
      });
    };
    idle(run);
    const unsub = useEditor.subscribe((s, prev) => {
      if (s.doc === prev.doc) return;
      clearTimeout(timer);
      // a freshly loaded document is checked as soon as the page is idle (after the canvas is
      // drawn: the worker would compete with it for the CPU); edits are debounced
      if (s.key !== prev.key) idle(run);
      else timer = setTimeout(run, delay);
    });
    const unsubLang = useLang.subscribe((s, prev) => {
      if (s.lang !== prev.lang) run();
    });
    return () => {
      live = false;
      unsub();
      unsubLang();
      clearTimeout(timer);
    };
  }, [delay, workspace]);
}
