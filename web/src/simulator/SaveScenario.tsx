import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Scenario } from '../../../shared/format/scenario.ts';
import { traceOf } from '../../../shared/simulator/runScenario.ts';
import { api } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { buildScenario } from './buildScenario.ts';
import { useSimulation, type Session } from './useSimulation.ts';

/**
 * Saves the walk as a `voronka/scenario@1` with the funnel; `expect` is what the walk did. A walk
 * opened from a saved scenario offers its name: saving replaces that scenario in place (its new
 * expectations are what the walk does on the funnel as it is now) — re-recording after a
 * deliberate change, without deleting the old one first. Any name already taken says it replaces.
 */
export function SaveScenario({ session, scenarios, onSaved }: { session: Session; scenarios: unknown[]; onSaved?: () => void }) {
  const { t } = useT();
  const opened = useSimulation((s) => s.check?.name ?? null);
  const stoppedAt = useSimulation((s) => s.check?.stoppedAt ?? null);
  const [name, setName] = useState(opened ?? '');
  useEffect(() => {
    if (opened) setName(opened);
  }, [opened]);
  // the notice belongs to the walk that was saved: another walk, or a step more, and it goes
  const [saved, setSaved] = useState<{ name: string; sim: Session['sim']; steps: number } | null>(null);
  const savedNow = saved && saved.sim === session.sim && saved.steps === session.steps.length ? saved.name : null;
  const save = useMutation({
    mutationFn: (scenario: Scenario) => {
      const list = scenarios as Scenario[];
      const at = list.findIndex((s) => s?.name === scenario.name);
      return api.saveScenarios(session.funnelId, at < 0 ? [...list, scenario] : list.map((s, i) => (i === at ? scenario : s)));
    },
    onSuccess: (_, scenario) => {
      // the opened scenario is what was just saved: its old failures no longer apply
      if (scenario.name === opened) useSimulation.setState({ check: null });
      setSaved({ name: scenario.name, sim: session.sim, steps: session.steps.length });
      setName('');
      onSaved?.();
    },
  });
  const taken = scenarios.some((s) => (s as { name?: unknown })?.name === name.trim());
  // the opened walk stopped before a step it could not do, and nothing was walked since: replacing
  // now would keep only the part before it — a scenario that passes by testing less
  const cut = taken && name.trim() === opened && stoppedAt !== null && session.steps.length < stoppedAt;
  const ready = name.trim() !== '' && session.steps.length > 0 && !save.isPending && !cut;
  return (
    <form
      className="sim-block sim-save"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        const { sim } = session;
        const scenario = buildScenario(name, { funnelId: session.funnelId, contact: session.contact, start: session.start, zone: sim.zone, steps: session.steps }, traceOf(sim));
        setSaved(null);
        save.mutate(scenario);
      }}
    >
      <h3>{t('sim.save.title')}</h3>
      <div className="sim-kv-row">
        <input name="scenarioName" placeholder={t('sim.save.name')} aria-label={t('sim.save.name')} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="primary" data-testid="sim-save" disabled={!ready}>
          {taken ? t('sim.save.replace') : t('sim.save')}
        </button>
      </div>
      {session.steps.length === 0 && <p className="muted sim-small">{t('sim.save.noSteps')}</p>}
      {taken && !cut && (
        <p className="muted sim-small" data-testid="sim-save-replaces">
          {t('sim.save.taken', { name: name.trim() })}
        </p>
      )}
      {cut && (
        <p className="error sim-small" data-testid="sim-save-cut">
          {t('sim.save.cut', { n: stoppedAt })}
        </p>
      )}
      {save.isError && <p className="error sim-small">{t('sim.save.failed', { error: save.error.message })}</p>}
      {savedNow && (
        <p className="sim-ok sim-small" data-testid="sim-saved">
          {t('sim.save.done', { name: savedNow })}
        </p>
      )}
    </form>
  );
}
