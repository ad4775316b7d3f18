import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { edgeExit, type FunnelEdge } from '../../../shared/format/funnel.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { useT } from '../i18n/i18n.ts';
import { NodeIcon } from '../nodes/NodeIcon.tsx';
import * as actions from './actions.ts';
import { nodeExits } from './docOps.ts';
import { exitLabel } from './exitLabel.ts';
import { GROUPS, NODE_MIME, PALETTE, type PaletteItem } from './paletteItems.ts';
import { useEditor } from './store.ts';
import { useUi } from './ui.ts';

const NO_EDGES: FunnelEdge[] = [];

/** The one selected node's exits not yet joined to anything, and how many it has (none when not exactly one node is selected). */
function useFreeExits(): { node: string; type: string; data: Record<string, unknown> | undefined; free: string[]; exits: number } | null {
  const id = useEditor((s) => (s.selection.nodes.length === 1 ? s.selection.nodes[0] : null));
  const node = useEditor((s) => (id ? s.doc?.nodes.find((n) => n.id === id) : undefined));
  const leaving = useEditor(useShallow((s) => (id ? (s.doc?.edges.filter((e) => e.source === id) ?? NO_EDGES) : NO_EDGES)));
  return useMemo(() => {
    if (!node) return null;
    const all = nodeExits(node);
    const free = all.filter((x) => !leaving.some((e) => edgeExit(e) === x));
    return { node: node.id, type: node.type, data: node.data, free, exits: all.length };
  }, [node, leaving]);
}

/**
 * The node palette, grouped as a marketer reads a funnel. Drag an item onto the canvas, or click
 * it (Enter) to add it after the selected node (on the free exit chosen here when it has several),
 * or in the middle of the view.
 */
export function Palette() {
  const { t, lang } = useT();
  const readOnly = useEditor((s) => s.readOnly);
  const narrow = useUi((s) => s.paletteNarrow);
  const toggle = useUi((s) => s.togglePalette);
  const { screenToFlowPosition, flowToScreenPosition, setCenter, getZoom, getNodes } = useReactFlow();
  const after = useFreeExits();
  const [chosen, setChosen] = useState<{ node: string; exit: string } | null>(null);
  // the exit a click adds after: the one chosen for this node while it is still free, else the first
  const exit = after ? (chosen?.node === after.node && after.free.includes(chosen.exit) ? chosen.exit : after.free[0]) : undefined;
  if (readOnly) return null;

  const label = (it: PaletteItem) => (it.labelKey ? t(it.labelKey) : (nodeDef(it.type)?.label[lang] ?? it.type));
  const add = (it: PaletteItem) => {
    const box = document.querySelector('.ed-canvas')?.getBoundingClientRect();
    const center = box ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
    const measured: Record<string, { width: number; height: number }> = {};
    for (const n of getNodes()) if (n.measured?.width && n.measured.height) measured[n.id] = { width: n.measured.width, height: n.measured.height };
    const place = actions.placeForClick({ x: Math.round(center.x - 120), y: Math.round(center.y - 60) }, it.type, measured, exit);
    actions.addNode(it.type, place.position, place.after, { data: it.data(lang), prefix: it.prefix });
    // keep the new node in sight: a node added after the selected one may land off-screen
    const tl = flowToScreenPosition(place.position);
    const br = flowToScreenPosition({ x: place.position.x + 250, y: place.position.y + 200 });
    if (box && (tl.x < box.left || tl.y < box.top || br.x > box.right || br.y > box.bottom))
      void setCenter(place.position.x + 125, place.position.y + 100, { zoom: getZoom(), duration: 300 });
    if (useUi.getState().tab !== 'simulator') useUi.getState().setTab('inspector');
  };

  return (
    <aside className={`ed-palette${narrow ? ' ed-palette-narrow' : ''}`} data-testid="palette" data-narrow={narrow || undefined} aria-label={t('palette.title')}>
      <div className="ed-palette-title">
        <span className="ed-palette-wide">{t('palette.title')}</span>
        {/* narrowed to its icons, the palette leaves the canvas more room; the items still drag and click */}
        <button type="button" className="ed-palette-toggle" onClick={toggle} aria-label={t(narrow ? 'palette.widen' : 'palette.narrow')} title={t(narrow ? 'palette.widen' : 'palette.narrow')} data-testid="palette-toggle">
          {narrow ? '»' : '«'}
        </button>
      </div>
      <div className="ed-palette-hint ed-palette-wide">{t('palette.hint')}</div>
      {after && after.free.length > 1 && (
        // a node with several free exits (a wait: «получено» / «время вышло»): which one a click joins
        <label className="ed-palette-after ed-palette-wide">
          {t('palette.afterExit')}
          <select data-testid="palette-after-exit" value={exit} onChange={(e) => setChosen({ node: after.node, exit: e.target.value })}>
            {after.free.map((x) => (
              <option key={x} value={x}>
                {exitLabel(after.type, after.data, x, t, lang)}
              </option>
            ))}
          </select>
        </label>
      )}
      {after && after.free.length === 1 && after.exits > 1 && (
        // the one exit of several still free (a branch's «иначе» once its rule's is joined): said, so the click is no guess
        <div className="ed-palette-after ed-palette-wide" data-testid="palette-after-exit-only">
          {t('palette.afterExit')} «{exitLabel(after.type, after.data, after.free[0], t, lang)}»
        </div>
      )}
      {GROUPS.map((g) => {
        const items = PALETTE.filter((p) => p.group === g);
        if (!items.length) return null;
        return (
          <section key={g} className="ed-palette-group" data-testid={`palette-group-${g}`}>
            <h3 className="ed-palette-wide">{t(`group.${g}`)}</h3>
            {items.map((it) => {
              const tip = t(`palette.tip.${it.labelKey ? 'preset' : it.type}`);
              return (
                <button
                  key={it.key}
                  type="button"
                  className={`ed-palette-item ed-g-${g}${it.labelKey ? ' ed-preset' : ''}`}
                  draggable
                  data-testid={`palette-${it.key}`}
                  title={narrow && !tip.startsWith(label(it)) ? `${label(it)} — ${tip}` : tip}
                  aria-label={narrow ? label(it) : undefined}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(NODE_MIME, it.key);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => add(it)}
                >
                  <span className="ed-palette-icon">
                    <NodeIcon type={it.labelKey ?? it.type} size={14} />
                  </span>
                  <span className="ed-palette-wide">{label(it)}</span>
                </button>
              );
            })}
          </section>
        );
      })}
    </aside>
  );
}
