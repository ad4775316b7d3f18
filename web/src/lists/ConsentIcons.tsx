import { useFormat } from './format.ts';

/** Short text marks, all alike (a language may have its own: `consent.mark.<channel>`) (no emoji font needed: headless browsers and some Linux desktops have none). */
const ICON: Record<string, string> = { email: 'Email', sms: 'SMS', telegram: 'TG', whatsapp: 'WA', vk: 'VK', viber: 'Vb', push: 'Push', webhook: 'WH' };

/** One mark per channel: the channel's icon, struck through when the contact has refused it. */
export function ConsentIcons({ consents }: { consents: Record<string, boolean> }) {
  const { t, maybe } = useFormat();
  const entries = Object.entries(consents).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className="ls-consents">
      {entries.map(([ch, yes]) => {
        const label = t(yes ? 'contact.consent.yes' : 'contact.consent.no', { channel: maybe(`channel.${ch}`, ch) });
        return (
          <span key={ch} className={yes ? 'ls-consent ls-yes' : 'ls-consent ls-no'} title={label} aria-label={label} role="img">
            {maybe(`consent.mark.${ch}`, ICON[ch] ?? ch)}
          </span>
        );
      })}
    </span>
  );
}
