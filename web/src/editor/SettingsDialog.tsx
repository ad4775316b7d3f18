import { MESSAGE_LOCALES, localeExample } from './messageLocales.ts';
import { useMemo } from 'react';
import { CURRENCIES, DEFAULT_CURRENCY } from '../../../shared/format/currency.ts';
import { phoneCountryOfZone } from '../../../shared/format/zones.ts';
import { FunnelSettings, funnelCurrency, type Funnel } from '../../../shared/format/funnel.ts';
import { useZoneOptions } from '../app/zones.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { CheckboxInput, DaysInput, DurationInput, NumberInput, SelectInput, TextInput, TimeInput } from '../inspector/fields.tsx';
import { FormContext, schemaErrors, type FormApi } from '../inspector/formContext.ts';
import { ListEditor } from '../inspector/ListEditor.tsx';
import { COMMON_EVENTS } from '../inspector/options.ts';
import { RuleInput } from '../inspector/RuleBuilder.tsx';
import { getPath, setPath } from './docOps.ts';
import { useIssues } from './issues.ts';
import { Modal } from './Modal.tsx';
import { useEditor } from './store.ts';
import { useUi } from './ui.ts';

/** When a working day usually ends where the funnel is: 9 to 5 in North America, 9 to 6 in Russia and its neighbours. */
const usualEnd = (zone: string | undefined) => (phoneCountryOfZone(zone) === 'US' ? '17:00' : '18:00');

/** Drops empty objects left behind (`settings: {}`), so the saved file stays tidy. */
function tidy(doc: Funnel): Funnel {
  const s = doc.settings;
  if (!s || Object.values(s).some((v) => v !== undefined)) return doc;
  const { settings: _drop, ...rest } = doc;
  return rest as Funnel;
}

/** The form API over the document's `settings` (paths start with `settings.`). */
function useSettingsForm(): FormApi | null {
  const doc = useEditor((s) => s.doc);
  const readOnly = useEditor((s) => s.readOnly);
  const issues = useIssues((s) => s.issues);
  const lang = useLang((s) => s.lang);
  return useMemo(() => {
    if (!doc) return null;
    const errors: Record<string, string> = {};
    for (const [k, v] of Object.entries(schemaErrors(FunnelSettings, doc.settings ?? {}, lang))) errors[`settings.${k}`] = v;
    for (const i of issues) if (i.field?.startsWith('settings.')) errors[i.field] ??= i.message;
    return {
      scope: 'settings',
      readOnly,
      data: doc as unknown as Record<string, unknown>,
      get: (path) => getPath(doc, path),
      set: (path, value) => useEditor.getState().commit((d) => tidy(setPath(d, path, value) as unknown as Funnel), `settings:${path}`),
      replace: () => undefined,
      error: (path) => errors[path],
    };
  }, [doc, readOnly, issues, lang]);
}


/** Funnel-level settings: time zone, currency, how messages write amounts and dates, quiet hours, managers' working hours, events that end a run, frequency cap. */
export function SettingsDialog() {
  const { t, currencySign } = useT();
  // the same zone picker as the workspace settings and the simulator (a zone set in the JSON and not listed stays choosable)
  const zones = useZoneOptions().map((z): [string, string] => [z.value, z.label]);
  const form = useSettingsForm();
  const close = useUi((s) => s.closeSettings);
  if (!form) return null;
  const s = (form.get('settings') ?? {}) as NonNullable<Funnel['settings']>;
  return (
    <Modal title={t('settings.title')} onClose={close} testid="settings-dialog" wide>
      <FormContext.Provider value={form}>
        <form className="ed-form" onSubmit={(e) => e.preventDefault()}>
          <SelectInput path="settings.timezone" label={t('settings.timezone')} options={zones} empty={t('settings.timezoneDefault')} hint={t('hint.timezone')} />
          <SelectInput path="settings.currency" label={t('settings.currency')} options={CURRENCIES.filter((c) => c !== DEFAULT_CURRENCY).map((c) => [c, `${c} · ${currencySign(c)}`])} empty={t('settings.currencyDefault')} hint={t('hint.currency')} />
          <SelectInput
            path="settings.locale"
            label={t('settings.locale')}
            options={MESSAGE_LOCALES.map((l) => [l, `${t(`settings.locale.${l}`)}: ${localeExample(l, funnelCurrency({ settings: s })) ?? t('settings.localeNoExample')}`])}
            empty={t('settings.localeDefault', { example: localeExample('ru-RU', funnelCurrency({ settings: s })) ?? '' })}
            hint={t('hint.locale')}
          />
          <fieldset className="ed-group">
            <legend>{t('settings.quietHours')}</legend>
            <CheckboxInput path="settings.quietHours" label={t('settings.quietOn')} onValue={s.quietHours ?? { from: '21:00', to: '09:00' }} offValue={undefined} hint={t('hint.quietHours')} />
            {s.quietHours && (
              <div className="ed-cols">
                <TimeInput path="settings.quietHours.from" label={t('settings.from')} />
                <TimeInput path="settings.quietHours.to" label={t('settings.to')} />
              </div>
            )}
          </fieldset>
          <fieldset className="ed-group" data-testid="working-hours">
            <legend>{t('settings.workingHours')}</legend>
            <CheckboxInput path="settings.workingHours" label={t('settings.workingOn')} onValue={s.workingHours ?? { from: '09:00', to: usualEnd(s.timezone), days: ['mon', 'tue', 'wed', 'thu', 'fri'] }} offValue={undefined} hint={t('hint.workingHours')} />
            {s.workingHours && (
              <>
                <div className="ed-cols">
                  <TimeInput path="settings.workingHours.from" label={t('settings.from')} hint={t('hint.workingTime')} />
                  <TimeInput path="settings.workingHours.to" label={t('settings.to')} hint={t('hint.workingTime')} />
                </div>
                <DaysInput path="settings.workingHours.days" label={t('settings.workingDays')} hint={t('hint.workingDays')} />
                <SelectInput path="settings.workingHours.timezone" label={t('settings.workingZone')} options={zones} empty={t('settings.workingZoneDefault')} />
              </>
            )}
          </fieldset>
          <ListEditor<{ event: string; where?: unknown }> path="settings.exitWhen" label={t('settings.exitWhen')} testid="exitwhen" addLabel={t('settings.addExit')} make={() => ({ event: 'unsubscribed' })}>
            {(p) => (
              <>
                <TextInput path={`${p}.event`} label={t('settings.exitEvent')} list={COMMON_EVENTS} required mono />
                <RuleInput path={`${p}.where`} label={t('field.where')} optional />
              </>
            )}
          </ListEditor>
          <p className="ed-hint">{t('hint.exitWhen')}</p>
          <fieldset className="ed-group">
            <legend>{t('settings.cap')}</legend>
            <CheckboxInput path="settings.frequencyCap" label={t('settings.capOn')} onValue={s.frequencyCap ?? { max: 3, per: 'P1D' }} offValue={undefined} hint={t('hint.cap')} />
            {s.frequencyCap && (
              <div className="ed-cols">
                <NumberInput path="settings.frequencyCap.max" label={t('settings.capMax')} />
                <DurationInput path="settings.frequencyCap.per" label={t('settings.capPer')} />
              </div>
            )}
          </fieldset>
        </form>
      </FormContext.Provider>
      <div className="row ed-modal-foot">
        <span className="spacer" />
        <button type="button" className="primary" onClick={close} data-testid="settings-done">
          {t('settings.done')}
        </button>
      </div>
    </Modal>
  );
}
