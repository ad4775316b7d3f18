import type { Node, NodeProps } from '@xyflow/react';
import type { WaitData } from '../../../shared/nodes/wait.ts';
import { humanDuration } from '../editor/humanize.ts';
import { UntilDateText } from './UntilDateText.tsx';
import { ruleText } from '../editor/ruleText.ts';
import { useCanvasT } from './useCanvasT.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, Row, type NodeData } from './NodeShell.tsx';

/** Wait for an event: which event, the filter on it and the time-out. */
export const WaitNode = canvasNode(function WaitNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const { t, lang } = useCanvasT();
  const d = data as Partial<WaitData>;
  return (
    <NodeShell id={id} type="wait" data={data} selected={selected}>
      <Row label={t('wait.event')}><code>{d.event || '—'}</code></Row>
      {d.where !== undefined && <Row label={t('field.where')}>{ruleText(d.where, { lang })}</Row>}
      <Row label={t('wait.timeout')}>{humanDuration(d.timeout, lang) ?? d.timeout ?? '—'}</Row>
      {d.until && (
        <Row label={t('wait.untilShort')}>
          <UntilDateText spec={d.until} lang={lang} />
        </Row>
      )}
    </NodeShell>
  );
});
