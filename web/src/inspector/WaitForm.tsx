import { useEditor } from '../editor/store.ts';
import { useT } from '../i18n/i18n.ts';
import { DurationInput, TextInput } from './fields.tsx';
import { COMMON_EVENTS } from './options.ts';
import { RuleInput } from './RuleBuilder.tsx';

/** Wait for an event: which event, an optional filter on it, and the time-out. */
export function WaitForm() {
  const { t } = useT();
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
    </>
  );
}
