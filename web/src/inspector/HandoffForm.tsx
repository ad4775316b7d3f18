import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { HandoffData } from '../../../shared/nodes/handoff.ts';
import { ROLES } from '../../../shared/api/types.ts';
import { DEFAULT_WORKING_DAYS } from '../../../shared/format/workingTime.ts';
import { api } from '../api/client.ts';
import { useAssignees } from '../app/assignees.ts';
import { useEditor } from '../editor/store.ts';
import { clockTime, uiLocale, useT } from '../i18n/i18n.ts';
import { CheckboxInput, DurationInput, ExitIdInput, Field, TextInput } from './fields.tsx';
import { useForm } from './formContext.ts';
import { freshId, ListEditor } from './ListEditor.tsx';
import { TemplateInput } from './TemplateField.tsx';
import { slugify } from '../lists/slug.ts';

type Outcome = HandoffData['outcomes'][number];

/**
 * What the workspace says about the assignee, under the fields: how many users work the queue (a
 * role or a team: free text, since a team can be set up later), or a warning when nobody does
 * (its tasks would wait for an admin) or the user no longer exists.
 */
/** Roles that give access to parts of Voronka (not jobs): tasks for them reach those accounts. */
const SYSTEM_ROLES: readonly string[] = ROLES.filter((r) => r !== 'manager');
/** A user account's role, not a team (the rest of the queues are teams). */
const isRole = (q: string) => (ROLES as readonly string[]).includes(q);

function AssigneeHint({ a }: { a: { role?: string; user?: string } }) {
  const { t, maybe } = useT();
  const known = useAssignees().data;
  const role = a.role?.trim();
  if (!known) return null;
  if (a.user !== undefined)
    return a.user !== '' && !known.users.some((u) => u.id === a.user) ? (
      <p className="ed-hint ed-hint-warn" data-testid="assignee-user-missing">
        {t('handoff.userMissing')}
      </p>
    ) : null;
  if (!role) return null;
  const queue = known.queues.find((q) => q.name === role);
  // the workspace's own roles are access rights: «администратор» in a club is not Voronka's admin
  if (queue && SYSTEM_ROLES.includes(role))
    return (
      <p className="ed-hint ed-hint-warn" data-testid="assignee-system-role">
        {t('handoff.systemRole', { role: maybe(`role.${role}`, role), n: queue.users })}
      </p>
    );
  return queue ? (
    <p className="ed-hint" data-testid="assignee-queue">
      {t('handoff.queueUsers', { n: queue.users })}
    </p>
  ) : (
    <p className="ed-hint ed-hint-warn" data-testid="assignee-queue-empty">
      {t('handoff.queueEmpty', { role })}
    </p>
  );
}

/**
 * A role or team: chosen from the workspace's queues by name (its users counted), or typed — a team
 * can be given to users later — after «Другая…»; a value that names no queue stays listed as it is.
 */
function RoleInput() {
  const f = useForm();
  const { t, maybe } = useT();
  const queueName = (q: string) => maybe(`role.${q}`, q);
  const known = useAssignees().data;
  const role = String(f.get('assignee.role') ?? '');
  const [typing, setTyping] = useState(false);
  if (!known || typing)
    return (
      <div>
        <TextInput path="assignee.role" label={t('field.role')} required list={(known?.queues ?? [{ name: 'manager', users: 0 }]).map((q) => ({ value: q.name, label: queueName(q.name) }))} />
        {known && (
          <button type="button" className="link ed-small" onClick={() => setTyping(false)} data-testid="assignee-role-pick">
            {t('handoff.rolePick')}
          </button>
        )}
      </div>
    );
  const listed = known.queues.some((q) => q.name === role);
  return (
    <Field path="assignee.role" label={t('field.role')}>
      {(id, invalid) => (
        <select
          id={id}
          name="assignee.role"
          value={role}
          aria-invalid={invalid}
          disabled={f.readOnly}
          onChange={(e) => (e.target.value === OTHER_ROLE ? setTyping(true) : f.set('assignee.role', e.target.value))}
          data-testid="assignee-role"
        >
          {(['teams', 'roles'] as const).map((g) => {
            // teams first: they are who calls clients; the access roles after, apart
            const queues = known.queues.filter((q) => (g === 'roles') === isRole(q.name));
            return queues.length ? (
              <optgroup key={g} label={t(g === 'teams' ? 'handoff.groupTeams' : 'handoff.groupRoles')}>
                {queues.map((q) => (
                  <option key={q.name} value={q.name}>
                    {queueLabel(q.name, known.queues, queueName, (other) => t('handoff.notSameQueue', { other }))} · {t('handoff.queueCount', { n: q.users })}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
          {!listed && <option value={role}>{role || '—'}</option>}
          <option value={OTHER_ROLE}>{t('handoff.roleOther')}</option>
        </select>
      )}
    </Field>
  );
}
const OTHER_ROLE = '\u0000other';

/**
 * A queue as the role picker lists it: its name in the UI's words with its id («продажи (sales)»);
 * a team named as another is shown («продажи» beside the demo's sales team) says it is another one.
 */
export function queueLabel(name: string, queues: { name: string }[], shown: (q: string) => string, another: (other: string) => string): string {
  const label = shown(name) === name ? name : `${shown(name)} (${name})`;
  const twin = queues.find((o) => o.name !== name && shown(o.name).toLowerCase() === name.toLowerCase());
  return twin ? `${label} — ${another(`${shown(twin.name)} (${twin.name})`)}` : label;
}

/** A user picked by name (the funnel keeps their id); an id that names nobody stays listed as it is. */
function UserSelect() {
  const f = useForm();
  const { t } = useT();
  const { maybe } = useT();
  const queueName = (q: string) => maybe(`role.${q}`, q);
  const known = useAssignees().data;
  const user = String(f.get('assignee.user') ?? '');
  const missing = !!known && user !== '' && !known.users.some((u) => u.id === user);
  return (
    <Field path="assignee.user" label={t('field.user')}>
      {(id, invalid) =>
        known ? (
          <select id={id} name="assignee.user" value={user} aria-invalid={invalid} disabled={f.readOnly} onChange={(e) => f.set('assignee.user', e.target.value)} data-testid="assignee-user">
            <option value="">{t('handoff.pickUser')}</option>
            {known.users.map((u) => (
              <option key={u.id} value={u.id}>
                {[u.name, ...[u.role, ...u.teams].map(queueName)].join(' · ')}
              </option>
            ))}
            {missing && <option value={user}>{user}</option>}
          </select>
        ) : (
          <input id={id} name="assignee.user" className="ed-mono" value={user} aria-invalid={invalid} readOnly={f.readOnly} onChange={(e) => f.set('assignee.user', e.target.value)} />
        )
      }
    </Field>
  );
}

/** An id made from a button's words (`Не дозвонились` → `ne_dozvonilis`), as exit ids are written. */
const idFromLabel = (label: string): string => slugify(label).replaceAll('-', '_').slice(0, 40);

/**
 * Whether the exit ids a new task comes with (`won`, `lost`) may still follow their buttons' words:
 * while the funnel was never published and no saved scenario names the id.
 */
function useDefaultIdsFree(id: string): boolean {
  const funnelId = useEditor((s) => s.doc?.id);
  const funnel = useQuery({ queryKey: ['funnel', funnelId], queryFn: () => api.funnel(funnelId!), enabled: !!funnelId, staleTime: 30_000 }).data;
  if (!funnel || funnel.version !== null || (id !== 'won' && id !== 'lost')) return false;
  return !JSON.stringify(funnel.scenarios).includes(`"${id}"`);
}

/**
 * An outcome's button label. While its exit id is still one the editor made (`outcome_3`, the
 * label's own words as an id, or a new task's `won` / `lost` before the funnel is first published),
 * the id follows the words — a marketer need not invent Latin ids, and «Не дозвонились» is not
 * left as `lost`; one they typed themselves stays as it is (saved scenarios and integrations may name it).
 */
function OutcomeLabelInput({ path }: { path: string }) {
  const f = useForm();
  const { t } = useT();
  const outcome = (f.get(path) ?? {}) as Outcome;
  const others = ((f.data.outcomes ?? []) as Outcome[]).filter((o) => o !== outcome).map((o) => o.id);
  const defaultFree = useDefaultIdsFree(outcome.id);
  const made = /^outcome_\d+$/.test(outcome.id) || (outcome.label ?? '') === '' || outcome.id === idFromLabel(outcome.label) || defaultFree;
  return (
    <Field path={`${path}.label`} label={t('field.buttonLabel')}>
      {(id, invalid) => (
        <input
          id={id}
          name={`${path}.label`}
          value={outcome.label ?? ''}
          aria-invalid={invalid}
          readOnly={f.readOnly}
          onChange={(e) => {
            const label = e.target.value;
            const base = made ? idFromLabel(label) : '';
            let next = base;
            for (let i = 2; others.includes(next); i++) next = `${base}_${i}`;
            f.set(path, { ...outcome, label, ...(next ? { id: next } : {}) });
          }}
        />
      )}
    </Field>
  );
}

/** Manager task: what to do, for whom, the outcome buttons (each an exit) and the SLA. */
export function HandoffForm() {
  const f = useForm();
  const { t, lang } = useT();
  const a = (f.data.assignee ?? {}) as { role?: string; user?: string };
  const byUser = a.user !== undefined;
  const anyGoal = ((f.data.outcomes ?? []) as { goal?: boolean }[]).some((o) => o.goal === true);
  // the managers' working hours, when the funnel has them: the time limit runs only then
  const wh = useEditor((s) => s.doc?.settings?.workingHours);
  const working = wh ? `${(wh.days ?? DEFAULT_WORKING_DAYS).map((w) => t(`day.${w}`)).join(', ')} ${clockTime(wh.from, uiLocale(lang))}–${clockTime(wh.to, uiLocale(lang))}${wh.timezone ? ` (${wh.timezone})` : ''}` : '';
  return (
    <>
      <TemplateInput path="title" label={t('field.title')} required first />
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
        {byUser ? <UserSelect /> : <RoleInput />}
      </div>
      <AssigneeHint a={a} />
      <ListEditor<Outcome>
        path="outcomes"
        label={t('handoff.outcomes')}
        testid="outcome"
        min={1}
        addLabel={t('handoff.addOutcome')}
        make={(items) => ({ id: freshId(items, 'outcome_'), label: t('handoff.outcomeN', { n: items.length + 1 }) })}
      >
        {(p) => (
          <>
            <div className="ed-cols ed-cols-wide-first">
              <OutcomeLabelInput path={p} />
              <ExitIdInput path={`${p}.id`} label={t('field.exitId')} />
            </div>
            {/* the long explanation once: under a ticked outcome, else under the first */}
            <CheckboxInput path={`${p}.goal`} label={t('field.outcomeGoal')} hint={f.get(`${p}.goal`) === true || (p.endsWith('.0') && !anyGoal) ? t('hint.outcomeGoal') : undefined} offValue={undefined} />
          </>
        )}
      </ListEditor>
      <DurationInput path="dueIn" label={t('handoff.dueIn')} required={false} hint={working ? t('hint.dueInWorking', { hours: working }) : t('hint.dueIn')} />
    </>
  );
}
