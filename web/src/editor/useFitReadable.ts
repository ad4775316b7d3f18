import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { FunnelNode } from '../../../shared/format/funnel.ts';

const READABLE = 0.5;

/**
 * Fits the funnel into view, but never so small that the nodes cannot be read: a long funnel is
 * shown from its start (left edge) at a readable zoom, to be panned through.
 */
export function useFitReadable() {
  const { fitView, getZoom, setViewport } = useReactFlow();
  return useCallback(
    async (nodes: FunnelNode[], sizes: Record<string, { width: number; height: number }>) => {
      await fitView({ padding: 0.12, maxZoom: 1 });
      if (getZoom() >= READABLE || !nodes.length) return;
      const el = document.querySelector('.ed-canvas')?.getBoundingClientRect();
      if (!el) return;
      const xs = nodes.map((n) => n.position?.x ?? 0);
      const ys = nodes.map((n) => n.position?.y ?? 0);
      const minX = Math.min(...xs);
      const minY = Math.min(...ys);
      const maxY = Math.max(...nodes.map((n) => (n.position?.y ?? 0) + (sizes[n.id]?.height ?? 150)));
      const zoom = Math.max(READABLE, Math.min(1, (el.height - 60) / (maxY - minY)));
      await setViewport({ x: 40 - minX * zoom, y: Math.max(30, (el.height - (maxY - minY) * zoom) / 2) - minY * zoom, zoom });
    },
    [fitView, getZoom, setViewport],
  );
}
