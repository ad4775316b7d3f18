import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import type { OutboxDto } from '../../../shared/api/types.ts';
import { senderContact, testMessages } from '../../../shared/engine/testMessage.ts';
import { templateVariables } from '../../../shared/engine/template.ts';
import { ADDRESS_ATTRIBUTE } from '../../../shared/format/common.ts';
import type { Contact } from '../../../shared/engine/types.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { api } from '../api/client.ts';
import { useMe } from '../app/session.ts';
import { useSaveState } from '../editor/autosave.ts';
import { errorStatus } from '../lists/errors.ts';
import { useEditor } from '../editor/store.ts';
import { browserKnows } from '../editor/browserLocale.ts';
import { useT } from '../i18n/i18n.ts';
import { useEventExample } from './eventExample.ts';
import { useForm } from './formContext.ts';

/** The address last used for a channel's tests (storage may be unavailable: then none). */
const remembered = (channel: string, to?: string): string => {
  try {
    if (to !== undefined) localStorage.setItem(`voronka.testSend.${channel}`, to);
    return localStorage.getItem(`voronka.testSend.${channel}`) ?? '';
  } catch {
    return '';
  }
};

const NO_VALUES: Record<string, string> = {};

/** The keys of `{{event.data.…}}` and `{{lastEvent.data.…}}` a node's texts read, in order of first use (one example serves both). */
function eventDataKeys(data: unknown): string[] {
  const texts = JSON.stringify(data ?? {});
  return [...new Set(templateVariables(texts).flatMap((v) => (v.valid ? (/^(?:event|lastEvent)\.data\.(.+)$/.exec(v.path)?.slice(1) ?? []) : [])))];
}

/** The typed values as event data (`webinar.startsAt` nests), empty ones left out. */
function eventObject(keys: string[], values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = values[k]?.trim();
    if (!v) continue;
    const parts = k.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) at = (at[p] = typeof at[p] === 'object' && at[p] !== null ? at[p] : {}) as Record<string, unknown>;
    at[parts[parts.length - 1]] = v;
  }
  return out;
}

/**
 * The variables of a preview that print as nothing, said apart: a contact's (with a word when no
 * contact of the base has such an attribute — a typo?) and the start event's (type an example).
 */
function EmptyVariables({ empty, known }: { empty: string[]; known?: string[] }) {
  const { t } = useT();
  const isEvent = (v: string) => v.startsWith('event.') || v.startsWith('lastEvent.');
  const ofEvent = empty.filter(isEvent);
  // only a contact's own data can be empty "for this contact"; another root printing nothing is an unknown variable, which the field's error names
  const others = empty.filter((v) => v.startsWith('contact.'));
  const list = (vs: string[]) => vs.map((v) => `{{${v}}}`).join(', ');
  // contact attributes no contact has at all: likely misspelt ({{contact.fistName}})
  const unknown = known ? others.filter((v) => !known.includes(v.split('.')[1])) : [];
  if (others.length === 0 && ofEvent.length === 0) return null;
  return (
    <div className="ed-hint ed-hint-warn" data-testid="message-preview-empty">
      {others.length > 0 && <div>{t('test.emptyVars', { vars: list(others), n: others.length })}</div>}
      {unknown.length > 0 && <div data-testid="message-preview-unknown">{t('test.unknownAttrs', { vars: list(unknown), n: unknown.length })}</div>}
      {ofEvent.length > 0 && <div>{t('test.emptyEventVars', { vars: list(ofEvent), n: ofEvent.length })}</div>}
    </div>
  );
}

/**
 * "Send a test" under a message: the node's message from the saved draft (unsaved edits are
 * saved first), filled in with a contact's data or the sender's own, goes out at once to the
 * address given — or to the dev outbox when the channel is not set up.
 */
export function TestSend({ channel }: { channel: string }) {
  const f = useForm();
  const { t } = useT();
  const me = useMe().data;
  const funnelId = useEditor((s) => s.doc?.id);
  const addressed = channel in ADDRESS_ATTRIBUTE;
  const [to, setTo] = useState(() => remembered(channel) || (channel === 'email' ? (me?.email ?? '') : ''));
  const [contactId, setContactId] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ rows?: OutboxDto[]; error?: string } | null>(null);
  // the preview: the message as the test contact (or the sender) would get it, as the draft is now
  const previewId = useDeferredValue(contactId.trim());
  const picked = useQuery({ queryKey: ['contact', previewId], queryFn: () => api.contact(previewId), enabled: previewId !== '', retry: false });
  // the attribute names the base has (shared with the variable chips), to tell a typo from a gap
  const known = useQuery({ queryKey: ['attribute-keys'], queryFn: api.attributeKeys, staleTime: 60_000, retry: false });
  const doc = useEditor((s) => s.doc);
  // how the funnel's messages write amounts and dates: the server may know a language this browser does not
  const locale = doc?.settings?.locale;
  const sample: Contact = picked.data ?? senderContact(me?.name ?? '', me?.email);
  // the start event's data the message reads ({{event.data.startsAt}}): typed here for the preview and the test
  const node = doc?.nodes.find((n) => n.id === f.scope);
  const eventKeys = node ? eventDataKeys(node.data) : [];
  const eventValues = useEventExample((s) => (funnelId ? s.byFunnel[funnelId] : undefined)) ?? NO_VALUES;
  const setEventValue = (k: string, v: string) => funnelId && useEventExample.getState().set(funnelId, k, v);
  const eventData = eventObject(eventKeys, eventValues);
  const preview = doc ? testMessages(doc as Funnel, f.scope, sample, Date.now(), eventData) : null;
  if (f.readOnly || !funnelId || !me || !['admin', 'marketer', 'qa'].includes(me.role)) return null;

  const send = async () => {
    setBusy(true);
    setResult(null);
    try {
      if (!(await useSaveState.getState().flush())) throw new Error(t('test.unsaved', { error: useSaveState.getState().error ?? '' }));
      const rows = await api.testSend(funnelId, f.scope, {
        ...(contactId.trim() ? { contactId: contactId.trim() } : {}),
        ...(addressed && to.trim() ? { to: to.trim() } : {}),
        ...(Object.keys(eventData).length ? { eventData } : {}),
      });
      if (addressed && to.trim()) remembered(channel, to.trim());
      setResult({ rows });
    } catch (e) {
      setResult({ error: errorStatus(e) === 404 && contactId.trim() ? t('test.noContact', { id: contactId.trim() }) : (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const canSend = !busy && (!addressed || to.trim() !== '' || contactId.trim() !== '');
  return (
    <fieldset className="ed-group" data-testid="test-send">
      <legend>{t('test.title')}</legend>
      {addressed && (
        <div className="ed-field">
          <label htmlFor={`${f.scope}-test-to`}>{t('test.to')}</label>
          <input id={`${f.scope}-test-to`} value={to} onChange={(e) => setTo(e.target.value)} placeholder={t(`test.placeholder.${channel}`)} data-testid="test-send-to" />
        </div>
      )}
      <div className="ed-field">
        <label htmlFor={`${f.scope}-test-contact`}>{t('test.contact')}</label>
        <input id={`${f.scope}-test-contact`} className="ed-mono" value={contactId} onChange={(e) => setContactId(e.target.value)} placeholder={t('test.contactPlaceholder')} data-testid="test-send-contact" />
        <div className="ed-hint">{t('test.contactHint')}</div>
      </div>
      {eventKeys.length > 0 && (
        <div className="ed-field" data-testid="test-event-data">
          <span className="ed-label">{t('test.eventData')}</span>
          {eventKeys.map((k) => (
            <div key={k} className="ed-field-inline ed-event-key">
              <label htmlFor={`${f.scope}-test-event-${k}`} className="ed-mono">
                {k}
              </label>
              <input id={`${f.scope}-test-event-${k}`} name={`event.data.${k}`} value={eventValues[k] ?? ''} onChange={(e) => setEventValue(k, e.target.value)} />
            </div>
          ))}
          <div className="ed-hint">{t('test.eventDataHint')}</div>
        </div>
      )}
      {preview?.ok &&
        preview.messages.map((m, i) => (
          <div key={i} className="ed-preview" data-testid="message-preview">
            <div className="ed-hint">
              {t('test.preview')}
              {previewId && picked.isError ? ` · ${t('test.previewNoContact', { id: previewId })}` : ''}
            </div>
            {m.subject !== undefined && <b data-testid="message-preview-subject">{m.subject}</b>}
            {m.channel === 'email' ? (
              // the email's own HTML, drawn where it can run nothing (no scripts, no forms, no navigation)
              <iframe className="ed-preview-mail" sandbox="" srcDoc={`<!doctype html><meta charset="utf-8"><body style="font:13px/1.45 system-ui,sans-serif;margin:8px">${m.body.replace(/\r?\n/g, '<br>')}</body>`} title={t('test.preview')} data-testid="message-preview-body" />
            ) : (
              <div className="ed-preview-text" data-testid="message-preview-body">
                {m.body}
              </div>
            )}
            {m.empty.length > 0 && <EmptyVariables empty={m.empty} known={known.data?.keys} />}
            {locale && !browserKnows(locale) && (
              <div className="ed-hint" data-testid="message-preview-locale">
                {t('test.previewLocale', { locale })}
              </div>
            )}
            {m.unformatted.length > 0 && (
              <div className="ed-hint ed-hint-warn" data-testid="message-preview-not-dates">
                {m.unformatted.map((x) => (
                  <div key={`${x.path}|${x.filter}`}>{t(x.filter === 'money' ? 'test.notAmount' : 'test.notDate', { path: `{{${x.path}}}`, value: x.value })}</div>
                ))}
              </div>
            )}
          </div>
        ))}
      <button type="button" onClick={() => void send()} disabled={!canSend} data-testid="test-send-go">
        {busy ? t('test.sending') : t('test.send')}
      </button>
      {result?.error && (
        <p className="error" role="alert" data-testid="test-send-result" data-status="error">
          {result.error}
        </p>
      )}
      {result?.rows?.map((m) => (
        <p key={m.id} className={m.status === 'failed' ? 'error' : 'ed-muted'} data-testid="test-send-result" data-status={m.status}>
          {m.status === 'sent' ? t('test.sent', { to: String((m.payload as { to?: string }).to ?? ''), reply: m.reply ?? '' }) : m.status === 'dev' ? t('test.dev') : t('test.failed', { error: m.lastError ?? '' })}
          {m.payload.subject && (
            <>
              <br />
              <b>{m.payload.subject}</b>
            </>
          )}
        </p>
      ))}
    </fieldset>
  );
}
