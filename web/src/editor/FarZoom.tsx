import { useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';

/** Below these zooms a node's own rows are too small to read: it shows its kind and title in large type instead. */
const FAR = 0.45;
const FARTHER = 0.28;

const level = (zoom: number): string => (zoom < FARTHER ? '2' : zoom < FAR ? '1' : '');

/**
 * Semantic zoom: when the canvas is zoomed out so far that the nodes' rows cannot be read (a long
 * funnel fitted into view), each node is covered by its kind and title in large type (CSS on
 * `data-far`, see editor/editor.css; the texts are the node's `data-kind`/`data-title`). The nodes keep
 * their size and handles, so nothing is measured again and the edges stay put. Set straight on
 * React Flow's element from its store, without a React render, and only when the level changes.
 */
export function FarZoom() {
  const store = useStoreApi();
  useEffect(() => {
    let current: string | null = null;
    const apply = (zoom: number) => {
      const el = store.getState().domNode;
      const next = level(zoom);
      if (!el || next === current) return;
      current = next;
      if (next) el.setAttribute('data-far', next);
      else el.removeAttribute('data-far');
    };
    apply(store.getState().transform[2]);
    return store.subscribe((s, prev) => {
      if (s.transform[2] !== prev.transform[2] || s.domNode !== prev.domNode) apply(s.transform[2]);
    });
  }, [store]);
  return null;
}
