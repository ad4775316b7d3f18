import { create } from 'zustand';

export type Tab = 'inspector' | 'issues' | 'simulator' | 'analytics' | 'versions';

const PALETTE_KEY = 'voronka.palette';
const storedNarrow = (): boolean => {
  try {
    return localStorage.getItem(PALETTE_KEY) === 'narrow';
  } catch {
    return false;
  }
};

/**
 * The editor's panel state (which tab, which dialog): view state, never saved with the funnel —
 * only whether the palette is narrowed to its icons is kept in the browser, as a preference.
 */
interface UiState {
  tab: Tab;
  /** The palette shows only its icons (more room for the canvas). */
  paletteNarrow: boolean;
  togglePalette(): void;
  settings: boolean;
  publish: boolean;
  setTab(tab: Tab): void;
  openSettings(): void;
  closeSettings(): void;
  setPublish(open: boolean): void;
  /** The simulator runs the saved scenarios as it opens (asked by a publish they refused). */
  runScenarios: boolean;
}

export const useUi = create<UiState>((set) => ({
  tab: 'inspector',
  paletteNarrow: storedNarrow(),
  togglePalette: () =>
    set((s) => {
      try {
        localStorage.setItem(PALETTE_KEY, s.paletteNarrow ? 'wide' : 'narrow');
      } catch {
        // private mode: for this page only
      }
      return { paletteNarrow: !s.paletteNarrow };
    }),
  settings: false,
  publish: false,
  setTab: (tab) => set({ tab }),
  openSettings: () => set({ settings: true }),
  closeSettings: () => set({ settings: false }),
  setPublish: (publish) => set({ publish }),
  runScenarios: false,
}));
