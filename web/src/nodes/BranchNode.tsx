import type { Node, NodeProps } from '@xyflow/react';
import type { BranchData } from '../../../shared/nodes/branch.ts';
import { ruleText } from '../editor/ruleText.ts';
import { useCanvasT } from './useCanvasT.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, Row, type NodeData } from './NodeShell.tsx';

/** Branch: its rules in order, each with its condition in short words. */
export const BranchNode = canvasNode(function BranchNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const { t, lang } = useCanvasT();
  const d = data as Partial<BranchData>;
  const rules = Array.isArray(d.rules) ? d.rules : [];
  return (
    <NodeShell id={id} type="branch" data={data} selected={selected}>
      {rules.map((r, i) => (
        <Row key={i} label={`${i + 1}. ${r?.label || r?.id}`}>{ruleText(r?.when, { and: ` ${t('rule.and')} `, or: ` ${t('rule.or')} `, lang })}</Row>
      ))}
      {rules.length === 0 && <Row muted>{t('branch.noRules')}</Row>}
    </NodeShell>
  );
});
