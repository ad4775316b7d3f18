import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { UserDto } from '../../../shared/api/types.ts';
import { inZone, zoneLabel } from '../../../shared/format/zones.ts';
import { api } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { browserZone, useViewZoneState, type TimesIn } from '../i18n/viewZone.ts';
import { useWorkspaceZone } from './workspace.ts';

/** A zone in a few words for the top bar: its offset and first city («UTC+7 — Новосибирск»), or its name. */
const shortZone = (zone: string, lang: 'ru' | 'en', now: number) => zoneLabel(zone, lang, now).split(', ')[0];

/**
 * Which zone the app writes times in: the workspace's (the business's clock, in which its funnels
 * send) or the user's own. Shown only when the two differ now; the choice follows the user to any browser.
 */
export function ZoneSwitch({ me }: { me: UserDto }) {
  const { t, lang } = useT();
  const qc = useQueryClient();
  const workspaceZone = useWorkspaceZone();
  const { timesIn, choose, setWorkspaceZone } = useViewZoneState();
  useEffect(() => setWorkspaceZone(workspaceZone), [workspaceZone, setWorkspaceZone]);
  useEffect(() => choose(me.times ?? 'workspace'), [me.id, me.times, choose]);
  const now = Date.now();
  const mine = browserZone();
  if (!workspaceZone || inZone(now, workspaceZone).offset === inZone(now, mine).offset) return null;
  const pick = (next: TimesIn) => {
    choose(next);
    qc.setQueryData(['me'], { ...me, times: next });
    void api.setPreferences({ times: next }).catch(() => {}); // the switch works in this browser even if saving fails
  };
  return (
    <label className="zone-switch" title={t('zone.switch.title')}>
      <select value={timesIn} onChange={(e) => pick(e.target.value as TimesIn)} data-testid="zone-switch" aria-label={t('zone.switch.title')}>
        <option value="workspace">{t('zone.switch.workspace', { zone: shortZone(workspaceZone, lang, now) })}</option>
        <option value="mine">{t('zone.switch.mine', { zone: shortZone(mine, lang, now) })}</option>
      </select>
    </label>
  );
}
