import { COMMON_ZONES, inZone, zoneLabel } from '../../../shared/format/zones.ts';
import { useT } from '../i18n/i18n.ts';

/**
 * The time zones a picker offers, each with its cities and offset now («Москва, Казань… · UTC+3»),
 * `keep` first when it is set and not among them (a zone typed by hand stays choosable).
 */
export function useZoneOptions(keep?: string | null): { value: string; label: string }[] {
  const { lang } = useT();
  const now = Date.now();
  // west to east, as a map reads (Almaty next to Yekaterinburg, not after Kamchatka)
  const east = [...COMMON_ZONES].sort((a, b) => inZone(now, a).offset - inZone(now, b).offset);
  const zones = keep && !COMMON_ZONES.includes(keep) ? [keep, ...east] : east;
  return zones.map((z) => {
    const label = zoneLabel(z, lang, now);
    return { value: z, label: label === z ? z : `${label} (${z})` };
  });
}
