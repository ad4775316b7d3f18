import type { Node, NodeProps } from '@xyflow/react';
import type { SplitData } from '../../../shared/nodes/split.ts';
import { useCanvasT } from './useCanvasT.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, type NodeData } from './NodeShell.tsx';

/** A/B split: the variants as a bar of their weights. */
export const SplitNode = canvasNode(function SplitNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const { t } = useCanvasT();
  const d = data as Partial<SplitData>;
  const vs = Array.isArray(d.variants) ? d.variants : [];
  const total = vs.reduce((s, v) => s + (typeof v?.weight === 'number' && v.weight > 0 ? v.weight : 0), 0);
  return (
    <NodeShell id={id} type="split" data={data} selected={selected}>
      <div className="ed-split" title={t('split.weights')}>
        {vs.map((v, i) => {
          const share = total > 0 && v.weight > 0 ? v.weight / total : 0;
          return (
            <span key={i} style={{ flexGrow: Math.max(share, 0.05) }} className={`ed-split-${i % 4}`}>
              {v.id} {Math.round(share * 100)}%
            </span>
          );
        })}
      </div>
    </NodeShell>
  );
});
