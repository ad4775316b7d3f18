import type { ActionData } from '../../../shared/nodes/action.ts';
import { useT } from '../i18n/i18n.ts';
import { Field, NumberInput, SelectInput, TextInput } from './fields.tsx';
import { useForm } from './formContext.ts';
import { TemplateInput } from './TemplateField.tsx';
import { splitList } from '../../../shared/format/list.ts';

/** Action: set contact attributes (templates), add points to a score, add/remove tags, call a webhook. */
export function ActionForm() {
  const f = useForm();
  const { t } = useT();
  const d = f.data as Partial<ActionData>;
  const set = Object.entries(d.set ?? {});
  const renameKey = (from: string, to: string) => {
    if (!to || to === from || (d.set && to in d.set)) return;
    f.set('set', Object.fromEntries(set.map(([k, v]) => [k === from ? to : k, v])));
  };
  const add = Object.entries(d.add ?? {});
  const renamePoints = (from: string, to: string) => {
    if (!to || to === from || (d.add && to in d.add)) return;
    f.set('add', Object.fromEntries(add.map(([k, v]) => [k === from ? to : k, v])));
  };
  const tags = (path: 'tags.add' | 'tags.remove', label: string) => (
    <Field path={path} label={label} hint={t('hint.tags')}>
      {(id) => (
        <input
          id={id}
          name={path}
          defaultValue={(f.get(path) as string[] | undefined)?.join(', ') ?? ''}
          key={JSON.stringify(f.get(path) ?? [])}
          readOnly={f.readOnly}
          onBlur={(e) => {
            const list = splitList(e.target.value);
            const other = path === 'tags.add' ? d.tags?.remove : d.tags?.add;
            const next = { ...(d.tags ?? {}), [path.slice(5)]: list.length ? list : undefined };
            f.set('tags', list.length || other?.length ? JSON.parse(JSON.stringify(next)) : undefined);
          }}
        />
      )}
    </Field>
  );
  return (
    <>
      <fieldset className="ed-group" data-testid="list-set">
        <legend>{t('action.set')}</legend>
        {set.map(([k], i) => (
          <div className="ed-cols ed-kv" key={i}>
            <Field path={`set-key-${i}`} label={t('field.attribute')}>
              {(id) => <input id={id} name={`set-key-${i}`} className="ed-mono" defaultValue={k} readOnly={f.readOnly} onBlur={(e) => renameKey(k, e.target.value.trim())} />}
            </Field>
            <TemplateInput path={`set.${k}`} label={t('field.value')} required first={i === 0} />
            {!f.readOnly && (
              <button type="button" className="ed-icon-btn danger" aria-label={t('list.remove')} onClick={() => f.set(set.length === 1 ? 'set' : `set.${k}`, undefined)}>
                ✕
              </button>
            )}
          </div>
        ))}
        {!f.readOnly && (
          <button type="button" className="ed-add" data-testid="set-add" onClick={() => f.set(`set.${set.some(([k]) => k === 'status') ? `attr${set.length + 1}` : 'status'}`, '')}>
            + {t('action.addSet')}
          </button>
        )}
      </fieldset>
      <fieldset className="ed-group" data-testid="list-add">
        <legend>{t('action.points')}</legend>
        {add.map(([k], i) => (
          <div className="ed-cols ed-kv" key={i}>
            <Field path={`add-key-${i}`} label={t('field.attribute')}>
              {(id) => <input id={id} name={`add-key-${i}`} className="ed-mono" defaultValue={k} readOnly={f.readOnly} onBlur={(e) => renamePoints(k, e.target.value.trim())} />}
            </Field>
            <NumberInput key={k} path={`add.${k}`} label={t('field.points')} required />
            {!f.readOnly && (
              <button type="button" className="ed-icon-btn danger" aria-label={t('list.remove')} onClick={() => f.set(add.length === 1 ? 'add' : `add.${k}`, undefined)}>
                ✕
              </button>
            )}
          </div>
        ))}
        {add.length > 0 && <p className="ed-hint">{t('action.pointsHint', { attr: add[0][0] })}</p>}
        {!f.readOnly && (
          <button type="button" className="ed-add" data-testid="points-add" onClick={() => f.set(`add.${add.some(([k]) => k === 'score') ? `score${add.length + 1}` : 'score'}`, 10)}>
            + {t('action.addPoints')}
          </button>
        )}
      </fieldset>
      <fieldset className="ed-group">
        <legend>{t('action.tags')}</legend>
        {tags('tags.add', t('action.tagsAdd'))}
        {tags('tags.remove', t('action.tagsRemove'))}
      </fieldset>
      <fieldset className="ed-group">
        <legend>{t('action.webhook')}</legend>
        {d.webhook ? (
          <>
            <TextInput path="webhook.url" label={t('field.url')} required mono placeholder="https://…" />
            <SelectInput path="webhook.method" label={t('field.method')} options={['POST', 'GET', 'PUT', 'PATCH', 'DELETE'].map((m) => [m, m])} empty="POST" />
            <TemplateInput path="webhook.body" label={t('field.payload')} multiline first={set.length === 0} />
            {!f.readOnly && (
              <button type="button" className="link" onClick={() => f.set('webhook', undefined)}>
                {t('action.removeWebhook')}
              </button>
            )}
          </>
        ) : (
          !f.readOnly && (
            <button type="button" className="ed-add" data-testid="webhook-add" onClick={() => f.set('webhook', { url: 'https://', method: 'POST' })}>
              + {t('action.addWebhook')}
            </button>
          )
        )}
      </fieldset>
    </>
  );
}
