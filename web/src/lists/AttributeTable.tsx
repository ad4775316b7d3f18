import { attrText, sortedAttributes } from './contactName.ts';
import { usePhoneText } from '../app/workspace.ts';
import { useFormat } from './format.ts';

/**
 * A contact's attributes as key / value rows: known keys get a translated label; the base's own
 * keys show as the name a template uses (`{{contact.plan}}`), set in code type so they do not read
 * as untranslated words.
 */
export function AttributeTable({ attributes }: { attributes: Record<string, unknown> }) {
  const { t, maybe } = useFormat();
  const readablePhone = usePhoneText();
  const rows = sortedAttributes(attributes);
  if (rows.length === 0) return <p className="muted">{t('contact.noAttributes')}</p>;
  return (
    <dl className="ls-kv" data-testid="contact-attributes">
      {rows.map(([k, v]) => {
        const text = attrText(v);
        return (
          <div key={k}>
            <dt title={`{{contact.${k}}}`}>{maybe(`attr.${k}`, '') || <code className="ls-attr-key">{k}</code>}</dt>
            <dd>
              {k === 'email' && text ? <a href={`mailto:${text}`}>{text}</a> : k === 'phone' && text ? <a href={`tel:${text}`}>{readablePhone(text)}</a> : text}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
