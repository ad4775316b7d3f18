import { useT } from '../i18n/i18n.ts';
import { IssueText, useFocusIssue, useNodeNames } from './IssuesPanel.tsx';
import { useIssues } from './issues.ts';
import { useUi } from './ui.ts';

/**
 * The editor's warnings, repeated in the publish dialog in the Issues tab's words (each naming its
 * node): publishing with them is allowed, but the marketer sees them before pressing «Опубликовать».
 * A click closes the dialog and goes to the node.
 */
export function PublishWarnings() {
  const { t } = useT();
  const warnings = useIssues((s) => s.issues).filter((i) => i.severity === 'warning');
  const labels = useNodeNames();
  const focus = useFocusIssue();
  if (!warnings.length) return null;
  return (
    <section className="ed-warn-note ed-publish-warnings" data-testid="publish-warnings" data-count={warnings.length}>
      <p>{t('issues.warningsCount', { n: warnings.length })}</p>
      <ul>
        {warnings.map((i, k) => (
          <li key={k}>
            <button
              type="button"
              className="ed-issue ed-sev-warning"
              data-testid="publish-warning"
              data-node={i.nodeId}
              data-code={i.code}
              onClick={() => {
                useUi.getState().setPublish(false);
                focus(i);
              }}
            >
              <IssueText issue={i} labels={labels} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
