import { withDateAttribute, type TriggerData } from '../../../shared/nodes/trigger.ts';
import { dateWhen } from '../editor/humanize.ts';
import { useT } from '../i18n/i18n.ts';
import { CheckboxInput, DurationInput, Field, TextInput, TimeInput } from './fields.tsx';
import { useForm } from './formContext.ts';
import { COMMON_EVENTS } from './options.ts';
import { RuleInput } from './RuleBuilder.tsx';
import { useLifecycleRules } from '../app/workspace.ts';
import { lifecycleChoices, segmentName, segmentRule } from '../app/segments.ts';
import { isLifecycleSegment, misspeltLifecycleSegment } from '../../../shared/format/lifecycle.ts';

type Kind = 'event' | 'segment' | 'date';

/** Trigger: starts on an event (with a filter), on entering a segment, or on a contact's date. */
export function TriggerForm() {
  const f = useForm();
  const { t, lang } = useT();
  const d = f.data as Partial<TriggerData>;
  const rules = useLifecycleRules();
  const kind: Kind = d.segment !== undefined ? 'segment' : d.date !== undefined ? 'date' : 'event';
  const keep = { ...(d.reentry !== undefined ? { reentry: d.reentry } : {}), ...(d.key !== undefined ? { key: d.key } : {}) };
  const switchTo = (k: Kind) =>
    f.replace(k === 'event' ? { event: 'lead.created', ...keep } : k === 'segment' ? { segment: 'lifecycle:sleeping', ...keep } : { date: { attribute: 'birthday', at: '10:00', every: 'year' }, ...keep });
  const re = d.reentry;
  const reKind = re === 'always' ? 'always' : re && typeof re === 'object' ? 'after' : 'never';
  return (
    <>
      <Field path="kind" label={t('trigger.kind')}>
        {(id) => (
          <select id={id} name="kind" value={kind} disabled={f.readOnly} onChange={(e) => switchTo(e.target.value as Kind)}>
            <option value="event">{t('trigger.kind.event')}</option>
            <option value="segment">{t('trigger.kind.segment')}</option>
            <option value="date">{t('trigger.kind.date')}</option>
          </select>
        )}
      </Field>
      {kind === 'event' && (
        <>
          <TextInput path="event" label={t('trigger.event')} list={COMMON_EVENTS} required mono hint={t('hint.event')} />
          <RuleInput path="where" label={t('field.where')} optional hint={t('hint.where')} />
          <TextInput path="key" label={t('trigger.key')} mono placeholder="data.cartId" hint={t('hint.key')} />
        </>
      )}
      {kind === 'segment' && (
        <>
          <TextInput path="segment" label={t('trigger.segment')} required list={lifecycleChoices(t, rules)} hint={t('segment.hint')} />
          {typeof d.segment === 'string' && (
            <p className="ed-hint" data-testid="trigger-segment-rule">
              {misspeltLifecycleSegment(d.segment)
                ? t('segment.unknown', { closest: misspeltLifecycleSegment(d.segment)!.closest })
                : isLifecycleSegment(d.segment) ? `${segmentName(t, d.segment)}: ${segmentRule(t, d.segment, rules)}` : t('segment.crm')}
            </p>
          )}
        </>
      )}
      {kind === 'date' && (
        <>
          <TextInput path="date.attribute" label={t('field.dateAttribute')} required mono placeholder="birthday" onValue={(v) => f.set('date', withDateAttribute(d.date, v ?? ''))} />
          <DurationInput path="date.offset" label={t('field.offset')} offset required={false} />
          <TimeInput path="date.at" label={t('field.at')} required={false} hint={t('hint.dateAt')} />
          <CheckboxInput path="date.every" label={t('trigger.everyYear')} onValue="year" offValue={undefined} hint={t(d.date?.every === 'year' ? 'hint.everyYear.on' : 'hint.everyYear.off', { what: dateWhen(d.date, lang) })} />
        </>
      )}
      <Field path="reentry" label={t('trigger.reentry')}>
        {(id) => (
          <select
            id={id}
            name="reentry"
            value={reKind}
            disabled={f.readOnly}
            onChange={(e) => f.set('reentry', e.target.value === 'after' ? { after: 'P30D' } : e.target.value)}
          >
            <option value="never">{t('trigger.reentry.never')}</option>
            <option value="always">{t('trigger.reentry.always')}</option>
            <option value="after">{t('trigger.reentry.after')}</option>
          </select>
        )}
      </Field>
      {reKind === 'after' && <DurationInput path="reentry.after" label={t('trigger.reentry.afterLabel')} />}
      {reKind !== 'never' && (
        <p className="ed-hint" data-testid="trigger-reentry-note">
          {t('hint.reentryWhileIn')}
        </p>
      )}
    </>
  );
}
