import type { Node, NodeProps } from '@xyflow/react';
import type { TriggerData } from '../../../shared/nodes/trigger.ts';
import { humanDuration, humanOffset } from '../editor/humanize.ts';
import { ruleText } from '../editor/ruleText.ts';
import { clockTime, uiLocale } from '../i18n/i18n.ts';
import { useCanvasT } from './useCanvasT.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, Row, type NodeData } from './NodeShell.tsx';
import { segmentName } from '../app/segments.ts';

/** Trigger: what starts the run (event, segment or date) and whether a contact may re-enter. */
export const TriggerNode = canvasNode(function TriggerNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const { t, lang } = useCanvasT();
  const d = data as Partial<TriggerData>;
  const re = d.reentry;
  const reentry = re === 'always' ? t('trigger.reentry.always') : re && typeof re === 'object' ? t('trigger.reentry.afterN', { d: humanDuration(re.after, lang) ?? re.after }) : t('trigger.reentry.never');
  // with the figures on (and zoomed far out) the node says what starts it in one line: a segment by its name, as here
  const gist = d.segment !== undefined ? `${t('trigger.segment')}: ${segmentName(t, d.segment)}` : undefined;
  return (
    <NodeShell id={id} type="trigger" data={data} selected={selected} gist={gist}>
      {d.event !== undefined && <Row label={t('trigger.event')}><code>{d.event}</code></Row>}
      {d.where !== undefined && <Row label={t('field.where')}>{ruleText(d.where, { lang })}</Row>}
      {d.segment !== undefined && <Row label={t('trigger.segment')}>{segmentName(t, d.segment)}</Row>}
      {d.date && (
        <Row label={t('trigger.date')}>
          {d.date.attribute}
          {d.date.offset ? ` · ${humanOffset(d.date.offset, lang) ?? d.date.offset}` : ''}
          {d.date.at ? ` · ${clockTime(d.date.at, uiLocale(lang))}` : ''}
          {d.date.every === 'year' ? ` · ${t('trigger.everyYear')}` : ''}
        </Row>
      )}
      <Row label={t('trigger.reentryShort')}>{reentry}</Row>
      {d.key && <Row label={t('trigger.key')}><code>{d.key}</code></Row>}
    </NodeShell>
  );
});
