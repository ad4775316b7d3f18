import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import type { Issue } from '../../../shared/validate/issues.ts';
import { useT } from '../i18n/i18n.ts';
import { useIssues } from './issues.ts';
import { useEditor } from './store.ts';
import { useUi } from './ui.ts';

/**
 * Shows where an issue is: selects its node (or edge) and centres the view on it; opens the
 * inspector with the named field focused, or the funnel settings for a settings field.
 */
export function useFocusIssue() {
  const { fitView } = useReactFlow();
  return useCallback(
    (i: Issue) => {
      const doc = useEditor.getState().doc;
      if (!doc) return;
      if (i.field?.startsWith('settings')) return useUi.getState().openSettings();
      const edge = i.edgeId ? doc.edges.find((e) => e.id === i.edgeId) : undefined;
      const nodeId = i.nodeId && doc.nodes.some((n) => n.id === i.nodeId) ? i.nodeId : undefined;
      if (!nodeId && !edge) return;
      useEditor.getState().select(nodeId ? { nodes: [nodeId], edges: [] } : { nodes: [], edges: [edge!.id] });
      const ids = nodeId ? [nodeId] : [edge!.source, edge!.target].filter((x) => doc.nodes.some((n) => n.id === x));
      void fitView({ nodes: ids.map((id) => ({ id })), duration: 400, maxZoom: 1.1, padding: 0.4 });
      if (!nodeId) return;
      useUi.getState().setTab('inspector');
      if (i.field)
        setTimeout(() => {
          const el = document.querySelector<HTMLElement>(`.ed-inspector [name="${CSS.escape(i.field!)}"]`);
          el?.focus();
          el?.scrollIntoView({ block: 'center' });
        }, 60);
    },
    [fitView],
  );
}

/** The names the nodes have on the canvas, by id (only those the marketer named). */
export function useNodeNames(): Map<string, string> {
  const named = useEditor((s) => (s.doc?.nodes ?? []).filter((n) => n.label?.trim()).map((n) => `${n.id}\u0000${n.label!.trim()}`).join('\u0001'));
  return useMemo(() => new Map(named ? named.split('\u0001').map((x) => x.split('\u0000') as [string, string]) : []), [named]);
}

/** One issue in words: the node it is about (a node named on the canvas by that name, its id in the tooltip), then the message. */
export function IssueText({ issue: i, labels }: { issue: Issue; labels: Map<string, string> }) {
  return (
    <>
      {i.nodeId && (labels.get(i.nodeId) ? <span className="ed-issue-node" title={i.nodeId}>{labels.get(i.nodeId)}</span> : <code className="ed-issue-node">{i.nodeId}</code>)}
      <span className="ed-issue-msg">{i.message}</span>
    </>
  );
}

/** The Issues tab: every problem the live validation found; click one to go to it. */
export function IssuesPanel() {
  const { t } = useT();
  const { issues, errors, warnings } = useIssues();
  const focus = useFocusIssue();
  const labels = useNodeNames();
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <div className="ed-issues" data-testid="issues">
      <h2>{t('issues.title')}</h2>
      <p className="ed-muted" data-testid="issues-summary" data-errors={errors} data-warnings={warnings}>
        {issues.length ? t('issues.summary', { errors, warnings }) : t('issues.none')}
      </p>
      <ul>
        {sorted.map((i, k) => (
          <li key={k}>
            <button type="button" className={`ed-issue ed-sev-${i.severity}`} data-testid="issue" data-node={i.nodeId} data-code={i.code} onClick={() => focus(i)}>
              <span className="ed-issue-sev">{i.severity === 'error' ? t('issues.error') : t('issues.warning')}</span>
              <IssueText issue={i} labels={labels} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
