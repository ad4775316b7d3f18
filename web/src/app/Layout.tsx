import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import type { UserDto } from '../../../shared/api/types.ts';
import { api } from '../api/client.ts';
import { flushUndoable } from '../lists/useUndoable.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { Toasts, useToasts } from '../lists/toast.tsx';
import { AskHost } from '../lists/ask.tsx';
import { navigate, useRoute } from './router.ts';
import { ZoneSwitch } from './ZoneSwitch.tsx';

const capitalized = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** The app shell: navigation by role, the language switch, the user and log out. */
export function Layout({ me, children }: { me: UserDto; children: ReactNode }) {
  const { t } = useT();
  const { lang, setLang } = useLang();
  const route = useRoute();
  const qc = useQueryClient();
  // the language the user chose is theirs in any browser: it wins over this browser's own
  useEffect(() => {
    if (me.lang && me.lang !== useLang.getState().lang) useLang.getState().setLang(me.lang);
  }, [me.id, me.lang]);
  const choose = (l: 'ru' | 'en') => {
    setLang(l);
    qc.setQueryData(['me'], { ...me, lang: l });
    void api.setPreferences({ lang: l }).catch(() => {}); // the switch works in this browser even if saving fails
  };
  const links = [
    ...(me.role !== 'manager' ? [['funnels', '#/funnels', t('nav.funnels')]] : []),
    ['inbox', '#/inbox', t('nav.inbox')],
    ['contacts', '#/contacts', t('nav.contacts')],
    ...(me.role !== 'manager' ? [['messages', '#/messages', t('nav.messages')]] : []),
    ...(me.role === 'admin' ? [['settings', '#/settings', t('nav.settings')]] : []),
  ];
  const active = (name: string) => route.name === name || (name === 'funnels' && (route.name === 'editor' || route.name === 'version')) || (name === 'inbox' && route.name === 'task') || (name === 'contacts' && route.name === 'contact');
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="#/">
          ▼ {t('app.name')}
        </a>
        <nav>
          {links.map(([name, href, label]) => (
            <a key={name} href={href} className={active(name) ? 'active' : ''} data-testid={`nav-${name}`}>
              {label}
            </a>
          ))}
        </nav>
        <div className="spacer" />
        <ZoneSwitch me={me} />
        <div className="lang" role="group" aria-label="Язык / Language">
          {(['ru', 'en'] as const).map((l) => (
            <button key={l} className={lang === l ? 'on' : ''} onClick={() => choose(l)} data-testid={`lang-${l}`}>
              {l.toUpperCase()}
            </button>
          ))}
        </div>
        <span className="who" data-testid="whoami">
          {/* the role once when the name is the role's own word («Администратор») */}
          {me.name.trim().toLowerCase() === t(`role.${me.role}`).toLowerCase() ? me.name : `${me.name} · ${capitalized(t(`role.${me.role}`))}`}
        </span>
        <button
          className="link"
          data-testid="logout"
          onClick={async () => {
            // an outcome still in its undo seconds goes out while the session still lets it
            await flushUndoable();
            await api.logout();
            qc.clear();
            useToasts.getState().clear();
            navigate('/login');
          }}
        >
          {t('nav.logout')}
        </button>
      </header>
      <main className="content">{children}</main>
      <Toasts />
      <AskHost />
    </div>
  );
}
