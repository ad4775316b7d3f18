import type { Node, NodeProps } from '@xyflow/react';
import { useEditor } from '../editor/store.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, type NodeData } from './NodeShell.tsx';

/** A node whose type this app does not know (e.g. from a newer file): shown so it can be deleted. */
export const UnknownNode = canvasNode(function UnknownNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const type = useEditor((s) => s.doc?.nodes.find((n) => n.id === id)?.type ?? '?');
  return <NodeShell id={id} type={type} data={data} selected={selected} />;
});
