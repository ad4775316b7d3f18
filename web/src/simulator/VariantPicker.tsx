import type { Funnel } from '../../../shared/format/funnel.ts';
import { contactIdForVariant, experimentsOf } from '../../../shared/simulator/variants.ts';
import { useT } from '../i18n/i18n.ts';
import { useSimulation } from './useSimulation.ts';

/**
 * Which variant of each A/B split the test contact gets (chosen from the contact's id, as on the
 * server), and a way to take a contact id that gets another one: QA walks every branch with a
 * contact the engine really sends there, and a saved scenario replays it the same way.
 */
export function VariantPicker({ funnel }: { funnel: Funnel }) {
  const { t } = useT();
  const draft = useSimulation((s) => s.draft);
  const setDraft = useSimulation((s) => s.setDraft);
  const experiments = experimentsOf(funnel);
  if (!experiments.length || !draft.id.trim()) return null;
  return (
    <div className="sim-variants" data-testid="sim-variants">
      {experiments.map((e) => {
        const mine = e.variantOf(draft.id.trim());
        return (
          <p key={e.node} className="sim-small" data-testid={`sim-variant-${e.node}`} data-variant={mine ?? ''}>
            {t('sim.variant.gets', { node: e.node, variant: mine ?? '—' })}{' '}
            {e.variants
              .filter((v) => v !== mine)
              .map((v) => {
                const id = contactIdForVariant(e, v, draft.id.trim());
                return (
                  <button key={v} type="button" className="link" disabled={!id} title={id ? t('sim.variant.pickTitle', { id }) : t('sim.variant.none')} onClick={() => id && setDraft({ ...draft, id })} data-testid={`sim-variant-${e.node}-${v}`}>
                    {t('sim.variant.pick', { variant: v })}
                  </button>
                );
              })}
          </p>
        );
      })}
    </div>
  );
}
