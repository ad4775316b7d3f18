import { create } from 'zustand';
import type { StatsDto } from '../../../shared/api/types.ts';

/**
 * What is drawn over the canvas besides the funnel itself: the simulator's path and coverage, or
 * the live analytics. The simulator and analytics panels write it; canvas nodes and edges read it.
 */
export interface OverlayState {
  mode: 'none' | 'sim' | 'stats';
  /** Simulator: nodes entered, in order, with the virtual time (ISO) of each entry. */
  path: { node: string; at: string }[];
  /** Simulator: the node where the simulated run stands now. */
  current: string | null;
  /** Simulator: the time zone of the walk (the test contact's), in which the canvas shows its times. */
  zone: string | null;
  /** Saved-scenario run: nodes and exits (`node:exit`) covered by any scenario. */
  coverage: { nodes: string[]; exits: string[] } | null;
  /** Analytics: per-node counts and stage figures from /api/funnels/:id/stats. */
  stats: StatsDto | null;
  setSim(path: { node: string; at: string }[], current: string | null, zone: string): void;
  setCoverage(c: { nodes: string[]; exits: string[] } | null): void;
  setStats(s: StatsDto | null): void;
  clear(): void;
}

export const useOverlay = create<OverlayState>((set) => ({
  mode: 'none',
  path: [],
  current: null,
  zone: null,
  coverage: null,
  stats: null,
  setSim: (path, current, zone) => set({ mode: 'sim', path, current, zone }),
  setCoverage: (coverage) => set({ coverage }),
  setStats: (stats) => set({ mode: stats ? 'stats' : 'none', stats }),
  clear: () => set({ mode: 'none', path: [], current: null, zone: null, coverage: null, stats: null }),
}));
