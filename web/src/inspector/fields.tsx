import { useEffect, useId, useState, type ReactNode } from 'react';
import { humanDuration, humanOffset, shownDuration, typedClock, typedDuration } from '../editor/humanize.ts';
import { toIsoDuration } from '../../../shared/format/durationWords.ts';
import { parseDecimal } from '../../../shared/format/decimal.ts';
import { TIME_OF_DAY, WEEKDAYS } from '../../../shared/format/time.ts';
import { clockTime, twelveHour, uiLocale, useT } from '../i18n/i18n.ts';
import { useForm } from './formContext.ts';

/** A label, the control, a hint (how to fill it in: not shown on a read-only version) and the field's live error message under it. */
export function Field({ path, label, hint, children, inline, pending, rephrase }: { path: string; label: ReactNode; hint?: ReactNode; children: (id: string, invalid: boolean) => ReactNode; inline?: boolean; pending?: boolean; rephrase?: (error: string) => string }) {
  const f = useForm();
  const id = useId();
  // `pending`: what is typed becomes valid when the field is left (shorthand), so it is not an error yet
  const raw = pending ? undefined : f.error(path);
  // (a field may say the validator's message in its own terms: a duration typed in words)
  const err = raw && rephrase ? rephrase(raw) : raw;
  const warning = err || pending ? undefined : f.warning?.(path);
  return (
    <div className={`ed-field${inline ? ' ed-field-inline' : ''}${err ? ' ed-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, !!err)}
      {hint && !f.readOnly && <div className="ed-hint">{hint}</div>}
      {err && (
        <div className="ed-field-error" role="alert" data-testid={`error-${path}`}>
          {err}
        </div>
      )}
      {warning && (
        <div className="ed-field-warning" data-testid={`warning-${path}`}>
          {warning}
        </div>
      )}
    </div>
  );
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** A text input; an empty optional field is removed from the data. */
export function TextInput(props: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  placeholder?: string;
  list?: (string | { value: string; label: string })[];
  required?: boolean;
  mono?: boolean;
  /** Writes the value instead of setting the path (when other fields follow it). */
  onValue?: (value: string | undefined) => void;
}) {
  const { path, label, hint, placeholder, list, required, mono } = props;
  const f = useForm();
  const listId = useId();
  return (
    <Field path={path} label={label} hint={hint}>
      {(id, invalid) => (
        <>
          <input
            id={id}
            name={path}
            className={mono ? 'ed-mono' : undefined}
            value={str(f.get(path))}
            placeholder={placeholder}
            aria-invalid={invalid}
            list={list ? listId : undefined}
            readOnly={f.readOnly}
            onChange={(e) => {
              const v = e.target.value === '' && !required ? undefined : e.target.value;
              if (props.onValue) props.onValue(v);
              else f.set(path, v);
            }}
          />
          {list && (
            <datalist id={listId}>
              {list.map((x) => (typeof x === 'string' ? <option key={x} value={x} /> : <option key={x.value} value={x.value} label={x.label} />))}
            </datalist>
          )}
        </>
      )}
    </Field>
  );
}

/**
 * The id of an exit (a branch rule, an outcome): renamed on Enter or when the field is left, so the
 * edge leaving by it follows the rename in one step (an empty field goes back to the old id).
 */
export function ExitIdInput({ path, label }: { path: string; label: ReactNode }) {
  const f = useForm();
  const { t } = useT();
  const saved = str(f.get(path));
  const [text, setText] = useState(saved);
  useEffect(() => setText(saved), [saved]);
  const commit = () => {
    const next = text.trim();
    if (!next) return setText(saved);
    if (next !== saved) f.set(path, next);
  };
  return (
    // how to apply a new id is said while one is being typed (a list of outcomes would repeat it on
    // every row) — floating over what is below, which it lets clicks through to: had it pushed the
    // next field down, leaving the id (by a click on that field) would move the field from under the click
    <Field path={path} label={label}>
      {(id, invalid) => (
        <span className="ed-float-host">
          <input
            id={id}
            name={path}
            className="ed-mono"
            value={text}
            aria-invalid={invalid}
            readOnly={f.readOnly}
            onChange={(e) => setText(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit();
              if (e.key === 'Escape') setText(saved);
            }}
          />
          {text !== saved && (
            <span className="ed-hint ed-hint-float" data-testid={`exit-id-hint-${path}`}>
              {t('hint.exitId')}
            </span>
          )}
        </span>
      )}
    </Field>
  );
}

/**
 * A number input; keeps what is typed ("12,") until it is a number, empty removes the field (`required`: keeps
 * the last number, as a field that is a list's entry must have one). Takes numbers as people type them
 * (`24 900,50`); anything else is refused here, never misread. Limits (not negative, whole numbers) are the
 * node schema's, shown as the field's error.
 */
export function NumberInput({ path, label, hint, required }: { path: string; label: ReactNode; hint?: ReactNode; required?: boolean }) {
  const f = useForm();
  const { t } = useT();
  const value = f.get(path);
  const [text, setText] = useState(str(value));
  useEffect(() => {
    if (parseDecimal(text) !== value || text.trim() === '') setText(str(value));
    // only follow outside changes (undo, another node); typing updates both
  }, [value]);
  const unreadable = text.trim() !== '' && parseDecimal(text) === null;
  return (
    <Field path={path} label={label} hint={hint}>
      {(id, invalid) => (
        <>
          <input
            id={id}
            name={path}
            type="text"
            inputMode="decimal"
            value={text}
            aria-invalid={invalid || unreadable}
            readOnly={f.readOnly}
            onChange={(e) => {
              const typed = e.target.value;
              setText(typed);
              const n = parseDecimal(typed);
              if (typed.trim() === '') {
                if (!required) f.set(path, undefined);
              } else if (n !== null) f.set(path, n);
            }}
            onBlur={() => {
              const n = parseDecimal(text);
              if (n !== null && n === value) setText(str(n));
            }}
          />
          {unreadable && (
            <div className="ed-field-error" role="alert" data-testid={`unreadable-${path}`}>
              {t('field.notNumber', { kept: str(value) || '—' })}
            </div>
          )}
        </>
      )}
    </Field>
  );
}

/** A select over fixed options; `empty` adds a "none" choice that removes the field. */
/** A choice from `options`; `onChange` replaces the plain write of the value (when a choice changes other fields too). */
export function SelectInput({ path, label, hint, options, empty, onChange }: { path: string; label: ReactNode; hint?: ReactNode; options: [string, string][]; empty?: string; onChange?: (value: string | undefined) => void }) {
  const f = useForm();
  const v = str(f.get(path));
  const known = options.some(([k]) => k === v);
  return (
    <Field path={path} label={label} hint={hint}>
      {(id, invalid) => (
        <select id={id} name={path} value={v} aria-invalid={invalid} disabled={f.readOnly} onChange={(e) => (onChange ?? ((v) => f.set(path, v)))(e.target.value === '' ? undefined : e.target.value)}>
          {(empty !== undefined || v === '') && <option value="">{empty ?? '—'}</option>}
          {!known && v !== '' && <option value={v}>{v}</option>}
          {options.map(([k, text]) => (
            <option key={k} value={k}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A checkbox; `onValue`/`offValue` are what it stores (default true/false), absent means `defaultValue`. */
export function CheckboxInput(props: { path: string; label: ReactNode; hint?: ReactNode; defaultValue?: boolean; onValue?: unknown; offValue?: unknown }) {
  const { path, label, hint, defaultValue = false, onValue = true } = props;
  // `offValue={undefined}` removes the field when unticked (a default parameter would turn it into false)
  const offValue = 'offValue' in props ? props.offValue : false;
  const f = useForm();
  const v = f.get(path);
  return (
    <Field path={path} label="" hint={hint} inline>
      {(id) => (
        <span className="ed-check">
          <input id={id} type="checkbox" name={path} checked={v === undefined ? defaultValue : v === onValue} disabled={f.readOnly} onChange={(e) => f.set(path, e.target.checked ? onValue : offValue)} />
          <label htmlFor={id}>{label}</label>
        </span>
      )}
    </Field>
  );
}

const QUICK = ['PT30M', 'PT1H', 'P1D', 'P3D', 'P7D', 'P1M'];

/**
 * An ISO 8601 duration with its meaning in words under it and quick picks. Shorthand such as
 * «3д», "2h" or "30 min" becomes ISO when the field is left.
 */
export function DurationInput({ path, label, hint, offset, required = true }: { path: string; label: ReactNode; hint?: ReactNode; offset?: boolean; required?: boolean }) {
  const f = useForm();
  const { t, lang } = useT();
  const v = str(f.get(path));
  // shorthand being typed («2 дня», "3h") reads as what it will become when the field is left
  const iso = toIsoDuration(v.trim());
  const human = (x: string) => (offset ? humanOffset(x, lang) : humanDuration(x, lang));
  const pending = iso !== v.trim() && human(iso) !== null;
  const words = v ? human(pending ? iso : v) : null;
  const set = (x: string) => f.set(path, x === '' && !required ? undefined : x);
  // a length of time is shown in words («3 дня»), as it may be typed; the stored ISO value
  // (`P3D`) is in the line under it. What is being typed stays as typed until the field is left.
  const [typing, setTyping] = useState<string | null>(null);
  const shown = typing ?? (offset ? v : shownDuration(v, lang));
  const inWords = shown !== v && typing === null;
  return (
    <Field
      path={path}
      pending={pending}
      label={label}
      // the validator speaks for the API (ISO only); this field also takes words, so its error says so
      rephrase={(e) => {
        const m = /^"([\s\S]*)" is not a duration; write it like PT30M/.exec(e);
        return m ? t('field.notDurationWords', { value: m[1] }) : e;
      }}
      hint={
        <>
          {words && !inWords ? (
            <>
              <b className="ed-human" data-testid={`human-${path}`}>
                = {words}
              </b>
              {' · '}
            </>
          ) : null}
          {inWords ? (
            <>
              <code className="ed-human" data-testid={`iso-${path}`} title={t('hint.isoStored')}>
                {v}
              </code>
              {' · '}
            </>
          ) : null}{' '}
          {hint ?? t(offset ? 'hint.offset' : 'hint.duration')}
        </>
      }
    >
      {(id, invalid) => (
        <div className="ed-duration">
          <input
            id={id}
            name={path}
            className={inWords ? undefined : 'ed-mono'}
            value={shown}
            placeholder={offset ? '-P3D' : t('hint.durationPlaceholder')}
            aria-invalid={invalid}
            readOnly={f.readOnly}
            onChange={(e) => {
              setTyping(e.target.value);
              // words that already read as a duration are stored as ISO at once (autosave must not keep «2 days»);
              // what does not read yet is kept as typed, for the field to say what is wrong
              const typedIso = toIsoDuration(e.target.value.trim());
              set(human(typedIso) !== null ? typedIso : typedDuration(e.target.value));
            }}
            onBlur={(e) => {
              setTyping(null);
              const iso = toIsoDuration(e.target.value.trim());
              if (iso !== v) set(iso);
            }}
          />
          {f.readOnly && words && !inWords && (
            <b className="ed-human" data-testid={`human-${path}`}>
              = {words}
            </b>
          )}
          {!f.readOnly && !offset && (
            <span className="ed-quick">
              {QUICK.map((iso) => (
                <button type="button" key={iso} className="ed-chip" onClick={() => set(iso)} title={iso}>
                  {humanDuration(iso, lang)}
                </button>
              ))}
            </span>
          )}
        </div>
      )}
    </Field>
  );
}

/** A time of day HH:MM; "9:00" or "0930" become "09:00" / "09:30" when the field is left. */
export function TimeInput({ path, label, hint, required = true }: { path: string; label: ReactNode; hint?: ReactNode; required?: boolean }) {
  const f = useForm();
  const { t, lang } = useT();
  const locale = uiLocale(lang);
  const v = str(f.get(path));
  // stored as 24-hour HH:MM; where people write AM/PM the field shows it their way («9:00 PM») and takes it so
  const [typing, setTyping] = useState<string | null>(null);
  const shown = typing ?? (twelveHour(locale) && TIME_OF_DAY.test(v) ? clockTime(v, locale) : v);
  return (
    <Field path={path} label={label} hint={hint ?? t('hint.time')}>
      {(id, invalid) => (
        <input
          id={id}
          name={path}
          className="ed-mono ed-time"
          value={shown}
          placeholder={twelveHour(locale) ? '9:00 AM' : '09:00'}
          inputMode="text"
          maxLength={10}
          aria-invalid={invalid}
          readOnly={f.readOnly}
          onChange={(e) => {
            setTyping(e.target.value);
            // a time that already reads is stored as HH:MM at once; what does not read yet is kept, for the field to say why
            const typed = typedClock(e.target.value);
            f.set(path, e.target.value === '' && !required ? undefined : (typed ?? e.target.value));
          }}
          onBlur={() => setTyping(null)}
        />
      )}
    </Field>
  );
}

/** Weekdays as toggles (`mon`…`sun` in the week's order); none chosen is `undefined` (what that means is the hint's to say). */
export function DaysInput({ path, label, hint }: { path: string; label: ReactNode; hint?: ReactNode }) {
  const f = useForm();
  const { t } = useT();
  const days = (f.get(path) as string[] | undefined) ?? [];
  return (
    <Field path={path} label={label} hint={hint}>
      {() => (
        <div className="ed-days" role="group">
          {WEEKDAYS.map((w) => (
            <label key={w} className={`ed-day${days.includes(w) ? ' on' : ''}`}>
              <input
                type="checkbox"
                name={path}
                value={w}
                checked={days.includes(w)}
                disabled={f.readOnly}
                onChange={(e) => {
                  const next = e.target.checked ? WEEKDAYS.filter((x) => x === w || days.includes(x)) : days.filter((x) => x !== w);
                  f.set(path, next.length ? next : undefined);
                }}
              />
              {t(`day.${w}`)}
            </label>
          ))}
        </div>
      )}
    </Field>
  );
}
