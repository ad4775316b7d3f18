import nodemailer from 'nodemailer';
import { mapLinks } from '../../shared/engine/links.ts';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { ChannelConfig } from './config.ts';
import { PermanentChannelError, type ChannelAdapter, type CheckResult, type OutgoingMessage } from './types.ts';

export type EmailConfig = NonNullable<ChannelConfig['email']>;

/** A channel adapter that holds open connections; `close()` ends them. */
export interface ClosableChannelAdapter extends ChannelAdapter {
  close(): Promise<void>;
}

/** The footer's link in the language of the funnel that sent the message (`settings.locale`, in the outbox row's payload). */
const UNSUBSCRIBE_TEXT: Record<string, string> = { ru: 'Отписаться от рассылки', en: 'Unsubscribe', uk: 'Відписатися від розсилки', be: 'Адпісацца ад рассылкі', kk: 'Таратылымнан бас тарту' };

/** The unsubscribe words for a locale: Russian for a message that names none (the funnels' default), English for a language without its own words. */
export const unsubscribeText = (locale?: unknown): string => (typeof locale === 'string' ? (UNSUBSCRIBE_TEXT[locale.slice(0, 2).toLowerCase()] ?? UNSUBSCRIBE_TEXT.en) : UNSUBSCRIBE_TEXT.ru);
/**
 * The unsubscribe link with the language its page speaks (`?lang=`): Russian for the footer's
 * Russian-reading languages, English for the others; none for a message that names no locale.
 */
export function unsubscribeLink(url: string, locale: unknown): string {
  if (typeof locale !== 'string') return url;
  const lang = /^(ru|uk|be|kk)\b/i.test(locale) ? 'ru' : 'en';
  return `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`;
}

// Simple and strict enough for a recipient: one @, no spaces or angle brackets, a dotted domain.
const EMAIL_RE = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

const ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (c) => ATTR_ESCAPES[c]);

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', laquo: '«', raquo: '»', mdash: '—', ndash: '–', hellip: '…' };

/** Decodes the HTML entities a body may hold (named ones above, and numeric ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED_ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Elements whose text is no reader's text to link: a link's own words, styles, scripts, the head. */
const NO_LINKS = /^<\/?(a|style|script|title|head|textarea)\b/i;

/**
 * A web address written in the body's text becomes a link to itself (`<a href="https://…">https://…</a>`),
 * as a tracked send's already is; punctuation that ends a sentence stays outside (`mapLinks`). Addresses
 * in a tag (an `href`, an image's `src`) and the words of an `<a>` are left as they are.
 */
export function linkify(html: string): string {
  let inside = 0; // depth of elements whose text is not linked
  return html
    .split(/(<!--[\s\S]*?-->|<[^<>]*>)/)
    .map((part, i) => {
      if (i % 2 === 1) {
        const m = NO_LINKS.exec(part);
        if (m && !part.endsWith('/>')) inside = Math.max(0, inside + (part[1] === '/' ? -1 : 1));
        return part;
      }
      return inside > 0 ? part : mapLinks(part, (url) => `<a href="${url}">${url}</a>`);
    })
    .join('');
}

/** The HTML part: the (already escaped) body with line breaks and its addresses linked, the unsubscribe footer and the open pixel, if any. */
export function emailHtml(body: string, unsubscribeUrl: string, openPixelUrl?: string, locale?: unknown): string {
  const main = linkify(body).replace(/\r\n?/g, '\n').replace(/\n/g, '<br>\n');
  const footer = `<p style="font-size:12px;color:#888"><a href="${escapeAttr(unsubscribeUrl)}">${unsubscribeText(locale)}</a></p>`;
  const pixel = openPixelUrl ? `<img src="${escapeAttr(openPixelUrl)}" width="1" height="1" alt="" style="display:block;border:0">` : '';
  return `<!doctype html><html><body>${main}\n<hr>\n${footer}${pixel}</body></html>`;
}

/**
 * The plain-text part: tags stripped (line breaks kept), entities decoded, and the footer. A link keeps
 * its address, as the HTML part has it (through the tracker when links are tracked, so a click from a
 * plain-text reader counts too): a link whose words are its address becomes the address, any other
 * «its words (the address)».
 */
export function emailText(body: string, unsubscribeUrl: string, locale?: unknown): string {
  const text = body
    .replace(/<a\s[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a>/gi, (_m, _q, href: string, inner: string) => {
      const words = inner.replace(/<[^>]*>/g, '').trim();
      return !words || /^(https?:\/\/|www\.)/i.test(decodeEntities(words)) ? href : `${words} (${href})`;
    })
    .replace(/\r\n?/g, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return `${decodeEntities(text).replace(/\n{3,}/g, '\n\n').trim()}\n\n--\n${unsubscribeText(locale)}: ${unsubscribeUrl}\n`;
}

/** Message-ID `<id@voronka>`: characters outside a safe set are %-encoded, so it stays valid and unique. */
export const messageIdFor = (id: string) => `<${id.replace(/[^A-Za-z0-9_-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}@voronka>`;

/** The transport URL with pooling and bounded timeouts (explicit query options win). */
function transportUrl(smtpUrl: string): string {
  const u = new URL(smtpUrl);
  u.searchParams.set('pool', 'true');
  const defaults: Record<string, string> = { connectionTimeout: '10000', greetingTimeout: '10000', socketTimeout: '60000' };
  for (const [k, v] of Object.entries(defaults)) if (!u.searchParams.has(k)) u.searchParams.set(k, v);
  return u.toString();
}

/**
 * A 5xx reply to the recipient or to the message itself is permanent (a bad mailbox, content
 * refused); connection, auth and 4xx failures are retried (they are temporary or config errors).
 */
function smtpError(e: unknown): never {
  const err = e as Error & { code?: string; responseCode?: number };
  const permanent = (err.code === 'EENVELOPE' || err.code === 'EMESSAGE') && (err.responseCode ?? 0) >= 500;
  throw permanent ? new PermanentChannelError(err.message) : err;
}

/** Email over SMTP (pooled connections). Returns the SMTP server's reply to the message. */
export function emailChannel(cfg: EmailConfig): ClosableChannelAdapter {
  const transport = nodemailer.createTransport(transportUrl(cfg.smtpUrl));
  return {
    name: 'email',
    links: 'html',
    async send(m: OutgoingMessage): Promise<string> {
      const to = m.contact.attributes.email;
      if (typeof to !== 'string' || !EMAIL_RE.test(to.trim())) throw new PermanentChannelError('the contact has no email address');
      const subject = typeof m.row.payload.subject === 'string' ? m.row.payload.subject : '';
      const body = typeof m.row.payload.body === 'string' ? m.row.payload.body : '';
      const { locale } = m.row.payload;
      const unsubscribe = unsubscribeLink(m.unsubscribeUrl, locale);
      const info = (await transport.sendMail({
        from: cfg.from,
        to: to.trim(),
        subject,
        html: emailHtml(body, unsubscribe, m.openPixelUrl, locale),
        text: emailText(body, unsubscribe, locale),
        messageId: messageIdFor(m.row.id),
        // dated by the server's clock, as the outbox's `sentAt` is (a tester's inbox matches the messages page)
        ...(m.at !== undefined ? { date: new Date(m.at) } : {}),
        headers: {
          'X-Voronka-Message-Id': m.row.id,
          'List-Unsubscribe': `<${unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      }).catch(smtpError)) as SMTPTransport.SentMessageInfo;
      if (info.rejected.length > 0) throw new PermanentChannelError(`the server rejected ${info.rejected.join(', ')}: ${info.response}`);
      return info.response;
    },
    async check(): Promise<CheckResult> {
      const u = new URL(cfg.smtpUrl);
      // a fresh connection (not the pool): connect, greet, log in, quit
      const probe = nodemailer.createTransport(transportUrl(cfg.smtpUrl).replace('pool=true', 'pool=false'));
      try {
        await probe.verify();
      } finally {
        probe.close();
      }
      const who = `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? 465 : 587)}`;
      const login = u.username ? decodeURIComponent(u.username) : undefined;
      return { detail: `${who} accepted the connection${login ? ` and the login of ${login}` : ''}`, who, ...(login ? { login } : {}) };
    },
    async close() {
      transport.close();
    },
  };
}
