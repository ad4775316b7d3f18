import { lazy, Suspense } from 'react';
import type { FunnelDto } from '../../../shared/api/types.ts';
import { useT } from '../i18n/i18n.ts';
import { InspectorPanel } from '../inspector/InspectorPanel.tsx';
import { IssuesPanel } from './IssuesPanel.tsx';
import { useIssues } from './issues.ts';
import { useEditor } from './store.ts';
import { useUi, type Tab } from './ui.ts';

// the simulator (with luxon), analytics and versions load when their tab is first opened: the
// editor opens with the inspector, and a big funnel is drawn sooner without them
const SimulatorPanel = lazy(() => import('../simulator/SimulatorPanel.tsx').then((m) => ({ default: m.SimulatorPanel })));
const AnalyticsPanel = lazy(() => import('../simulator/AnalyticsPanel.tsx').then((m) => ({ default: m.AnalyticsPanel })));
const VersionsPanel = lazy(() => import('./VersionsPanel.tsx').then((m) => ({ default: m.VersionsPanel })));

const TABS: Tab[] = ['inspector', 'issues', 'simulator', 'analytics', 'versions'];

/** The simulator over the document (only this tab follows every edit of the document). */
function SimulatorTab({ funnel, version, refetch }: { funnel: FunnelDto; version?: number; refetch: () => void }) {
  const doc = useEditor((s) => s.doc)!;
  return <SimulatorPanel funnel={doc} version={version} scenarios={funnel.scenarios} onScenariosSaved={refetch} published={funnel.draftChanged ? null : funnel.version} />;
}

/**
 * On another tab, a node picked on the canvas is offered for the inspector (the simulator's path
 * and the analytics stay on the canvas until the user chooses to switch).
 */
function PickedNode() {
  const { t } = useT();
  const picked = useEditor((s) => (s.selection.nodes.length === 1 ? s.selection.nodes[0] : null));
  const setTab = useUi((s) => s.setTab);
  if (!picked) return null;
  return (
    <div className="ed-picked" data-testid="picked-node">
      <span>{t('side.picked', { id: picked })}</span>
      <button type="button" className="link" onClick={() => setTab('inspector')} data-testid="picked-open">
        {t('side.pickedOpen')}
      </button>
    </div>
  );
}

/** The right panel: Inspector | Issues | Simulator | Analytics | Versions. */
export function SidePanel({ funnel, version, refetch }: { funnel: FunnelDto; version?: number; refetch: () => void }) {
  const { t } = useT();
  const tab = useUi((s) => s.tab);
  const setTab = useUi((s) => s.setTab);
  const errors = useIssues((s) => s.errors);
  const warnings = useIssues((s) => s.warnings);
  return (
    <aside className="ed-side" data-testid="side-panel">
      <div className="ed-tabs" role="tablist">
        {TABS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'on' : ''} onClick={() => setTab(k)} data-testid={`tab-${k}`}>
            {t(`tab.${k}`)}
            {/* errors and warnings apart: the errors are what the publish button counts */}
            {k === 'issues' && errors > 0 && (
              <span className="ed-count" title={t('issues.errorsCount', { n: errors })} data-testid="tab-issues-errors">
                {errors}
              </span>
            )}
            {k === 'issues' && warnings > 0 && (
              <span className="ed-count ed-count-warn" title={t('issues.warningsCount', { n: warnings })} data-testid="tab-issues-warnings">
                {warnings}
              </span>
            )}
          </button>
        ))}
      </div>
      {tab !== 'inspector' && <PickedNode />}
      <div className="ed-side-body" role="tabpanel">
        {tab === 'inspector' && <InspectorPanel />}
        {tab === 'issues' && <IssuesPanel />}
        <Suspense fallback={<p className="ed-muted">{t('common.loading')}</p>}>
          {tab === 'simulator' && <SimulatorTab funnel={funnel} version={version} refetch={refetch} />}
          {tab === 'analytics' && <AnalyticsPanel funnelId={funnel.id} />}
          {tab === 'versions' && <VersionsPanel funnel={funnel} openVersion={version} />}
        </Suspense>
      </div>
    </aside>
  );
}
