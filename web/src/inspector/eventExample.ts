import { create } from 'zustand';

const KEY = 'voronka.eventExample';

function load(): Record<string, Record<string, string>> {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, Record<string, string>>;
  } catch {
    return {};
  }
}

/**
 * The example of the start event's data typed under a message (`startsAt`, `link`…): one per
 * funnel, shared by all its messages' previews and test sends, kept in this browser (reopening
 * the funnel, another tab, the next day).
 */
export const useEventExample = create<{ byFunnel: Record<string, Record<string, string>>; set(funnelId: string, key: string, value: string): void }>((set, get) => ({
  byFunnel: load(),
  set(funnelId, key, value) {
    const byFunnel = { ...get().byFunnel, [funnelId]: { ...get().byFunnel[funnelId], [key]: value } };
    set({ byFunnel });
    try {
      localStorage.setItem(KEY, JSON.stringify(byFunnel));
    } catch {
      /* storage full or disabled: kept for this page only */
    }
  },
}));
