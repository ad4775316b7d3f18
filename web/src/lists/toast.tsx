import { useEffect } from 'react';
import { create } from 'zustand';

interface Toast {
  id: number;
  text: string;
  kind: 'ok' | 'err';
}
interface ToastState {
  toasts: Toast[];
  push(text: string, kind?: 'ok' | 'err'): void;
  drop(id: number): void;
  /** Forgets every notice (on logging out: the next user must not see the last one's). */
  clear(): void;
}

let seq = 0;
/** Short-lived notices («Готово: …»); any list page can push one. */
export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  push: (text, kind = 'ok') => set((s) => ({ toasts: [...s.toasts, { id: ++seq, text, kind }] })),
  drop: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  clear: () => set({ toasts: [] }),
}));

function ToastItem({ toast }: { toast: Toast }) {
  const drop = useToasts((s) => s.drop);
  useEffect(() => {
    const timer = setTimeout(() => drop(toast.id), 4_000);
    return () => clearTimeout(timer);
  }, [toast.id, drop]);
  return (
    <div className={`ls-toast ls-${toast.kind}`} role={toast.kind === 'err' ? 'alert' : 'status'} data-testid="toast" onClick={() => drop(toast.id)}>
      {toast.text}
    </div>
  );
}

/** Renders the pending toasts in the corner of the screen. */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div className="ls-toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
