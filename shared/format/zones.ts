import { DateTime, IANAZone, Zone } from 'luxon';

/**
 * luxon asks `Intl` for a zone's offset on every call, which dominates the engine's step time.
 * Offsets only change at DST transitions, which fall on 15-minute boundaries, so this zone
 * memoises the offset per 15-minute slot. Behaviour is IANAZone's, only faster.
 */
class CachedZone extends Zone {
  private offsets = new Map<number, number>();
  constructor(private readonly inner: IANAZone) {
    super();
  }
  override get type() {
    return 'iana';
  }
  override get name() {
    return this.inner.name;
  }
  override get isUniversal() {
    return false;
  }
  override get isValid() {
    return this.inner.isValid;
  }
  override offsetName(ts: number, opts: any) {
    return this.inner.offsetName(ts, opts);
  }
  override formatOffset(ts: number, format: any) {
    return this.inner.formatOffset(ts, format);
  }
  override offset(ts: number) {
    const slot = Math.floor(ts / 900_000);
    let o = this.offsets.get(slot);
    if (o === undefined) {
      o = this.inner.offset(ts);
      if (this.offsets.size > 50_000) this.offsets.clear();
      this.offsets.set(slot, o);
    }
    return o;
  }
  override equals(other: Zone) {
    return other.type === 'iana' && other.name === this.name;
  }
}

const zones = new Map<string, Zone | null>();

/** A luxon zone for an IANA name (cached), or null when the name is not a time zone. */
export function getZone(name: string): Zone | null {
  let z = zones.get(name);
  if (z === undefined) {
    z = IANAZone.isValidZone(name) ? new CachedZone(IANAZone.create(name)) : null;
    zones.set(name, z);
  }
  return z;
}

export const isValidZone = (name: unknown): boolean => typeof name === 'string' && getZone(name) !== null;

/** An instant as a luxon DateTime in the named zone (UTC when the name is not a zone). */
export const inZone = (ms: number, name: string): DateTime => DateTime.fromMillis(ms, { zone: getZone(name) ?? 'UTC' });

/** Time zones offered in pickers (any IANA name may be typed): Russia's, its neighbours', a few more. */
export const COMMON_ZONES = ['Europe/Moscow', 'Europe/Kaliningrad', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Omsk', 'Asia/Novosibirsk', 'Asia/Krasnoyarsk', 'Asia/Irkutsk', 'Asia/Yakutsk', 'Asia/Vladivostok', 'Asia/Magadan', 'Asia/Kamchatka', 'Europe/Minsk', 'Asia/Almaty', 'Asia/Tashkent', 'UTC', 'Europe/London', 'Europe/Berlin'];
