import { useFormat } from './format.ts';
import { hourStyle, uiLocale } from '../i18n/i18n.ts';
import { browserZone } from '../i18n/viewZone.ts';

/** `Mon 21:15` at `now` in `timeZone`; null for a zone the browser does not know. */
function clockAt(locale: string, now: number, timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat(locale, { hour: hourStyle(locale), minute: '2-digit', weekday: 'short', timeZone }).format(new Date(now));
  } catch {
    return null;
  }
}

/**
 * The time at the contact now, when they live in another zone than the page's times: whether it is
 * a good hour to call. With `zoneNote`, also says which zone the page's own times are in (the
 * workspace's or the viewer's), so a manager in Moscow does not read a Vladivostok customer's 09:00 as theirs.
 */
export function ContactClock({ zone, now, zoneNote = false }: { zone: unknown; now: number; zoneNote?: boolean }) {
  const { t, lang, viewZone } = useFormat();
  const locale = uiLocale(lang);
  const theirs = typeof zone === 'string' && zone ? clockAt(locale, now, zone) : null;
  const other = theirs !== null && theirs !== clockAt(locale, now, viewZone);
  if (!other && !zoneNote) return null;
  return (
    <p className="ls-sub" data-testid="contact-clock">
      {zoneNote && <span data-testid="viewer-zone">{t(viewZone === browserZone() ? 'contact.viewerZone' : 'contact.workspaceZone', { zone: viewZone })}</span>}
      {zoneNote && other && ' · '}
      {other && <span data-testid="task-contact-clock">{t('inbox.contactClock', { time: theirs, zone: zone as string })}</span>}
    </p>
  );
}

/** In a list row: the contact's time now, only when they live in another zone than the page's times («у клиента пн 20:00»). */
export function TheirTime({ zone, now, testid }: { zone: unknown; now: number; testid?: string }) {
  const { t, lang, viewZone } = useFormat();
  const locale = uiLocale(lang);
  const theirs = typeof zone === 'string' && zone ? clockAt(locale, now, zone) : null;
  if (theirs === null || theirs === clockAt(locale, now, viewZone)) return null;
  return (
    <span className="muted" title={zone as string} data-testid={testid}>
      {t('inbox.theirTime', { time: theirs })}
    </span>
  );
}
