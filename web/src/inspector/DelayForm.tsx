import type { DelayData } from '../../../shared/nodes/delay.ts';
import { useFunnelDates } from './dateFields.ts';
import { useT } from '../i18n/i18n.ts';
import { DaysInput, DurationInput, Field, TextInput, TimeInput } from './fields.tsx';
import { useForm } from './formContext.ts';

type Kind = 'for' | 'until' | 'untilDate';

/** Delay: a fixed time, until a time of day (on some weekdays), or until a date of the contact. */
export function DelayForm() {
  const f = useForm();
  const dates = useFunnelDates(f.scope, ['birthday', 'event.data.startsAt']);
  const { t } = useT();
  const d = f.data as Partial<DelayData>;
  const kind: Kind = d.until !== undefined ? 'until' : d.untilDate !== undefined ? 'untilDate' : 'for';
  return (
    <>
      <Field path="kind" label={t('delay.kind')}>
        {(id) => (
          <select
            id={id}
            name="kind"
            value={kind}
            disabled={f.readOnly}
            onChange={(e) => {
              const k = e.target.value as Kind;
              f.replace(k === 'for' ? { for: 'P1D' } : k === 'until' ? { until: { at: '09:00' } } : { untilDate: { attribute: 'birthday', offset: '-P3D', at: '10:00' } });
            }}
          >
            <option value="for">{t('delay.kind.for')}</option>
            <option value="until">{t('delay.kind.until')}</option>
            <option value="untilDate">{t('delay.kind.untilDate')}</option>
          </select>
        )}
      </Field>
      {kind === 'for' && <DurationInput path="for" label={t('delay.forField')} />}
      {kind === 'until' && (
        <>
          <TimeInput path="until.at" label={t('delay.until')} />
          <DaysInput path="until.days" label={t('delay.days')} hint={t('hint.days')} />
        </>
      )}
      {kind === 'untilDate' && (
        <>
          <TextInput path="untilDate.attribute" label={t('field.dateAttribute')} hint={t('hint.dateAttribute')} required mono placeholder="birthday" list={dates} />
          <DurationInput path="untilDate.offset" label={t('field.offset')} offset required={false} />
          <TimeInput path="untilDate.at" label={t('field.at')} required={false} hint={t('hint.dateAt')} />
          <p className="ed-hint">{t('hint.missing')}</p>
        </>
      )}
    </>
  );
}
