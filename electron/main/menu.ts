/** The application menu: File (new, open, recent, save as, import, export), View, Help. */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../../shared/ipc/contract';

export function buildMenu(window: BrowserWindow, recent: string[], onAction: (action: MenuAction) => void): Menu {
  const send = (action: MenuAction) => () => onAction(action);
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File 文件',
      submenu: [
        { label: 'New Project… 新建项目', accelerator: 'CmdOrCtrl+N', click: send({ kind: 'new' }) },
        { label: 'New from Wuhan Sample… 从武汉示例新建', click: send({ kind: 'new-sample', sample: 'wuhan-core' }) },
        { label: 'Open… 打开', accelerator: 'CmdOrCtrl+O', click: send({ kind: 'open' }) },
        {
          label: 'Open Recent 最近打开',
          submenu: recent.length
            ? recent.map((path) => ({ label: path, click: send({ kind: 'open-path', path }) }))
            : [{ label: '(none)', enabled: false }],
        },
        { label: 'Save As… 另存为', accelerator: 'CmdOrCtrl+Shift+S', click: send({ kind: 'save-as' }) },
        { type: 'separator' },
        { label: 'Import… 导入', accelerator: 'CmdOrCtrl+I', click: send({ kind: 'import' }) },
        { label: 'Export… 导出', accelerator: 'CmdOrCtrl+E', click: send({ kind: 'export' }) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit 编辑',
      submenu: [
        // Not role 'undo'/'redo': on Windows and Linux a registered accelerator takes Ctrl+Z before
        // the page sees it and runs Chromium's text undo, so the workspace's undo would never run.
        // The keys stay with the page (shown here only); a click is forwarded to the renderer,
        // which undoes the proposal edit, or the text edit when a text field has focus.
        { label: 'Undo 撤销', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: send({ kind: 'undo' }) },
        { label: 'Redo 重做', accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false, click: send({ kind: 'redo' }) },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
      ],
    },
    { label: 'View 视图', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
  ];
  void window;
  return Menu.buildFromTemplate(template);
}
