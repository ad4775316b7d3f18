/**
 * The number a phone typed the Russian way most likely is, in the international format
 * (`8 (916) 555-12-34` → `+79165551234`); '' when it cannot tell.
 */
export function internationalPhone(typed: string): string {
  const digits = typed.replace(/\D/g, '');
  if (digits.length === 11 && (digits[0] === '8' || digits[0] === '7')) return `+7${digits.slice(1)}`;
  if (digits.length === 10 && digits[0] === '9') return `+7${digits}`;
  if (typed.trim().startsWith('+') && digits.length >= 7 && digits.length <= 15) return `+${digits}`;
  return '';
}

/** A North American number written the domestic way (`(312) 555-0101`, `1-312-555-0101`) in the international format; '' when it is not one. */
function nanpPhone(typed: string): string {
  const digits = typed.replace(/\D/g, '');
  if (!/^[\d\s().-]+$/.test(typed.trim())) return '';
  if (digits.length === 10 && /^[2-9]/.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && /^1[2-9]/.test(digits)) return `+${digits}`;
  return '';
}

/**
 * A phone as people read it: a Russian or Kazakh number grouped (`+7 916 555-12-34`), a North American one as there
 * (`+1 (212) 555-0103`); any other number as it is stored. `home`: how a number without a country code is read —
 * the Russian way (`8 917 …`) or, in a workspace in the Americas, the North American one (`(312) 555-0101`).
 */
export function readablePhone(stored: string, home: 'nanp' | 'ru' = 'ru'): string {
  // a number stored the domestic way reads as the international one: 8 917 … in Russia, (312) 555-0101 in the US
  const intl = (/^\s*\+/.test(stored) ? stored : (home === 'nanp' ? nanpPhone(stored) : internationalPhone(stored)) || stored).replace(/[\s().-]/g, '');
  const ru = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(intl);
  if (ru) return `+7 ${ru[1]} ${ru[2]}-${ru[3]}-${ru[4]}`;
  const nanp = /^\+1([2-9]\d{2})(\d{3})(\d{4})$/.exec(intl);
  return nanp ? `+1 (${nanp[1]}) ${nanp[2]}-${nanp[3]}` : stored;
}

/**
 * Whether text can be a phone number: digits with the usual `+ ( ) - .` and spaces, 7 to 15 digits
 * (the international limit; the shortest local numbers have 7). `12345` or `call me` cannot.
 */
export function isPhoneLike(text: string): boolean {
  if (!/^\+?[\d\s().-]+$/.test(text.trim())) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

/** The number a message goes to: a Russian one written the domestic way in the international format (`89173334455` → `+79173334455`), any other as stored. */
export const phoneAddress = (stored: string): string => internationalPhone(stored) || stored;
