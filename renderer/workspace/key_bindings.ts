/**
 * Which workspace command a key press or an Edit-menu item means, decided without the DOM so that
 * it can be tested in Node. The rules: inside a text field the browser's own undo, redo and delete
 * apply (Ctrl+Z after a checkbox, a slider or a select still undoes the last proposal edit); while a
 * modal dialog is open (the scenario comparison) nothing acts on the workspace hidden behind it.
 */

/** Input types whose text the browser's own undo edits. */
const TEXT_INPUT_TYPES: ReadonlySet<string> = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'password']);

/** What is read of a focused element (an HTMLElement in the app; a plain object in tests). */
export interface FocusedElement {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
}

/** True for elements where typed text is edited: text-like inputs, textareas, contenteditable. */
export function isTextField(target: unknown): boolean {
  if (target === null || typeof target !== 'object') return false;
  const element = target as FocusedElement;
  if (element.isContentEditable === true) return true;
  const tag = typeof element.tagName === 'string' ? element.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA') return true;
  // An <input> without a type attribute is a text input (its .type property then reads "text").
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has(typeof element.type === 'string' && element.type ? element.type.toLowerCase() : 'text');
  return false;
}

export type WorkspaceCommand = 'undo' | 'redo' | 'delete' | 'stop-placing';

/** The parts of a KeyboardEvent the shortcuts read. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  target: unknown;
}

export interface WorkspaceKeyState {
  /** A modal dialog is open over the workspace. */
  modalOpen: boolean;
  /** "Place a proposal" mode is on. */
  placing: boolean;
  /** A proposal is selected and the scenario can be edited. */
  canDelete: boolean;
}

/**
 * The command of a key press, or null when the workspace leaves the key alone (the browser's default
 * then applies). Ctrl+Z (⌘Z) undo; Ctrl+Shift+Z, Ctrl+Y redo; Delete removes the selected proposal;
 * Escape leaves "place a proposal" mode.
 */
export function commandForKey(event: KeyPress, state: WorkspaceKeyState): WorkspaceCommand | null {
  if (state.modalOpen) return null;
  if (event.key === 'Escape') return state.placing ? 'stop-placing' : null;
  if (event.altKey || isTextField(event.target)) return null;
  const command = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (command && key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (command && key === 'y') return 'redo';
  if (!command && event.key === 'Delete' && state.canDelete) return 'delete';
  return null;
}

export interface MenuEditTargets {
  /** document.activeElement when the menu item was chosen. */
  focused: unknown;
  modalOpen: boolean;
  /** The proposal edits' undo and redo. */
  workspace: { undo(): unknown; redo(): unknown };
  /** The browser's own text undo/redo (document.execCommand). */
  text(command: 'undo' | 'redo'): unknown;
}

/**
 * Runs Edit → Undo/Redo of the desktop menu (forwarded by Electron main, whose menu does not take
 * the keys: see electron/main/menu.ts). Returns what it acted on.
 */
export function runMenuEdit(command: 'undo' | 'redo', targets: MenuEditTargets): 'text' | 'workspace' | 'none' {
  if (isTextField(targets.focused)) {
    targets.text(command);
    return 'text';
  }
  if (targets.modalOpen) return 'none';
  void (command === 'undo' ? targets.workspace.undo() : targets.workspace.redo());
  return 'workspace';
}
