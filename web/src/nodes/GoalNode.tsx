import type { Node, NodeProps } from '@xyflow/react';
import type { GoalData } from '../../../shared/nodes/goal.ts';
import { useFunnelCurrency } from '../editor/currency.ts';
import { useCanvasT } from './useCanvasT.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, Row, type NodeData } from './NodeShell.tsx';

/** Goal: what was achieved and the revenue it records. */
export const GoalNode = canvasNode(function GoalNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const { t, money } = useCanvasT();
  const currency = useFunnelCurrency();
  const d = data as Partial<GoalData>;
  return (
    <NodeShell id={id} type="goal" data={data} selected={selected}>
      <Row><b>{d.name || '—'}</b></Row>
      {d.valueFrom ? (
        <Row label={t('goal.value')}>
          <code>{d.valueFrom}</code>
        </Row>
      ) : (
        typeof d.value === 'number' && <Row label={t('goal.value')}>{money(d.value, currency)}</Row>
      )}
    </NodeShell>
  );
});
