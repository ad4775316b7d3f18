import type { SplitData } from '../../../shared/nodes/split.ts';
import { useT } from '../i18n/i18n.ts';
import { ExitIdInput, NumberInput } from './fields.tsx';
import { useForm } from './formContext.ts';
import { ListEditor } from './ListEditor.tsx';

type Variant = SplitData['variants'][number];

/** A/B split: variants with weights; the share of each is shown beside it. */
export function SplitForm() {
  const f = useForm();
  const { t } = useT();
  const vs = (Array.isArray(f.data.variants) ? f.data.variants : []) as Variant[];
  const total = vs.reduce((s, v) => s + (typeof v?.weight === 'number' && v.weight > 0 ? v.weight : 0), 0);
  return (
    <>
      <p className="ed-hint">{t('hint.split')}</p>
      <ListEditor<Variant>
        path="variants"
        label={t('split.variants')}
        testid="variant"
        min={1}
        addLabel={t('split.addVariant')}
        make={(items) => {
          const used = new Set(items.map((x) => x.id));
          const id = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').find((c) => !used.has(c)) ?? `V${items.length + 1}`;
          return { id, weight: 50 };
        }}
      >
        {(p, i) => (
          <div className="ed-cols">
            <ExitIdInput path={`${p}.id`} label={t('field.variantId')} />
            <NumberInput path={`${p}.weight`} label={t('field.weight')} hint={total > 0 && vs[i]?.weight > 0 ? `${Math.round((vs[i].weight / total) * 100)}%` : undefined} />
          </div>
        )}
      </ListEditor>
    </>
  );
}
