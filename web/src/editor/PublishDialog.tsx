import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { startEvents } from './startEvents.ts';
import type { PublishError, VersionDto } from '../../../shared/api/types.ts';
import { api, ApiError } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { useSaveState } from './autosave.ts';
import { useEditor } from './store.ts';
import { FunnelChanges } from './FunnelChanges.tsx';
import { Modal } from './Modal.tsx';
import { PublishWarnings } from './PublishWarnings.tsx';
import { PublishAudience } from './PublishAudience.tsx';
import { useUi } from './ui.ts';

type Result = { ok: VersionDto & { enrolled?: number; members?: number } } | { failed: PublishError } | { error: string } | null;


/**
 * Other live funnels started by the same event as this one: a contact it brings in enters each
 * (the demo's «lead.created» funnel and a new one both write to a new lead), worth knowing before publishing.
 */
function useSharedTriggers(funnelId: string): { event: string; funnels: string[] }[] {
  const doc = useEditor((s) => s.doc);
  const all = useQuery({ queryKey: ['funnels'], queryFn: api.funnels, staleTime: 30_000 }).data ?? [];
  if (!doc) return [];
  return startEvents(doc.nodes)
    .map((event) => ({ event, funnels: all.filter((f) => f.id !== funnelId && f.status === 'live' && startEvents(f.draft.nodes).includes(event)).map((f) => f.name) }))
    .filter((x) => x.funnels.length > 0);
}

/**
 * The channels the funnel's messages write by that do not send for real yet (no SMTP, no SMS
 * gateway…): their messages stay in the dev outbox until an admin sets the channel up.
 */
function useUnsetChannels(): string[] {
  const doc = useEditor((s) => s.doc);
  const channels = useQuery({ queryKey: ['channels'], queryFn: api.channels, staleTime: 30_000 }).data;
  if (!doc || !channels) return [];
  const used = new Set<string>();
  for (const n of doc.nodes) {
    const def = nodeDef(n.type);
    const parsed = def?.schema.safeParse(n.data ?? {});
    if (def?.messages && parsed?.success) for (const m of def.messages(parsed.data as never)) used.add(m.channel);
  }
  return [...used].filter((c) => c !== 'webhook' && !channels.configured.includes(c)).sort();
}

/** The draft against the live (latest published) version: what publishing changes for new contacts. */
function DraftChanges({ funnelId }: { funnelId: string }) {
  const { t } = useT();
  const doc = useEditor((s) => s.doc);
  const versions = useQuery({ queryKey: ['versions', funnelId], queryFn: () => api.versions(funnelId) }).data;
  const stats = useQuery({ queryKey: ['stats', funnelId], queryFn: () => api.stats(funnelId), staleTime: 10_000 }).data;
  const waiting = stats?.nodes.reduce((n, x) => n + x.waiting, 0) ?? 0;
  if (!doc || !versions) return null;
  const last = versions.reduce<VersionDto | null>((a, v) => (!a || v.version > a.version ? v : a), null);
  if (!last)
    return (
      <p className="ed-muted" data-testid="publish-first">
        {t('changes.first')}
      </p>
    );
  return (
    <section className="ed-publish-changes" data-testid="publish-changes">
      <h3>{t('changes.title', { n: last.version })}</h3>
      <FunnelChanges before={last.definition} after={doc} since={last.version} />
      {waiting > 0 && (
        <p className="ed-muted" data-testid="publish-waiting">
          {t('changes.waiting', { n: waiting })}
        </p>
      )}
    </section>
  );
}

/**
 * Publishing with a note: saves the draft first, then publishes. Shows the new version, or the
 * reasons the server refused (422: the issues and the saved scenarios that fail).
 */
export function PublishDialog({ funnelId }: { funnelId: string }) {
  const { t, lang } = useT();
  const qc = useQueryClient();
  const close = () => useUi.getState().setPublish(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const [enrol, setEnrol] = useState(false);
  const shared = useSharedTriggers(funnelId);
  const unset = useUnsetChannels();

  const publish = async () => {
    setBusy(true);
    setResult(null);
    try {
      if (!(await useSaveState.getState().flush())) throw new Error(t('publish.saveFailed', { error: useSaveState.getState().error ?? '' }));
      const v = await api.publish(funnelId, note.trim() || undefined, lang, enrol);
      setResult({ ok: v });
      setNote('');
      void qc.invalidateQueries({ queryKey: ['funnel', funnelId] });
      void qc.invalidateQueries({ queryKey: ['versions', funnelId] });
      void qc.invalidateQueries({ queryKey: ['funnels'] });
      void qc.invalidateQueries({ queryKey: ['audience', funnelId] });
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.body) setResult({ failed: e.body as PublishError });
      else setResult({ error: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('publish.title')} onClose={close} testid="publish-dialog" wide>
      {result && 'ok' in result ? (
        <div className="ed-publish-ok" data-testid="publish-result" data-version={result.ok.version}>
          <p>✓ {t('publish.done', { n: result.ok.version })}</p>
          {result.ok.enrolled !== undefined && (
            <p data-testid="publish-enrolled">
              {t('publish.audience.enrolled', { n: result.ok.enrolled })}
              {/* those not let in are said, with why */}
              {result.ok.members !== undefined && result.ok.members > result.ok.enrolled && ` ${t('publish.audience.notAll', { n: result.ok.members - result.ok.enrolled })}`}
            </p>
          )}
          <div className="row">
            <button type="button" className="primary" onClick={close}>
              {t('common.close')}
            </button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void publish();
          }}
        >
          <p className="ed-muted">{t('publish.explain')}</p>
          <DraftChanges funnelId={funnelId} />
          <PublishWarnings />
          <PublishAudience funnelId={funnelId} enrol={enrol} setEnrol={setEnrol} />
          {unset.length > 0 && (
            <p className="ed-warn-note" data-testid="publish-unset-channels">
              {t('publish.unsetChannels', { channels: unset.map((c) => t(`channel.${c}`)).join(', ') })}
            </p>
          )}
          {shared.map((x) => (
            <p key={x.event} className="ed-warn-note" data-testid="publish-shared-trigger">
              {t('publish.sharedTrigger', { event: x.event, funnels: x.funnels.map((n) => `«${n}»`).join(', ') })}
            </p>
          ))}
          <label>
            {t('publish.note')}
            <textarea name="note" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('publish.notePlaceholder')} maxLength={2000} rows={3} autoFocus />
          </label>
          {result && 'failed' in result && (
            <div className="ed-publish-errors" data-testid="publish-errors" role="alert">
              <p className="error">{result.failed.issues.some((i) => i.severity === 'error') ? t('publish.hasErrors') : t('publish.scenariosFail')}</p>
              {result.failed.issues.filter((i) => i.severity === 'error').length > 0 && (
                <>
                  <h3>{t('publish.issues')}</h3>
                  <ul>
                    {result.failed.issues
                      .filter((i) => i.severity === 'error')
                      .map((i, k) => (
                        <li key={k}>{i.message}</li>
                      ))}
                  </ul>
                </>
              )}
              {result.failed.scenarios.length > 0 && (
                <>
                  <h3>{t('publish.scenarios')}</h3>
                  <ul>
                    {result.failed.scenarios.map((s, k) => (
                      <li key={k} data-testid="publish-scenario">
                        <b>{s.name}</b>
                        <ul>
                          {s.failures.map((x, j) => (
                            <li key={j}>{x}</li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                  <p className="ed-muted" data-testid="publish-scenarios-help">{t('publish.scenariosHelp')}</p>
                  <button
                    type="button"
                    onClick={() => {
                      close();
                      // the simulator opens with the scenarios run: which fail is shown at once, not after «Прогнать все»
                      useUi.setState({ runScenarios: true });
                      useUi.getState().setTab('simulator');
                    }}
                    data-testid="publish-open-simulator"
                  >
                    {t('publish.openSimulator')}
                  </button>
                </>
              )}
            </div>
          )}
          {result && 'error' in result && (
            <p className="error" role="alert" data-testid="publish-errors">
              {result.error}
            </p>
          )}
          <div className="row ed-modal-foot">
            <span className="spacer" />
            <button type="button" onClick={close}>
              {t('common.cancel')}
            </button>
            {/* refused: the funnel cannot change while the dialog is open, so trying again would only repeat the refusal */}
            <button type="submit" className="primary" disabled={busy || (result !== null && 'failed' in result)} title={result && 'failed' in result ? t('publish.fixFirst') : undefined} data-testid="publish-submit">
              {busy ? t('publish.busy') : t('publish.submit')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
