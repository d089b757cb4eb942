/**
 * Edit → Undo/Redo of the desktop menu. Electron main forwards the menu item as a MenuAction
 * (`app:menu:action`, checked against the contract by onHostEvent); its keys are not taken by the
 * menu (electron/main/menu.ts) and reach the page as key presses instead.
 */
import { onHostEvent } from '../api/client';
import { runMenuEdit, type MenuEditTargets } from './key_bindings';

/** Runs each forwarded undo/redo on `targets()` (read when the item is chosen); returns the unsubscribe. */
export function subscribeMenuEdits(targets: () => MenuEditTargets): () => void {
  return onHostEvent('app:menu:action', (action) => {
    if (action.kind === 'undo' || action.kind === 'redo') runMenuEdit(action.kind, targets());
  });
}

/** What the menu acts on in this page: the focused element, the browser's text undo, `workspace`. */
export function pageMenuTargets(workspace: MenuEditTargets['workspace'], modalOpen: boolean): MenuEditTargets {
  return {
    focused: document.activeElement,
    modalOpen,
    workspace,
    // Deprecated but still the only way to run the browser's own undo stack of a field.
    text: (command) => document.execCommand(command),
  };
}

/**
 * Edit → Undo/Redo while no project (and so no workspace) is open: text fields still get the
 * browser's own undo/redo. Returns the unsubscribe.
 */
export function subscribeTextMenuEdits(): () => void {
  const none = { undo: () => undefined, redo: () => undefined };
  return subscribeMenuEdits(() => pageMenuTargets(none, false));
}
