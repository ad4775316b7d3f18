import { useCallback, useEffect, useRef, useState } from 'react';

/** Every action still waiting out its seconds, to be sent before the session ends. */
const waiting = new Set<() => unknown>();

/** Sends every action still waiting out its undo seconds, and waits for them (before logging out). */
export async function flushUndoable(): Promise<void> {
  await Promise.allSettled([...waiting].map((flush) => flush()));
}

/**
 * An action that can be taken back for a few seconds (a manager's outcome, as a mail client's
 * «undo send»): `start(value)` commits it `delayMs` later unless `undo()` comes first. It commits
 * at once with `flush()`, when the component goes away (another task opened) or when the page is
 * left — an outcome chosen is never lost by moving on.
 */
export function useUndoable<V>(commit: (value: V) => unknown, delayMs: number) {
  const [pending, setPending] = useState<{ value: V; until: number } | null>(null);
  const current = useRef(pending);
  current.current = pending;
  const commitRef = useRef(commit);
  commitRef.current = commit;
  const flush = useCallback((): unknown => {
    const p = current.current;
    if (!p) return undefined;
    current.current = null;
    waiting.delete(flush);
    setPending(null);
    return commitRef.current(p.value);
  }, []);
  useEffect(() => {
    if (!pending) return;
    const id = setTimeout(flush, Math.max(0, pending.until - Date.now()));
    return () => clearTimeout(id);
  }, [pending, flush]);
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);
  return {
    pending: pending?.value ?? null,
    until: pending?.until ?? null,
    start: (value: V) => {
      waiting.add(flush);
      setPending({ value, until: Date.now() + delayMs });
    },
    undo: () => {
      current.current = null;
      waiting.delete(flush);
      setPending(null);
    },
    flush,
  };
}

/** Seconds left until `until`, re-read four times a second while it lasts. */
export function useSecondsLeft(until: number | null): number {
  const [, tick] = useState(0);
  useEffect(() => {
    if (until === null) return;
    const id = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000));
}
