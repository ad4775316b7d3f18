import { useSyncExternalStore } from 'react';

/** A tiny hash router: `#/funnels/classic` → { name: 'editor', params: { id: 'classic' } }. */
const ROUTES: [string, RegExp][] = [
  ['login', /^\/login$/],
  ['funnels', /^\/(funnels)?$/],
  ['editor', /^\/funnels\/([^/]+)$/],
  ['version', /^\/funnels\/([^/]+)\/versions\/(\d+)$/],
  ['inbox', /^\/inbox$/],
  ['task', /^\/inbox\/([^/]+)$/],
  ['contacts', /^\/contacts$/],
  ['contact', /^\/contacts\/([^/]+)$/],
  ['messages', /^\/messages$/],
  ['settings', /^\/settings$/],
];

export interface Route {
  name: string;
  params: string[];
}

function parse(): Route {
  const path = decodeURI(location.hash.replace(/^#/, '') || '/');
  for (const [name, re] of ROUTES) {
    const m = re.exec(path.split('?')[0]);
    if (m) return { name, params: m.slice(1).filter((x) => x !== undefined && x !== 'funnels').map(decodeURIComponent) };
  }
  return { name: 'notFound', params: [] };
}

let current = parse();
const listeners = new Set<() => void>();
window.addEventListener('hashchange', () => {
  current = parse();
  listeners.forEach((l) => l());
});

export function useRoute(): Route {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => current,
  );
}

export const navigate = (path: string): void => {
  location.hash = path;
};
