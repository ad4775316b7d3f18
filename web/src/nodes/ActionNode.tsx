import type { Node, NodeProps } from '@xyflow/react';
import type { ActionData } from '../../../shared/nodes/action.ts';
import { signedPoints } from '../../../shared/format/contactUpdate.ts';
import { useCanvasT } from './useCanvasT.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, Row, type NodeData } from './NodeShell.tsx';

/** Action: attributes it sets, points it adds, tags it adds or removes, the webhook it calls. */
export const ActionNode = canvasNode(function ActionNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const { t } = useCanvasT();
  const d = data as Partial<ActionData>;
  const set = d.set && typeof d.set === 'object' ? Object.entries(d.set) : [];
  return (
    <NodeShell id={id} type="action" data={data} selected={selected}>
      {set.map(([k, v]) => (
        <Row key={k} label={k}>{String(v)}</Row>
      ))}
      {d.add && typeof d.add === 'object'
        ? Object.entries(d.add).map(([k, n]) => (
            <Row key={`+${k}`} label={k}>
              <b>{signedPoints(Number(n))}</b> {t('node.points', { n: Math.abs(Number(n)) })}
            </Row>
          ))
        : null}
      {d.tags?.add?.length ? <Row label={t('action.tagsAdd')}>{d.tags.add.join(', ')}</Row> : null}
      {d.tags?.remove?.length ? <Row label={t('action.tagsRemove')}>{d.tags.remove.join(', ')}</Row> : null}
      {d.webhook && <Row label={d.webhook.method ?? 'POST'}><code>{d.webhook.url}</code></Row>}
    </NodeShell>
  );
});
