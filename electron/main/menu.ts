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
    { label: 'Edit 编辑', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }] },
    { label: 'View 视图', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
  ];
  void window;
  return Menu.buildFromTemplate(template);
}
