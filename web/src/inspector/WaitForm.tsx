import { RUN_START } from '../../../shared/nodes/untilDate.ts';
import { useEditor } from '../editor/store.ts';
import { useFunnelDates } from './dateFields.ts';
import { useT } from '../i18n/i18n.ts';
import { DurationInput, TextInput, TimeInput } from './fields.tsx';
import { useForm } from './formContext.ts';
import { COMMON_EVENTS } from './options.ts';
import { RuleInput } from './RuleBuilder.tsx';

/** Wait for an event: which event, an optional filter on it, and the time-out. */
export function WaitForm() {
  const { t } = useT();
  const f = useForm();
  const dates = useFunnelDates(f.scope, ['event.data.startsAt', 'lastEvent.data.startsAt', RUN_START, 'birthday']);
  const until = f.get('until');
  // a run started with a correlation key only hears events with the same key (a cart's own order.paid)
  const keys = useEditor((s) => [...new Set((s.doc?.nodes ?? []).map((n) => (n.data as { key?: unknown } | undefined)?.key).filter((k): k is string => typeof k === 'string' && !!k))].join(', '));
  return (
    <>
      <TextInput path="event" label={t('wait.event')} list={COMMON_EVENTS} required mono hint={t('hint.event')} />
      {keys && (
        <p className="ed-hint" data-testid="wait-keyed">
          {t('wait.keyed', { key: keys })}
        </p>
      )}
      <RuleInput path="where" label={t('field.where')} optional about="event" hint={t('hint.waitWhere')} />
      <DurationInput path="timeout" label={t('wait.timeout')} hint={t('hint.timeout')} />
      {/* an addition: no later than a date (the webinar's start + 3 h), whichever comes first */}
      {until === undefined ? (
        !f.readOnly && (
          <button type="button" className="link" data-testid="wait-until-add" onClick={() => f.set('until', { attribute: dates.find((d) => d.startsWith('event.data.')) ?? 'event.data.startsAt', offset: 'PT3H' })}>
            + {t('wait.untilAdd')}
          </button>
        )
      ) : (
        <fieldset className="ed-group" data-testid="wait-until">
          <legend>{t('wait.until')}</legend>
          <TextInput path="until.attribute" label={t('field.dateAttribute')} hint={t('hint.dateAttribute')} required mono placeholder="event.data.startsAt" list={dates} />
          <DurationInput path="until.offset" label={t('field.offset')} offset required={false} />
          <TimeInput path="until.at" label={t('field.at')} required={false} hint={t('hint.dateAt')} />
          <p className="ed-hint">{t('hint.waitUntil')}</p>
          {!f.readOnly && (
            <button type="button" className="link" data-testid="wait-until-remove" onClick={() => f.set('until', undefined)}>
              {t('wait.untilRemove')}
            </button>
          )}
        </fieldset>
      )}
    </>
  );
}
