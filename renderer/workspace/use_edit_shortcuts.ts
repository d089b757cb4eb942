/**
 * Keyboard shortcuts of the workspace: Ctrl+Z (⌘Z) undo, Ctrl+Shift+Z or Ctrl+Y redo, Escape leaves
 * "place a proposal" mode, Delete removes the selected proposal (undoable). Inside text fields the
 * browser's own undo and delete keep working.
 */
import { useEffect, useRef } from 'react';
import { useWorkspace } from './workspace_context';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

export function useEditShortcuts(): void {
  const workspace = useWorkspace();
  const latest = useRef(workspace);
  latest.current = workspace;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const current = latest.current;
      if (event.key === 'Escape' && current.placing) {
        current.setPlacing(false);
        return;
      }
      if (typingIn(event.target) || event.altKey) return;
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (command && key === 'z') {
        event.preventDefault();
        void (event.shiftKey ? current.edits.redo() : current.edits.undo());
      } else if (command && key === 'y') {
        event.preventDefault();
        void current.edits.redo();
      } else if (!command && event.key === 'Delete' && current.selectedId && current.editable) {
        event.preventDefault();
        void current.remove(current.selectedId);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
