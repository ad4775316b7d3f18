import {
  Controls,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type EdgeTypes,
  type Node,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type PointerEvent } from 'react';
import type { FunnelEdge as FunnelEdgeDoc, FunnelNode } from '../../../shared/format/funnel.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { translate, useLang, useT } from '../i18n/i18n.ts';
import { useToasts } from '../lists/toast.tsx';
import { nodeTypes } from '../nodes/index.ts';
import * as actions from './actions.ts';
import { FunnelEdge } from './FunnelEdge.tsx';
import { FunnelMinimap } from './FunnelMinimap.tsx';
import { NODE_MIME, PALETTE } from './paletteItems.ts';
import { useEditor } from './store.ts';
import { useUi } from './ui.ts';
import { useFitReadable } from './useFitReadable.ts';
import { CanvasSearch } from './CanvasSearch.tsx';
import { DotsBackground } from './DotsBackground.tsx';
import { FarZoom } from './FarZoom.tsx';
import { useFlowModel, type Size, type XY } from './useFlowModel.ts';

const edgeTypes: EdgeTypes = { funnel: FunnelEdge };

const GROUP_COLORS: Record<string, string> = {
  entry: '#12a150',
  stages: '#4f46e5',
  messages: '#0284c7',
  timing: '#d97706',
  logic: '#9333ea',
  people: '#db2777',
  outcomes: '#475569',
};

/** Applies React Flow's selection changes to the store's selection. */
function applySelect(current: string[], changes: { id: string; selected: boolean }[]): string[] {
  const set = new Set(current);
  for (const c of changes) {
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
}

// props React Flow copies into its store when they change: constants, so a re-render (every
// frame of a drag) does not look like a change
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Control', 'Meta'];
const SNAP_GRID: [number, number] = [10, 10];
const minimapColor = (n: Node) => GROUP_COLORS[nodeDef(String(n.type))?.group ?? ''] ?? '#94a3b8';
const NO_NODES: FunnelNode[] = [];
const NO_EDGES: FunnelEdgeDoc[] = [];

/** The measured sizes that differ from the known ones, or null when none does. */
function changedSizes(known: Record<string, Size>, measured: Record<string, Size>): Record<string, Size> | null {
  let out: Record<string, Size> | null = null;
  for (const [id, d] of Object.entries(measured)) {
    const k = known[id];
    if (k && k.width === d.width && k.height === d.height) continue;
    (out ??= {})[id] = { width: d.width, height: d.height };
  }
  return out;
}

/**
 * The canvas: React Flow over the editor store's document. Changes from React Flow (drag,
 * select, connect, delete, drop from the palette) become editor actions; the document is the
 * only source of truth. While nodes are dragged, their positions live here (`moved`) and go into
 * the document, as one undo step, when they are dropped — the rest of the editor (validation,
 * autosave, panels) does not run on every pointer move.
 */
export function FunnelCanvas() {
  const { t, lang } = useT();
  // React Flow's own labels (zoom buttons, handles, minimap) in the UI's language; one object per language
  const ariaLabels = useMemo(() => {
    const tr = (key: string) => translate(lang, key);
    return {
      'controls.ariaLabel': tr('canvas.controls'),
      'controls.zoomIn.ariaLabel': tr('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': tr('canvas.zoomOut'),
      'controls.fitView.ariaLabel': tr('canvas.fitView'),
      'handle.ariaLabel': tr('canvas.handle'),
      'node.a11yDescription.default': tr('canvas.nodeHelp'),
      'edge.a11yDescription.default': tr('canvas.edgeHelp'),
    };
  }, [lang]);
  const docNodes = useEditor((s) => s.doc?.nodes ?? NO_NODES);
  const docEdges = useEditor((s) => s.doc?.edges ?? NO_EDGES);
  const selection = useEditor((s) => s.selection);
  const readOnly = useEditor((s) => s.readOnly);
  const [sizes, setSizes] = useState<Record<string, Size>>({});
  const [moved, setMoved] = useState<Record<string, XY> | null>(null);
  const movedRef = useRef<Record<string, XY> | null>(null);
  // the edge under the pointer can have its ends dragged to other handles (see useFlowModel); it
  // stays so while a button is held, i.e. while one of its ends is being dragged
  const [hoveredEdge, setHoveredEdge] = useState<string | null>(null);
  // not while a button is held: panning or dragging across edges must not rebuild them
  const onEdgeMouseEnter = useCallback((ev: { buttons: number }, e: Edge) => {
    if (ev.buttons === 0) setHoveredEdge(e.id);
  }, []);
  const onEdgeMouseLeave = useCallback((ev: { buttons: number }) => {
    if (ev.buttons === 0) setHoveredEdge(null);
  }, []);
  const onReconnectEnd = useCallback(() => setHoveredEdge(null), []);
  const edgeLabel = useMemo(() => (source: string, target: string) => translate(lang, 'canvas.edge', { source, target }), [lang]);
  const { nodes, edges } = useFlowModel(docNodes, docEdges, selection, sizes, moved, readOnly, hoveredEdge, edgeLabel);
  const { screenToFlowPosition } = useReactFlow();
  const fitReadable = useFitReadable();
  // fit the funnel into view once every node has been measured (not when it starts empty:
  // then the view stays where the user drops the first nodes)
  const fitted = useRef(docNodes.length === 0);
  // the minimap (a second drawing of every node) comes once the funnel is shown and fitted, so a
  // big funnel is drawn first
  const [mapShown, setMapShown] = useState(fitted.current);
  useEffect(() => {
    if (fitted.current || !docNodes.every((n) => sizes[n.id])) return;
    fitted.current = true;
    requestAnimationFrame(() => void fitReadable(docNodes, sizes).finally(() => setMapShown(true)));
  }, [sizes, docNodes, fitReadable]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const dragMoves: Record<string, XY> = {};
    const drops: Record<string, XY> = {};
    let dragged = false;
    let dropped = false;
    let released = false;
    const dims: Record<string, Size> = {};
    const selects: { id: string; selected: boolean }[] = [];
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        if (c.dragging) {
          dragMoves[c.id] = c.position;
          dragged = true;
        } else {
          drops[c.id] = c.position;
          dropped = true;
        }
      } else if (c.type === 'position' && !c.dragging) released = true;
      else if (c.type === 'dimensions' && c.dimensions) dims[c.id] = c.dimensions;
      else if (c.type === 'select') selects.push(c);
    }
    if (dragged) {
      // a drag in progress: React Flow shows the nodes where the pointer is
      movedRef.current = { ...movedRef.current, ...dragMoves };
      setMoved(movedRef.current);
    }
    if (dropped || (released && movedRef.current)) {
      // dropped (or moved by the keyboard): into the document as one undo step
      const moves = { ...movedRef.current, ...drops };
      movedRef.current = null;
      setMoved(null);
      actions.moveNodes(moves, false);
    } else if (released) useEditor.getState().endMerge();
    if (Object.keys(dims).length)
      setSizes((s) => {
        const changed = changedSizes(s, dims);
        return changed ? { ...s, ...changed } : s;
      });
    if (selects.length) useEditor.getState().select({ nodes: applySelect(useEditor.getState().selection.nodes, selects) });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length) useEditor.getState().select({ edges: applySelect(useEditor.getState().selection.edges, selects) });
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target) actions.connect(c.source, c.sourceHandle ?? 'next', c.target);
  }, []);

  const onReconnect = useCallback((old: Edge, c: Connection) => {
    if (!c.source || !c.target) return;
    useEditor.getState().commit((d) => {
      const exit = c.sourceHandle ?? 'next';
      const kept = d.edges.filter((e) => e.id !== old.id && !(e.source === c.source && (e.exit ?? 'next') === exit));
      return { ...d, edges: [...kept, { id: old.id, source: c.source, exit, target: c.target }] };
    });
  }, []);

  const isValidConnection = useCallback((c: Connection | Edge) => c.source !== c.target, []);
  // an exit dropped on its own node is refused: said, not silently ignored
  const onConnectEnd: OnConnectEnd = useCallback(
    (_e, state) => {
      if (state.isValid === false && state.fromNode && state.toNode && state.fromNode.id === state.toNode.id) useToasts.getState().push(t('canvas.selfLoop'), 'err');
    },
    [t],
  );

  const onDelete = useCallback(({ nodes: ns, edges: es }: { nodes: Node[]; edges: Edge[] }) => {
    actions.removeElements(
      ns.map((n) => n.id),
      es.map((e) => e.id),
    );
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(NODE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const key = e.dataTransfer.getData(NODE_MIME);
      const item = PALETTE.find((p) => p.key === key);
      if (!item) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // the drop point is where the pointer is: put the node's header there
      actions.addNode(item.type, { x: p.x - 110, y: p.y - 20 }, undefined, { data: item.data(useLang.getState().lang), prefix: item.prefix });
      const tab = useUi.getState().tab;
      if (tab !== 'simulator' && tab !== 'analytics') useUi.getState().setTab('inspector');
    },
    [screenToFlowPosition],
  );

  // panning: the pane keeps the pointer until it is released, so the browser does not hit-test
  // the whole canvas (every node, handle and edge) on each move
  const onPointerDown = useCallback((e: PointerEvent<HTMLDivElement>) => {
    const target = e.target as Element;
    if (e.button === 0 && e.pointerType === 'mouse' && target.classList?.contains('react-flow__pane')) target.setPointerCapture?.(e.pointerId);
  }, []);

  const onNodeClick = useCallback(() => {
    const tab = useUi.getState().tab;
    if (tab === 'issues' || tab === 'versions') useUi.getState().setTab('inspector');
  }, []);

  return (
    <div className={`ed-canvas${readOnly ? ' ed-readonly' : ''}`} onDragOver={onDragOver} onDrop={onDrop} onPointerDown={onPointerDown} data-testid="canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onReconnect={onReconnect}
        onReconnectEnd={onReconnectEnd}
        onEdgeMouseEnter={onEdgeMouseEnter}
        onEdgeMouseLeave={onEdgeMouseLeave}
        onDelete={onDelete}
        onNodeClick={onNodeClick}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        minZoom={0.15}
        maxZoom={2}
        snapToGrid
        snapGrid={SNAP_GRID}
        connectionRadius={30}
        aria-label={t('canvas.label')}
        ariaLabelConfig={ariaLabels}
      >
        <DotsBackground />
        <FarZoom />
        {mapShown && <FunnelMinimap nodeColor={minimapColor} ariaLabel={t('canvas.minimap')} />}
        <Controls showInteractive={false} />
        {docNodes.length > 0 && <CanvasSearch />}
      </ReactFlow>
      {docNodes.length === 0 && (
        <div className="ed-canvas-empty" data-testid="canvas-empty">
          <b>{t('canvas.emptyTitle')}</b>
          <span>{t('canvas.emptyText')}</span>
        </div>
      )}
    </div>
  );
}
