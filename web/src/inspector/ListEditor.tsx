import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useForm } from './formContext.ts';

/**
 * A list in the node's data (branch rules, split variants, hand-off outcomes): each item's
 * fields, with add, remove and move up/down.
 */
export function ListEditor<T>({
  path,
  label,
  make,
  children,
  min = 0,
  addLabel,
  testid,
}: {
  path: string;
  label: ReactNode;
  make: (items: T[]) => T;
  children: (itemPath: string, index: number, item: T) => ReactNode;
  min?: number;
  addLabel: string;
  testid: string;
}) {
  const f = useForm();
  const { t } = useT();
  const raw = f.get(path);
  const items = (Array.isArray(raw) ? raw : []) as T[];
  const err = f.error(path);
  const move = (i: number, by: number) => {
    const next = [...items];
    const [x] = next.splice(i, 1);
    next.splice(i + by, 0, x);
    f.set(path, next);
  };
  return (
    <fieldset className="ed-list" data-testid={`list-${testid}`}>
      <legend>{label}</legend>
      {items.map((item, i) => (
        <div className="ed-list-item" key={i} data-testid={`${testid}-${i}`}>
          <div className="ed-list-fields">{children(`${path}.${i}`, i, item)}</div>
          {!f.readOnly && (
            <div className="ed-list-tools">
              <button type="button" className="ed-icon-btn" disabled={i === 0} title={t('list.up')} aria-label={t('list.up')} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" className="ed-icon-btn" disabled={i === items.length - 1} title={t('list.down')} aria-label={t('list.down')} onClick={() => move(i, 1)}>
                ↓
              </button>
              <button
                type="button"
                className="ed-icon-btn danger"
                disabled={items.length <= min}
                title={t('list.remove')}
                aria-label={t('list.remove')}
                data-testid={`${testid}-remove-${i}`}
                onClick={() => f.set(path, items.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            </div>
          )}
        </div>
      ))}
      {err && (
        <div className="ed-field-error" role="alert" data-testid={`error-${path}`}>
          {err}
        </div>
      )}
      {!f.readOnly && (
        <button type="button" className="ed-add" data-testid={`${testid}-add`} onClick={() => f.set(path, [...items, make(items)])}>
          + {addLabel}
        </button>
      )}
    </fieldset>
  );
}

/** The first `prefix<n>` not used by any item's id: `rule_2`, `C`… */
export function freshId(items: { id?: unknown }[], prefix: string): string {
  const used = new Set(items.map((x) => x?.id));
  for (let n = items.length + 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}
