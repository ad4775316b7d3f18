import { useT } from '../i18n/i18n.ts';
import { TextInput } from './fields.tsx';

/** Exit: the reason the run ends here (shown in the contact's path). */
export function ExitForm() {
  const { t } = useT();
  return <TextInput path="reason" label={t('exit.reason')} hint={t('hint.reason')} />;
}
