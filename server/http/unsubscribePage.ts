import { escapeHtml } from '../../shared/engine/template.ts';

/** The language the page speaks: the funnel's (`?lang=` on the link), both for a link that names none. */
export type UnsubscribeLang = 'ru' | 'en' | 'both';

export const unsubscribeLang = (lang: string | undefined): UnsubscribeLang => (lang === 'ru' || lang === 'en' ? lang : 'both');

/** A sender's name as the page writes it: in quotes when it is a name, as is when it is an address. */
const named = (sender: string, open: string, close: string) => (sender.includes('@') ? sender : `${open}${sender}${close}`);

/** The words of one language; `s` is who the mail came from (escaped), null when unknown. */
const WORDS = {
  ru: {
    title: (s: string | null) => (s ? `Отписка от рассылки ${named(s, '«', '»')}` : 'Отписка от рассылки'),
    ask: (s: string | null) => (s ? `Отписаться от рассылки ${named(s, '«', '»')}?` : 'Отписаться от этой рассылки?'),
    what: (s: string | null) => (s ? `Вы больше не будете получать письма рассылки от ${named(s, '«', '»')}.` : 'Вы больше не будете получать письма этой рассылки.'),
    stay: 'Если передумали, просто закройте эту страницу: ничего не изменится.',
    button: 'Отписаться',
    done: 'Вы отписались от рассылки.',
    doneWhat: (s: string | null) => (s ? `Письма рассылки от ${named(s, '«', '»')} больше не будут приходить.` : 'Письма этой рассылки больше не будут приходить.'),
  },
  en: {
    title: (s: string | null) => (s ? `Unsubscribe from ${named(s, '“', '”')}` : 'Unsubscribe'),
    ask: (s: string | null) => (s ? `Unsubscribe from the emails of ${named(s, '“', '”')}?` : 'Unsubscribe from these emails?'),
    what: (s: string | null) => (s ? `You will no longer receive marketing emails from ${named(s, '“', '”')}.` : 'You will no longer receive these emails.'),
    stay: 'Changed your mind? Just close this page: nothing will change.',
    button: 'Unsubscribe',
    done: 'You are unsubscribed.',
    doneWhat: (s: string | null) => (s ? `Marketing emails from ${named(s, '“', '”')} will no longer come to you.` : 'These emails will no longer come to you.'),
  },
};

const CSS = [
  'body{margin:0;background:#f4f5f7;color:#1f2328;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}',
  'main{box-sizing:border-box;max-width:30rem;margin:12vh auto 2rem;padding:2rem 1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12)}',
  '@media (max-width:32rem){main{margin:0;min-height:100vh;border-radius:0;box-shadow:none}}',
  'h1{margin:0 0 .75rem;font-size:1.35rem;line-height:1.3}',
  'p{margin:0 0 1rem}',
  '.muted{color:#656d76;font-size:.9rem}',
  '.ok{color:#1a7f37}',
  'button{width:100%;padding:.8rem 1rem;border:0;border-radius:8px;background:#cf222e;color:#fff;font:inherit;font-weight:600;cursor:pointer}',
  'button:hover,button:focus-visible{background:#a40e26}',
  'hr{border:0;border-top:1px solid #d0d7de;margin:1.5rem 0}',
].join('');

function shell(lang: UnsubscribeLang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang === 'en' ? 'en' : 'ru'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${CSS}</style></head><body><main>${body}</main></body></html>`;
}

const langs = (lang: UnsubscribeLang) => (lang === 'both' ? (['ru', 'en'] as const) : ([lang] as const));

/**
 * The page a contact sees on opening the unsubscribe link: who the mail came from (`sender`, the channel's
 * sender name; null when unknown), what unsubscribing does, and the button that posts the form.
 */
export function askPage(lang: UnsubscribeLang, sender: string | null): string {
  const s = sender ? escapeHtml(sender) : null;
  const blocks = langs(lang).map((l) => `<h1>${WORDS[l].ask(s)}</h1><p>${WORDS[l].what(s)}</p>`);
  const button = langs(lang).map((l) => WORDS[l].button).join(' / ');
  const stay = langs(lang).map((l) => `<p class="muted">${WORDS[l].stay}</p>`).join('');
  return shell(lang, langs(lang).map((l) => WORDS[l].title(s)).join(' / '), `${blocks.join('<hr>')}<form method="post"><input type="hidden" name="confirm" value="1"><p><button type="submit">${button}</button></p></form>${stay}`);
}

/** The page after the button: the opt-out is recorded. */
export function donePage(lang: UnsubscribeLang, sender: string | null): string {
  const s = sender ? escapeHtml(sender) : null;
  const blocks = langs(lang).map((l) => `<h1 class="ok">${WORDS[l].done}</h1><p>${WORDS[l].doneWhat(s)}</p>`);
  return shell(lang, langs(lang).map((l) => WORDS[l].title(s)).join(' / '), blocks.join('<hr>'));
}

/** The page of a test send's link: nothing to record. */
export function testSendPage(): string {
  return shell('both', 'Отписка / Unsubscribe', '<p>Это было тестовое сообщение: отписка не записана.</p><p lang="en">This was a test message: no opt-out was recorded.</p>');
}
