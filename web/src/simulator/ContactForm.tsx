import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { Contact } from '../../../shared/engine/types.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { Scenario } from '../../../shared/format/scenario.ts';
import { useT } from '../i18n/i18n.ts';
import { useZoneOptions } from '../app/zones.ts';
import { zoneLabel } from '../../../shared/format/zones.ts';
import { CHANNELS, draftFromContact, draftZone, presets, sampleInLanguage } from './contactDraft.ts';
import { KeyValueRows } from './KeyValueRows.tsx';
import { useSimulation } from './useSimulation.ts';
import { VariantPicker } from './VariantPicker.tsx';

/** Channels the funnel sends on come first among the consent checkboxes. */
function usedChannels(funnel: Funnel): Set<string> {
  const out = new Set<string>();
  for (const n of funnel.nodes) {
    const d = (n.data ?? {}) as { channel?: unknown; message?: { channel?: unknown } };
    if (typeof d.channel === 'string') out.add(d.channel);
    if (typeof d.message?.channel === 'string') out.add(d.message.channel);
  }
  return out;
}

const BLANK = '\u0000blank';

/** The test contact (preset, from a saved scenario, or edited by hand) and the start of the virtual clock. */
export function ContactForm({ funnel, scenarios }: { funnel: Funnel; scenarios: unknown[] }) {
  const { t, lang, maybe } = useT();
  const consentWords = (c: Contact) => {
    const agreed = Object.entries(c.consents ?? {}).filter(([, v]) => v).map(([ch]) => maybe(`channel.${ch}`, ch));
    return agreed.length ? t('sim.contact.agreed', { channels: agreed.join(', ') }) : t('sim.contact.noConsents');
  };
  const draft = useSimulation((s) => s.draft);
  const setDraft = useSimulation((s) => s.setDraft);
  const funnelZone = funnel.settings?.timezone;
  // a sample contact still as given follows the UI language (which may arrive with the login, after this state was made)
  useEffect(() => {
    const swapped = sampleInLanguage(draft, lang, funnelZone);
    if (swapped) setDraft(swapped);
  }, [lang, draft, funnelZone, setDraft]);
  const samples = presets(lang).length;
  const choices = useMemo(() => {
    const out: Contact[] = presets(lang, funnelZone);
    for (const raw of scenarios) {
      const p = Scenario.safeParse(raw);
      if (p.success && !out.some((c) => c.id === p.data.contact.id))
        out.push({ id: p.data.contact.id, attributes: p.data.contact.attributes ?? {}, consents: p.data.contact.consents ?? {}, segments: p.data.contact.segments ?? [] });
    }
    return out;
  }, [scenarios, lang, funnelZone]);
  const used = usedChannels(funnel);
  const channels = [...CHANNELS.filter((c) => used.has(c)), ...CHANNELS.filter((c) => !used.has(c))];
  const zone = draftZone(draft, funnel);
  const zones = useZoneOptions(draft.timezone);
  const chosen = choices.find((c) => c.id === draft.id);
  // a real contact's data, to walk them through the funnel as they are (e.g. to see why they got what they got)
  const [realId, setRealId] = useState('');
  const [loading, setLoading] = useState<'idle' | 'busy' | 'missing' | 'failed'>('idle');
  const loadReal = async () => {
    setLoading('busy');
    try {
      const c = await api.contact(realId.trim());
      setDraft(draftFromContact(c, draft.start));
      setLoading('idle');
    } catch (e) {
      setLoading(e instanceof ApiError && e.status === 404 ? 'missing' : 'failed');
    }
  };

  return (
    <fieldset className="sim-contact">
      <legend>{t('sim.contact')}</legend>
      <label>
        {t('sim.contact.preset')}
        <select name="contact.preset" value={chosen ? chosen.id : ''} onChange={(e) => {
          // a blank contact: nothing carried over from the one walked before
          const c = e.target.value === BLANK ? { id: 'qa-new', attributes: {}, consents: {} } : choices.find((x) => x.id === e.target.value);
          if (c) setDraft(draftFromContact(c, draft.start));
        }}>
          <option value="">{t('sim.contact.custom')}</option>
          <option value={BLANK}>{t('sim.contact.blank')}</option>
          {/* built-in samples apart from the contacts of this funnel's saved scenarios */}
          {[
            ['sim.contact.samples', choices.slice(0, samples)],
            ['sim.contact.fromScenarios', choices.slice(samples)],
          ].map(([label, list]) =>
            (list as Contact[]).length ? (
              <optgroup key={label as string} label={t(label as string)}>
                {(list as Contact[]).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.id}
                    {typeof c.attributes.firstName === 'string' ? ` — ${c.attributes.firstName}` : ''}
                    {/* what the contact agreed to: a walk without consent skips marketing, and the tester should know before choosing */}
                    {` (${consentWords(c)})`}
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
        </select>
      </label>
      <div className="sim-real">
        <input
          name="contact.real"
          value={realId}
          placeholder={t('sim.contact.realPlaceholder')}
          onChange={(e) => {
            setRealId(e.target.value);
            setLoading('idle');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && realId.trim()) {
              e.preventDefault();
              void loadReal();
            }
          }}
          data-testid="sim-real-id"
        />
        <button type="button" onClick={() => void loadReal()} disabled={!realId.trim() || loading === 'busy'} data-testid="sim-real-load">
          {t('sim.contact.realLoad')}
        </button>
      </div>
      {loading === 'missing' && <p className="error sim-small" data-testid="sim-real-error">{t('sim.contact.realMissing', { id: realId.trim() })}</p>}
      {loading === 'failed' && <p className="error sim-small" data-testid="sim-real-error">{t('sim.contact.realFailed')}</p>}
      <label>
        {t('sim.contact.id')}
        <input name="contact.id" value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} />
      </label>
      <VariantPicker funnel={funnel} />
      <label>
        {t('sim.contact.timezone')}
        <select name="attr.timezone" value={draft.timezone} onChange={(e) => setDraft({ ...draft, timezone: e.target.value })}>
          <option value="">{t('sim.contact.funnelZone', { zone: zoneLabel(funnel.settings?.timezone ?? 'UTC', lang, Date.now()) })}</option>
          {zones.map((z) => (
            <option key={z.value} value={z.value}>
              {z.label}
            </option>
          ))}
        </select>
      </label>
      <div className="sim-field">
        <span className="sim-caption">{t('sim.contact.attributes')}</span>
        <KeyValueRows rows={draft.attrs} prefix="attr." testid="sim-attrs" onChange={(attrs) => setDraft({ ...draft, attrs })} />
      </div>
      <div className="sim-field">
        <span className="sim-caption">{t('sim.contact.consents')}</span>
        <div className="sim-consents">
          {channels.map((c) => (
            <label key={c} className={`sim-check${used.has(c) ? ' sim-used' : ''}`}>
              <input type="checkbox" name={`consent.${c}`} checked={!!draft.consents[c]} onChange={(e) => setDraft({ ...draft, consents: { ...draft.consents, [c]: e.target.checked } })} />
              {t(`channel.${c}`)}
            </label>
          ))}
        </div>
      </div>
      <label>
        {t('sim.contact.segments')}
        <input name="contact.segments" placeholder="sleeping, vip" value={draft.segments} onChange={(e) => setDraft({ ...draft, segments: e.target.value })} />
      </label>
      <label>
        {t('sim.start.at', { zone })}
        <input type="datetime-local" name="start" value={draft.start} onChange={(e) => setDraft({ ...draft, start: e.target.value })} />
      </label>
    </fieldset>
  );
}
