import type { Node, NodeProps } from '@xyflow/react';
import { memo, type FunctionComponent } from 'react';

export type CanvasNodeProps = NodeProps<Node<Record<string, unknown>>>;

/**
 * Whether a canvas node would draw the same: it shows only its id, type, data and selection.
 * React Flow also passes its size and absolute position, which change when it first measures the
 * nodes (every node once more on opening: ~500 renders of a 500-node funnel) and on every frame of
 * a drag; plain `memo` would re-render the node for those.
 */
export const sameCanvasNode = (a: CanvasNodeProps, b: CanvasNodeProps) => a.id === b.id && a.type === b.type && a.data === b.data && a.selected === b.selected;

/** A node type's canvas component, re-rendered only when what it shows changes (`sameCanvasNode`). */
export const canvasNode = (render: FunctionComponent<CanvasNodeProps>) => memo(render, sameCanvasNode);
