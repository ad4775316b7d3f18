import { COMMON_ZONES, zoneLabel } from '../../../shared/format/zones.ts';
import { useT } from '../i18n/i18n.ts';

/**
 * The time zones a picker offers, each with its cities and offset now («Москва, Казань… · UTC+3»),
 * `keep` first when it is set and not among them (a zone typed by hand stays choosable).
 */
export function useZoneOptions(keep?: string | null): { value: string; label: string }[] {
  const { lang } = useT();
  const now = Date.now();
  const zones = keep && !COMMON_ZONES.includes(keep) ? [keep, ...COMMON_ZONES] : COMMON_ZONES;
  return zones.map((z) => {
    const label = zoneLabel(z, lang, now);
    return { value: z, label: label === z ? z : `${label} (${z})` };
  });
}
