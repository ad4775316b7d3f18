import type { Funnel } from '../../../shared/format/funnel.ts';

/** The QA simulator beside the canvas (placeholder until built). */
export function SimulatorPanel({ funnel }: { funnel: Funnel; scenarios: unknown[]; onScenariosSaved?: () => void }) {
  return <div data-testid="simulator" data-funnel={funnel.id} />;
}
