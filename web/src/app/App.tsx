import { lazy, Suspense, useEffect } from 'react';
import { useT } from '../i18n/i18n.ts';
import { EditorPage } from '../pages/EditorPage.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { Layout } from './Layout.tsx';
import { navigate, useRoute } from './router.ts';
import { useMe } from './session.ts';

// pages other than the editor load on first visit (the editor, the heaviest, is in the main bundle)
const ContactPage = lazy(() => import('../pages/ContactPage.tsx').then((m) => ({ default: m.ContactPage })));
const ContactsPage = lazy(() => import('../pages/ContactsPage.tsx').then((m) => ({ default: m.ContactsPage })));
const FunnelListPage = lazy(() => import('../pages/FunnelListPage.tsx').then((m) => ({ default: m.FunnelListPage })));
const SettingsPage = lazy(() => import('../pages/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));
const MessagesPage = lazy(() => import('../pages/MessagesPage.tsx').then((m) => ({ default: m.MessagesPage })));
const InboxPage = lazy(() => import('../pages/InboxPage.tsx').then((m) => ({ default: m.InboxPage })));

/** Routes by the hash; unauthenticated users go to the login page. */
export function App() {
  const route = useRoute();
  const me = useMe();
  const { t } = useT();
  useEffect(() => {
    if (me.data === null && route.name !== 'login') navigate('/login');
    if (me.data && route.name === 'funnels' && me.data.role === 'manager' && location.hash.replace('#', '') in { '': 1, '/': 1 }) navigate('/inbox');
  }, [me.data, route.name]);
  if (route.name === 'login') return <LoginPage />;
  if (me.isLoading || !me.data) return <div className="center">{t('common.loading')}</div>;
  const p = route.params;
  const page =
    route.name === 'funnels' ? <FunnelListPage /> :
    route.name === 'editor' ? <EditorPage funnelId={p[0]} /> :
    route.name === 'version' ? <EditorPage funnelId={p[0]} version={Number(p[1])} /> :
    route.name === 'inbox' ? <InboxPage /> :
    route.name === 'task' ? <InboxPage taskId={p[0]} /> :
    route.name === 'contacts' ? <ContactsPage /> :
    route.name === 'contact' ? <ContactPage contactId={p[0]} /> :
    route.name === 'messages' ? <MessagesPage /> :
    route.name === 'settings' ? <SettingsPage /> :
    <p>{t('common.notFound')}</p>;
  return (
    <Layout me={me.data}>
      <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>{page}</Suspense>
    </Layout>
  );
}
