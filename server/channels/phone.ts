import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { phoneCountryOfZone } from '../../shared/format/zones.ts';

/** The country a phone without its country code is in, for the workspace's time zone (`phoneCountryOfZone`). */
export const homeCountry = (zone: string | null | undefined): CountryCode => phoneCountryOfZone(zone) as CountryCode;

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
