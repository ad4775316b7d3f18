import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';

const GAP = 20;
const DOT = 1.2;
const COLOR = '#b4bac8';
/** The largest tile (the gap at the canvas's maximum zoom, 2); the layer is two of them larger than the canvas (editor/editor.css). */
const MAX_TILE = GAP * 2;

/**
 * The canvas's dotted grid, cheap to pan: one layer of CSS dots a tile larger than the canvas,
 * moved by a compositor transform (the pan offset modulo one tile) and redrawn only when the zoom
 * changes. React Flow's `<Background>` changes its SVG pattern on every pan frame, so the whole
 * background was repainted every frame (what kept panning a 500-node funnel under 60 fps).
 * Updated straight from React Flow's store, without a React render.
 */
export function DotsBackground() {
  const store = useStoreApi();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let zoom = -1;
    const apply = ([x, y, z]: [number, number, number]) => {
      const el = ref.current;
      if (!el) return;
      const tile = GAP * z;
      if (z !== zoom) {
        zoom = z;
        const r = Math.max(0.5, (DOT * z) / 2);
        el.style.backgroundSize = `${tile}px ${tile}px`;
        el.style.backgroundImage = `radial-gradient(circle at ${tile / 2}px ${tile / 2}px, ${COLOR} ${r}px, transparent ${r + 0.6}px)`;
      }
      // a dot sits on flow point (0, 0), which is at (x, y) on screen: the layer is shifted by that
      // modulo one tile, less whole tiles so that it covers the canvas's left and top edges
      const back = tile * Math.ceil(MAX_TILE / tile);
      const dx = (((x - tile / 2) % tile) + tile) % tile;
      const dy = (((y - tile / 2) % tile) + tile) % tile;
      el.style.transform = `translate(${dx - back}px, ${dy - back}px)`;
    };
    apply(store.getState().transform);
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform) apply(s.transform);
    });
  }, [store]);
  return <div ref={ref} className="react-flow__background ed-dots" data-testid="canvas-dots" />;
}
