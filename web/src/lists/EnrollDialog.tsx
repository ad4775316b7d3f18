import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { startEvents } from '../editor/startEvents.ts';
import { Dialog, FormButtons } from './Dialog.tsx';
import { errorText } from './errors.ts';
import { useFormat } from './format.ts';

/**
 * «Запустить в воронку»: a contact added by hand (a walk-in, a call) is put into a live funnel by
 * sending its start event for them — the same event an integration would send, so the trigger's
 * condition and re-entry rule decide, and the dialog says when the funnel did not take them.
 */
export function EnrollDialog({ contactId, onClose }: { contactId: string; onClose: () => void }) {
  const { t } = useFormat();
  const qc = useQueryClient();
  const funnels = useQuery({ queryKey: ['funnels'], queryFn: api.funnels });
  const choices = (funnels.data ?? []).filter((f) => f.status === 'live').flatMap((f) => startEvents(f.draft.nodes).map((event) => ({ key: `${f.id}\u0000${event}`, funnel: f, event })));
  const [key, setKey] = useState('');
  const [data, setData] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const chosen = choices.find((c) => c.key === key) ?? choices[0];
  let parsed: Record<string, unknown> | undefined;
  let badData = false;
  try {
    const v: unknown = data.trim() ? JSON.parse(data) : undefined;
    if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) badData = true;
    else parsed = v as Record<string, unknown> | undefined;
  } catch {
    badData = true;
  }
  const send = useMutation({
    mutationFn: async () => {
      const before = await api.runs({ contactId, funnelId: chosen!.funnel.id });
      await api.sendEvent({ type: chosen!.event, contactId, ...(parsed ? { data: parsed } : {}) });
      const after = await api.runs({ contactId, funnelId: chosen!.funnel.id });
      return after.length > before.length;
    },
    onSuccess: (started) => {
      for (const k of [['runs', { contactId }], ['contact', contactId], ['contact-events', contactId], ['tasks']]) void qc.invalidateQueries({ queryKey: k });
      if (started) onClose();
      else setOutcome(t('contact.enroll.notTaken', { funnel: chosen!.funnel.name }));
    },
  });
  return (
    <Dialog title={t('contact.enroll.title')} onClose={onClose} testId="enroll">
      <form
        className="ls-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen && !badData) send.mutate();
        }}
      >
        {funnels.data && choices.length === 0 && <p className="ls-empty">{t('contact.enroll.none')}</p>}
        {choices.length > 0 && (
          <>
            <label>
              {t('contact.enroll.funnel')}
              <select value={chosen?.key ?? ''} onChange={(e) => (setKey(e.target.value), setOutcome(null))} data-testid="enroll-funnel">
                {choices.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.funnel.name} — {c.event}
                  </option>
                ))}
              </select>
              <span className="ls-hint">{t('contact.enroll.hint', { event: chosen?.event ?? '' })}</span>
            </label>
            <label>
              {t('contact.enroll.data')}
              <textarea rows={3} value={data} onChange={(e) => setData(e.target.value)} placeholder='{"source": "звонок"}' className="ed-mono" data-testid="enroll-data" />
              {badData && <span className="ls-hint ls-bad">{t('contact.enroll.badData')}</span>}
            </label>
          </>
        )}
        {outcome && (
          <p className="error" role="alert" data-testid="enroll-not-taken">
            {outcome}
          </p>
        )}
        {send.error && (
          <p className="error" role="alert">
            {errorText(send.error)}
          </p>
        )}
        <FormButtons onCancel={onClose} submit={t('contact.enroll.go')} disabled={!chosen || badData || send.isPending} testId="enroll-go" />
      </form>
    </Dialog>
  );
}
