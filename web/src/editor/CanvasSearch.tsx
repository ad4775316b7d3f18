import { Panel, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { create } from 'zustand';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { useT } from '../i18n/i18n.ts';
import { useEditor } from './store.ts';

/** The nodes that match the canvas search (null: no search), read by each canvas node to dim the rest. */
export const useSearchHits = create<{ hits: ReadonlySet<string> | null }>(() => ({ hits: null }));

/** Everything a node can be found by: its id, its name, its type's names and every text in its settings. */
const haystack = (n: { id: string; type: string; label?: string; data?: unknown }) => {
  const def = nodeDef(n.type);
  return `${n.id}\n${n.label ?? ''}\n${def ? `${def.label.ru}\n${def.label.en}` : n.type}\n${JSON.stringify(n.data ?? {})}`.toLowerCase();
};

/**
 * "Find a node" over the canvas (Ctrl+F): nodes whose id, type or settings (subjects, texts,
 * products, events…) contain the words are kept bright and the rest dimmed; Enter (or ↓ / ↑)
 * selects the next match and brings it into view. Esc clears.
 */
export function CanvasSearch() {
  const { t } = useT();
  const nodes = useEditor((s) => s.doc?.nodes);
  const { getInternalNode, setCenter, getZoom } = useReactFlow();
  const [text, setText] = useState('');
  const [at, setAt] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  // what each node can be found by, made once per change of the funnel, not per key typed
  const haystacks = useMemo(() => (nodes ?? []).map((n) => [n.id, haystack(n)] as const), [nodes]);
  const hits = useMemo(() => {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length || !nodes) return null;
    return haystacks.filter(([, h]) => words.every((w) => h.includes(w))).map(([id]) => id);
  }, [text, nodes, haystacks]);

  useEffect(() => {
    useSearchHits.setState({ hits: hits ? new Set(hits) : null });
  }, [hits]);
  useEffect(() => () => useSearchHits.setState({ hits: null }), []);
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, []);

  const go = (delta: number) => {
    if (!hits?.length) return;
    const next = (at + delta + hits.length) % hits.length;
    setAt(next);
    const id = hits[next];
    useEditor.getState().select({ nodes: [id], edges: [] });
    const n = getInternalNode(id);
    if (n) void setCenter(n.internals.positionAbsolute.x + (n.measured.width ?? 0) / 2, n.internals.positionAbsolute.y + (n.measured.height ?? 0) / 2, { zoom: Math.max(getZoom(), 0.8), duration: 300 });
  };

  return (
    <Panel position="top-right" className="ed-search">
      <input
        ref={input}
        type="search"
        value={text}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        onChange={(e) => {
          setText(e.target.value);
          setAt(-1);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'ArrowDown') go(e.shiftKey ? -1 : 1);
          else if (e.key === 'ArrowUp') go(-1);
          else if (e.key === 'Escape') {
            setText('');
            setAt(-1);
            input.current?.blur();
          } else return;
          e.preventDefault();
          e.stopPropagation();
        }}
        data-testid="canvas-search"
      />
      {hits && (
        <span className={hits.length ? 'ed-search-count' : 'ed-search-count ed-search-none'} data-testid="canvas-search-count" data-hits={hits.length}>
          {!hits.length ? t('search.none') : at >= 0 ? t('search.count', { at: at + 1, n: hits.length }) : t('search.found', { n: hits.length })}
        </span>
      )}
    </Panel>
  );
}
