import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SuppressionDto } from '../../../shared/api/types.ts';
import { api } from '../api/client.ts';
import { errorText } from './errors.ts';
import { useFormat } from './format.ts';
import { usePhoneText } from '../app/workspace.ts';
import { ADDRESS_ATTRIBUTE } from '../../../shared/format/common.ts';

/**
 * The contact's addresses nothing is sent to (a provider reported them undeliverable for good), each
 * with why and when, and — for those who may edit — a button that lifts it once the address works again.
 */
export function Suppressions({ contactId, suppressed, canEdit }: { contactId: string; suppressed: SuppressionDto[]; canEdit: boolean }) {
  const { t, date, maybe } = useFormat();
  const phoneText = usePhoneText();
  const qc = useQueryClient();
  const lift = useMutation({
    mutationFn: (channel: string) => api.unsuppress(contactId, channel),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['contact', contactId] }),
  });
  return (
    <div className="ls-banner ls-warn ls-stack ls-mt" role="status" data-testid="contact-suppressed">
      {suppressed.map((s) => (
        <p key={s.channel} data-channel={s.channel}>
          {t('contact.suppressed', { channel: maybe(`channel.${s.channel}`, s.channel), address: ADDRESS_ATTRIBUTE[s.channel] === 'phone' ? phoneText(s.address) : s.address, when: date(s.at) })}
          {s.reason && <span className="muted">. {t('contact.suppressedReason', { reason: s.reason })}</span>}
          {canEdit && (
            <button type="button" className="link" disabled={lift.isPending} onClick={() => lift.mutate(s.channel)} data-testid="contact-unsuppress">
              {t('contact.unsuppress')}
            </button>
          )}
        </p>
      ))}
      {lift.error && <p className="error">{errorText(lift.error)}</p>}
    </div>
  );
}
