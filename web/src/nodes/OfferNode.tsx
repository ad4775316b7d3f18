import { messageGist } from '../../../shared/nodes/message.ts';
import type { Node, NodeProps } from '@xyflow/react';
import { conversionSpec, type OfferData } from '../../../shared/nodes/offer.ts';
import { useFunnelCurrency } from '../editor/currency.ts';
import { humanDuration } from '../editor/humanize.ts';
import { useCanvasT } from './useCanvasT.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, Row, type NodeData } from './NodeShell.tsx';

/** Funnel stage: stage, product and price, the entry message and how long the offer stands. */
export const OfferNode = canvasNode(function OfferNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const { t, lang, money } = useCanvasT();
  const currency = useFunnelCurrency();
  const d = data as Partial<OfferData>;
  const p = d.product;
  let price = '';
  try {
    price = p?.price === undefined ? '' : p.price === 0 ? t('offer.free') : money(p.price, p.currency || currency);
  } catch {
    price = `${p?.price} ${p?.currency ?? ''}`;
  }
  let conv = '';
  try {
    conv = conversionSpec(d as OfferData).event;
  } catch {
    conv = '';
  }
  return (
    <NodeShell id={id} type="offer" data={data} selected={selected}>
      <div className={`ed-stage ed-stage-${d.stage}`}>{d.stage ? t(`stage.${d.stage}`) : '—'}</div>
      <Row>
        <b>{p?.name || '—'}</b>
        {price && <span className="ed-price"> · {price}</span>}
      </Row>
      {d.message && (
        <Row label={t(`channel.${d.message.channel}`)} title={d.message.body}>
          {messageGist(d.message)}
        </Row>
      )}
      <Row label={t('offer.window')}>{humanDuration(d.window, lang) ?? d.window ?? '—'}</Row>
      {conv && <Row label={t('offer.convertOn')}><code>{conv}</code></Row>}
    </NodeShell>
  );
});
