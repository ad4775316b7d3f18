import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { nodeName } from '../../../shared/nodes/nodeName.ts';
import type { Simulator } from '../../../shared/simulator/Simulator.ts';
import type { Lang } from '../../../shared/validate/i18n.ts';
import { useT } from '../i18n/i18n.ts';
import '../i18n/messages/simulator.ts';
import { ContactForm } from './ContactForm.tsx';
import { IssueList } from './IssueList.tsx';
import { SaveScenario } from './SaveScenario.tsx';
import { ScenarioRunner } from './ScenarioRunner.tsx';
import { SimControls } from './SimControls.tsx';
import { Timeline } from './Timeline.tsx';
import { funnelKey, hideFromCanvas, showOnCanvas, useSimulation, type ScenarioCheck, type Session } from './useSimulation.ts';

/**
 * Brings the node where the run now stands into view when it is off the canvas (a long funnel
 * walked step by step), keeping the zoom; a node already in view is left where it is.
 */
function useFollowRun(at: string | null | undefined) {
  const { getInternalNode, getViewport, setCenter } = useReactFlow();
  useEffect(() => {
    if (!at) return;
    const n = getInternalNode(at);
    const box = document.querySelector('.ed-canvas')?.getBoundingClientRect();
    if (!n || !box) return;
    const { x, y, zoom } = getViewport();
    const w = n.measured.width ?? 0;
    const h = n.measured.height ?? 0;
    const left = n.internals.positionAbsolute.x * zoom + x;
    const top = n.internals.positionAbsolute.y * zoom + y;
    const inView = left >= 0 && top >= 0 && left + w * zoom <= box.width && top + h * zoom <= box.height;
    if (!inView) void setCenter(n.internals.positionAbsolute.x + w / 2, n.internals.positionAbsolute.y + h / 2, { zoom, duration: 300 });
  }, [at, getInternalNode, getViewport, setCenter]);
}

/** Who is walking, the virtual clock in the contact's zone, and where the run stands. */
function SessionHeader({ session, stale, onRestart }: { session: Session; stale: boolean; onRestart(): void }) {
  const { t, date, lang } = useT();
  const reset = useSimulation((s) => s.reset);
  const stepBack = useSimulation((s) => s.stepBack);
  const { sim, contact } = session;
  const run = sim.current;
  useFollowRun(run?.status === 'waiting' ? run.at : null);
  const name = typeof contact.attributes.firstName === 'string' ? ` — ${contact.attributes.firstName}` : '';
  return (
    <div className="sim-block sim-head">
      <div className="sim-head-row">
        <span>
          <b>{contact.id}</b>
          {name}
        </span>
        <button type="button" className="link" data-testid="sim-reset" onClick={reset}>
          {t('sim.reset')}
        </button>
      </div>
      <div className="sim-clock" data-testid="sim-clock" data-at={sim.isoTime(sim.clock)}>
        {date(sim.clock, sim.zone)} <span className="muted">({sim.zone})</span>
      </div>
      <div className="sim-head-row">
        <span className="sim-small" data-testid="sim-status" data-status={run?.status ?? 'none'} data-at={run?.at ?? ''}>
          {!run ? t('sim.run.none') : run.status === 'waiting' ? t('sim.run.waitingAt', { node: waitingAt(session.sim, run.at, lang) }) : `■ ${t(`run.${run.status}`)}`}
        </span>
        <span className="sim-buttons">
          <span className="muted sim-small">{t('sim.stepsDone', { n: session.steps.length })}</span>
          <button type="button" data-testid="sim-step-back" disabled={!session.steps.length} onClick={stepBack} title={t('sim.stepBack.hint')}>
            ↶ {t('sim.stepBack')}
          </button>
        </span>
      </div>
      {stale && (
        <div className="sim-stale">
          {t('sim.stale')}{' '}
          <button type="button" data-testid="sim-restart" onClick={onRestart}>
            ⟳ {t('sim.restart')}
          </button>
        </div>
      )}
    </div>
  );
}

/** The saved scenario this walk was opened from: passes, or how it fails (the step the walk stopped at, the path left). */
function CheckBox({ check }: { check: ScenarioCheck }) {
  const { t } = useT();
  if (!check.failures.length)
    return (
      <p className="sim-ok sim-small" data-testid="sim-check" data-ok="true">
        ✓ {t('sim.check.passes', { name: check.name })}
      </p>
    );
  return (
    <div className="sim-check-fail sim-small" data-testid="sim-check" data-ok="false">
      <b>✗ {t('sim.check.fails', { name: check.name })}</b>
      {check.stoppedAt !== null && <p>{t('sim.check.stopped', { step: check.stoppedAt })}</p>}
      <ul className="sim-failures">
        {check.failures.map((f, i) => (
          <li key={i}>{f}</li>
        ))}
      </ul>
    </div>
  );
}

/** The node a run waits at, for the status line: by the name people gave it, else by its kind and id («Трипваер (trip)»). */
function waitingAt(sim: Simulator, at: string | null, lang: Lang): string {
  const c = at ? sim.cf.nodes.get(at) : undefined;
  if (!c) return at ?? '';
  return c.node.label?.trim() || nodeName(c.node, c.node.id, lang, { brief: true });
}

/**
 * The QA simulator beside the canvas: walks one test contact through the funnel on a virtual
 * clock with the same engine core the server runs, lights the path up on the canvas, shows every
 * message and task, and saves the walk as a scenario that is re-run on every publish.
 */
export function SimulatorPanel({ funnel, version = null, scenarios, onScenariosSaved, published = null }: { funnel: Funnel; version?: number | null; scenarios: unknown[]; onScenariosSaved?: () => void; published?: number | null }) {
  const { t } = useT();
  const session = useSimulation((s) => s.session);
  useSimulation((s) => s.rev);
  const issues = useSimulation((s) => s.issues);
  const error = useSimulation((s) => s.error);
  const notice = useSimulation((s) => s.notice);
  const check = useSimulation((s) => s.check);
  const start = useSimulation((s) => s.start);
  const restart = useSimulation((s) => s.restart);
  const reset = useSimulation((s) => s.reset);
  const source = useMemo(() => funnelKey(funnel), [funnel]);

  useEffect(() => {
    if (session && session.funnelId !== funnel.id) reset();
  }, [funnel.id]);
  useEffect(() => {
    showOnCanvas(useSimulation.getState().session?.sim ?? null);
    return hideFromCanvas;
  }, []);

  return (
    <div className="sim-panel" data-testid="simulator" data-funnel={funnel.id}>
      <h2>{t('sim.title')}</h2>
      {/* what is walked: the draft as it is on the canvas (edits not yet published too; or the same as the live version), or the version opened */}
      <p className="muted sim-small" data-testid="sim-source">
        {version !== null ? t('sim.source.version', { n: version }) : published !== null ? t('sim.source.same', { n: published }) : t('sim.source.draft')}
      </p>
      {!session ? (
        <>
          <ContactForm funnel={funnel} scenarios={scenarios} />
          <button type="button" className="primary sim-start" data-testid="sim-start" onClick={() => start(funnel)}>
            ▶ {t('sim.start')}
          </button>
        </>
      ) : (
        <SessionHeader session={session} stale={session.source !== source} onRestart={() => restart(funnel)} />
      )}
      {issues && <IssueList issues={issues} />}
      {error && (
        <p className="error sim-small" data-testid="sim-error">
          {t(error)}
        </p>
      )}
      {notice && (
        <p className="sim-notice sim-small" data-testid="sim-notice">
          {t(notice.key, notice.vars)}
        </p>
      )}
      {session && check && <CheckBox check={check} />}
      {session && (
        <>
          <SimControls funnel={funnel} session={session} />
          <Timeline sim={session.sim} diverged={check?.diverged ?? null} />
          <SaveScenario session={session} scenarios={scenarios} onSaved={onScenariosSaved} />
        </>
      )}
      <ScenarioRunner funnel={funnel} scenarios={scenarios} onScenariosSaved={onScenariosSaved} />
    </div>
  );
}
