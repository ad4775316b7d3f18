import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { FunnelNode } from '../../../shared/format/funnel.ts';
import { MINIMAP_HEIGHT } from './FunnelMinimap.tsx';

const READABLE = 0.5;

/** Room kept at the top of the canvas for the search box (top right), so no node starts under it. */
const TOP = 60;

/** Room kept at the bottom for the minimap (bottom right, with its margin), so no node ends under it. */
const BOTTOM = MINIMAP_HEIGHT + 30;

/** How the funnel is fitted into view: a margin all round, more at the top (the search box) and the bottom (the minimap). */
export const FIT_PADDING = { top: `${TOP}px`, bottom: `${BOTTOM}px`, x: 0.1 } as const;

/**
 * Fits the funnel into view, but never so small that the nodes cannot be read: a long funnel is
 * shown from its start (left edge) at a readable zoom, to be panned through.
 */
export function useFitReadable() {
  const { fitView, getZoom, setViewport } = useReactFlow();
  return useCallback(
    async (nodes: FunnelNode[], sizes: Record<string, { width: number; height: number }>) => {
      await fitView({ padding: FIT_PADDING, maxZoom: 1 });
      if (getZoom() >= READABLE || !nodes.length) return;
      const el = document.querySelector('.ed-canvas')?.getBoundingClientRect();
      if (!el) return;
      const xs = nodes.map((n) => n.position?.x ?? 0);
      const ys = nodes.map((n) => n.position?.y ?? 0);
      const minX = Math.min(...xs);
      const minY = Math.min(...ys);
      const maxY = Math.max(...nodes.map((n) => (n.position?.y ?? 0) + (sizes[n.id]?.height ?? 150)));
      // as much of the funnel as stays readable: a long, flat funnel must not open at 100 % with two nodes in view
      const zoom = Math.max(READABLE, Math.min(READABLE * 1.2, (el.height - TOP - BOTTOM) / (maxY - minY)));
      await setViewport({ x: 40 - minX * zoom, y: Math.max(TOP, (el.height - BOTTOM + TOP - (maxY - minY) * zoom) / 2) - minY * zoom, zoom });
    },
    [fitView, getZoom, setViewport],
  );
}
