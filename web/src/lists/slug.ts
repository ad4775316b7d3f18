const CYR: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu',
  я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
};

/**
 * A funnel id suggested from its name: Cyrillic transliterated, lower case, words joined by `-`.
 * @example slugify('Брошенная корзина 2') // 'broshennaya-korzina-2'
 */
export function slugify(name: string): string {
  const slug = [...name.toLowerCase()]
    .map((ch) => CYR[ch] ?? ch)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 60) return slug;
  // a long name is cut between words (one long first word is cut as it is)
  const head = slug.slice(0, 61);
  const end = head.lastIndexOf('-');
  return end > 0 ? head.slice(0, end) : slug.slice(0, 60);
}

/** `base`, or `base-2`, `base-3`… — the first that is not taken. */
export function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
