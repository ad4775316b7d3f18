import { useEffect } from 'react';
import * as actions from './actions.ts';
import { useEditor } from './store.ts';
import { useUi } from './ui.ts';

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/**
 * The editor's keyboard shortcuts (Delete/Backspace is React Flow's own). Keys typed into a field
 * keep their usual meaning there (Ctrl+Z undoes the text, not the canvas).
 */
export function useShortcuts(onLayout: () => void, onPasted?: (ids: string[]) => void): void {
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (typing(e.target) || useUi.getState().publish || useUi.getState().settings) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      const s = useEditor.getState();
      let done = true;
      if (mod && k === 'z' && !e.shiftKey) s.undo();
      else if (mod && ((k === 'z' && e.shiftKey) || k === 'y')) s.redo();
      else if (mod && k === 'c') done = actions.copySelection() > 0;
      else if (mod && k === 'v') {
        const ids = actions.paste();
        done = ids.length > 0;
        if (done) onPasted?.(ids);
      }
      else if (mod && k === 'a') actions.selectAll();
      else if (mod && e.shiftKey && k === 'l' && !s.readOnly) onLayout();
      else if (e.key === 'Escape') s.select({ nodes: [], edges: [] });
      else done = false;
      if (done) e.preventDefault();
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [onLayout, onPasted]);
}

/** The shortcuts of a read-only canvas (an old version, a manager's view): looking, not editing. */
export const VIEW_SHORTCUTS = new Set(['keys.search', 'keys.deselect', 'keys.zoom', 'keys.multiSelect']);

/** The shortcuts listed in the «?» help: [keys (a message key when they hold words), message key]. */
export const SHORTCUTS: [string, string][] = [
  ['Ctrl+Z', 'keys.undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'keys.redo'],
  ['Ctrl+C / Ctrl+V', 'keys.copyPaste'],
  ['Delete / Backspace', 'keys.delete'],
  ['Ctrl+A', 'keys.selectAll'],
  ['keys.k.shiftDrag', 'keys.boxSelect'],
  ['keys.k.ctrlClick', 'keys.multiSelect'],
  ['Ctrl+Shift+L', 'keys.layout'],
  ['Ctrl+F', 'keys.search'],
  ['Esc', 'keys.deselect'],
  ['keys.k.wheel', 'keys.zoom'],
  ['Enter', 'keys.paletteEnter'],
];
