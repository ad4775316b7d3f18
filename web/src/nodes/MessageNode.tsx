import type { Node, NodeProps } from '@xyflow/react';
import type { MessageData } from '../../../shared/nodes/message.ts';
import { useCanvasT } from './useCanvasT.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, Row, type NodeData } from './NodeShell.tsx';

const cut = (s: string | undefined, n = 70) => (s && s.length > n ? `${s.slice(0, n)}…` : s);

/** Message: channel, subject and the start of the text; marked marketing (needs consent) or service. */
export const MessageNode = canvasNode(function MessageNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const { t } = useCanvasT();
  const d = data as Partial<MessageData>;
  return (
    <NodeShell id={id} type="message" data={data} selected={selected}>
      <Row label={t('field.channel')}>
        {d.channel ? t(`channel.${d.channel}`) : '—'}
        {/* either kind said at a glance: a marketing one (the default) waits for consent and quiet hours, a service one does not */}
        {d.marketing === false ? (
          <span className="ed-tag"> {t('message.service')}</span>
        ) : (
          <span className="ed-tag" title={t('message.marketingTitle')} data-testid={`message-marketing-${id}`}>
            {' '}
            {t('message.marketing')}
          </span>
        )}
      </Row>
      {d.subject && <Row label={d.channel === 'email' ? t('field.subject') : t('field.headingShort')}>{cut(d.subject, 50)}</Row>}
      <Row title={d.body} muted>{cut(d.body) || '—'}</Row>
    </NodeShell>
  );
});
