/** Line icons for node types (inline SVG, so they draw the same with any font). */
const PATHS: Record<string, string> = {
  trigger: 'M7 4l13 8-13 8z',
  offer: 'M20.6 13.4l-7.2 7.2a2 2 0 0 1-2.8 0L3 13V3h10l7.6 7.6a2 2 0 0 1 0 2.8zM7.5 6a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z',
  message: 'M3 5h18v14H3zM3 7l9 6 9-6',
  delay: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 3',
  wait: 'M6 3h12M6 21h12M7 3v3l5 6 5-6V3M7 21v-3l5-6 5 6v3',
  branch: 'M3 12h6l6-6h6M9 12l6 6h6M18 3l3 3-3 3M18 15l3 3-3 3',
  split: 'M19 5L5 19M7 4.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM17 14.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z',
  handoff: 'M12 4a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM4 21c0-4 4-6 8-6s8 2 8 6',
  action: 'M13 2L4 14h7l-1 8 9-12h-7z',
  goal: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM12 11a1 1 0 1 0 0 2 1 1 0 0 0 0-2z',
  exit: 'M9 4H5v16h4M15 8l4 4-4 4M19 12H9',
};

/** The palette's stage presets, each its own picture: told apart when the palette is narrowed to its icons. */
const STAGE_PATHS: Record<string, string> = {
  'stage.offer': 'M3 10v4h3l7 5V5l-7 5zM16 9a4 4 0 0 1 0 6M19 6a8 8 0 0 1 0 12',
  'stage.leadMagnet': 'M3 8h18v4H3zM5 12v9h14v-9M12 8v13M12 8C10 4 6 4 6 7c0 1 1 1 6 1M12 8c2-4 6-4 6-1 0 1-1 1-6 1',
  'stage.tripwire': 'M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4zM14 7v10',
  'stage.coreProduct': 'M6 3h12l3 6-9 12L3 9zM3 9h18',
  'stage.upsell': 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 16V8M8 12l4-4 4 4',
  'stage.crossSell': 'M4 4h16v16H4zM12 8v8M8 12h8',
};

const FALLBACK = 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 8v5M12 16v.5';

/**
 * The same icons for canvas nodes as a CSS mask on the node header's `::before` (coloured with
 * the header's colour): hundreds of nodes are drawn at once, and an inline SVG is two elements
 * more per node to create, style and lay out. Injected once, when the canvas nodes are loaded.
 */
export function installNodeIconCss(): void {
  if (typeof document === 'undefined' || document.getElementById('ed-node-icons')) return;
  const url = (d: string) =>
    `url("data:image/svg+xml,${encodeURIComponent(`<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='black' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'><path d='${d}'/></svg>`)}")`;
  const rule = (sel: string, d: string) => `${sel} > .ed-node-head::before { -webkit-mask-image: ${url(d)}; mask-image: ${url(d)}; }`;
  const style = document.createElement('style');
  style.id = 'ed-node-icons';
  style.textContent = [rule('.ed-node', FALLBACK), ...Object.entries(PATHS).map(([type, d]) => rule(`.ed-node[data-type="${type}"]`, d))].join('\n');
  document.head.append(style);
}

/** A node type's icon, or a palette preset's (`stage.leadMagnet`…) where it has its own. */
export function NodeIcon({ type, size = 15 }: { type: string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden focusable="false">
      <path d={STAGE_PATHS[type] ?? PATHS[type] ?? FALLBACK} />
    </svg>
  );
}
