import type { Node, NodeProps } from '@xyflow/react';
import type { ExitData } from '../../../shared/nodes/exit.ts';
import { useCanvasT } from './useCanvasT.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, Row, type NodeData } from './NodeShell.tsx';

/** Exit: why the run ends here. */
export const ExitNode = canvasNode(function ExitNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const { t } = useCanvasT();
  const d = data as Partial<ExitData>;
  return (
    <NodeShell id={id} type="exit" data={data} selected={selected}>
      <Row label={t('exit.reason')}>{d.reason || <span className="ed-muted">{t('exit.noReason')}</span>}</Row>
    </NodeShell>
  );
});
