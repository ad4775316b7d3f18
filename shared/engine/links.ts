/** Finds links in a template and tells which are broken: the classic automation failure. */
const URLISH = /\b([a-z][a-z0-9+.-]*):\/\/[^\s"'<>]*/gi;
const HREF = /href\s*=\s*["']([^"']*)["']/gi;

const withoutPlaceholders = (s: string) => s.replace(/\{\{[^{}]*\}\}/g, 'x');

/** Why a URL is broken, or null when it looks fine. Placeholders count as filled in. */
export function brokenUrlReason(raw: string): string | null {
  const url = withoutPlaceholders(raw.trim());
  if (url === '') return 'the link is empty';
  if (/\s/.test(url)) return 'the link contains a space';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) return 'the link has no http:// or https:// at the start';
  if (scheme === 'mailto' || scheme === 'tel') return null;
  if (scheme !== 'http' && scheme !== 'https') return `"${scheme}://" is not a web address; did you mean https://?`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'the link cannot be opened: it is not a valid address';
  }
  if (!/^\/\//.test(url.slice(scheme.length + 1))) return 'the link needs two slashes after http:';
  const host = u.hostname;
  if (host === 'x') return null; // the whole host is a placeholder
  if (host !== 'localhost' && !host.includes('.')) return `"${host}" is not a full domain name (e.g. example.com)`;
  if (host.split('.').some((p) => p === '')) return `"${host}" has an empty part between dots`;
  return null;
}

/** Every link in a text with the reason it is broken (only the broken ones). */
export function brokenLinks(text: string): { url: string; reason: string }[] {
  const found = new Set<string>();
  const hrefs = [...text.matchAll(HREF)].map((m) => m[1]);
  hrefs.forEach((h) => found.add(h));
  for (const m of text.matchAll(URLISH)) {
    const url = m[0].replace(/[.,;:!?)]+$/, '');
    if (!hrefs.some((h) => h !== url && h.startsWith(url))) found.add(url); // the start of an href already reported
  }
  // a bare http without slashes, e.g. "http:/example.com"
  for (const m of text.matchAll(/\bhttps?:\/?(?!\/)[^\s"'<>]+/gi)) found.add(m[0]);
  const out: { url: string; reason: string }[] = [];
  for (const url of found) {
    const reason = brokenUrlReason(url);
    if (reason) out.push({ url, reason });
  }
  return out;
}

const WEB_LINK = /https?:\/\/[^\s"'<>]+/gi;
const TRAILING = /[.,;:!?)\]»]+$/;

/**
 * Replaces every web link of a message body (bare or in an `href`), in order, with `f(url, i)`;
 * punctuation that ends a sentence stays outside the link. The same body always yields the same
 * links in the same order, which is what lets a tracked link name its target by position.
 */
export function mapLinks(text: string, f: (url: string, index: number, inAttribute: boolean) => string): string {
  let i = 0;
  return text.replace(WEB_LINK, (m, offset: number) => {
    let trail = TRAILING.exec(m)?.[0] ?? '';
    let url = m.slice(0, m.length - trail.length);
    // an escaped character of the link (`&lt;` in an email's `b=<2>`) keeps its `;`: it is no sentence's end
    if (trail.startsWith(';') && ENTITY_START.test(url)) [url, trail] = [`${url};`, trail.slice(1)];
    // `href="https://…"`: the link is an attribute's value, not text a reader sees
    return f(url, i++, /["'=]/.test(text[offset - 1] ?? '')) + trail;
  });
}

const ENTITY_START = /&(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+)$/i;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/** The web links of a body in order (as `mapLinks` numbers them), HTML entities decoded: each link as written. */
export function linksOf(text: string): string[] {
  const out: string[] = [];
  const decode = (s: string) =>
    s.replace(/&(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/gi, (e, name: string) =>
      name[0] === '#' ? String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : ENTITIES[name.toLowerCase()],
    );
  mapLinks(text, (url) => (out.push(decode(url)), url));
  return out;
}
