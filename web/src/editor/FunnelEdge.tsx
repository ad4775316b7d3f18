import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/shallow';
import { useT } from '../i18n/i18n.ts';
import { useOverlay } from './overlay.ts';

export type FunnelEdgeData = { exit: string };

/**
 * An edge of the funnel. Draws the overlay: the simulator's path (taken edges highlighted),
 * coverage (uncovered exits dashed) and, in stats mode, the share of the source's entered
 * contacts that left by this exit.
 */
export const FunnelEdge = memo(function FunnelEdge(p: EdgeProps<Edge<FunnelEdgeData>>) {
  const exit = p.data?.exit ?? 'next';
  const ov = useOverlay(
    useShallow((s) => {
      const st = s.mode === 'stats' ? s.stats?.nodes.find((n) => n.node === p.source) : undefined;
      return {
        taken: s.mode === 'sim' && s.path.some((x, i) => x.node === p.source && s.path[i + 1]?.node === p.target),
        uncovered: s.mode !== 'stats' && !!s.coverage && !s.coverage.exits.includes(`${p.source}:${exit}`),
        count: st ? (st.exits[exit] ?? 0) : null,
        entered: st ? st.entered : 0,
      };
    }),
  );
  const [path] = getBezierPath(p);
  const cls = ['ed-edge', ov.taken && 'ed-edge-taken', ov.uncovered && 'ed-edge-uncovered', p.selected && 'ed-edge-selected'].filter(Boolean).join(' ');
  return (
    <>
      <BaseEdge id={p.id} path={path} markerEnd={p.markerEnd} className={cls} interactionWidth={18} />
      {/* by its exit's handle, not mid-edge: edges meeting at one node would pile their figures up there */}
      {ov.count !== null && <EdgeStat id={p.id} x={p.sourceX + 10} y={p.sourceY} count={ov.count} entered={ov.entered} />}
    </>
  );
});

/** Analytics: the share of the source's contacts that left by this edge (only in stats mode). */
function EdgeStat({ id, x, y, count, entered }: { id: string; x: number; y: number; count: number; entered: number }) {
  const { percent, number } = useT();
  return (
    <EdgeLabelRenderer>
      <div
        className="ed-edge-label nodrag nopan"
        style={{ transform: `translate(0, -50%) translate(${x}px, ${y}px)` }}
        data-testid={`edge-stat-${id}`}
        title={`${number(count)} / ${number(entered)}`}
      >
        {entered > 0 ? percent(count / entered) : '—'}
      </div>
    </EdgeLabelRenderer>
  );
}
