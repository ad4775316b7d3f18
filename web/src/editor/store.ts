import { create } from 'zustand';
import type { Funnel } from '../../../shared/format/funnel.ts';

export interface Selection {
  nodes: string[];
  edges: string[];
}

const HISTORY = 100;
/** Edits with the same merge key this close together are one undo step (typing, dragging). */
const MERGE_MS = 1200;

/**
 * The editor's only state: the canvas document (funnel@1 JSON), the selection and the undo
 * history. Server data lives in the query cache; React Flow's nodes and edges are derived.
 */
export interface EditorState {
  /** Which document is loaded: `<funnelId>@draft` or `<funnelId>@<version>`. */
  key: string | null;
  doc: Funnel | null;
  readOnly: boolean;
  selection: Selection;
  past: Funnel[];
  future: Funnel[];
  merge: string | null;
  mergeAt: number;
  load(key: string, doc: Funnel, readOnly: boolean): void;
  reset(): void;
  /** Applies a change to the document as one undo step (or merged into the last one with `merge`). */
  commit(change: (doc: Funnel) => Funnel, merge?: string): void;
  /** Ends merging: the next edit starts a new undo step. */
  endMerge(): void;
  undo(): void;
  redo(): void;
  select(sel: Partial<Selection>): void;
}

const EMPTY: Selection = { nodes: [], edges: [] };

/** Drops ids no longer in the document from the selection. */
function prune(sel: Selection, doc: Funnel): Selection {
  const nodes = sel.nodes.filter((id) => doc.nodes.some((n) => n.id === id));
  const edges = sel.edges.filter((id) => doc.edges.some((e) => e.id === id));
  return nodes.length === sel.nodes.length && edges.length === sel.edges.length ? sel : { nodes, edges };
}

export const useEditor = create<EditorState>((set, get) => ({
  key: null,
  doc: null,
  readOnly: false,
  selection: EMPTY,
  past: [],
  future: [],
  merge: null,
  mergeAt: 0,
  load: (key, doc, readOnly) => set({ key, doc, readOnly, selection: EMPTY, past: [], future: [], merge: null, mergeAt: 0 }),
  reset: () => set({ key: null, doc: null, readOnly: false, selection: EMPTY, past: [], future: [], merge: null }),
  commit(change, merge) {
    const s = get();
    if (!s.doc || s.readOnly) return;
    const next = change(s.doc);
    if (next === s.doc) return;
    const now = Date.now();
    const merging = merge !== undefined && merge === s.merge && now - s.mergeAt < MERGE_MS;
    set({
      doc: next,
      past: merging ? s.past : [...s.past, s.doc].slice(-HISTORY),
      future: [],
      merge: merge ?? null,
      mergeAt: now,
      selection: prune(s.selection, next),
    });
  },
  endMerge: () => set({ merge: null }),
  undo() {
    const s = get();
    const prev = s.past[s.past.length - 1];
    if (!prev || !s.doc || s.readOnly) return;
    set({ doc: prev, past: s.past.slice(0, -1), future: [s.doc, ...s.future], merge: null, selection: prune(s.selection, prev) });
  },
  redo() {
    const s = get();
    const next = s.future[0];
    if (!next || !s.doc || s.readOnly) return;
    set({ doc: next, past: [...s.past, s.doc], future: s.future.slice(1), merge: null, selection: prune(s.selection, next) });
  },
  select: (sel) => set((s) => ({ selection: { ...s.selection, ...sel } })),
}));
