import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import { useLang, useT } from '../i18n/i18n.ts';

/** Log in; a manager lands in the inbox, everyone else in the funnel list. */
export function LoginPage() {
  const { t } = useT();
  const { lang, setLang } = useLang();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="login">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            const me = await api.login(email, password);
            qc.setQueryData(['me'], me);
            navigate(me.role === 'manager' ? '/inbox' : '/funnels');
          } catch (err) {
            setError(err instanceof ApiError && err.status === 429 ? t('login.tooMany') : t('login.failed'));
          }
        }}
      >
        <h1>▼ {t('login.title')}</h1>
        <label>
          {t('login.email')}
          <input name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary">
          {t('login.submit')}
        </button>
        <div className="lang small">
          {(['ru', 'en'] as const).map((l) => (
            <button type="button" key={l} className={lang === l ? 'on' : ''} onClick={() => setLang(l)}>
              {l.toUpperCase()}
            </button>
          ))}
        </div>
      </form>
    </div>
  );
}
