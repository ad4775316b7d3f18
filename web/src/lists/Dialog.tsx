import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.ts';
import { ask } from './ask.tsx';

/** The dialogs open now, the topmost last: Escape closes only the topmost (a question over a form). */
const openDialogs: symbol[] = [];

/** Calls the latest `close` on Escape while this dialog is the topmost one open. */
export function useEscapeCloses(close: () => void) {
  const latest = useRef(close);
  latest.current = close;
  useEffect(() => {
    const me = Symbol('dialog');
    openDialogs.push(me);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && openDialogs[openDialogs.length - 1] === me && latest.current();
    window.addEventListener('keydown', onKey);
    return () => {
      openDialogs.splice(openDialogs.indexOf(me), 1);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}

/**
 * A modal card over the page; Escape or a click on the backdrop closes it — after asking, when
 * `dirty` (a form with edits not saved), since both are easy to do by accident.
 */
export function Dialog({ title, onClose, children, testId, dirty }: { title: string; onClose: () => void; children: ReactNode; testId?: string; dirty?: boolean }) {
  const { t } = useT();
  const titleId = useId();
  const close = () => {
    if (!dirty) return onClose();
    void ask(t('dialog.discard'), t('dialog.discard.ok')).then((yes) => yes && onClose());
  };
  useEscapeCloses(close);
  return (
    <div className="ls-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="ls-dialog card" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** A dialog form's Cancel and submit buttons (the submit one disabled while `disabled`). */
export function FormButtons({ onCancel, submit, disabled, testId }: { onCancel: () => void; submit?: string; disabled?: boolean; testId: string }) {
  const { t } = useT();
  return (
    <div className="ls-dialog-actions">
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="primary" disabled={disabled} data-testid={testId}>
        {submit ?? t('common.save')}
      </button>
    </div>
  );
}

/** A yes/no question; `error` shows why the action failed (the dialog stays open). */
export function ConfirmDialog(p: { title: string; text: string; confirmLabel: string; busy?: boolean; error?: string | null; onConfirm: () => void; onClose: () => void }) {
  const { t } = useT();
  return (
    <Dialog title={p.title} onClose={p.onClose} testId="confirm-dialog">
      <p>{p.text}</p>
      {p.error && (
        <p className="error" role="alert" data-testid="confirm-error">
          {p.error}
        </p>
      )}
      <div className="ls-dialog-actions">
        <button onClick={p.onClose} autoFocus>
          {t('common.cancel')}
        </button>
        <button className="primary ls-danger" onClick={p.onConfirm} disabled={p.busy} data-testid="confirm-ok">
          {p.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
