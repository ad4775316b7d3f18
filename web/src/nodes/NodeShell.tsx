import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useShallow } from 'zustand/shallow';
import { NODE_LABEL } from './nodeLabel.ts';
import { edgeExit, type FunnelEdge } from '../../../shared/format/funnel.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { nodeKind } from '../../../shared/nodes/nodeName.ts';
import { nodeExits } from '../editor/docOps.ts';
import { exitLabel } from '../editor/exitLabel.ts';
import { useSearchHits } from '../editor/CanvasSearch.tsx';
import { useIssues, type NodeIssues } from '../editor/issues.ts';
import { useOverlay } from '../editor/overlay.ts';
import { useEditor } from '../editor/store.ts';
import { humanDuration, humanOffset } from '../editor/humanize.ts';
import { useT, type Lang } from '../i18n/i18n.ts';
import type { ExperimentDto } from '../../../shared/api/types.ts';
import { useCanvasT } from './useCanvasT.ts';
import { installNodeIconCss } from './NodeIcon.tsx';

installNodeIconCss();

export type NodeData = Record<string, unknown>;

/** A node's messages that did not go, by why: each with its words and a hint (`stats.<kind>`, `stats.<kind>Hint`). */
const NOT_SENT_COUNTS = ['skipped', 'blocked', 'noAddress', 'unreadable', 'bounced'] as const;

const NO_ISSUES: NodeIssues = { errors: 0, warnings: 0, text: '' };

/** The connected exits (`node\0exit`) of a list of edges, worked out once per list. */
const connected = new WeakMap<readonly FunnelEdge[], Set<string>>();
function connectedExits(edges: readonly FunnelEdge[]): Set<string> {
  let set = connected.get(edges);
  if (!set) {
    set = new Set(edges.map((e) => `${e.source}\u0000${edgeExit(e)}`));
    connected.set(edges, set);
  }
  return set;
}

/**
 * One "label: value" line of a node's key settings: one element and the label's span (hundreds of
 * nodes draw several each, so no wrappers).
 */
export function Row({ label, children, title, muted }: { label?: string; children: ReactNode; title?: string; muted?: boolean }) {
  return (
    <div className={muted ? 'ed-row ed-muted' : 'ed-row'} title={title}>
      {label && <span className="ed-row-k">{label}</span>}
      {children}
    </div>
  );
}

/** What the simulator or analytics overlay says about one node. */
function useNodeOverlay(id: string) {
  return useOverlay(
    useShallow((s) => {
      const entries = s.mode === 'sim' ? s.path.map((p, i) => (p.node === id ? i + 1 : 0)).filter(Boolean) : [];
      const last = s.mode === 'sim' ? [...s.path].reverse().find((p) => p.node === id) : undefined;
      return {
        mode: s.mode,
        order: entries.join(', '),
        at: last?.at ?? '',
        current: s.mode === 'sim' && s.current === id,
        uncovered: s.mode !== 'stats' && !!s.coverage && !s.coverage.nodes.includes(id),
        // which exits of a node the scenarios reach they leave by (a node none reaches is marked whole; null: no coverage shown)
        coveredExits: s.mode !== 'stats' && s.coverage?.nodes.includes(id) ? s.coverage.exits.filter((k) => k.startsWith(`${id}:`)).join('\u0000') : null,
        stats: s.mode === 'stats' ? s.stats?.nodes.find((n) => n.node === id) : undefined,
        // an A/B split's variants: the funnel's conversion after each
        experiment: s.mode === 'stats' ? s.stats?.experiments?.find((e) => e.node === id) : undefined,
      };
    }),
  );
}

/** A simulator time in the walk's time zone, as the simulator panel shows it (read only by the nodes that show one). */
function useSimDate() {
  const { date } = useCanvasT();
  const funnelZone = useEditor((s) => s.doc?.settings?.timezone);
  const zone = useOverlay((s) => s.zone) ?? funnelZone;
  return (at: string) => {
    try {
      return date(at, zone);
    } catch {
      return date(at);
    }
  };
}

/** The simulator's entry numbers on a node, with the time of the last entry as a tooltip. */
function SimOrder({ id, order, at }: { id: string; order: string; at: string }) {
  const when = useSimDate();
  return (
    <div className="ed-order" data-testid={`sim-order-${id}`} title={at ? when(at) : undefined}>
      {order}
    </div>
  );
}

/** A variant's conversion after the split, beside its exit (analytics on). */
function VariantConversion({ experiment, variant }: { experiment: ExperimentDto; variant: string }) {
  const { t, percent } = useT();
  const v = experiment.variants.find((x) => x.id === variant);
  if (!v?.entered) return null;
  return (
    <span className={variant === experiment.leader ? 'ed-exit-conv ed-exit-conv-lead' : 'ed-exit-conv'} data-testid={`ab-conv-${experiment.node}-${variant}`} title={t('stats.variantTitle', { n: v.converted, of: v.entered })}>
      {t('stats.variant', { rate: percent(v.conversion) })}
    </span>
  );
}

/** When the simulated contact last entered the node. */
function SimAt({ at }: { at: string }) {
  const { t } = useCanvasT();
  const when = useSimDate();
  return <div className="ed-node-at">{t('sim.enteredAt', { at: when(at) })}</div>;
}


/**
 * What a node says when zoomed far out (FarZoom.tsx) when the marketer gave it no name: its title
 * (subject, product, task…), else its summary with durations in words («1 день», not P1D).
 */
function farTitle(def: ReturnType<typeof nodeDef>, data: NodeData, lang: Lang): string {
  if (!def) return '';
  try {
    const text = def.title?.(data as never) ?? def.summary?.(data as never, lang) ?? '';
    // an offset before a date (-P1D) reads «за 1 день до»
    return (
      text
        .replace(/-?\bP(?=\d|T\d)(?:\d+[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?\b/g, (iso) => (iso.startsWith('-') ? humanOffset(iso, lang) : humanDuration(iso, lang)) ?? iso)
        // a template's variables are filled in per contact: far out they are a gap, not code
        .replace(/\{\{[^}]*\}\}/g, '…')
    );
  } catch {
    return ''; // a half-edited node whose data the summary cannot read yet
  }
}

/**
 * The frame every canvas node shares: header (icon, type, id, issue marker), the key settings
 * given as children, the overlay (simulator path, coverage, analytics counts) and one labelled
 * source handle per exit plus a target handle on the left. `gist`: what the node is in one line
 * (zoomed far out, with the figures on) in people's words where its node type has them (a segment by
 * its name); else its type's summary.
 */
export function NodeShell({ id, type, data, selected, children, gist }: { id: string; type: string; data: NodeData; selected?: boolean; children?: ReactNode; gist?: string }) {
  const { t, lang, number } = useCanvasT();
  const def = nodeDef(type);
  // a stage by the stage it sells at («Трипваер»), else its type's name
  const kind = nodeKind(type, data, lang);
  const exits = nodeExits({ id, type, data });
  const exitsKey = exits.join('\u0000');
  const issues = useIssues(useShallow((s) => s.byNode[id] ?? NO_ISSUES));
  // exits with no edge end the run there (the format's rule): marked, so it is not a surprise
  const open = useEditor((s) => {
    const set = s.doc ? connectedExits(s.doc.edges) : null;
    return set ? exits.filter((x) => !set.has(`${id}\u0000${x}`)).join('\u0000') : '';
  });
  const ov = useNodeOverlay(id);
  const coveredExits = useMemo(() => (ov.coveredExits === null ? null : new Set(ov.coveredExits.split('\u0000'))), [ov.coveredExits]);
  const holds = def?.waitsWhenUnconnected?.(data as never) ?? [];
  const unfound = useSearchHits((s) => s.hits !== null && !s.hits.has(id));
  // React Flow measures the handles when the node mounts; when the exits change later, it must
  // measure again (not on mount: 500 nodes each asking to be re-measured is a render each)
  const updateInternals = useUpdateNodeInternals();
  const measuredExits = useRef(exitsKey);
  useEffect(() => {
    if (measuredExits.current === exitsKey) return;
    measuredExits.current = exitsKey;
    updateInternals(id);
  }, [exitsKey, id, updateInternals]);

  const cls = [
    'ed-node',
    `ed-g-${def?.group ?? 'unknown'}`,
    selected && 'ed-selected',
    issues.errors > 0 && 'ed-has-error',
    !issues.errors && issues.warnings > 0 && 'ed-has-warning',
    ov.order && 'ed-entered',
    ov.current && 'ed-current',
    unfound && 'ed-dim',
    // not reached by any saved scenario: marked, not hidden (it is what QA has to cover next)
    ov.uncovered && !unfound && 'ed-uncovered',
  ].filter(Boolean).join(' ');

  // a light DOM (500 nodes are ~6000 elements): the type and the issue marker are in the header
  // row itself, rows and exits have no wrappers, handles are laid out in the flow (see editor/editor.css)
  return (
    <div
      className={cls}
      data-testid={`node-${id}`}
      data-type={type}
      data-kind={kind}
      data-title={typeof data[NODE_LABEL] === 'string' && data[NODE_LABEL].trim() ? data[NODE_LABEL] : (gist ?? farTitle(def, data, lang))}
      data-errors={issues.errors}
      data-warnings={issues.warnings}
      data-entered={ov.order || undefined}
      // zoomed far out, a node shows only its kind and title: with the figures on, how many entered too
      data-stat={ov.stats ? t('stats.entered', { n: number(ov.stats.entered) }) : undefined}
    >
      {!def?.startsOn && <Handle type="target" position={Position.Left} id="in" className="ed-handle-in" data-testid={`handle-${id}-in`} />}
      {ov.order && <SimOrder id={id} order={ov.order} at={ov.at} />}
      <div className="ed-node-head">
        {def ? kind : t('node.unknown', { type })}
        {(issues.errors > 0 || issues.warnings > 0) && (
          <span
            className={issues.errors ? 'ed-mark ed-mark-err' : 'ed-mark ed-mark-warn'}
            title={issues.text}
            data-testid={`node-issues-${id}`}
            aria-label={t('node.issues', { n: issues.errors + issues.warnings })}
          >
            {issues.errors ? `✕ ${issues.errors}` : `! ${issues.warnings}`}
          </span>
        )}
      </div>
      {typeof data[NODE_LABEL] === 'string' ? (
        <div className="ed-node-label" data-testid={`node-label-${id}`}>
          {data[NODE_LABEL]}
        </div>
      ) : (
        // with the figures on, the settings rows give way to them: the node says what it is in one line
        ov.stats && <div className="ed-node-label ed-node-gist">{gist ?? farTitle(def, data, lang)}</div>
      )}
      <div className="ed-node-id">{id}</div>
      {ov.at && <SimAt at={ov.at} />}
      {ov.stats && (
        <div className="ed-stats" data-testid={`stats-${id}`}>
          <span>{t('stats.entered', { n: number(ov.stats.entered) })}</span>
          {ov.stats.waiting > 0 && <span>{t('stats.waiting', { n: number(ov.stats.waiting) })}</span>}
          {/* taken out here (an unsubscribe, an exitWhen event, an operator): no exit handle counts them, so the exits add up with this */}
          {ov.stats.exits.exited ? (
            <span data-testid={`stats-${id}-exited`} title={t('stats.exitedHint')}>
              {t('stats.exited', { n: number(ov.stats.exits.exited) })}
            </span>
          ) : null}
          {ov.stats.late !== undefined && (
            <span className="ed-stats-late" data-testid={`stats-${id}-late`}>
              {t('stats.late', { n: number(ov.stats.late) })}
            </span>
          )}
          {ov.stats.opened !== undefined && <span data-testid={`stats-${id}-opened`}>{t('stats.opened', { n: number(ov.stats.opened) })}</span>}
          {ov.stats.clicked !== undefined && <span data-testid={`stats-${id}-clicked`}>{t('stats.clicked', { n: number(ov.stats.clicked) })}</span>}
          {NOT_SENT_COUNTS.map((k) =>
            ov.stats![k] === undefined ? null : (
              <span key={k} className="ed-stats-late" data-testid={`stats-${id}-${k}`} title={t(`stats.${k}Hint`)}>
                {t(`stats.${k}`, { n: number(ov.stats![k]!) })}
              </span>
            ),
          )}
        </div>
      )}
      {/* the figures take the place of the settings (read in the inspector): a node grows no taller, so none covers the next */}
      {!ov.stats && children}
      {exits.map((x) => (
        <div
          key={x}
          className={coveredExits && !coveredExits.has(`${id}:${x}`) ? 'ed-exit ed-exit-uncovered' : 'ed-exit'}
          data-exit={x}
          title={coveredExits && !coveredExits.has(`${id}:${x}`) ? t('node.exitUncovered') : undefined}
          data-uncovered={(coveredExits && !coveredExits.has(`${id}:${x}`)) || undefined}
        >
          {ov.stats && <span className="ed-exit-count">{number(ov.stats.exits[x] ?? 0)}</span>}
          {exitLabel(type, data, x, t, lang)}
          {ov.experiment && <VariantConversion experiment={ov.experiment} variant={x} />}
          {open && open.split('\u0000').includes(x) && (
            // most open exits end the run; some only hold it (a hand-off's «overdue»: the task stays open)
            <span className="ed-exit-end" title={t(holds.includes(x) ? 'node.exitHoldsTitle' : 'node.exitOpenTitle')} data-testid={`exit-open-${id}-${x}`}>
              {t(holds.includes(x) ? 'node.exitHolds' : 'node.exitOpen')}
            </span>
          )}
          <Handle type="source" position={Position.Right} id={x} className="ed-handle-out" data-testid={`handle-${id}-${x}`} title={t('node.dragExit')} />
        </div>
      ))}
      {exits.length === 0 && <div className="ed-exit ed-end">{t('node.ends')}</div>}
      {ov.stats === undefined && ov.mode === 'stats' && <div className="ed-stats ed-muted">{t('stats.none')}</div>}
    </div>
  );
}
