import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ContactDto } from '../../../shared/api/types.ts';
import { CHANNELS } from '../../../shared/format/common.ts';
import { splitList } from '../../../shared/format/list.ts';
import { isValidZone } from '../../../shared/format/time.ts';
import { zoneOfCity } from '../../../shared/format/zones.ts';
import { api } from '../api/client.ts';
import '../i18n/messages/simulator.ts'; // the key/value rows' words
import { KeyValueRows } from '../simulator/KeyValueRows.tsx';
import { rowsToRecord, showValue, type KvRow } from '../simulator/kv.ts';
import { MAIN_ATTRIBUTES } from './contactName.ts';
import { internationalPhone } from '../../../shared/format/phone.ts';
import { Dialog, FormButtons } from './Dialog.tsx';
import { errorStatus, errorText } from './errors.ts';
import { useFormat } from './format.ts';
import { LIFECYCLE_PREFIX, isLifecycleSegment } from '../../../shared/format/lifecycle.ts';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** A key a template can name as `{{contact.key}}`. */
const TEMPLATE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;


/**
 * Edits a contact: attributes (a removed row removes the attribute), consents per channel, tags
 * and segments. Saving is the API's upsert, so a newly entered segment starts the funnels that
 * begin with it, exactly as it would from an integration.
 */
export function EditContactDialog({ contact, onClose, create }: { contact: ContactDto; onClose: () => void; create?: { onCreated: (id: string) => void } }) {
  const { t, maybe } = useFormat();
  const qc = useQueryClient();
  // a new contact: its id (suggested, the user's to change) and the usual attributes to fill in
  const [id, setId] = useState(contact.id);
  const startRows = create ? ['firstName', 'lastName', 'phone', 'email'].map((key) => ({ key, value: '', fixed: true })) : Object.entries(contact.attributes).map(([key, v]) => ({ key, value: showValue(v), fixed: true }));
  // stored attributes by name («Имя»), new ones typed as the key a template uses (with suggestions)
  const [rows, setRows] = useState<KvRow[]>(startRows);
  const known = useQuery({ queryKey: ['attribute-keys'], queryFn: api.attributeKeys, staleTime: 60_000, retry: false });
  const name = (k: string) => maybe(`attr.${k}`, '') || undefined;
  const suggestions = [...new Set([...MAIN_ATTRIBUTES, ...(known.data?.keys ?? [])])].filter((k) => !rows.some((r) => r.key === k)).map((key) => ({ key, name: name(key) }));
  const [consents, setConsents] = useState<Record<string, boolean>>(contact.consents);
  const [tags, setTags] = useState(contact.tags.join(', '));
  const [segments, setSegments] = useState(contact.segments.filter((s) => !isLifecycleSegment(s)).join(', '));
  // edits not saved yet: closing by Escape or a click beside the dialog asks first
  const state = JSON.stringify([rows.map((r) => [r.key, r.value]), consents, tags, segments]);
  const [initial] = useState(state);
  const zone = rows.find((r) => r.key.trim() === 'timezone')?.value.trim() ?? '';
  const badZone = zone !== '' && !isValidZone(zone);
  // an address a channel could not use: an e-mail without its domain is refused; a phone not in the
  // international format is pointed out with the number it most likely is (SMS gateways want +7…)
  const email = rows.find((r) => r.key.trim() === 'email')?.value.trim() ?? '';
  const badEmail = email !== '' && !EMAIL.test(email);
  const phone = rows.find((r) => r.key.trim() === 'phone')?.value.trim() ?? '';
  const phoneFix = phone !== '' && !/^\+\d{7,15}$/.test(phone) ? internationalPhone(phone) : null;
  const setPhone = (v: string) => setRows(rows.map((r) => (r.key.trim() === 'phone' ? { ...r, value: v } : r)));
  const save = useMutation({
    mutationFn: async () => {
      const attributes: Record<string, unknown> = rowsToRecord(rows);
      for (const k of Object.keys(contact.attributes)) if (!(k in attributes)) attributes[k] = null; // removed
      if (create) {
        // saving is an upsert: a new contact must not overwrite someone already under that id
        if (await api.contact(id.trim()).then(() => true, (e) => (errorStatus(e) === 404 ? false : Promise.reject(e)))) throw new Error(t('contact.new.idTaken', { id: id.trim() }));
        for (const [k, v] of Object.entries(attributes)) if (v === '') delete attributes[k];
      }
      return api.upsertContact({ id: create ? id.trim() : contact.id, attributes, consents, tags: splitList(tags), segments: splitList(segments) });
    },
    onSuccess: (saved) => {
      for (const key of [['contact', saved.id], ['contacts'], ['customer-metrics'], ['runs', { contactId: saved.id }], ['contact-events', saved.id]]) void qc.invalidateQueries({ queryKey: key });
      onClose();
      create?.onCreated(saved.id);
    },
  });
  return (
    <Dialog title={t(create ? 'contact.new.title' : 'contact.edit.title')} onClose={onClose} testId="contact-edit" dirty={state !== initial && !save.isSuccess}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!badZone && !badEmail && (!create || id.trim() !== '')) save.mutate();
        }}
      >
        {create && (
          <label>
            {t('contact.new.id')}
            <input name="id" value={id} onChange={(e) => setId(e.target.value)} maxLength={200} required data-testid="contact-new-id" />
            <span className="ls-small muted">{t('contact.new.idHint')}</span>
          </label>
        )}
        <h3>{t('contact.attributes')}</h3>
        <KeyValueRows rows={rows} onChange={setRows} prefix="attr." testid="contact-edit-attributes" keyName={name} suggestions={suggestions} />
        {rows
          .filter((r) => !r.fixed && r.key.trim() && !TEMPLATE_KEY.test(r.key.trim()))
          .map((r) => (
            <p key={r.key} className="ls-small ed-hint-warn" data-testid="contact-edit-key-hint">
              {t('contact.edit.keyHint', { key: r.key.trim() })}
            </p>
          ))}
        <h3>{t('contact.consents')}</h3>
        <div className="ls-checks">
          {CHANNELS.filter((c) => c !== 'webhook').map((c) => (
            <label key={c}>
              <input type="checkbox" name={`consent.${c}`} checked={consents[c] === true} onChange={(e) => setConsents({ ...consents, [c]: e.target.checked })} /> {t(`channel.${c}`)}
            </label>
          ))}
        </div>
        <label>
          {t('contact.tags')}
          <input name="tags" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="vip, b2b" />
        </label>
        <label>
          {t('contact.segments')}
          <input name="segments" value={segments} onChange={(e) => setSegments(e.target.value)} placeholder="sleeping" />
          <span className="ls-small muted">{t('contact.edit.segmentsHint')}</span>
          {/* a life-cycle one typed by hand is said at once: saving leaves it out (it follows the paid orders) */}
          {splitList(segments).some((s) => s.toLowerCase().startsWith(LIFECYCLE_PREFIX)) && (
            <span className="ls-small ls-warn-text" data-testid="contact-edit-lifecycle">
              {t('contact.edit.lifecycleTyped', { list: splitList(segments).filter((s) => s.toLowerCase().startsWith(LIFECYCLE_PREFIX)).join(', ') })}
            </span>
          )}
        </label>
        {badZone && (
          <p className="error" role="alert" data-testid="contact-edit-bad-zone">
            {zoneOfCity(zone) ? t('contact.edit.cityZone', { value: zone, zone: zoneOfCity(zone)! }) : t('contact.edit.badZone', { value: zone })}
          </p>
        )}
        {badEmail && (
          <p className="error" role="alert" data-testid="contact-edit-bad-email">
            {t('contact.edit.badEmail', { value: email })}
          </p>
        )}
        {phone !== '' && phoneFix !== null && (
          <p className="ls-small ed-hint-warn" data-testid="contact-edit-phone-hint">
            {phoneFix ? t('contact.edit.phoneFix', { value: phone, fixed: phoneFix }) : t('contact.edit.phoneOdd', { value: phone })}{' '}
            {phoneFix && (
              <button type="button" className="link" onClick={() => setPhone(phoneFix)} data-testid="contact-edit-phone-fix">
                {t('contact.edit.phoneFixGo')}
              </button>
            )}
          </p>
        )}
        {save.error && (
          <p className="error" role="alert">
            {errorText(save.error)}
          </p>
        )}
        <FormButtons onCancel={onClose} disabled={save.isPending} testId="contact-edit-save" />
      </form>
    </Dialog>
  );
}
