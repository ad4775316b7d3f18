import type { HandoffData } from '../../../shared/nodes/handoff.ts';
import { useT } from '../i18n/i18n.ts';
import { DurationInput, ExitIdInput, Field, TextInput } from './fields.tsx';
import { useForm } from './formContext.ts';
import { freshId, ListEditor } from './ListEditor.tsx';
import { TemplateInput } from './TemplateField.tsx';

type Outcome = HandoffData['outcomes'][number];

/** Manager task: what to do, for whom, the outcome buttons (each an exit) and the SLA. */
export function HandoffForm() {
  const f = useForm();
  const { t } = useT();
  const a = (f.data.assignee ?? {}) as { role?: string; user?: string };
  const byUser = a.user !== undefined;
  return (
    <>
      <TemplateInput path="title" label={t('field.title')} required />
      <TemplateInput path="description" label={t('field.description')} multiline />
      <div className="ed-cols">
        <Field path="assignee" label={t('handoff.assignee')}>
          {(id) => (
            <select id={id} name="assignee.kind" value={byUser ? 'user' : 'role'} disabled={f.readOnly} onChange={(e) => f.set('assignee', e.target.value === 'user' ? { user: '' } : { role: 'manager' })}>
              <option value="role">{t('handoff.byRole')}</option>
              <option value="user">{t('handoff.byUser')}</option>
            </select>
          )}
        </Field>
        {byUser ? (
          <TextInput path="assignee.user" label={t('field.user')} required mono />
        ) : (
          <TextInput path="assignee.role" label={t('field.role')} required list={['manager', 'marketer', 'admin']} />
        )}
      </div>
      <ListEditor<Outcome>
        path="outcomes"
        label={t('handoff.outcomes')}
        testid="outcome"
        min={1}
        addLabel={t('handoff.addOutcome')}
        make={(items) => ({ id: freshId(items, 'outcome_'), label: t('handoff.outcomeN', { n: items.length + 1 }) })}
      >
        {(p) => (
          <div className="ed-cols">
            <TextInput path={`${p}.label`} label={t('field.buttonLabel')} required />
            <ExitIdInput path={`${p}.id`} label={t('field.exitId')} />
          </div>
        )}
      </ListEditor>
      <DurationInput path="dueIn" label={t('handoff.dueIn')} required={false} hint={t('hint.dueIn')} />
    </>
  );
}
