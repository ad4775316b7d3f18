import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import type { FunnelEdge } from '../../../shared/format/funnel.ts';
import { edgeExit } from '../../../shared/format/funnel.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { nodeKind } from '../../../shared/nodes/nodeName.ts';
import * as actions from '../editor/actions.ts';
import { nodeExits } from '../editor/docOps.ts';
import { exitLabel } from '../editor/exitLabel.ts';
import { useIssues } from '../editor/issues.ts';
import { useEditor } from '../editor/store.ts';
import { useUi } from '../editor/ui.ts';
import { useT } from '../i18n/i18n.ts';
import { NodeIcon } from '../nodes/NodeIcon.tsx';
import { FormContext, useNodeForm } from './formContext.ts';
import { FORMS } from './index.ts';

/** The node's id, renamed on Enter or when the field is left (edges follow). */
function IdField({ id, readOnly }: { id: string; readOnly: boolean }) {
  const { t } = useT();
  const [text, setText] = useState(id);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    setText(id);
    setErr(null);
  }, [id]);
  const commit = () => {
    const e = actions.renameNode(id, text.trim());
    setErr(e ? t(e) : null);
  };
  return (
    <div className={`ed-field${err ? ' ed-invalid' : ''}`}>
      <label htmlFor="ed-node-id">{t('inspector.id')}</label>
      <input id="ed-node-id" name="id" className="ed-mono" value={text} readOnly={readOnly} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
      {err ? <div className="ed-field-error" role="alert" data-testid="error-id">{err}</div> : readOnly ? null : <div className="ed-hint">{t('hint.id')}</div>}
    </div>
  );
}

/** The node's name for people (optional): on the canvas and in lists, so two messages are told apart. */
function LabelField({ id, readOnly }: { id: string; readOnly: boolean }) {
  const { t } = useT();
  const label = useEditor((s) => s.doc?.nodes.find((n) => n.id === id)?.label ?? '');
  const tooLong = label.length > 80;
  return (
    <div className={`ed-field${tooLong ? ' ed-invalid' : ''}`}>
      <label htmlFor="ed-node-label">{t('inspector.label')}</label>
      <input id="ed-node-label" name="label" value={label} readOnly={readOnly} placeholder={t('inspector.labelPlaceholder')} onChange={(e) => actions.setNodeLabel(id, e.target.value)} data-testid="node-label-input" />
      {tooLong && (
        <div className="ed-field-error" role="alert">
          {t('inspector.labelTooLong')}
        </div>
      )}
    </div>
  );
}

const NO_EDGES: FunnelEdge[] = [];
const NO_IDS: string[] = [];

/** «Выход: Не прошёл квиз»: a node's kind and, when it has them, its own words, cut short. */
function targetLabel(type: string, data: unknown, lang: 'ru' | 'en'): string {
  const def = nodeDef(type);
  if (!def) return '';
  let title: string | undefined;
  try {
    title = def.title?.(data as never);
  } catch {
    title = undefined; // a draft's settings not yet complete
  }
  const words = title && title.length > 40 ? `${title.slice(0, 39)}…` : title;
  const kind = nodeKind(type, data, lang);
  return words ? `${kind}: ${words}` : kind;
}

/** The whole text of the chosen target, for the select's tooltip (the select may cut it). */
function targetTitle(targets: string[], target: string | undefined): string | undefined {
  const x = target === undefined ? undefined : targets.find((t) => t.startsWith(`${target}\u0000`));
  return x?.split('\u0000').filter(Boolean).reverse().join(' · ');
}

/** Where each exit leads: a select per exit, so exits can be joined without dragging. */
function ExitsSection({ id }: { id: string }) {
  const { t, lang } = useT();
  const readOnly = useEditor((s) => s.readOnly);
  // narrow slices: this section re-renders when this node, its edges or the list of ids change
  const type = useEditor((s) => s.doc?.nodes.find((n) => n.id === id)?.type);
  const data = useEditor((s) => s.doc?.nodes.find((n) => n.id === id)?.data);
  const leaving = useEditor(useShallow((s) => s.doc?.edges.filter((e) => e.source === id) ?? NO_EDGES));
  // each target with its kind and own words (two exits or two messages are told apart without the canvas)
  const targets = useEditor(useShallow((s) => s.doc?.nodes.filter((n) => n.id !== id && !nodeDef(n.type)?.startsOn).map((n) => `${n.id}\u0000${n.label?.trim() ? `${n.label.trim()} (${nodeDef(n.type)?.label[lang] ?? n.type})` : targetLabel(n.type, n.data, lang)}`) ?? NO_IDS));
  const options = useMemo(
    () =>
      targets.map((x) => {
        const [n, label] = x.split('\u0000');
        // its words first and the id last: a narrow select cuts the end of the text, not the start
        return (
          <option key={n} value={n}>
            {label ? `${label} · ${n}` : n}
          </option>
        );
      }),
    [targets],
  );
  const exits = type === undefined ? [] : nodeExits({ id, type, data });
  if (type === undefined || !exits.length) return null;
  // an exit that, unconnected, holds the run rather than ending it (a hand-off's «overdue»)
  const holds = nodeDef(type)?.waitsWhenUnconnected?.(data as never) ?? [];
  return (
    <fieldset className="ed-group" data-testid="exits">
      <legend>{t('inspector.exits')}</legend>
      {exits.map((x) => {
        const edge = leaving.find((e) => edgeExit(e) === x);
        return (
          <div className="ed-field ed-field-inline ed-exit-row" key={x}>
            <label htmlFor={`ed-exit-${x}`}>{exitLabel(type, data, x, t, lang)} →</label>
            <select
              id={`ed-exit-${x}`}
              name={`edge.${x}`}
              value={edge?.target ?? ''}
              title={targetTitle(targets, edge?.target)}
              disabled={readOnly}
              onChange={(e) => (e.target.value ? actions.connect(id, x, e.target.value) : actions.disconnect(id, x))}
            >
              <option value="">{t(holds.includes(x) ? 'inspector.exitHolds' : 'inspector.exitEnds')}</option>
              {options}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}

function NodeInspector({ id }: { id: string }) {
  const { t, lang } = useT();
  const form = useNodeForm(id);
  const nodeIssues = useIssues((s) => s.issues).filter((i) => i.nodeId === id && !i.field);
  if (!form) return null;
  const type = useEditor.getState().doc!.nodes.find((n) => n.id === id)!.type;
  const def = nodeDef(type);
  const Form = FORMS[type];
  return (
    <div className="ed-inspector" data-testid="inspector" data-node={id}>
      <div className="ed-insp-head">
        <span className={`ed-insp-icon ed-g-${def?.group}`}><NodeIcon type={type} size={16} /></span>
        <h2>{def ? nodeKind(type, form.data, lang) : t('node.unknown', { type })}</h2>
        {!form.readOnly && (
          <button type="button" className="danger" data-testid="node-delete" onClick={() => actions.removeElements([id], [])}>
            {t('inspector.delete')}
          </button>
        )}
      </div>
      {nodeIssues.length > 0 && (
        <ul className={nodeIssues.some((i) => i.severity === 'error') ? 'ed-node-issues' : 'ed-node-issues ed-only-warnings'} data-testid="inspector-issues">
          {nodeIssues.map((i, k) => (
            <li key={k} className={i.severity === 'error' ? 'ed-sev-error' : 'ed-sev-warning'}>
              {i.message}
            </li>
          ))}
        </ul>
      )}
      <LabelField id={id} readOnly={form.readOnly} />
      <IdField id={id} readOnly={form.readOnly} />
      <FormContext.Provider value={form}>
        <form className="ed-form" onSubmit={(e) => e.preventDefault()}>
          {Form ? <Form /> : <p className="ed-muted">{t('inspector.noForm')}</p>}
        </form>
      </FormContext.Provider>
      <ExitsSection id={id} />
    </div>
  );
}

/** The right panel's Inspector tab: the selected node's form, or what to do when none is selected. */
export function InspectorPanel() {
  const { t } = useT();
  const sel = useEditor((s) => s.selection);
  const readOnly = useEditor((s) => s.readOnly);
  const hasTrigger = useEditor((s) => !!s.doc?.nodes.some((n) => nodeDef(n.type)?.group === 'entry'));
  const openSettings = useUi((s) => s.openSettings);
  if (sel.nodes.length === 1) return <NodeInspector key={sel.nodes[0]} id={sel.nodes[0]} />;
  if (sel.nodes.length > 1 || sel.edges.length > 0)
    return (
      <div className="ed-inspector ed-empty" data-testid="inspector">
        <p>{t('inspector.many', { nodes: sel.nodes.length, edges: sel.edges.length })}</p>
        {!readOnly && (
          <div className="row">
            <button type="button" className="danger" data-testid="selection-delete" onClick={actions.deleteSelection}>
              {t('inspector.deleteSelection')}
            </button>
            {sel.nodes.length > 0 && (
              <button type="button" onClick={actions.copySelection}>
                {t('inspector.copy')}
              </button>
            )}
          </div>
        )}
      </div>
    );
  return (
    <div className="ed-inspector ed-empty" data-testid="inspector">
      <p>{t(readOnly ? 'inspector.noneReadOnly' : 'inspector.none')}</p>
      {!readOnly && (
        <ol className="ed-steps">
          <li>{t(hasTrigger ? 'inspector.step1Set' : 'inspector.step1')}</li>
          <li>{t('inspector.step2')}</li>
          <li>{t('inspector.step3')}</li>
          <li>{t('inspector.step4')}</li>
        </ol>
      )}
      <button type="button" onClick={openSettings} data-testid="inspector-settings">
        ⚙ {t('settings.open')}
      </button>
    </div>
  );
}
