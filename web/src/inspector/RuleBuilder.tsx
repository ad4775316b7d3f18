import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { api } from '../api/client.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { useShallow } from 'zustand/shallow';
import { useEditor } from '../editor/store.ts';
import { useT } from '../i18n/i18n.ts';
import { Field } from './fields.tsx';
import { useAwaitedBefore } from './awaited.ts';
import { useForm } from './formContext.ts';

/** One comparison the builder can show: attribute, operator, value. */
export interface Cond {
  attr: string;
  op: string;
  value: string;
}

const COMPARE = ['==', '!=', '>', '>=', '<', '<='];
/**
 * The builder's operators; `eqi` is «равно, без учёта регистра»: `{"==":[{"lower":{"var":…}},"…"]}`
 * with the value in lower case (a web form's «Похудение» matches «похудение»).
 */
export const OPERATORS = ['==', 'eqi', ...COMPARE.slice(1), 'in', '!!', '!'];
const ATTRS = ['contact.city', 'contact.firstName', 'contact.email', 'contact.timezone', 'segments', 'event.type', 'event.data.sku', 'event.data.amount'];

const varOf = (x: unknown): string | null =>
  x && typeof x === 'object' && !Array.isArray(x) && typeof (x as { var?: unknown }).var === 'string' ? (x as { var: string }).var : null;
const scalar = (x: unknown) => x === null || ['string', 'number', 'boolean'].includes(typeof x);

function parseOne(rule: unknown): Cond | null {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return null;
  const entries = Object.entries(rule as Record<string, unknown>);
  if (entries.length !== 1) return null;
  const [op, args] = entries[0];
  const list = Array.isArray(args) ? args : [args];
  const lowered = op === '==' && list.length === 2 && list[0] && typeof list[0] === 'object' ? varOf((list[0] as { lower?: unknown }).lower) : null;
  if (lowered !== null && typeof list[1] === 'string' && Object.keys(list[0] as object).length === 1) return { attr: lowered, op: 'eqi', value: list[1] };
  if (COMPARE.includes(op) && list.length === 2 && varOf(list[0]) !== null && scalar(list[1])) return { attr: varOf(list[0])!, op, value: String(list[1]) };
  if (op === 'in' && list.length === 2 && varOf(list[1]) !== null && scalar(list[0])) return { attr: varOf(list[1])!, op, value: String(list[0]) };
  if ((op === '!!' || op === '!') && list.length === 1 && varOf(list[0]) !== null) return { attr: varOf(list[0])!, op, value: '' };
  return null;
}

/** The conditions of a rule the builder can edit (one comparison, or an "and" of them), else null. */
export function parseRule(rule: unknown): Cond[] | null {
  const one = parseOne(rule);
  if (one) return [one];
  const and = rule && typeof rule === 'object' ? (rule as { and?: unknown }).and : undefined;
  if (Array.isArray(and) && Object.keys(rule as object).length === 1 && and.length > 0) {
    const conds = and.map(parseOne);
    return conds.every(Boolean) ? (conds as Cond[]) : null;
  }
  return null;
}

/** A typed value: numbers and true/false become JSON numbers and booleans, the rest stays text. */
const typed = (v: string): unknown => (/^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v);

function buildOne(c: Cond): unknown {
  const v = { var: c.attr };
  if (c.op === '!!' || c.op === '!') return { [c.op]: [v] };
  if (c.op === 'in') return { in: [typed(c.value), v] };
  if (c.op === 'eqi') return { '==': [{ lower: v }, c.value.trim().toLowerCase()] };
  return { [c.op]: [v, typed(c.value)] };
}

/** The JSON Logic rule for the builder's conditions: `{"==":[{"var":"contact.city"},"Москва"]}`. */
export const buildRule = (conds: Cond[]): unknown => (conds.length === 1 ? buildOne(conds[0]) : { and: conds.map(buildOne) });

const NEW: Cond = { attr: 'contact.city', op: '==', value: '' };

/**
 * A JSON Logic condition as a small builder (attribute / operator / value, joined by "and"), with
 * a raw JSON editor for anything the builder cannot show.
 */
export function RuleInput({ path, label, hint, optional, about = 'contact' }: { path: string; label: ReactNode; hint?: ReactNode; optional?: boolean; about?: 'contact' | 'event' }) {
  // a new condition starts on what the rule is usually about: the contact, or the event's data
  const fresh: Cond = about === 'event' ? { ...NEW, attr: 'event.data.sku' } : NEW;
  const f = useForm();
  const { t } = useT();
  const listId = useId();
  // the attributes the base's contacts have, suggested along with the usual ones
  const known = useQuery({ queryKey: ['attribute-keys'], queryFn: api.attributeKeys, staleTime: 60_000, retry: false });
  // after a wait (or a stage, a task) a branch may test the event taken there
  const awaited = useAwaitedBefore(f.scope);
  // and those the funnel's own steps write (a score an action gives points to), before any contact has them
  const written = useEditor(useShallow((s) => (s.doc?.nodes ?? []).flatMap((n) => nodeDef(n.type)?.writesAttributes?.(n.data as never) ?? [])));
  const suggestions = [...new Set([...ATTRS, ...(awaited && about === 'contact' ? ['lastEvent.type', 'lastEvent.data.'] : []), ...written.map((k) => `contact.${k}`), ...(known.data?.keys ?? []).map((k) => `contact.${k}`)])];
  const rule = f.get(path);
  const conds = rule === undefined ? null : parseRule(rule);
  const [raw, setRaw] = useState(conds === null && rule !== undefined);
  const [text, setText] = useState(() => JSON.stringify(rule ?? null));
  const [jsonError, setJsonError] = useState(false);
  useEffect(() => {
    let same = false;
    try {
      same = JSON.stringify(JSON.parse(text)) === JSON.stringify(rule ?? null);
    } catch {
      same = false;
    }
    if (!same) {
      setText(JSON.stringify(rule ?? null));
      setJsonError(false);
    }
    // follow the rule when it changes from outside the raw editor
  }, [rule]);

  if (rule === undefined)
    return (
      <Field path={path} label={label} hint={hint}>
        {() =>
          f.readOnly ? <span className="ed-muted">{t('rule.none')}</span> : (
            <button type="button" className="ed-add" data-testid={`rule-add-${path}`} onClick={() => f.set(path, buildRule([fresh]))}>
              + {t('rule.add')}
            </button>
          )
        }
      </Field>
    );

  const setConds = (next: Cond[]) => f.set(path, next.length ? buildRule(next) : optional ? undefined : buildRule([fresh]));
  const showRaw = raw || conds === null;
  return (
    <Field path={path} label={label} hint={hint}>
      {(id, invalid) => (
        <div className="ed-rule">
          {showRaw ? (
            <>
              <textarea
                id={id}
                name={path}
                className="ed-mono"
                rows={3}
                value={text}
                aria-invalid={invalid || jsonError}
                readOnly={f.readOnly}
                onChange={(e) => {
                  setText(e.target.value);
                  try {
                    f.set(path, JSON.parse(e.target.value));
                    setJsonError(false);
                  } catch {
                    setJsonError(true);
                  }
                }}
              />
              {jsonError && <div className="ed-field-error">{t('rule.badJson')}</div>}
            </>
          ) : (
            conds!.map((c, i) => (
              <div className="ed-cond" key={i}>
                {i > 0 && <span className="ed-cond-and">{t('rule.and')}</span>}
                <input className="ed-mono ed-cond-attr" id={i === 0 ? id : undefined} name={`${path}.${i}.var`} list={listId} value={c.attr} aria-label={t('rule.attribute')} readOnly={f.readOnly} onChange={(e) => setConds(conds!.map((x, j) => (j === i ? { ...x, attr: e.target.value } : x)))} />
                <select className="ed-cond-op" name={`${path}.${i}.op`} value={c.op} aria-label={t('rule.operator')} disabled={f.readOnly} onChange={(e) => setConds(conds!.map((x, j) => (j === i ? { ...x, op: e.target.value } : x)))}>
                  {OPERATORS.map((op) => (
                    <option key={op} value={op}>
                      {t(`op.${op}`)}
                    </option>
                  ))}
                </select>
                {c.op !== '!!' && c.op !== '!' && (
                  <input className="ed-cond-val" name={`${path}.${i}.value`} value={c.value} aria-label={t('rule.value')} placeholder={t('rule.value')} readOnly={f.readOnly} onChange={(e) => setConds(conds!.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
                )}
                {!f.readOnly && (conds!.length > 1 || optional) && (
                  <button type="button" className="ed-icon-btn ed-cond-rm" title={t('rule.remove')} aria-label={t('rule.remove')} onClick={() => setConds(conds!.filter((_, j) => j !== i))}>
                    ✕
                  </button>
                )}
              </div>
            ))
          )}
          <datalist id={listId}>
            {suggestions.map((a) => (
              <option key={a} value={a} label={a.startsWith('event.') ? t(about === 'event' ? 'rule.eventTested' : 'rule.eventStart') : a.startsWith('lastEvent.') && awaited ? t('rule.lastEvent', { event: awaited.event }) : undefined} />
            ))}
          </datalist>
          {!f.readOnly && (
            <div className="row">
              {!showRaw && (
                <button type="button" className="ed-add" onClick={() => setConds([...conds!, fresh])}>
                  + {t('rule.addAnd')}
                </button>
              )}
              <button type="button" className="link" data-testid={`rule-mode-${path}`} onClick={() => (showRaw ? parseRule(rule) && setRaw(false) : setRaw(true))} disabled={showRaw && !parseRule(rule)}>
                {showRaw ? t('rule.builder') : t('rule.json')}
              </button>
              {optional && (
                <button type="button" className="link" onClick={() => f.set(path, undefined)}>
                  {t('rule.clear')}
                </button>
              )}
            </div>
          )}
          {!showRaw && <code className="ed-rule-json">{JSON.stringify(rule)}</code>}
        </div>
      )}
    </Field>
  );
}
