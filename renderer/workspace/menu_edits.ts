/**
 * Edit → Undo/Redo of the desktop menu. Electron main forwards the menu item as a MenuAction
 * (`app:menu:action`, checked against the contract by onHostEvent); its keys are not taken by the
 * menu (electron/main/menu.ts) and reach the page as key presses instead.
 */
import { onHostEvent } from '../api/client';
import { runMenuEdit, type MenuEditTargets } from './edit_commands';

/** Runs each forwarded undo/redo on `targets()` (read when the item is chosen); returns the unsubscribe. */
export function subscribeMenuEdits(targets: () => MenuEditTargets): () => void {
  return onHostEvent('app:menu:action', (action) => {
    if (action.kind === 'undo' || action.kind === 'redo') runMenuEdit(action.kind, targets());
  });
}
