import { useMemo, useState } from 'react';
import type { FunnelDto } from '../../../shared/api/types.ts';
import { CURRENCIES } from '../../../shared/format/currency.ts';
import { funnelCurrency } from '../../../shared/format/funnel.ts';
import { api } from '../api/client.ts';
import { useNewFunnelZone, useWorkspaceCurrency } from '../app/workspace.ts';
import { englishLocale, useT } from '../i18n/i18n.ts';
import { MESSAGE_LOCALES, localeExample } from '../editor/messageLocales.ts';
import '../i18n/messages/editor.ts';
import { Dialog, FormButtons } from './Dialog.tsx';
import { errorStatus, errorText } from './errors.ts';
import { copyFunnel, emptyFunnel, templateScenarios, templatesIn, withCurrency } from './funnelTemplates.ts';
import { slugify } from './slug.ts';

/** Currencies whose customers read Russian by default: a funnel priced in them writes its messages in Russian, whatever the marketer's UI. */
const RUSSIAN_READERS = new Set(['RUB', 'BYN', 'KZT']);

/**
 * «Новая воронка»: a name, an id suggested from it (until the user types their own), a start — an
 * empty funnel or one of the example funnels as a template — and its currency (the workspace's
 * unless chosen). Its messages write amounts and dates in Russian for a funnel in roubles (tenge, Belarusian roubles), else in the UI's language, unless chosen.
 */
export function NewFunnelDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (f: FunnelDto) => void }) {
  const { t, lang, currencySign, maybe } = useT();
  const templates = useMemo(() => templatesIn(lang), [lang]);
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [template, setTemplate] = useState('empty');
  const workspaceCurrency = useWorkspaceCurrency();
  const [currency, setCurrency] = useState<string | null>(null);
  const [locale, setLocale] = useState<string | null>(null);
  const newFunnelZone = useNewFunnelZone();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const changeName = (v: string) => {
    setName(v);
    if (!idTouched) setId(slugify(v));
  };
  const changeTemplate = (v: string) => {
    setTemplate(v);
    const tpl = templates.find((f) => f.id === v);
    if (tpl && !name.trim()) changeName(tpl.name);
  };
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const tpl = templates.find((f) => f.id === template);
      // a new funnel is in the chosen currency (the workspace's by default) and the workspace's time zone unless its template names one
      // (with no zone, dates in its messages would be written in UTC: 16:00 for a 19:00 Moscow webinar);
      // a template's products follow the chosen currency (their prices are the user's to set)
      const money = currency ?? tpl?.settings?.currency ?? workspaceCurrency;
      const made = tpl ? withCurrency(copyFunnel(tpl, id.trim(), name.trim()), funnelCurrency(tpl), money) : emptyFunnel(id.trim(), name.trim());
      const settings = {
        ...made.settings,
        // written in even when it is roubles, the format's default: the settings say it, and the funnel keeps it if the workspace's changes
        currency: money,
        ...(!made.settings?.timezone ? { timezone: newFunnelZone } : {}),
        ...(!made.settings?.locale && messagesLocale ? { locale: messagesLocale } : {}),
      };
      const funnel = { ...made, settings };
      const dto = await api.createFunnel(funnel);
      // a template's saved QA walks come with it: publishing checks them, as for any funnel
      const scenarios = tpl ? templateScenarios(tpl.id, dto.id, lang) : [];
      onCreated(scenarios.length ? await api.saveScenarios(dto.id, scenarios) : dto);
    } catch (e) {
      setError(errorStatus(e) === 409 ? t('fl.new.idTaken', { id: id.trim() }) : errorText(e));
      setBusy(false);
    }
  };
  const chosenTemplate = templates.find((f) => f.id === template);
  const chosen = currency ?? chosenTemplate?.settings?.currency ?? workspaceCurrency;
  // how its messages write amounts and dates: a template's texts are in the UI's language, so its
  // messages are written in it too; an empty funnel in roubles is for Russian readers, whatever the
  // marketer's UI; else the UI's language — unless chosen
  const messagesLocale = locale ?? (lang === 'en' && (chosenTemplate || !RUSSIAN_READERS.has(chosen)) ? englishLocale() : '');
  // a template priced in another currency: its prices are numbers in that one, to be looked at
  const repriced = !!chosenTemplate && chosenTemplate.nodes.some((n) => JSON.stringify(n.data ?? {}).includes('"price"')) && funnelCurrency(chosenTemplate) !== chosen;
  const idOk = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id.trim());
  const valid = name.trim() !== '' && idOk;

  return (
    <Dialog title={t('fl.new.title')} onClose={onClose} testId="new-funnel-dialog" dirty={name.trim() !== ''}>
      <form
        className="ls-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && !busy) void create();
        }}
      >
        <label>
          {t('fl.new.name')}
          <input value={name} onChange={(e) => changeName(e.target.value)} placeholder={t('fl.new.namePlaceholder')} data-testid="new-funnel-name" autoFocus required />
        </label>
        <label>
          {t('fl.new.id')}
          <input
            value={id}
            onChange={(e) => {
              setIdTouched(true);
              setId(e.target.value);
            }}
            aria-invalid={id !== '' && !idOk}
            data-testid="new-funnel-id"
            required
          />
          <span className={id !== '' && !idOk ? 'ls-hint ls-bad' : 'ls-hint'}>{t('fl.new.idHint')}</span>
        </label>
        <label>
          {t('fl.new.start')}
          <select value={template} onChange={(e) => changeTemplate(e.target.value)} data-testid="new-funnel-template">
            <option value="empty">{t('fl.new.empty')}</option>
            {templates.map((f) => (
              <option key={f.id} value={f.id}>
                {t('fl.new.fromTemplate', { name: f.name })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fl.new.currency')}
          <select value={chosen} onChange={(e) => setCurrency(e.target.value)} data-testid="new-funnel-currency">
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c} · {currencySign(c)}
              </option>
            ))}
          </select>
          <span className="ls-hint">{t('fl.new.currencyHint')}</span>
          {repriced && (
            <span className="ls-hint ls-warn-text" data-testid="new-funnel-reprice">
              {t('fl.new.reprice', { from: funnelCurrency(chosenTemplate), to: chosen })}
            </span>
          )}
        </label>
        {!chosenTemplate?.settings?.locale && (
          <label>
            {t('settings.locale')}
            <select value={messagesLocale} onChange={(e) => setLocale(e.target.value)} data-testid="new-funnel-locale">
              {/* «(default)» would be wrong here: the choice made for this funnel is preselected */}
              <option value="">{t('settings.localeRussian', { example: localeExample('ru-RU', chosen) ?? '' })}</option>
              {[...new Set([...MESSAGE_LOCALES, englishLocale()])].map((l) => (
                <option key={l} value={l}>
                  {maybe(`settings.locale.${l}`, l)}: {localeExample(l, chosen) ?? t('settings.localeNoExample')}
                </option>
              ))}
            </select>
          </label>
        )}
        {error && (
          <p className="error" role="alert" data-testid="new-funnel-error">
            {error}
          </p>
        )}
        <FormButtons onCancel={onClose} submit={t('fl.new.create')} disabled={!valid || busy} testId="new-funnel-create" />
      </form>
    </Dialog>
  );
}
