import { useT } from '../i18n/i18n.ts';
import { NumberInput, TextInput } from './fields.tsx';

/** Goal: what was achieved and its revenue (for analytics). */
export function GoalForm() {
  const { t } = useT();
  return (
    <>
      <TextInput path="name" label={t('field.goalName')} required />
      <NumberInput path="value" label={t('goal.value')} hint={t('hint.goalValue')} />
      {/* the payment the run waited for («Ожидание события» order.paid) as the revenue, instead of a fixed sum */}
      <TextInput path="valueFrom" label={t('goal.valueFrom')} hint={t('hint.goalValueFrom')} mono placeholder="lastEvent.data.amount" list={['lastEvent.data.amount', 'event.data.amount', 'event.data.total']} />
    </>
  );
}
