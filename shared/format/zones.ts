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

/** The cities people know a zone by, in Russian and in English (the pickers show them beside the IANA name). */
const ZONE_CITIES: Record<string, [ru: string, en: string]> = {
  'Europe/Moscow': ['Москва, Санкт-Петербург, Казань, Нижний Новгород, Краснодар', 'Moscow, Saint Petersburg, Kazan, Nizhny Novgorod, Krasnodar'],
  'Europe/Kaliningrad': ['Калининград', 'Kaliningrad'],
  'Europe/Samara': ['Самара, Ижевск', 'Samara, Izhevsk'],
  'Asia/Yekaterinburg': ['Екатеринбург, Челябинск, Пермь, Уфа, Тюмень', 'Yekaterinburg, Chelyabinsk, Perm, Ufa, Tyumen'],
  'Asia/Omsk': ['Омск', 'Omsk'],
  'Asia/Novosibirsk': ['Новосибирск', 'Novosibirsk'],
  'Asia/Krasnoyarsk': ['Красноярск, Кемерово', 'Krasnoyarsk, Kemerovo'],
  'Asia/Irkutsk': ['Иркутск, Улан-Удэ', 'Irkutsk, Ulan-Ude'],
  'Asia/Yakutsk': ['Якутск, Чита', 'Yakutsk, Chita'],
  'Asia/Vladivostok': ['Владивосток, Хабаровск', 'Vladivostok, Khabarovsk'],
  'Asia/Magadan': ['Магадан, Южно-Сахалинск', 'Magadan, Yuzhno-Sakhalinsk'],
  'Asia/Kamchatka': ['Петропавловск-Камчатский', 'Petropavlovsk-Kamchatsky'],
  'Europe/Minsk': ['Минск', 'Minsk'],
  'Asia/Almaty': ['Алматы, Астана', 'Almaty, Astana'],
  'Asia/Tashkent': ['Ташкент', 'Tashkent'],
  UTC: ['UTC', 'UTC'],
  'Europe/London': ['Лондон, Дублин, Лиссабон', 'London, Dublin, Lisbon'],
  'Europe/Berlin': ['Берлин, Париж, Варшава, Рим, Мадрид', 'Berlin, Paris, Warsaw, Rome, Madrid'],
  'Europe/Kyiv': ['Киев, Кишинёв, Рига, Вильнюс, Таллин', 'Kyiv, Chisinau, Riga, Vilnius, Tallinn'],
  'Europe/Istanbul': ['Стамбул, Анкара', 'Istanbul, Ankara'],
  'Asia/Tbilisi': ['Тбилиси', 'Tbilisi'],
  'Asia/Yerevan': ['Ереван', 'Yerevan'],
  'Asia/Baku': ['Баку', 'Baku'],
  'Asia/Dubai': ['Дубай, Абу-Даби', 'Dubai, Abu Dhabi'],
  'Asia/Bishkek': ['Бишкек', 'Bishkek'],
  'Asia/Kolkata': ['Дели, Мумбаи', 'Delhi, Mumbai'],
  'Asia/Bangkok': ['Бангкок, Ханой', 'Bangkok, Hanoi'],
  'Asia/Shanghai': ['Пекин, Шанхай, Гонконг, Сингапур', 'Beijing, Shanghai, Hong Kong, Singapore'],
  'Asia/Tokyo': ['Токио, Сеул', 'Tokyo, Seoul'],
  'Australia/Sydney': ['Сидней, Мельбурн', 'Sydney, Melbourne'],
  'America/New_York': ['Нью-Йорк, Вашингтон, Бостон, Майами, Торонто', 'New York, Washington, Boston, Miami, Toronto'],
  'America/Chicago': ['Чикаго, Даллас, Хьюстон', 'Chicago, Dallas, Houston'],
  'America/Denver': ['Денвер', 'Denver'],
  'America/Phoenix': ['Финикс', 'Phoenix'],
  'America/Los_Angeles': ['Лос-Анджелес, Сан-Франциско, Сиэтл, Ванкувер', 'Los Angeles, San Francisco, Seattle, Vancouver'],
  'America/Anchorage': ['Анкоридж', 'Anchorage'],
  'Pacific/Honolulu': ['Гонолулу', 'Honolulu'],
  'America/Mexico_City': ['Мехико', 'Mexico City'],
  'America/Sao_Paulo': ['Сан-Паулу, Буэнос-Айрес', 'São Paulo, Buenos Aires'],
};

/**
 * The country a workspace's phones are written in when they have no country code, by its time zone: a Chicago
 * workspace's `(312) 555-0101` is American, a Moscow one's `8 916 555-12-34` Russian. A zone not listed: the US in the
 * Americas, else Russia (our marketers' home). ISO 3166 codes.
 */
const ZONE_COUNTRY: Record<string, string> = {
  'Europe/Minsk': 'BY', 'Asia/Almaty': 'KZ', 'Asia/Tashkent': 'UZ', 'Europe/London': 'GB', 'Europe/Berlin': 'DE', 'Europe/Kyiv': 'UA',
  'Europe/Istanbul': 'TR', 'Asia/Tbilisi': 'GE', 'Asia/Yerevan': 'AM', 'Asia/Baku': 'AZ', 'Asia/Dubai': 'AE', 'Asia/Bishkek': 'KG',
  'Asia/Kolkata': 'IN', 'Asia/Bangkok': 'TH', 'Asia/Shanghai': 'CN', 'Asia/Tokyo': 'JP', 'Australia/Sydney': 'AU',
  'America/Mexico_City': 'MX', 'America/Sao_Paulo': 'BR',
};

export function phoneCountryOfZone(zone: string | null | undefined): string {
  if (!zone) return 'RU';
  return ZONE_COUNTRY[zone] ?? (zone.startsWith('America/') || zone === 'Pacific/Honolulu' ? 'US' : 'RU');
}

/** Time zones offered in pickers (any IANA name may be typed): Russia's, its neighbours', the world's main ones. */
export const COMMON_ZONES = Object.keys(ZONE_CITIES);

/** A zone as a picker shows it: its offset at `now` and its first three cities («UTC+3 — Москва, Санкт-Петербург, Казань»); the name alone for a zone without cities. */
export function zoneLabel(zone: string, lang: 'ru' | 'en', now: number): string {
  const cities = ZONE_CITIES[zone]?.[lang === 'ru' ? 0 : 1];
  if (!cities || zone === 'UTC') return zone;
  const minutes = inZone(now, zone).offset;
  const h = Math.trunc(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `UTC${minutes < 0 ? '−' : '+'}${h}${m ? `:${String(m).padStart(2, '0')}` : ''} — ${cities.split(', ').slice(0, 3).join(', ')}`;
}

/** The zone of a city typed where a zone's name belongs («Казань» → Europe/Moscow), if it is one the pickers know. */
export function zoneOfCity(text: string): string | undefined {
  const want = text.trim().toLowerCase().replace(/ё/g, 'е');
  if (!want) return undefined;
  return Object.entries(ZONE_CITIES).find(([, names]) => names.some((list) => list.split(', ').some((c) => c.toLowerCase().replace(/ё/g, 'е') === want)))?.[0];
}
