import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Scenario } from '../../../shared/format/scenario.ts';
import { traceOf } from '../../../shared/simulator/runScenario.ts';
import { api } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { buildScenario } from './buildScenario.ts';
import type { Session } from './useSimulation.ts';

/** Saves the walk as a `voronka/scenario@1` with the funnel; `expect` is what the walk did. */
export function SaveScenario({ session, scenarios, onSaved }: { session: Session; scenarios: unknown[]; onSaved?: () => void }) {
  const { t } = useT();
  const [name, setName] = useState('');
  // the notice belongs to the walk that was saved: another walk, or a step more, and it goes
  const [saved, setSaved] = useState<{ name: string; sim: Session['sim']; steps: number } | null>(null);
  const savedNow = saved && saved.sim === session.sim && saved.steps === session.steps.length ? saved.name : null;
  const save = useMutation({
    mutationFn: (scenario: Scenario) => api.saveScenarios(session.funnelId, [...(scenarios as Scenario[]), scenario]),
    onSuccess: (_, scenario) => {
      setSaved({ name: scenario.name, sim: session.sim, steps: session.steps.length });
      setName('');
      onSaved?.();
    },
  });
  const taken = scenarios.some((s) => (s as { name?: unknown })?.name === name.trim());
  const ready = name.trim() !== '' && session.steps.length > 0 && !taken && !save.isPending;
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
          {t('sim.save')}
        </button>
      </div>
      {session.steps.length === 0 && <p className="muted sim-small">{t('sim.save.noSteps')}</p>}
      {taken && <p className="error sim-small">{t('sim.save.taken')}</p>}
      {save.isError && <p className="error sim-small">{t('sim.save.failed', { error: save.error.message })}</p>}
      {savedNow && (
        <p className="sim-ok sim-small" data-testid="sim-saved">
          {t('sim.save.done', { name: savedNow })}
        </p>
      )}
    </form>
  );
}
