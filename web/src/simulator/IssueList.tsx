import type { Issue } from '../../../shared/validate/issues.ts';
import { useT } from '../i18n/i18n.ts';

/** Why the funnel cannot be simulated: its validation issues, each naming the node or edge. */
export function IssueList({ issues }: { issues: Issue[] }) {
  const { t } = useT();
  const errors = issues.filter((i) => i.severity === 'error');
  return (
    <div className="sim-issues" data-testid="sim-issues">
      <p className="error">{t('sim.issues', { n: errors.length })}</p>
      <ul>
        {errors.map((i, k) => (
          <li key={k}>
            {(i.nodeId || i.edgeId) && <b>{i.nodeId ?? i.edgeId}{i.field ? `.${i.field}` : ''}: </b>}
            {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
