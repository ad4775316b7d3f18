import { create } from 'zustand';

/** Which zone the UI writes times in: the workspace's (the business's clock, the default) or the viewer's own browser's. */
export type TimesIn = 'workspace' | 'mine';

/** The viewer's own zone, as the browser knows it. */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

interface ViewZoneState {
  /** What the user chose (their preference, kept on the server). */
  timesIn: TimesIn;
  /** The workspace's zone as last read (null: none chosen, each user's own applies). */
  workspaceZone: string | null;
  choose(timesIn: TimesIn): void;
  setWorkspaceZone(zone: string | null): void;
}

export const useViewZoneState = create<ViewZoneState>((set) => ({
  timesIn: 'workspace',
  workspaceZone: null,
  choose: (timesIn) => set({ timesIn }),
  setWorkspaceZone: (workspaceZone) => set({ workspaceZone }),
}));

/** The zone a time is written in when no other is named: the workspace's, unless the user chose their own or there is none. */
export const viewZoneOf = (s: Pick<ViewZoneState, 'timesIn' | 'workspaceZone'>): string => (s.timesIn === 'workspace' && s.workspaceZone ? s.workspaceZone : browserZone());

/** The zone the UI writes times in now (re-renders the caller when it changes). */
export const useViewZone = (): string => useViewZoneState(viewZoneOf);
