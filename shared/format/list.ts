/**
 * A list typed as text — tags, segments, teams — split at commas or semicolons (forms are typed
 * with commas, CSV cells hold `;`; either works everywhere), trimmed, empty items and repeats dropped.
 *
 * @example splitList('vip; webinar, vip') // ['vip', 'webinar']
 */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,;]/).map((s) => s.trim()).filter(Boolean))];
}
