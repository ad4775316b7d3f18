import { useT } from '../i18n/i18n.ts';
import { NumberInput, TextInput } from './fields.tsx';

/** Goal: what was achieved and its revenue (for analytics). */
export function GoalForm() {
  const { t } = useT();
  return (
    <>
      <TextInput path="name" label={t('field.goalName')} required />
      <NumberInput path="value" label={t('goal.value')} hint={t('hint.goalValue')} />
    </>
  );
}
