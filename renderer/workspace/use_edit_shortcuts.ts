/**
 * Keyboard shortcuts of the workspace and the desktop Edit menu: Ctrl+Z (⌘Z) undo, Ctrl+Shift+Z or
 * Ctrl+Y redo, Escape leaves "place a proposal" mode, Delete removes the selected proposal
 * (undoable). Inside text fields the browser's own undo and delete keep working; while a modal
 * dialog is open nothing acts on the workspace behind it (key_bindings.ts decides).
 */
import { useEffect, useRef } from 'react';
import { commandForKey } from './key_bindings';
import { pageMenuTargets, subscribeMenuEdits } from './menu_edits';
import { useWorkspace } from './workspace_context';

/** True while a modal dialog (e.g. the scenario comparison) is shown over the workspace. */
function modalOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}

export function useEditShortcuts(): void {
  const workspace = useWorkspace();
  const latest = useRef(workspace);
  latest.current = workspace;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const current = latest.current;
      const command = commandForKey(event, {
        modalOpen: modalOpen(),
        placing: current.placing,
        canDelete: current.selectedId !== null && current.editable,
      });
      if (command === null) return;
      event.preventDefault();
      if (command === 'stop-placing') current.setPlacing(false);
      else if (command === 'undo') void current.edits.undo();
      else if (command === 'redo') void current.edits.redo();
      else if (current.selectedId) void current.remove(current.selectedId);
    };
    window.addEventListener('keydown', onKey);
    // Electron's Edit menu (clicked with the mouse; its keys reach the page as key presses above).
    const offMenu = subscribeMenuEdits(() => pageMenuTargets(latest.current.edits, modalOpen()));
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
    };
  }, []);
}
