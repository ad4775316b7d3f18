import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { API_KEY_SCOPES, type ApiKeyScope, type UserDto } from '../../../shared/api/types.ts';
import { api, ApiError } from '../api/client.ts';
import { useMe } from '../app/session.ts';
import '../i18n/messages/lists.ts';
import { translateSchemaMessage, type Lang } from '../../../shared/validate/i18n.ts';
import { errorText, errorStatus } from '../lists/errors.ts';
import { useFormat } from '../lists/format.ts';
import { splitList } from '../../../shared/format/list.ts';
import { WorkspaceSettings } from './WorkspaceSettings.tsx';
import { LifecycleSettings } from './LifecycleSettings.tsx';
import { ask, askText } from '../lists/ask.tsx';

const ROLES: UserDto['role'][] = ['marketer', 'qa', 'manager', 'admin'];

/** The workspace (admin): users and their roles, API keys for integrations, message channels. */
export function SettingsPage() {
  const { t } = useFormat();
  const me = useMe().data;
  if (me && me.role !== 'admin')
    return (
      <section className="ls-page" data-testid="settings-page">
        <div className="ls-head">
          <h1>{t('settings.title')}</h1>
        </div>
        <p className="muted" data-testid="settings-admin-only">
          {t('settings.adminOnly')}
        </p>
      </section>
    );
  return (
    <section className="ls-page" data-testid="settings-page">
      <div className="ls-head">
        <h1>{t('settings.title')}</h1>
      </div>
      <div className="ls-settings">
        <WorkspaceSettings />
        <LifecycleSettings />
        <Users />
        <ApiKeys />
        <Channels />
      </div>
    </section>
  );
}


/** A user's teams (comma-separated), saved on Enter or when the field is left. */
function TeamsInput({ teams, name, onSave }: { teams: string[]; name: string; onSave: (teams: string[]) => void }) {
  const { t } = useFormat();
  const [text, setText] = useState(teams.join(', '));
  useEffect(() => setText(teams.join(', ')), [teams]);
  const save = () => {
    const next = splitList(text);
    if (next.join(',') !== teams.join(',')) onSave(next);
  };
  return (
    <input
      className="ls-teams"
      value={text}
      placeholder="—"
      aria-label={t('settings.user.teamsOf', { name })}
      title={t('settings.user.teamsHint')}
      onChange={(e) => setText(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => e.key === 'Enter' && save()}
      data-testid="settings-user-teams"
    />
  );
}

/** Who is in each team: a team's tasks are shared out among all of them (a demo user too, until taken out). */
function TeamMembers({ users }: { users: UserDto[] }) {
  const { t } = useFormat();
  const teams = new Map<string, string[]>();
  for (const u of users) for (const team of u.teams) teams.set(team, [...(teams.get(team) ?? []), u.name]);
  if (!teams.size) return null;
  return (
    <p className="muted" data-testid="settings-team-members">
      {t('settings.teamMembers')}{' '}
      {[...teams.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([team, names]) => `${team} — ${names.join(', ')}`)
        .join('; ')}
    </p>
  );
}

function Users() {
  const { t, date } = useFormat();
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: api.users });
  const [form, setForm] = useState({ email: '', name: '', role: 'manager' as UserDto['role'], teams: '', password: '' });
  const me = useMe().data;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['users'] });
    void qc.invalidateQueries({ queryKey: ['assignees'] });
  };
  const update = useMutation({ mutationFn: (p: { id: string; patch: Parameters<typeof api.updateUser>[1] }) => api.updateUser(p.id, p.patch), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (id: string) => api.deleteUser(id), onSuccess: refresh });
  const create = useMutation({
    mutationFn: () => api.createUser({ ...form, teams: splitList(form.teams) }),
    onSuccess: () => {
      setForm({ email: '', name: '', role: 'manager', teams: '', password: '' });
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
  // a refusal is about what was sent: editing the form clears it (never re-worded with the new input)
  const edit = (patch: Partial<typeof form>) => {
    setForm({ ...form, ...patch });
    if (create.error) create.reset();
  };
  return (
    <section className="card" data-testid="settings-users">
      <h2>{t('settings.users')}</h2>
      {(users.error || update.error || remove.error) && (
        <p className="error" role="alert" data-testid="settings-users-error">
          {errorText(users.error ?? update.error ?? remove.error)}
        </p>
      )}
      <table className="ls-table">
        <thead>
          <tr>
            <th>{t('settings.user.name')}</th>
            <th>{t('settings.user.email')}</th>
            <th>{t('settings.user.role')}</th>
            <th>{t('settings.user.teams')}</th>
            <th>{t('settings.user.created')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id} data-testid="settings-user" data-email={u.email}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <select
                  aria-label={t('settings.user.role')}
                  value={u.role}
                  // an admin does not take their own rights away by a slip of the mouse: another admin changes their role
                  disabled={u.id === me?.id}
                  title={u.id === me?.id ? t('settings.user.ownRole') : undefined}
                  onChange={async (e) => {
                    // rights change at once (and sessions with them): said and confirmed first, not done by a slip
                    const role = e.target.value as UserDto['role'];
                    if (await ask(t('settings.user.roleConfirm', { name: u.name, from: t(`role.${u.role}`), to: t(`role.${role}`), rights: t(`settings.user.rights.${role}`) }), t('settings.user.roleChange')))
                      update.mutate({ id: u.id, patch: { role } });
                  }}
                  data-testid="settings-user-role"
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <TeamsInput teams={u.teams} name={u.name} onSave={(teams) => update.mutate({ id: u.id, patch: { teams } })} />
              </td>
              <td className="ls-nowrap">{date(u.createdAt)}</td>
              <td className="ls-nowrap">
                <button
                  className="link"
                  data-testid="settings-user-password"
                  onClick={async () => {
                    const password = await askText(t('settings.user.newPassword', { name: u.name }), t('common.save'), { label: t('settings.user.setPassword'), type: 'password', minLength: 8 });
                    if (password) update.mutate({ id: u.id, patch: { password } });
                  }}
                >
                  {t('settings.user.setPassword')}
                </button>
                {u.id !== me?.id && (
                  <button className="link ls-danger-link" data-testid="settings-user-delete" onClick={async () => (await ask(t('settings.user.deleteConfirm', { name: u.name }), t('common.delete'))) && remove.mutate(u.id)}>
                    {t('common.delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <TeamMembers users={users.data ?? []} />
      <form
        className="ls-form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <h3>{t('settings.user.add')}</h3>
        <label>
          {t('settings.user.name')}
          <input name="name" required value={form.name} onChange={(e) => edit({ name: e.target.value })} />
        </label>
        <label>
          {t('settings.user.email')}
          <input name="email" type="email" required value={form.email} onChange={(e) => edit({ email: e.target.value })} />
        </label>
        <label>
          {t('settings.user.role')}
          <select name="role" value={form.role} onChange={(e) => edit({ role: e.target.value as UserDto['role'] })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.user.teams')}
          <input name="teams" value={form.teams} placeholder={t('settings.user.teamsPlaceholder')} onChange={(e) => edit({ teams: e.target.value })} />
        </label>
        <label>
          {t('settings.user.password')}
          <input name="password" type="password" required minLength={8} autoComplete="new-password" value={form.password} onChange={(e) => edit({ password: e.target.value })} />
        </label>
        <div className="ls-dialog-actions">
          <button type="submit" className="primary" disabled={create.isPending} data-testid="settings-user-add">
            {t('settings.user.addButton')}
          </button>
        </div>
        {create.error && (
          <p className="error" role="alert" data-testid="settings-user-add-error">
            {errorStatus(create.error) === 409 ? t('settings.user.exists', { email: form.email.trim() }) : errorText(create.error)}
          </p>
        )}
      </form>
    </section>
  );
}

function ApiKeys() {
  const { t, date } = useFormat();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  // a website or a CRM only sends data in: the narrowest key is offered first
  const [scope, setScope] = useState<ApiKeyScope>('ingest');
  const [copied, setCopied] = useState(false);
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: api.apiKeys });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['api-keys'] });
  const create = useMutation({
    mutationFn: () => api.createApiKey(name.trim(), scope),
    onSuccess: () => {
      setName('');
      setCopied(false);
      refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => api.revokeApiKey(id), onSuccess: refresh });
  return (
    <section className="card" data-testid="settings-keys">
      <h2>{t('settings.keys')}</h2>
      <p className="muted ls-small">{t('settings.keys.hint')}</p>
      {(keys.data ?? []).length > 0 && (
        <table className="ls-table">
          <thead>
            <tr>
              <th>{t('settings.keys.col.name')}</th>
              <th>{t('settings.keys.scope')}</th>
              <th>{t('settings.keys.col.owner')}</th>
              <th>{t('settings.keys.col.created')}</th>
              <th>{t('settings.keys.col.used')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.data!.map((k) => (
              <tr key={k.id} data-testid="settings-key-row" data-name={k.name}>
                <td>
                  {k.name}
                  {k.fromEnv && (
                    <div className="muted ls-small" data-testid="settings-key-env">
                      {t('settings.keys.fromEnv')}
                    </div>
                  )}
                </td>
                <td data-testid="settings-key-scope" title={t(`settings.keys.scope.${k.scope}.hint`)}>
                  {t(`settings.keys.scope.${k.scope}`)}
                </td>
                <td className="muted">{k.user ? k.user.name : '—'}</td>
                <td className="ls-nowrap muted">{date(k.createdAt)}</td>
                <td className="ls-nowrap muted" data-testid="settings-key-used">
                  {k.lastUsedAt ? t('settings.keys.used', { when: date(k.lastUsedAt) }) : t('settings.keys.neverUsed')}
                </td>
                <td>
                  <button
                    className="link ls-danger-link"
                    data-testid="settings-key-revoke"
                    onClick={async () => (await ask(t(k.fromEnv ? 'settings.keys.revokeEnvConfirm' : 'settings.keys.revokeConfirm', { name: k.name }), t('settings.keys.revoke'))) && revoke.mutate(k.id)}
                  >
                    {t('settings.keys.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <input name="keyName" required maxLength={100} placeholder={t('settings.keys.name')} value={name} onChange={(e) => setName(e.target.value)} />
        <select name="keyScope" value={scope} onChange={(e) => setScope(e.target.value as ApiKeyScope)} aria-label={t('settings.keys.scope')} data-testid="settings-key-scope-select">
          {API_KEY_SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(`settings.keys.scope.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={create.isPending || !name.trim()} data-testid="settings-key-create">
          {t('settings.keys.create')}
        </button>
      </form>
      <p className="muted ls-small" data-testid="settings-key-scope-hint">{t(`settings.keys.scope.${scope}.hint`)}</p>
      {create.data && (
        <p className="ls-key" data-testid="settings-key">
          {t('settings.keys.once')} <code>{create.data.key}</code>{' '}
          <button type="button" className="link" onClick={() => void navigator.clipboard?.writeText(create.data!.key).then(() => setCopied(true), () => undefined)} data-testid="settings-key-copy">
            {copied ? t('settings.keys.copied') : t('settings.keys.copy')}
          </button>
        </p>
      )}
      {(create.error || revoke.error) && <p className="error">{errorText(create.error ?? revoke.error)}</p>}
    </section>
  );
}

/** The fields of each channel the server can send through (secrets come back masked; unchanged they stay as saved). */
const CHANNEL_FIELDS: [string, string[], string[]][] = [
  ['email', ['smtpUrl', 'from'], ['smtpUrl', 'from']],
  ['telegram', ['token', 'apiBase'], ['token']],
  ['sms', ['url', 'token', 'from'], ['url', 'token']],
  ['vk', ['token', 'apiBase'], ['token']],
  ['whatsapp', ['token', 'phoneNumberId', 'apiBase'], ['token', 'phoneNumberId']],
  ['viber', ['token', 'sender', 'apiBase'], ['token', 'sender']],
  ['webhook', ['secret'], ['secret']],
];

/** The server's field problems of a refused save, by field (`telegram.token`), in the UI's language. */
function fieldErrors(e: unknown, lang: Lang, required: string): Record<string, string> {
  const issues = e instanceof ApiError && Array.isArray(e.body?.issues) ? (e.body.issues as { field: string; message: string }[]) : [];
  return Object.fromEntries(issues.map((i) => [i.field, /received undefined$/.test(i.message) ? required : translateSchemaMessage(i.message, lang)]));
}

/**
 * «Проверить подключение»: the connection (SMTP login, the bot's token) of the settings as typed —
 * before they are saved and messages go through them —, nothing sent.
 */
function ChannelCheck({ channel, typed }: { channel: string; typed: Record<string, string> }) {
  const { t } = useFormat();
  const check = useMutation({ mutationFn: () => api.checkChannel(channel, typed) });
  const r = check.data;
  return (
    <div className="ls-check" data-testid={`channel-check-${channel}`}>
      <button type="button" onClick={() => check.mutate()} disabled={check.isPending} data-testid={`channel-check-${channel}-run`}>
        {check.isPending ? t('settings.channels.checking') : t('settings.channels.check')}
      </button>
      {r && (
        <span className={r.ok ? 'ls-check-ok' : 'error'} role="status" data-testid={`channel-check-${channel}-result`}>
          {r.ok ? t('settings.channels.checkOk', { detail: r.login ? t(`settings.channels.checkOk.${channel}.login`, { who: r.who, login: r.login }) : t(`settings.channels.checkOk.${channel}`, { who: r.who }) }) : t('settings.channels.checkFailed', { why: t(`settings.channels.why.${r.reason}`), error: r.error })}
        </span>
      )}
      {check.error && <span className="error">{errorText(check.error)}</span>}
    </div>
  );
}

function Channels() {
  const { t, lang } = useFormat();
  const qc = useQueryClient();
  const saved = useQuery({ queryKey: ['channel-settings'], queryFn: api.channelSettings });
  // the channels set up (here or by the server's environment) that can be checked without sending
  const configured = useQuery({ queryKey: ['channels'], queryFn: api.channels, staleTime: 30_000, retry: false });
  const [cfg, setCfg] = useState<Record<string, Record<string, string>>>({});
  useEffect(() => {
    if (saved.data) setCfg(saved.data);
  }, [saved.data]);
  // a channel's fields as typed (empty ones left out), for saving and for checking before saving
  const typedOf = (ch: string, fields: string[]) => Object.fromEntries(fields.map((f) => [f, (cfg[ch]?.[f] ?? '').trim()]).filter(([, v]) => v !== ''));
  const save = useMutation({
    mutationFn: () => {
      // a channel with every field empty is not configured; partly filled ones are sent (the server names what is missing)
      const out: Record<string, Record<string, string>> = {};
      for (const [ch, fields] of CHANNEL_FIELDS) {
        const values = typedOf(ch, fields);
        if (Object.keys(values).length) out[ch] = values;
      }
      return api.saveChannelSettings(out);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['channel-settings'] });
      void qc.invalidateQueries({ queryKey: ['channels'] });
    },
  });
  const set = (ch: string, f: string, v: string) => setCfg({ ...cfg, [ch]: { ...cfg[ch], [f]: v } });
  const problems = fieldErrors(save.error, lang, t('settings.required'));
  return (
    <section className="card" data-testid="settings-channels">
      <h2>{t('settings.channels')}</h2>
      <p className="muted ls-small">{t('settings.channels.hint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {CHANNEL_FIELDS.map(([ch, fields, required]) => (
          <fieldset key={ch} className="ls-fieldset">
            <legend>{t(`channel.${ch}`)}</legend>
            {fields.map((f) => (
              <label key={f}>
                {t(`settings.channel.${ch}.${f}`)}
                {required.includes(f) ? '' : ` ${t('settings.optional')}`}
                {/* a token or secret is not shown to whoever looks over the admin's shoulder */}
                <input name={`${ch}.${f}`} type={/token|secret/i.test(f) ? 'password' : 'text'} autoComplete="off" value={cfg[ch]?.[f] ?? ''} onChange={(e) => set(ch, f, e.target.value)} className="ed-mono" aria-invalid={!!problems[`${ch}.${f}`]} />
                {problems[`${ch}.${f}`] && (
                  <span className="error ls-small" data-testid={`error-${ch}.${f}`}>
                    {problems[`${ch}.${f}`]}
                  </span>
                )}
              </label>
            ))}
            {/* the settings as typed once they are complete; with none typed, those in use (say, from the server's environment) */}
            {configured.data?.canCheck.includes(ch) && (required.every((f) => (cfg[ch]?.[f] ?? '').trim() !== '') || configured.data.configured.includes(ch)) && <ChannelCheck channel={ch} typed={typedOf(ch, fields)} />}
          </fieldset>
        ))}
        <div className="ls-dialog-actions">
          {save.isSuccess && <span className="muted">{t('settings.channels.saved')}</span>}
          <button type="submit" className="primary" disabled={save.isPending} data-testid="settings-channels-save">
            {t('common.save')}
          </button>
        </div>
        {save.error && (
          <p className="error" role="alert" data-testid="settings-channels-error">
            {Object.keys(problems).length ? t('settings.channels.fix', { n: Object.keys(problems).length }) : errorText(save.error)}
          </p>
        )}
      </form>
    </section>
  );
}
