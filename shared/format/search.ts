/**
 * Contact search, the same for every store (SQLite runs it as an SQL function): true when every
 * word of `query` is somewhere in `text`, ignoring case in any alphabet ("иван петров" finds a
 * contact whose names are in separate attributes), or, for a query that is a phone number, when its
 * digits are.
 */
export function matchesSearch(text: string, query: string): boolean {
  const hay = text.toLocaleLowerCase();
  if (PHONE.test(query)) {
    // a phone number as people write it (8 916 123-45-67, +7 (916) 123-45-67): its digits, 8… also as 7…
    const digits = query.replace(/\D/g, '');
    const flat = hay.replace(/[\s()+-]/g, '');
    return flat.includes(digits) || (digits.length === 11 && digits[0] === '8' && flat.includes(`7${digits.slice(1)}`));
  }
  return query.toLocaleLowerCase().split(/\s+/).every((w) => hay.includes(w));
}
/** A query that is a phone number: digits with the usual separators, at least 6 digits. */
const PHONE = /^(?=(?:\D*\d){6})[\d\s()+-]+$/;
