import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * The country a workspace's phones are written in when they have no country code, by its time zone: a Chicago
 * workspace's `(312) 555-0101` is American, a Moscow one's `8 916 555-12-34` Russian. A zone not listed: Russia in
 * Europe, Asia and Africa (our marketers' home), the US in the Americas.
 */
const ZONE_COUNTRY: Record<string, CountryCode> = {
  'Europe/Minsk': 'BY', 'Asia/Almaty': 'KZ', 'Asia/Tashkent': 'UZ', 'Europe/London': 'GB', 'Europe/Berlin': 'DE', 'Europe/Kyiv': 'UA',
  'Europe/Istanbul': 'TR', 'Asia/Tbilisi': 'GE', 'Asia/Yerevan': 'AM', 'Asia/Baku': 'AZ', 'Asia/Dubai': 'AE', 'Asia/Bishkek': 'KG',
  'Asia/Kolkata': 'IN', 'Asia/Bangkok': 'TH', 'Asia/Shanghai': 'CN', 'Asia/Tokyo': 'JP', 'Australia/Sydney': 'AU',
  'America/Mexico_City': 'MX', 'America/Sao_Paulo': 'BR',
};

export function homeCountry(zone: string | null | undefined): CountryCode {
  if (!zone) return 'RU';
  return ZONE_COUNTRY[zone] ?? (zone.startsWith('America/') || zone.startsWith('Pacific/Honolulu') ? 'US' : 'RU');
}

/**
 * The number a message to `raw` goes to, in the international format (E.164, `+13125550101`), read in the home
 * country when it has no country code; null when it cannot be a whole number there (`555-0110` has no area code) —
 * never sent as typed to a gateway that would read it some other way.
 */
export function phoneForSending(raw: unknown, country: CountryCode): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw).trim();
  if (!text) return null;
  const n = parsePhoneNumberFromString(text, country);
  return n?.isPossible() ? n.number : null;
}
