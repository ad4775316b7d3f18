import { useQueryClient } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FunnelDto } from '../../../shared/api/types.ts';
import { api } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { useToasts } from '../lists/toast.tsx';
import * as actions from './actions.ts';
import { useSaveState } from './autosave.ts';
import { useIssues } from './issues.ts';
import { useEditor } from './store.ts';
import { useUi } from './ui.ts';
import { FIT_PADDING, useFitReadable } from './useFitReadable.ts';
import { SHORTCUTS, VIEW_SHORTCUTS } from './useShortcuts.ts';
import { ask } from '../lists/ask.tsx';

/** The auto-layout command: lays out with the measured node sizes, then fits the view. */
export function useLayoutCommand() {
  const { getNodes } = useReactFlow();
  const fit = useFitReadable();
  return useCallback(() => {
    const sizes: Record<string, { width: number; height: number }> = {};
    for (const n of getNodes()) if (n.measured?.width && n.measured.height) sizes[n.id] = { width: n.measured.width, height: n.measured.height };
    void actions.layout(sizes).then(() => setTimeout(() => void fit(useEditor.getState().doc?.nodes ?? [], sizes), 50));
  }, [getNodes, fit]);
}

function SaveStatus() {
  const { t } = useT();
  const { status, error, flush } = useSaveState();
  const text = status === 'saved' ? t('save.saved') : status === 'error' ? t('save.error') : t('save.saving');
  return (
    <button type="button" className={`ed-save ed-save-${status}`} data-testid="save-status" data-status={status} title={error ?? text} onClick={() => status === 'error' && void flush()} aria-live="polite">
      {status === 'saved' ? '✓ ' : status === 'error' ? '⚠ ' : ''}
      {/* on a narrow window a saved draft shows only its tick (the title says it) */}
      <span className={status === 'saved' ? 'ed-wide-only' : undefined}>{text}</span>
    </button>
  );
}

function Help() {
  const { t } = useT();
  // a read-only canvas lists only what it does: no undo, delete or paste
  const readOnly = useEditor((s) => s.readOnly);
  const shown = readOnly ? SHORTCUTS.filter(([, m]) => VIEW_SHORTCUTS.has(m)) : SHORTCUTS;
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  // closes on Escape and on a press anywhere else
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onDown = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown, true);
    };
  }, [open]);
  return (
    <div className="ed-help" ref={box}>
      <button type="button" className="ed-tool" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="help-toggle" title={t('help.title')}>
        ?
      </button>
      {open && (
        <div className="ed-popover" role="dialog" aria-label={t('help.title')} data-testid="help">
          <h3>{t('help.title')}</h3>
          <table>
            <tbody>
              {shown.map(([k, m]) => (
                <tr key={k}>
                  <td><kbd>{k.startsWith('keys.') ? t(k) : k}</kbd></td>
                  <td>{t(m)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!readOnly && <p className="ed-muted">{t('help.connect')}</p>}
        </div>
      )}
    </div>
  );
}

/** The editor's header: name, status, save state, undo/redo, layout, settings, publish, pause. */
export function EditorHeader({ funnel, version, onLayout }: { funnel: FunnelDto; version?: number; onLayout: () => void }) {
  const { t, date } = useT();
  // nothing to publish: the saved draft is the published version (a new version would be a copy)
  const saved = useSaveState((s) => s.status === 'saved');
  const unchanged = funnel.version !== null && !funnel.draftChanged && saved;
  const qc = useQueryClient();
  const name = useEditor((s) => s.doc?.name ?? '');
  const [typedName, setTypedName] = useState<string | null>(null);
  const readOnly = useEditor((s) => s.readOnly);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const errors = useIssues((s) => s.errors);
  const { fitView } = useReactFlow();
  const ui = useUi();
  const [busy, setBusy] = useState(false);
  const push = useToasts((s) => s.push);
  const toggle = async (pause: boolean) => {
    // say what pausing does before it is done, and what resuming did after
    if (pause && !(await ask(t('header.pauseConfirm'), t('header.pause')))) return;
    setBusy(true);
    try {
      if (pause) {
        const dto = await api.pause(funnel.id);
        qc.setQueryData(['funnel', funnel.id], { ...funnel, ...dto });
        push(t('header.pausedToast'));
      } else {
        const { shiftedTimers, shiftedMessages, shiftedTasks, ...dto } = await api.resume(funnel.id);
        qc.setQueryData(['funnel', funnel.id], { ...funnel, ...dto });
        push(t('header.resumedToast', { n: shiftedTimers, messages: shiftedMessages, tasks: shiftedTasks }));
      }
      // the funnel list and the contact pages («приостановлена», runs held) read the status from the list
      void qc.invalidateQueries({ queryKey: ['funnels'] });
    } catch (e) {
      push((e as Error).message, 'err');
    } finally {
      setBusy(false);
    }
  };
  const status = funnel.status;
  return (
    <header className="ed-header">
      <a href="#/funnels" className="ed-back" data-testid="editor-back">
        ← {t('nav.funnels')}
      </a>
      <input
        className="ed-name"
        name="funnel.name"
        data-testid="funnel-name"
        aria-label={t('header.name')}
        value={typedName ?? name}
        placeholder={t('header.name')}
        size={Math.min(70, Math.max(10, (typedName ?? name).length + 1))}
        readOnly={readOnly}
        onChange={(e) => {
          // a funnel keeps a name: while the field is empty nothing is saved, and leaving it empty puts the name back
          const v = e.target.value;
          setTypedName(v.trim() ? null : v);
          if (v.trim()) actions.setName(v);
        }}
        onBlur={() => {
          setTypedName(null);
          useEditor.getState().endMerge();
        }}
      />
      <span className={`badge ${status}`} data-testid="funnel-status" data-status={status} title={status === 'paused' && funnel.pausedAt ? t('header.pausedSince', { at: date(funnel.pausedAt) }) : undefined}>
        {t(`status.${status}`)}
        {funnel.version ? ` · v${funnel.version}` : ''}
      </span>
      {version === undefined && funnel.draftChanged && (
        <span className="badge changed" data-testid="draft-changed" title={t('status.draftChangedHint', { n: funnel.version ?? 0 })}>
          {t('status.draftChanged')}
        </span>
      )}
      {version === undefined && <SaveStatus />}
      <span className="spacer" />
      {!readOnly && (
        <>
          <button type="button" className="ed-tool" onClick={() => useEditor.getState().undo()} disabled={!canUndo} title={`${t('header.undo')} (Ctrl+Z)`} aria-label={t('header.undo')} data-testid="undo">
            ↶
          </button>
          <button type="button" className="ed-tool" onClick={() => useEditor.getState().redo()} disabled={!canRedo} title={`${t('header.redo')} (Ctrl+Shift+Z)`} aria-label={t('header.redo')} data-testid="redo">
            ↷
          </button>
          <button type="button" onClick={onLayout} data-testid="layout" title="Ctrl+Shift+L">
            {t('header.layout')}
          </button>
        </>
      )}
      <button type="button" onClick={() => void fitView({ padding: FIT_PADDING, duration: 300, maxZoom: 1 })} data-testid="fit-view">
        {t('header.fit')}
      </button>
      <button type="button" onClick={ui.openSettings} data-testid="settings-open" title={t('settings.open')} aria-label={t('settings.open')}>
        ⚙<span className="ed-wide-only"> {t('settings.open')}</span>
      </button>
      <Help />
      {version === undefined && status === 'live' && (
        <button type="button" onClick={() => void toggle(true)} disabled={busy || readOnly} data-testid="funnel-pause">
          {t('header.pause')}
        </button>
      )}
      {version === undefined && status === 'paused' && (
        <button type="button" onClick={() => void toggle(false)} disabled={busy || readOnly} data-testid="funnel-resume">
          {t('header.resume')}
        </button>
      )}
      {version === undefined && !readOnly && (
        <span className="ed-tip" title={errors ? t('header.publishBlocked', { n: errors }) : unchanged ? t('header.publishNothing', { n: funnel.version ?? 0 }) : undefined} data-testid="publish-tip">
          <button type="button" className="primary" disabled={errors > 0 || unchanged} onClick={() => ui.setPublish(true)} data-testid="publish-open">
            {t('header.publish')}
            {errors > 0 && <span className="ed-count">{errors}</span>}
          </button>
        </span>
      )}
    </header>
  );
}
