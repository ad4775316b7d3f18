import { attrText, sortedAttributes } from './contactName.ts';
import { useFormat } from './format.ts';

/** A contact's attributes as key / value rows (known keys get a translated label). */
export function AttributeTable({ attributes }: { attributes: Record<string, unknown> }) {
  const { t, maybe } = useFormat();
  const rows = sortedAttributes(attributes);
  if (rows.length === 0) return <p className="muted">{t('contact.noAttributes')}</p>;
  return (
    <dl className="ls-kv" data-testid="contact-attributes">
      {rows.map(([k, v]) => {
        const text = attrText(v);
        return (
          <div key={k}>
            <dt title={k}>{maybe(`attr.${k}`, k)}</dt>
            <dd>
              {k === 'email' && text ? <a href={`mailto:${text}`}>{text}</a> : k === 'phone' && text ? <a href={`tel:${text}`}>{text}</a> : text}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
