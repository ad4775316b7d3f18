import type { Node, NodeProps } from '@xyflow/react';
import type { DelayData } from '../../../shared/nodes/delay.ts';
import { humanDuration } from '../editor/humanize.ts';
import { clockTime, uiLocale } from '../i18n/i18n.ts';
import { UntilDateText } from './UntilDateText.tsx';
import { useCanvasT } from './useCanvasT.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, Row, type NodeData } from './NodeShell.tsx';

/** Delay: how long, or until which time of day, or until which date of the contact. */
export const DelayNode = canvasNode(function DelayNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const { t, lang } = useCanvasT();
  const d = data as Partial<DelayData>;
  return (
    <NodeShell id={id} type="delay" data={data} selected={selected}>
      {d.for !== undefined && <Row label={t('delay.for')}><b>{humanDuration(d.for, lang) ?? d.for}</b></Row>}
      {d.until && (
        <Row label={t('delay.until')}>
          <b>{d.until.at ? clockTime(d.until.at, uiLocale(lang)) : d.until.at}</b>
          {d.until.days?.length ? ` · ${d.until.days.map((x) => t(`day.${x}`)).join(', ')}` : ''}
        </Row>
      )}
      {d.untilDate && (
        <Row label={t('delay.untilDate')}>
          <UntilDateText spec={d.untilDate} lang={lang} />
        </Row>
      )}
    </NodeShell>
  );
});
