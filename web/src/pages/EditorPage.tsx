import '../editor/registerMessages.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect } from 'react';
import { useWorkspaceFacts } from '../app/assignees.ts';
import type { FunnelDto } from '../../../shared/api/types.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { api } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import { useMe } from '../app/session.ts';
import { useAutosave } from '../editor/autosave.ts';
import { moveNodes } from '../editor/docOps.ts';
import { EditorHeader, useLayoutCommand } from '../editor/EditorHeader.tsx';
import { FunnelCanvas } from '../editor/FunnelCanvas.tsx';
import { useLiveValidation } from '../editor/issues.ts';
import { estimatedSize, needsLayout } from '../editor/layout.ts';
import { useOverlay } from '../editor/overlay.ts';
import { Palette } from '../editor/Palette.tsx';
import { PublishDialog } from '../editor/PublishDialog.tsx';
import { SettingsDialog } from '../editor/SettingsDialog.tsx';
import { SidePanel } from '../editor/SidePanel.tsx';
import { useEditor } from '../editor/store.ts';
import { useUi } from '../editor/ui.ts';
import { useShortcuts } from '../editor/useShortcuts.ts';
import { useT } from '../i18n/i18n.ts';
import { useToasts } from '../lists/toast.tsx';
import { ask } from '../lists/ask.tsx';

/**
 * The document as first shown: when nodes have no position or would overlap (a file written by
 * hand or for smaller nodes), it is laid out. Nothing is saved until the user edits.
 */
async function laidOut(doc: Funnel): Promise<Funnel> {
  const { autoLayout } = await import('../editor/autoLayout.ts');
  const sizes = Object.fromEntries(doc.nodes.map((n) => [n.id, estimatedSize(n.type)]));
  return moveNodes(doc, autoLayout(doc, sizes));
}

function ReadOnlyBanner({ funnelId, version, definition, canEdit }: { funnelId: string; version: number; definition: Funnel; canEdit: boolean }) {
  const { t } = useT();
  const qc = useQueryClient();
  const push = useToasts((s) => s.push);
  const restore = async () => {
    if (!(await ask(t('versions.restoreConfirm', { n: version }), t('versions.restore'), { danger: false }))) return;
    try {
      const dto = await api.saveFunnel({ ...definition, id: funnelId });
      qc.setQueryData(['funnel', funnelId], dto);
      navigate(`/funnels/${encodeURIComponent(funnelId)}`);
      push(t('versions.restored', { n: version }));
    } catch (e) {
      push((e as Error).message, 'err');
    }
  };
  return (
    <div className="ed-banner" data-testid="readonly-banner" role="status">
      <b>{t('versions.readOnly', { n: version })}</b>
      <a href={`#/funnels/${encodeURIComponent(funnelId)}`}>{t('versions.backToDraft')}</a>
      {canEdit && (
        <button type="button" onClick={() => void restore()} data-testid="version-restore">
          {t('versions.restore')}
        </button>
      )}
    </div>
  );
}

function EditorBody({ funnel, version, definition, canEdit, refetch }: { funnel: FunnelDto; version?: number; definition: Funnel | null; canEdit: boolean; refetch: () => void }) {
  const layout = useLayoutCommand();
  const ui = useUi();
  const readOnly = useEditor((s) => s.readOnly);
  const { fitView, getZoom } = useReactFlow();
  // what was pasted is brought into view, at no closer zoom than now
  const showPasted = useCallback((ids: string[]) => setTimeout(() => void fitView({ nodes: ids.map((id) => ({ id })), padding: 0.3, maxZoom: getZoom(), duration: 300 }), 50), [fitView, getZoom]);
  useShortcuts(layout, showPasted);
  useLiveValidation(150, useWorkspaceFacts());
  useAutosave(!readOnly && version === undefined);
  return (
    <div className="ed-root" data-testid="editor" data-id={funnel.id} data-version={version}>
      <EditorHeader funnel={funnel} version={version} onLayout={layout} />
      {version !== undefined && definition && <ReadOnlyBanner funnelId={funnel.id} version={version} definition={definition} canEdit={canEdit} />}
      <div className="ed-main">
        <Palette />
        <FunnelCanvas />
        <SidePanel funnel={funnel} version={version} refetch={refetch} />
      </div>
      {ui.publish && <PublishDialog funnelId={funnel.id} />}
      {ui.settings && <SettingsDialog />}
    </div>
  );
}

/**
 * The funnel editor: palette, canvas, inspector and the side tabs over the funnel's draft; with
 * `version`, that published version read-only.
 */
export function EditorPage({ funnelId, version }: { funnelId: string; version?: number }) {
  const { t } = useT();
  const me = useMe();
  const canEdit = me.data?.role === 'admin' || me.data?.role === 'marketer';
  const q = useQuery({ queryKey: ['funnel', funnelId], queryFn: () => api.funnel(funnelId), refetchOnMount: 'always' });
  const vq = useQuery({ queryKey: ['versions', funnelId], queryFn: () => api.versions(funnelId), enabled: version !== undefined });
  const key = `${funnelId}@${version ?? 'draft'}`;
  const loaded = useEditor((s) => s.key === key && s.doc !== null);
  const definition = version === undefined ? null : (vq.data?.find((v) => v.version === version)?.definition ?? null);

  useEffect(() => {
    useEditor.getState().reset();
    useOverlay.getState().clear();
    useUi.setState({ tab: 'inspector', settings: false, publish: false });
  }, [key]);

  useEffect(() => {
    if (useEditor.getState().key === key) return;
    const doc = version === undefined ? (q.data && q.isFetchedAfterMount ? q.data.draft : null) : definition;
    if (!doc) return;
    const readOnly = version !== undefined || !canEdit;
    // the common case (positions that do not overlap) loads in the same task; the rest is laid out first
    if (!needsLayout(doc)) return useEditor.getState().load(key, doc, readOnly);
    let current = true;
    void laidOut(doc).then((d) => current && useEditor.getState().key !== key && useEditor.getState().load(key, d, readOnly));
    return () => {
      current = false;
    };
  }, [key, version, q.data, q.isFetchedAfterMount, definition, canEdit]);

  const error = q.error ?? vq.error;
  if (error) return <p className="error" data-testid="editor-error">{(error as Error).message}</p>;
  if (version !== undefined && vq.data && !definition) return <p className="error" data-testid="editor-error">{t('versions.missing', { n: version })}</p>;
  if (!q.data || !loaded) return <p className="ed-muted" data-testid="editor-loading">{t('common.loading')}</p>;
  return (
    <ReactFlowProvider key={key}>
      <EditorBody funnel={q.data} version={version} definition={definition} canEdit={canEdit} refetch={() => void q.refetch()} />
    </ReactFlowProvider>
  );
}
