import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useEscapeCloses } from '../lists/Dialog.tsx';

/** A dialog over the editor; Escape (when no question is open over it) or the backdrop closes it. */
export function Modal({ title, onClose, children, testid, wide }: { title: string; onClose: () => void; children: ReactNode; testid: string; wide?: boolean }) {
  const { t } = useT();
  useEscapeCloses(onClose);
  return (
    <div className="ed-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`ed-modal${wide ? ' ed-modal-wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testid}>
        <div className="ed-modal-head">
          <h2>{title}</h2>
          <button type="button" className="link" onClick={onClose} aria-label={t('common.close')} data-testid={`${testid}-close`}>
            ✕
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
