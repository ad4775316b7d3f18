import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { ADDRESS_ATTRIBUTE, deliveryAddress } from '../../shared/format/common.ts';
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

/**
 * The address a message on `channel` goes to for a contact, as suppressions keep it: a phone channel's in the
 * international format read in the home country (`(312) 555-0101` → `+13125550101` in the US; as typed when it cannot be
 * read — the send then says why), an email lower-cased; null without one, undefined for a channel with no address.
 */
export function channelAddress(channel: string, attributes: Record<string, unknown> | null | undefined, country: CountryCode): string | null | undefined {
  if (ADDRESS_ATTRIBUTE[channel] !== 'phone') return deliveryAddress(channel, attributes);
  const raw = attributes?.phone;
  if (raw === undefined || raw === null || String(raw).trim() === '') return null;
  return phoneForSending(raw, country) ?? String(raw).trim();
}
