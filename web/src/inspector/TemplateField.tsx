import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { create } from 'zustand';
import { funnelVariables } from '../../../shared/engine/funnelVariables.ts';
import { useEditor } from '../editor/store.ts';
import { useAwaitedBefore } from './awaited.ts';
import { api } from '../api/client.ts';
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.ts';
import { Field } from './fields.tsx';
import { useForm } from './formContext.ts';

/** The variables offered as chips under every template field; `{{event.data.}}` leaves the key to type. */
export const BASE_VARIABLES = ['{{contact.firstName}}', '{{contact.email}}', '{{contact.phone}}', '{{event.data.}}'];
export const PRODUCT_VARIABLES = ['{{product.name}}', '{{product.priceText}}', '{{product.price}}'];

/**
 * The template field of each form (by its scope: a node id) whose variable chips are shown: the
 * one last focused, else the form's first. One set of chips per form, not one under every field;
 * the others offer a button that brings the chips to them.
 */
const useChipsAt = create<{ byScope: Record<string, string>; show(scope: string, path: string): void }>((set) => ({
  byScope: {},
  show: (scope, path) => set((s) => (s.byScope[scope] === path ? s : { byScope: { ...s.byScope, [scope]: path } })),
}));

/**
 * A template text (subject, body, task title) with clickable variable chips that insert the
 * variable at the cursor. `first`: the form's first template field, which shows the chips until
 * another is focused.
 */
export function TemplateInput({ path, label, hint, multiline, product, required, first }: { path: string; label: ReactNode; hint?: ReactNode; multiline?: boolean; product?: boolean; required?: boolean; first?: boolean }) {
  const f = useForm();
  const { t } = useT();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const chipsAt = useChipsAt((s) => s.byScope[f.scope]);
  const showChips = useChipsAt((s) => s.show);
  const chipsHere = chipsAt === undefined ? !!first : chipsAt === path;
  const onFocus = () => showChips(f.scope, path);
  const value = typeof f.get(path) === 'string' ? (f.get(path) as string) : '';
  // the contact attributes the base actually has ({{contact.city}}, {{contact.tariff}}…), after the usual ones
  const known = useQuery({ queryKey: ['attribute-keys'], queryFn: api.attributeKeys, staleTime: 60_000, retry: false });
  const fromBase = (known.data?.keys ?? [])
    .filter((k) => /^[A-Za-z_][\w]*$/.test(k) && k !== 'timezone')
    .map((k) => `{{contact.${k}}}`)
    .filter((v) => !BASE_VARIABLES.includes(v))
    .slice(0, 8);
  const awaited = useAwaitedBefore(f.scope);
  // the funnel's stages' products, for any message ({{stages.tripwire.name}}); an offer's own message has {{product.…}}
  const nodes = useEditor((s) => s.doc?.nodes);
  const settings = useEditor((s) => s.doc?.settings);
  const shared = nodes && !product ? funnelVariables({ nodes, settings }) : {};
  const fromFunnel = Object.entries(shared).flatMap(([root, byKey]) => Object.keys(byKey).flatMap((k) => ['name', 'priceText'].map((field) => `{{${root}.${k}.${field}}}`)));
  const vars = [...BASE_VARIABLES, ...(awaited ? ['{{lastEvent.data.}}'] : []), ...(product ? PRODUCT_VARIABLES : []), ...fromFunnel, ...fromBase];
  const set = (v: string) => f.set(path, v === '' && !required ? undefined : v);

  const insert = (variable: string) => {
    const el = ref.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const next = value.slice(0, start) + variable + value.slice(end);
    set(next);
    // an unfinished `{{event.data.}}` puts the cursor where the key goes
    const caret = start + (variable.endsWith('.}}') ? variable.length - 2 : variable.length);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };

  return (
    <Field path={path} label={label} hint={hint}>
      {(id, invalid) => (
        <>
          {multiline ? (
            <textarea ref={ref} id={id} name={path} value={value} aria-invalid={invalid} readOnly={f.readOnly} onFocus={onFocus} onChange={(e) => set(e.target.value)} rows={5} />
          ) : (
            <input ref={ref} id={id} name={path} value={value} aria-invalid={invalid} readOnly={f.readOnly} onFocus={onFocus} onChange={(e) => set(e.target.value)} />
          )}
          {!f.readOnly && !chipsHere && (
            <button type="button" className="link ed-vars-open" data-testid={`vars-open-${path}`} onClick={() => ref.current?.focus()}>
              {'{ } '}
              {t('vars.open')}
            </button>
          )}
          {!f.readOnly && chipsHere && (
            <div className="ed-vars" aria-label={t('vars.insert')}>
              <span className="ed-muted">{t('vars.insert')}:</span>
              {vars.map((v) => (
                <button
                  type="button"
                  key={v}
                  className="ed-chip ed-var"
                  data-testid={`var-${path}-${v.replace(/[{}]/g, '')}`}
                  // keep the field's cursor: a mouse-down on the chip would move focus first
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insert(v)}
                >
                  {v.replace('.}}', '.…}}')}
                </button>
              ))}
              <span className="ed-muted ed-vars-filters" title={t('vars.filters.hint')}>
                {t('vars.filters')}
              </span>
              {awaited && (
                <span className="ed-muted ed-vars-filters" data-testid={`vars-last-event-${path}`}>
                  {t('vars.lastEvent', { event: awaited.event, by: awaited.by })}
                </span>
              )}
            </div>
          )}
        </>
      )}
    </Field>
  );
}
