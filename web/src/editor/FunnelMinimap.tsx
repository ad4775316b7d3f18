import { Panel, useReactFlow, useStore, type Node, type ReactFlowState } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef, type PointerEvent } from 'react';

const WIDTH = 200;
/** Its height on the canvas (bottom right): fitting the funnel into view keeps nodes above it. */
export const MINIMAP_HEIGHT = 150;
const HEIGHT = MINIMAP_HEIGHT;
/** Margin around the drawing, in minimap pixels (as React Flow's MiniMap `offsetScale`). */
const OFFSET = 5;
/**
 * A fixed-size, contained box: the minimap changes on every pan frame, and without containment
 * each change made Chromium lay out the app's flex containers around the canvas again.
 */
const PANEL_STYLE = { width: WIDTH, height: HEIGHT, contain: 'strict' } as const;

type Rect = { x: number; y: number; width: number; height: number };

/** One path per colour: the outline of every measured node of that colour, in flow coordinates. */
function nodePaths(nodes: ReactFlowState['nodeLookup'], color: (n: Node) => string): { paths: [string, string][]; bounds: Rect | null } {
  const byColor = new Map<string, string[]>();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes.values()) {
    const w = n.measured.width;
    const h = n.measured.height;
    if (n.hidden || !w || !h) continue;
    const { x, y } = n.internals.positionAbsolute;
    const c = color(n.internals.userNode);
    let d = byColor.get(c);
    if (!d) byColor.set(c, (d = []));
    d.push(`M${x},${y}h${w}v${h}h${-w}z`);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + w);
    maxY = Math.max(maxY, y + h);
  }
  return {
    paths: [...byColor].map(([c, d]) => [c, d.join('')]),
    bounds: minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
  };
}

const NodePaths = memo(function NodePaths({ paths }: { paths: [string, string][] }) {
  return (
    <>
      {paths.map(([c, d]) => (
        <path key={c} className="react-flow__minimap-node" d={d} style={{ fill: c }} />
      ))}
    </>
  );
});

const selectNodes = (s: ReactFlowState) => s.nodes;
const selectLookup = (s: ReactFlowState) => s.nodeLookup;
const selectView = (s: ReactFlowState) => s.transform;
const selectWidth = (s: ReactFlowState) => s.width;
const selectHeight = (s: ReactFlowState) => s.height;

/**
 * The canvas overview: React Flow's MiniMap (same place, look, drag-to-pan and wheel-to-zoom), but
 * every node colour is one SVG path instead of one `<rect>` per node. The minimap's viewBox follows
 * the viewport while panning, and with a rect per node Chromium walked hundreds of SVG elements
 * (pre-paint, layout, paint) on every pan frame; now it is one element per colour.
 */
export const FunnelMinimap = memo(function FunnelMinimap({ nodeColor, ariaLabel }: { nodeColor: (n: Node) => string; ariaLabel: string }) {
  // the node paths change only when nodes move or resize, not when the view pans or zooms
  const nodes = useStore(selectNodes);
  const lookup = useStore(selectLookup);
  const [tx, ty, zoom] = useStore(selectView);
  const flowWidth = useStore(selectWidth);
  const flowHeight = useStore(selectHeight);
  const { setViewport, getViewport } = useReactFlow();
  // `nodes` changes whenever React Flow's node lookup (updated in place) does
  const { paths, bounds } = useMemo(() => nodePaths(lookup, nodeColor), [nodes, lookup, nodeColor]);

  const view: Rect = { x: -tx / zoom, y: -ty / zoom, width: flowWidth / zoom, height: flowHeight / zoom };
  const box = bounds ? union(bounds, view) : view;
  const viewScale = Math.max(box.width / WIDTH, box.height / HEIGHT);
  const offset = OFFSET * viewScale;
  const w = viewScale * WIDTH + offset * 2;
  const h = viewScale * HEIGHT + offset * 2;
  const x = box.x - (viewScale * WIDTH - box.width) / 2 - offset;
  const y = box.y - (viewScale * HEIGHT - box.height) / 2 - offset;
  const scaleRef = useRef(viewScale);
  scaleRef.current = viewScale;

  // drag on the minimap pans the canvas (as React Flow's MiniMap `pannable`)
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const v = getViewport();
    // one minimap pixel is `viewScale` flow units (React Flow's MiniMap moves by the same amount)
    const k = scaleRef.current * Math.max(v.zoom, Math.log(v.zoom));
    void setViewport({ x: v.x - (e.clientX - d.x) * k, y: v.y - (e.clientY - d.y) * k, zoom: v.zoom });
    drag.current = { id: d.id, x: e.clientX, y: e.clientY };
  };
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    if (drag.current?.id === e.pointerId) drag.current = null;
  };

  // the wheel zooms the canvas around the middle of the view (as React Flow's MiniMap `zoomable`)
  const svg = useRef<SVGSVGElement>(null);
  const { zoomTo } = useReactFlow();
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const step = -e.deltaY * (e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : 0.002);
      void zoomTo(getViewport().zoom * Math.pow(2, step));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomTo, getViewport]);

  const mask = `M${x - offset},${y - offset}h${w + offset * 2}v${h + offset * 2}h${-w - offset * 2}z M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`;
  return (
    <Panel position="bottom-right" className="react-flow__minimap" style={PANEL_STYLE} data-testid="rf__minimap">
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${x} ${y} ${w} ${h}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label={ariaLabel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <NodePaths paths={paths} />
        <path className="react-flow__minimap-mask" d={mask} fillRule="evenodd" pointerEvents="none" />
      </svg>
    </Panel>
  );
});

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}
