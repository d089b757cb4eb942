/**
 * Undo/redo routing of the workspace: which key presses act on the proposal edits, and what the
 * desktop Edit menu's forwarded {kind: 'undo' | 'redo'} does (Electron main cannot run here; the
 * renderer side is exercised through the same host-event path the preload feeds).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commandForKey, isTextField, runMenuEdit, type KeyPress } from '../../../renderer/workspace/key_bindings';
import { subscribeMenuEdits } from '../../../renderer/workspace/menu_edits';
import type { MenuAction } from '../../../shared/ipc/contract';
import { buildMenu } from '../../../electron/main/menu';

// The Electron runtime is not installed here; the menu module only needs Menu.buildFromTemplate.
vi.mock('electron', () => ({ Menu: { buildFromTemplate: (template: unknown) => template } }));

const input = (type?: string) => ({ tagName: 'INPUT', type });
const key = (k: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target: null, ...extra });
const free = { modalOpen: false, placing: false, canDelete: true };

describe('text fields', () => {
  it('counts text-like inputs, textareas and contenteditable as text fields', () => {
    for (const type of ['text', 'search', 'number', 'email', 'url', 'tel', 'password', 'TEXT', undefined, '']) expect(isTextField(input(type))).toBe(true);
    expect(isTextField({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextField({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('does not count checkboxes, sliders, radios, selects, buttons or the map', () => {
    for (const type of ['checkbox', 'range', 'radio', 'color', 'file', 'submit']) expect(isTextField(input(type))).toBe(false);
    for (const tagName of ['SELECT', 'BUTTON', 'CANVAS', 'BODY']) expect(isTextField({ tagName })).toBe(false);
    expect(isTextField(null)).toBe(false);
    expect(isTextField(undefined)).toBe(false);
  });
});

describe('key presses', () => {
  it('undoes with Ctrl+Z / ⌘Z and redoes with Ctrl+Shift+Z or Ctrl+Y', () => {
    expect(commandForKey(key('z', { ctrlKey: true }), free)).toBe('undo');
    expect(commandForKey(key('z', { metaKey: true }), free)).toBe('undo');
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }), free)).toBe('redo');
    expect(commandForKey(key('y', { ctrlKey: true }), free)).toBe('redo');
    expect(commandForKey(key('z'), free)).toBeNull();
    expect(commandForKey(key('z', { ctrlKey: true, altKey: true }), free)).toBeNull();
  });

  it('still undoes the proposal edit after using a checkbox, a slider or a select', () => {
    for (const target of [input('checkbox'), input('range'), { tagName: 'SELECT' }, { tagName: 'BUTTON' }]) {
      expect(commandForKey(key('z', { ctrlKey: true, target }), free)).toBe('undo');
      expect(commandForKey(key('Delete', { target }), free)).toBe('delete');
    }
  });

  it('leaves Ctrl+Z and Delete to the browser inside text fields', () => {
    for (const target of [input('text'), input('number'), { tagName: 'TEXTAREA' }]) {
      expect(commandForKey(key('z', { ctrlKey: true, target }), free)).toBeNull();
      expect(commandForKey(key('Delete', { target }), free)).toBeNull();
    }
  });

  it('deletes only with a selected, editable proposal', () => {
    expect(commandForKey(key('Delete'), { ...free, canDelete: false })).toBeNull();
    expect(commandForKey(key('Backspace'), free)).toBeNull();
  });

  it('leaves placing mode with Escape, even from a text field', () => {
    expect(commandForKey(key('Escape', { target: input('text') }), { ...free, placing: true })).toBe('stop-placing');
    expect(commandForKey(key('Escape'), free)).toBeNull();
  });

  it('does nothing to the workspace while a modal dialog is open', () => {
    const modal = { ...free, modalOpen: true, placing: true };
    expect(commandForKey(key('z', { ctrlKey: true }), modal)).toBeNull();
    expect(commandForKey(key('Delete'), modal)).toBeNull();
    expect(commandForKey(key('Escape'), modal)).toBeNull();
  });
});

describe('Edit menu', () => {
  const targets = (focused: unknown, modalOpen = false) => {
    const workspace = { undo: vi.fn(), redo: vi.fn() };
    const text = vi.fn();
    return { workspace, text, value: { focused, modalOpen, workspace, text } };
  };

  it('undoes and redoes the proposal edit when no text field has focus', () => {
    const t = targets({ tagName: 'BUTTON' });
    expect(runMenuEdit('undo', t.value)).toBe('workspace');
    expect(runMenuEdit('redo', t.value)).toBe('workspace');
    expect(t.workspace.undo).toHaveBeenCalledTimes(1);
    expect(t.workspace.redo).toHaveBeenCalledTimes(1);
    expect(t.text).not.toHaveBeenCalled();
  });

  it('runs the text undo of a focused text field instead', () => {
    const t = targets({ tagName: 'INPUT', type: 'text' });
    expect(runMenuEdit('undo', t.value)).toBe('text');
    expect(t.text).toHaveBeenCalledWith('undo');
    expect(t.workspace.undo).not.toHaveBeenCalled();
  });

  it('does not touch the hidden workspace while a modal dialog is open', () => {
    const t = targets({ tagName: 'SELECT' }, true);
    expect(runMenuEdit('undo', t.value)).toBe('none');
    expect(t.workspace.undo).not.toHaveBeenCalled();
  });
});

describe('menu actions forwarded by Electron main', () => {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Listener>();
  const bridge = {
    invoke: vi.fn(),
    on: (name: string, listener: Listener) => {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    },
  };
  afterEach(() => {
    listeners.clear();
    delete (globalThis as { window?: unknown }).window;
  });

  it('reaches the proposal edits through the preload event, checked against the contract', () => {
    (globalThis as { window?: unknown }).window = { siting: bridge };
    const workspace = { undo: vi.fn(), redo: vi.fn() };
    const text = vi.fn();
    let focused: unknown = { tagName: 'CANVAS' };
    const off = subscribeMenuEdits(() => ({ focused, modalOpen: false, workspace, text }));
    const emit = listeners.get('app:menu:action');
    if (!emit) throw new Error('no listener for app:menu:action');

    emit({ kind: 'undo' });
    emit({ kind: 'redo' });
    expect(workspace.undo).toHaveBeenCalledTimes(1);
    expect(workspace.redo).toHaveBeenCalledTimes(1);

    focused = { tagName: 'TEXTAREA' };
    emit({ kind: 'undo' });
    expect(text).toHaveBeenCalledWith('undo');
    expect(workspace.undo).toHaveBeenCalledTimes(1);

    // Other menu actions and payloads outside the contract do nothing here.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    emit({ kind: 'import' });
    emit({ kind: 'undo-everything' });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    expect(workspace.undo).toHaveBeenCalledTimes(1);

    off();
    expect(listeners.has('app:menu:action')).toBe(false);
  });
});

describe('desktop Edit menu (electron/main/menu.ts)', () => {
  interface Item {
    label?: string;
    role?: string;
    accelerator?: string;
    registerAccelerator?: boolean;
    click?: () => void;
    submenu?: Item[];
  }

  it('shows Ctrl+Z / Ctrl+Shift+Z without taking the keys, and forwards a click as a MenuAction', () => {
    const sent: MenuAction[] = [];
    const template = buildMenu({} as never, [], (action) => sent.push(action)) as unknown as Item[];
    const edit = template.find((item) => item.label?.startsWith('Edit'))?.submenu ?? [];
    expect(edit.some((item) => item.role === 'undo' || item.role === 'redo')).toBe(false);
    const undo = edit.find((item) => item.label?.startsWith('Undo'));
    const redo = edit.find((item) => item.label?.startsWith('Redo'));
    expect(undo).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(redo).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false });
    undo?.click?.();
    redo?.click?.();
    expect(sent).toEqual([{ kind: 'undo' }, { kind: 'redo' }]);
  });
});
