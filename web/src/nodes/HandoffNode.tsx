import type { Node, NodeProps } from '@xyflow/react';
import type { HandoffData } from '../../../shared/nodes/handoff.ts';
import { ROLES } from '../../../shared/api/types.ts';
import { queueWords, useAssignees, userName } from '../app/assignees.ts';
import { humanDuration } from '../editor/humanize.ts';
import { useEditor } from '../editor/store.ts';
import { useCanvasT } from './useCanvasT.ts';
import { canvasNode } from './canvasNode.ts';
import { NodeShell, Row, type NodeData } from './NodeShell.tsx';

/** A user assignee by name (read only by the nodes that name a user). */
function UserName({ id }: { id: string }) {
  const { t } = useCanvasT();
  return <>{t('handoff.userIs', { user: userName(useAssignees().data, id) ?? id })}</>;
}

/** Manager task: title, who gets it and the SLA; the outcomes are its exits. */
export const HandoffNode = canvasNode(function HandoffNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const { t, lang, maybe } = useCanvasT();
  const d = data as Partial<HandoffData>;
  const a = d.assignee as { role?: string; user?: string } | undefined;
  // the limit runs in the managers' working hours (the funnel's settings)
  const working = useEditor((s) => !!s.doc?.settings?.workingHours);
  return (
    <NodeShell id={id} type="handoff" data={data} selected={selected}>
      <Row><b>{d.title || '—'}</b></Row>
      <Row label={t('handoff.assignee')}>
        {/* a team as the settings call it («команда: продажи (sales)»), an access role as a role */}
        {a?.role ? t((ROLES as readonly string[]).includes(a.role) ? 'handoff.roleIs' : 'handoff.teamIs', { role: queueWords(a.role, maybe) }) : a?.user ? <UserName id={a.user} /> : '—'}
      </Row>
      {d.dueIn && (
        <Row label={t('handoff.dueIn')}>
          {humanDuration(d.dueIn, lang) ?? d.dueIn}
          {working && <span title={t('handoff.workingTitle')}> {t('handoff.working')}</span>}
        </Row>
      )}
    </NodeShell>
  );
});
