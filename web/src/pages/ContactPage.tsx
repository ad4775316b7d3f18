import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import { useMe } from '../app/session.ts';
import { ConfirmDialog } from '../lists/Dialog.tsx';
import '../i18n/messages/lists.ts';
import { AddOrderDialog } from '../lists/AddOrderDialog.tsx';
import { EnrollDialog } from '../lists/EnrollDialog.tsx';
import { AttributeTable } from '../lists/AttributeTable.tsx';
import { contactName } from '../lists/contactName.ts';
import { errorStatus, errorText } from '../lists/errors.ts';
import { useWorkspaceCurrency } from '../app/workspace.ts';
import { SegmentBadges } from '../lists/SegmentBadges.tsx';
import { useFormat } from '../lists/format.ts';
import { EditContactDialog } from '../lists/EditContactDialog.tsx';
import { ContactClock } from '../lists/ContactClock.tsx';
import { ContactTasks } from '../lists/ContactTasks.tsx';
import { EventList } from '../lists/EventList.tsx';
import { MessageList } from '../lists/MessageList.tsx';
import { RunList } from '../lists/RunList.tsx';
import { Suppressions } from '../lists/Suppressions.tsx';
import { useServerNow } from '../lists/useServerNow.ts';
import { useProductNames } from '../lists/useProductNames.ts';

/** One contact: attributes, consents, segments, tags, orders and every run with its path. */
export function ContactPage({ contactId }: { contactId: string }) {
  const { t, date, money, maybe } = useFormat();
  const workspaceCurrency = useWorkspaceCurrency();
  const productName = useProductNames();
  const contact = useQuery({ queryKey: ['contact', contactId], queryFn: () => api.contact(contactId) });
  const role = useMe().data?.role;
  const now = useServerNow();
  const canEdit = role === 'admin' || role === 'marketer';
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [ordering, setOrdering] = useState(false);
  const [enrolling, setEnrolling] = useState(false);
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.deleteContact(contactId),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['contacts'] });
      navigate('/contacts');
    },
  });

  if (contact.isLoading) return <p className="muted">{t('common.loading')}</p>;
  if (contact.error || !contact.data)
    return (
      <section className="ls-page" data-testid="contact-page">
        <p className="ls-empty">{errorStatus(contact.error) === 404 ? t('contact.notFound', { id: contactId }) : errorText(contact.error)}</p>
        <a href="#/contacts">← {t('contact.back')}</a>
      </section>
    );
  const c = contact.data;
  const consents = Object.entries(c.consents).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="ls-page" data-testid="contact-page" data-id={c.id}>
      <a href="#/contacts" className="ls-back">
        ← {t('contact.back')}
      </a>
      <h1>
        {contactName(c)} <span className="muted ls-small">{c.id}</span>
        {canEdit && (
          <button className="ls-h1-action" onClick={() => setEditing(true)} data-testid="contact-edit-open">
            {t('contact.edit')}
          </button>
        )}
        {canEdit && (
          <button className="ls-h1-action link ls-danger-link" onClick={() => setDeleting(true)} data-testid="contact-delete">
            {t('contact.delete')}
          </button>
        )}
      </h1>
      {editing && <EditContactDialog contact={c} onClose={() => setEditing(false)} />}
      {deleting && (
        <ConfirmDialog
          title={t('contact.delete.title')}
          text={t('contact.delete.text', { name: contactName(c) })}
          confirmLabel={t('common.delete')}
          busy={remove.isPending}
          error={remove.error ? errorText(remove.error) : null}
          onConfirm={() => remove.mutate()}
          onClose={() => setDeleting(false)}
        />
      )}
      <p className="ls-sub">{t('contact.dates', { created: date(c.createdAt), updated: date(c.updatedAt) })}</p>
      <ContactClock zone={c.attributes.timezone} now={now} zoneNote />
      <div className="ls-contact-grid">
        <div className="ls-col">
          <section className="card">
            <h2>{t('contact.attributes')}</h2>
            <AttributeTable attributes={c.attributes} />
          </section>
          <section className="card" data-testid="contact-consents">
            <h2>{t('contact.consents')}</h2>
            {consents.length === 0 ? (
              <p className="muted">{t('contact.noConsents')}</p>
            ) : (
              <ul className="ls-plain">
                {consents.map(([ch, yes]) => (
                  <li key={ch} data-channel={ch}>
                    <span className={yes ? 'ls-dot ls-dot-ok' : 'ls-dot ls-dot-no'} aria-hidden="true" /> {maybe(`channel.${ch}`, ch)}: {t(yes ? 'contact.consentGiven' : 'contact.consentRefused')}
                  </li>
                ))}
              </ul>
            )}
            {c.suppressed && <Suppressions contactId={c.id} suppressed={c.suppressed} canEdit={canEdit} />}
          </section>
          <section className="card">
            <h2>{t('contact.segments')}</h2>
            {c.segments.length ? (
              <SegmentBadges segments={c.segments} />
            ) : (
              <p className="muted">{t('contact.noSegments')}</p>
            )}
            <h2 className="ls-mt">{t('contact.tags')}</h2>
            {c.tags.length ? c.tags.map((tag) => <span key={tag} className="badge ls-tag">{tag}</span>) : <p className="muted">{t('contact.noTags')}</p>}
          </section>
        </div>
        <div className="ls-col">
          <section className="card" data-testid="contact-orders">
            <h2>
              {t('contact.orders')}
              {canEdit && (
                <button className="ls-h1-action" onClick={() => setOrdering(true)} data-testid="order-add-open">
                  + {t('contact.order.add')}
                </button>
              )}
            </h2>
            {ordering && <AddOrderDialog contactId={c.id} onClose={() => setOrdering(false)} />}
            {c.orders.length === 0 ? (
              <p className="muted">{t(c.payments?.length ? 'contact.noOrdersButPayments' : 'contact.noOrders')}</p>
            ) : (
              <div className="ls-scroll-x">
                <table className="ls-table ls-compact">
                  <thead>
                    <tr>
                      <th>{t('contact.order.id')}</th>
                      <th>{t('contact.order.sku')}</th>
                      <th className="ls-num">{t('contact.order.amount')}</th>
                      <th>{t('contact.order.status')}</th>
                      <th>{t('contact.order.at')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.orders.map((o) => (
                      <tr key={o.id} data-testid={`order-${o.id}`}>
                        {/* a manager's deal is recorded under its task, not a number anyone gave it: it links to the task */}
                        <td>
                          {typeof o.data?.taskId === 'string' ? (
                            <a href={`#/inbox/${encodeURIComponent(o.data.taskId)}`} data-testid="order-task">
                              {t('contact.order.dealTask')}
                            </a>
                          ) : (
                            o.id
                          )}
                        </td>
                        {/* a deal a manager closed by phone has no product of its own: say so */}
                        <td data-testid="order-product">
                          {o.sku ? (
                            productName(o.sku) ? (
                              <>
                                {productName(o.sku)} <span className="muted ls-small">{o.sku}</span>
                              </>
                            ) : (
                              o.sku
                            )
                          ) : typeof o.data?.taskId === 'string' ? (
                            <span className="muted" data-testid="order-deal">
                              {t('contact.order.deal')}
                            </span>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td className="ls-num ls-nowrap">{money(o.amount, o.currency)}</td>
                        <td>{maybe(`order.${o.status}`, o.status)}</td>
                        <td className="ls-nowrap">{date(o.at)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {/* payments that came as events of their own (subscription.paid): money the funnels counted, not orders */}
            {c.payments && c.payments.length > 0 && (
              <ul className="ls-plain ls-mt" data-testid="contact-payments">
                {c.payments.map((p, i) => (
                  <li key={i}>
                    {t('inbox.paymentEvent', { type: p.type })} — <b>{money(p.amount, p.currency ?? workspaceCurrency)}</b> <span className="muted ls-small">{date(p.at)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card">
            <h2>
              {t('contact.runs')}
              {canEdit && (
                <button className="ls-h1-action" onClick={() => setEnrolling(true)} data-testid="enroll-open">
                  + {t('contact.enroll')}
                </button>
              )}
            </h2>
            {enrolling && <EnrollDialog contactId={c.id} onClose={() => setEnrolling(false)} />}
            <RunList contactId={c.id} />
          </section>
          <section className="card">
            <h2>{t('contact.tasks')}</h2>
            <ContactTasks contactId={c.id} />
          </section>
          <section className="card">
            <h2>{t('contact.messages')}</h2>
            <div className="ls-scroll-x">
              <MessageList contactId={c.id} />
            </div>
          </section>
          <section className="card">
            <h2>{t('contact.events')}</h2>
            <EventList contactId={c.id} />
          </section>
        </div>
      </div>
    </section>
  );
}
