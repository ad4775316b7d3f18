import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { api } from '../api/client.ts';
import { useEditor } from './store.ts';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'error';

interface SaveState {
  status: SaveStatus;
  error: string | null;
  /** Saves now (when there are unsaved changes); resolves true when the server has the document. */
  flush: () => Promise<boolean>;
}

export const useSaveState = create<SaveState>(() => ({ status: 'saved', error: null, flush: async () => true }));

/**
 * Draft autosave: PUT /api/funnels/:id about `delay` ms after the last change, one request at a
 * time (a change made while saving is saved right after). Saves what is left on unmount.
 */
export function useAutosave(enabled: boolean, delay = 1000): void {
  const qc = useQueryClient();
  const key = useEditor((s) => s.key);
  useEffect(() => {
    if (!enabled || !key) return;
    let saved: Funnel | null = useEditor.getState().doc;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: Promise<boolean> | null = null;
    const set = (status: SaveStatus, error: string | null = null) => useSaveState.setState({ status, error });
    set('saved');

    const save = async (): Promise<boolean> => {
      clearTimeout(timer);
      if (running) await running;
      const doc = useEditor.getState().doc;
      if (!doc || doc === saved || useEditor.getState().key !== key) return useSaveState.getState().status !== 'error';
      set('saving');
      running = api
        .saveFunnel(doc)
        .then((dto) => {
          saved = doc;
          qc.setQueryData(['funnel', doc.id], dto);
          void qc.invalidateQueries({ queryKey: ['funnels'] }); // its name in the lists
          set(useEditor.getState().doc === doc ? 'saved' : 'dirty');
          return true;
        })
        .catch((e: Error) => {
          set('error', e.message);
          return false;
        })
        .finally(() => {
          running = null;
        });
      const ok = await running;
      if (ok && useEditor.getState().doc !== saved) timer = setTimeout(save, delay);
      return ok;
    };

    useSaveState.setState({ flush: save });
    const unsub = useEditor.subscribe((s, prev) => {
      if (s.doc === prev.doc || s.key !== key || s.doc === saved) return;
      if (useSaveState.getState().status !== 'saving') set('dirty');
      clearTimeout(timer);
      timer = setTimeout(save, delay);
    });
    const warn = (e: BeforeUnloadEvent) => {
      if (useEditor.getState().doc !== saved) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      unsub();
      window.removeEventListener('beforeunload', warn);
      if (useEditor.getState().doc !== saved) void save();
      else clearTimeout(timer);
      useSaveState.setState({ flush: async () => true });
    };
  }, [enabled, key, delay, qc]);
}
