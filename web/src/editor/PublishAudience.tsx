import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { segmentName } from '../app/segments.ts';
import { useT } from '../i18n/i18n.ts';

/**
 * Who is in the segments the funnel starts on already: entering starts it, so they would not —
 * the marketer chooses whether to let them in now, as the funnel is published.
 */
export function PublishAudience({ funnelId, enrol, setEnrol }: { funnelId: string; enrol: boolean; setEnrol: (on: boolean) => void }) {
  const { t } = useT();
  const audience = useQuery({ queryKey: ['audience', funnelId], queryFn: () => api.audience(funnelId), staleTime: 0 }).data;
  const members = (audience?.segments ?? []).filter((s) => s.contacts > 0);
  if (members.length === 0) return null;
  const total = members.reduce((n, s) => n + s.contacts, 0);
  return (
    <div className="ed-warn-note" data-testid="publish-audience">
      <p>
        {members.map((s) => t('publish.audience.in', { segment: segmentName(t, s.segment), n: s.contacts })).join(' ')} {t('publish.audience.why')}
      </p>
      <label className="row">
        <input type="checkbox" checked={enrol} onChange={(e) => setEnrol(e.target.checked)} data-testid="publish-enrol" />
        {t('publish.audience.enrol', { n: total })}
      </label>
    </div>
  );
}
