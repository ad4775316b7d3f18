import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usePhoneText } from '../app/workspace.ts';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import { useMe } from '../app/session.ts';
import { useT } from '../i18n/i18n.ts';
import '../i18n/messages/lists.ts';
import { ConsentIcons } from '../lists/ConsentIcons.tsx';
import { fullName } from '../lists/contactName.ts';
import { CustomerMetrics } from '../lists/CustomerMetrics.tsx';
import { CsvImport } from '../lists/CsvImport.tsx';
import { EditContactDialog } from '../lists/EditContactDialog.tsx';
import { errorText } from '../lists/errors.ts';
import { useDebounced } from '../lists/useDebounced.ts';

const PAGE = 50;

/** Contacts: search, the list with consents and tags, CSV import. */
/** A suggested id for a contact added by hand: the day and a few random letters (`manual-20261124-k3x9`). */
const newContactId = () => `manual-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${Math.random().toString(36).slice(2, 6)}`;

export function ContactsPage() {
  // a Russian spreadsheet separates cells by semicolons (its decimal mark is the comma): the export follows the UI's language
  const { t, date, lang } = useT();
  const readablePhone = usePhoneText();
  const me = useMe().data;
  const canImport = me?.role === 'admin' || me?.role === 'marketer';
  // a manager looks clients up; the whole base's export and its money are not theirs to take
  const seesBase = !!me && me.role !== 'manager';
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE);
  // a tag clicked in the list shows only the contacts that have it
  const [tag, setTag] = useState<string | null>(null);
  const query = useDebounced(search.trim(), 300);
  const list = useQuery({ queryKey: ['contacts', query, limit, tag], queryFn: () => api.contacts(query || undefined, limit, 0, tag ?? undefined), placeholderData: keepPreviousData });
  const contacts = list.data ?? [];

  return (
    <section className="ls-page" data-testid="contacts">
      <div className="ls-head">
        <h1>{t('contacts.title')}</h1>
        <div className="spacer" />
        <input
          type="search"
          className="ls-search"
          placeholder={t('contacts.search')}
          aria-label={t('common.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setLimit(PAGE);
          }}
          data-testid="contacts-search"
        />
        {seesBase && (
          <a className="button" href={api.contactsExportUrl(query || undefined, tag ?? undefined, lang === 'ru' ? ';' : undefined)} download="contacts.csv" data-testid="contacts-export">
            {query || tag ? t('contacts.exportFound') : t('contacts.export')}
          </a>
        )}
        {canImport && (
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="contact-new">
            {t('contact.new')}
          </button>
        )}
      </div>
      {creating && (
        <EditContactDialog
          contact={{ id: newContactId(), attributes: {}, consents: {}, tags: [], segments: [], createdAt: 0, updatedAt: 0 }}
          onClose={() => setCreating(false)}
          create={{ onCreated: (id) => navigate(`/contacts/${encodeURIComponent(id)}`) }}
        />
      )}
      {tag && (
        <p className="ls-filter" data-testid="contacts-tag-filter">
          {t('contacts.tagFilter')} <span className="badge ls-tag">{tag}</span>{' '}
          <button type="button" className="link" onClick={() => setTag(null)} data-testid="contacts-tag-clear">
            {t('contacts.tagClear')}
          </button>
        </p>
      )}
      {seesBase && <CustomerMetrics />}
      {canImport && <CsvImport />}
      {list.isLoading && <p className="muted">{t('common.loading')}</p>}
      {list.error && <p className="error">{errorText(list.error)}</p>}
      {list.data && contacts.length === 0 && <p className="ls-empty">{query ? t('contacts.emptySearch', { q: query }) : t(canImport ? 'contacts.empty' : 'contacts.emptyReadOnly')}</p>}
      {contacts.length > 0 && (
        // on a phone the table scrolls inside its card, the number to call right after the name
        <div className="ls-scroll-x" data-testid="contacts-table">
        <table className={list.isPlaceholderData ? 'ls-table ls-stale' : 'ls-table'}>
          <thead>
            <tr>
              <th>{t('contacts.col.id')}</th>
              <th>{t('contacts.col.name')}</th>
              <th>{t('contacts.col.phone')}</th>
              <th>{t('contacts.col.email')}</th>
              <th>{t('contacts.col.consents')}</th>
              <th>{t('contacts.col.tags')}</th>
              <th>{t('contacts.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {contacts.map((c) => (
              <tr key={c.id} className="ls-click" onClick={() => navigate(`/contacts/${encodeURIComponent(c.id)}`)} data-testid={`contact-row-${c.id}`}>
                <td className="ls-nowrap">
                  <a href={`#/contacts/${encodeURIComponent(c.id)}`} onClick={(e) => e.stopPropagation()}>
                    {c.id}
                  </a>
                </td>
                <td className="ls-strong">{fullName(c.attributes)}</td>
                {/* written as everywhere else in the app: +7 916 123-45-67 */}
                <td className="ls-nowrap" data-testid={`contact-phone-${c.id}`}>{typeof c.attributes.phone === 'string' ? readablePhone(c.attributes.phone) : ''}</td>
                <td>{typeof c.attributes.email === 'string' ? c.attributes.email : ''}</td>
                <td>
                  <ConsentIcons consents={c.consents} />
                </td>
                <td>
                  {c.tags.map((x) => (
                    <button
                      type="button"
                      key={x}
                      className="badge ls-tag ls-tag-button"
                      title={t('contacts.tagShow', { tag: x })}
                      onClick={(e) => {
                        e.stopPropagation();
                        setTag(x);
                        setLimit(PAGE);
                      }}
                      data-testid={`tag-${c.id}-${x}`}
                    >
                      {x}
                    </button>
                  ))}
                </td>
                <td className="ls-nowrap">{date(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {contacts.length >= limit && limit < 500 && (
        <button className="ls-more" onClick={() => setLimit((l) => Math.min(l + PAGE, 500))} data-testid="contacts-more">
          {t('contacts.more')}
        </button>
      )}
    </section>
  );
}
