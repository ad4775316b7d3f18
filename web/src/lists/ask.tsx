import { useState } from 'react';
import { create } from 'zustand';
import { useT } from '../i18n/i18n.ts';
import { Dialog } from './Dialog.tsx';

interface Question {
  /** Each question's own (a dialog's typed text never carries over to the next one). */
  id: number;
  /** The question (its first sentence is the title, the rest the text under it). */
  message: string;
  /** The confirming button's words (the action: «Удалить», «Приостановить»). */
  ok: string;
  danger: boolean;
  /** Asks for a line of text instead (a new password): its label. */
  input?: { label: string; type: 'password' | 'text'; minLength: number };
  resolve: (answer: string | null) => void;
}

const useQuestion = create<{ q: Question | null }>(() => ({ q: null }));

let asked = 0;

function put(q: Omit<Question, 'resolve' | 'id'>): Promise<string | null> {
  return new Promise((resolve) => {
    useQuestion.getState().q?.resolve(null); // a question still open is answered «no»
    useQuestion.setState({ q: { ...q, id: ++asked, resolve } });
  });
}

/**
 * Asks the user to confirm an action, in the page (not the browser's `confirm()`, which stops the
 * page, cannot be styled and says «OK» instead of what will happen). Resolves true when confirmed.
 */
export async function ask(message: string, ok: string, opts: { danger?: boolean } = {}): Promise<boolean> {
  return (await put({ message, ok, danger: opts.danger ?? true })) !== null;
}

/** Asks for a line of text (a new password; with `minLength: 0`, words that may be left out); null when cancelled. */
export function askText(message: string, ok: string, input: { label: string; type?: 'password' | 'text'; minLength?: number }, opts: { danger?: boolean } = {}): Promise<string | null> {
  return put({ message, ok, danger: opts.danger ?? false, input: { type: 'text', minLength: 1, ...input } });
}

/** The open question's dialog (once, in the layout). */
export function AskHost() {
  const q = useQuestion((s) => s.q);
  return q ? <AskDialog key={q.id} q={q} /> : null;
}

function AskDialog({ q }: { q: Question }) {
  const { t } = useT();
  const [value, setValue] = useState('');
  const answer = (a: string | null) => {
    useQuestion.setState({ q: null });
    q.resolve(a);
  };
  // the first sentence («Приостановить воронку?») over the rest of the message
  const cut = q.message.search(/[?.]\s/);
  const title = cut > 0 ? q.message.slice(0, cut + 1) : q.message;
  const text = cut > 0 ? q.message.slice(cut + 1).trim() : '';
  const short = q.input && value.length < q.input.minLength;
  return (
    <Dialog title={title} onClose={() => answer(null)} testId="confirm-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!short) answer(q.input ? value : '');
        }}
      >
        {text && <p className="ls-ask-text">{text}</p>}
        {q.input && (
          <label>
            {q.input.label}
            <input type={q.input.type} value={value} onChange={(e) => setValue(e.target.value)} autoFocus minLength={q.input.minLength} data-testid="confirm-input" autoComplete="new-password" />
            {short && value.length > 0 && <span className="ls-small muted" data-testid="confirm-input-short">{t('common.moreChars', { n: q.input.minLength - value.length })}</span>}
          </label>
        )}
        <div className="ls-dialog-actions">
          <button type="button" onClick={() => answer(null)} autoFocus={!q.input} data-testid="confirm-cancel">
            {t('common.cancel')}
          </button>
          <button type="submit" className={q.danger ? 'primary ls-danger' : 'primary'} disabled={short} data-testid="confirm-ok">
            {q.ok}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
