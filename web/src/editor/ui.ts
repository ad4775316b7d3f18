import { create } from 'zustand';

export type Tab = 'inspector' | 'issues' | 'simulator' | 'analytics' | 'versions';

/** The editor's panel state (which tab, which dialog): view state only, never saved. */
interface UiState {
  tab: Tab;
  settings: boolean;
  publish: boolean;
  setTab(tab: Tab): void;
  openSettings(): void;
  closeSettings(): void;
  setPublish(open: boolean): void;
}

export const useUi = create<UiState>((set) => ({
  tab: 'inspector',
  settings: false,
  publish: false,
  setTab: (tab) => set({ tab }),
  openSettings: () => set({ settings: true }),
  closeSettings: () => set({ settings: false }),
  setPublish: (publish) => set({ publish }),
}));
