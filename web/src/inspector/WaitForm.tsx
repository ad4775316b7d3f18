import { useT } from '../i18n/i18n.ts';
import { DurationInput, TextInput } from './fields.tsx';
import { COMMON_EVENTS } from './options.ts';
import { RuleInput } from './RuleBuilder.tsx';

/** Wait for an event: which event, an optional filter on it, and the time-out. */
export function WaitForm() {
  const { t } = useT();
  return (
    <>
      <TextInput path="event" label={t('wait.event')} list={COMMON_EVENTS} required mono hint={t('hint.event')} />
      <RuleInput path="where" label={t('field.where')} optional about="event" hint={t('hint.waitWhere')} />
      <DurationInput path="timeout" label={t('wait.timeout')} hint={t('hint.timeout')} />
    </>
  );
}
