/**
 * Electron main process: one secure window over the renderer (served via app://), IPC built from the
 * shared contract, native dialogs and the app menu. All project work goes through the same handlers
 * the local HTTP host serves.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS, EVENTS_CHANNEL_PREFIX, type Handlers, type MenuAction, type ProjectInfo } from '../../shared/ipc/contract';
import { createHandlers, UnsupportedError } from '../services/api_handlers';
import { setReaderLauncher } from '../services/import/bounded_sqlite_reader';
import { appRoot } from '../services/app_paths';
import { ProjectSession } from '../services/project_session';
import { listRecent } from '../services/recent_projects';
import { toReplyError } from '../services/reply_error';
import { dispatch } from '../ipc/dispatch';
import { sessionContentSecurityPolicy } from '../content_security_policy';
import { buildMenu } from './menu';
import { utilityProcessReaderLauncher } from './reader_utility_process';
import { APP_ORIGIN, hardenSessions, isTrustedSender, registerAppScheme, serveRenderer } from './security';

registerAppScheme();
app.enableSandbox();
// GeoPackage views are read in a utility process (the packaged app cannot run itself as Node).
setReaderLauncher(utilityProcessReaderLauncher);

const root = appRoot();
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const session = new ProjectSession();
let mainWindow: BrowserWindow | null = null;

const PROJECT_FILTERS = [{ name: 'Siting project (GeoPackage)', extensions: ['gpkg'] }];
const IMPORT_FILTERS = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'geojson', 'json', 'tif', 'tiff'] },
  { name: 'All files', extensions: ['*'] },
];

/** An export's filters: the default name's type first (a review workbook is .xlsx), then the layer formats. */
function exportFilters(defaultName: string | undefined): { name: string; extensions: string[] }[] {
  const filters = [{ name: 'GeoJSON', extensions: ['geojson'] }, { name: 'CSV', extensions: ['csv'] }];
  const extension = /\.([a-z0-9]+)$/i.exec(defaultName ?? '')?.[1]?.toLowerCase();
  if (!extension) return filters;
  const own = filters.find((filter) => filter.extensions.includes(extension)) ?? { name: extension.toUpperCase(), extensions: [extension] };
  return [own, ...filters.filter((filter) => filter !== own)];
}

const dialogs: Pick<Handlers, 'dialog:file:open' | 'dialog:file:save'> = {
  'dialog:file:open': async ({ purpose }) => {
    const result = await dialog.showOpenDialog(mainWindow!, {
      properties: ['openFile'],
      filters: purpose === 'project' ? PROJECT_FILTERS : IMPORT_FILTERS,
    });
    return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
  },
  'dialog:file:save': async ({ purpose, defaultName }) => {
    const result = await dialog.showSaveDialog(mainWindow!, {
      defaultPath: defaultName,
      filters: purpose === 'project' ? PROJECT_FILTERS : exportFilters(defaultName),
    });
    return { path: result.canceled ? null : (result.filePath ?? null) };
  },
};

const handlers = createHandlers(session, { host: 'electron', version, dialogs });

for (const channel of CHANNELS) {
  ipcMain.handle(channel, async (event, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: toReplyError(new UnsupportedError('IPC from an untrusted frame was refused')) };
    }
    return dispatch(handlers, channel, input);
  });
}

function emit(name: string, payload: unknown): void {
  mainWindow?.webContents.send(`${EVENTS_CHANNEL_PREFIX}${name}`, payload);
}

function refreshMenu(): void {
  if (mainWindow) Menu.setApplicationMenu(buildMenu(mainWindow, listRecent(), (action) => void onMenu(action)));
}

/**
 * The menu's project actions go through the same handlers as the renderer's calls, so that they too
 * wait until a running import has ended (api_handlers.ts: project switches wait for the import job;
 * switching under its open write transaction would close the connection it writes through).
 */
async function onMenu(action: MenuAction): Promise<void> {
  try {
    let info: ProjectInfo | null = null;
    switch (action.kind) {
      case 'new':
      case 'new-sample': {
        const { path } = await dialogs['dialog:file:save']({ purpose: 'project', defaultName: 'siting-project.gpkg' });
        if (!path) return;
        info = await handlers['project:create']({ path, sample: action.kind === 'new-sample' ? action.sample : undefined, force: true });
        break;
      }
      case 'open': {
        const { path } = await dialogs['dialog:file:open']({ purpose: 'project' });
        if (!path) return;
        info = await handlers['project:open']({ path });
        break;
      }
      case 'open-path':
        info = await handlers['project:open']({ path: action.path });
        break;
      case 'save-as': {
        const { path } = await dialogs['dialog:file:save']({ purpose: 'project', defaultName: 'siting-project-copy.gpkg' });
        if (!path) return;
        info = await handlers['project:save-as']({ path, force: true });
        break;
      }
      default:
        emit('app:menu:action', action);
        return;
    }
    emit('project:changed', info);
    refreshMenu();
  } catch (error) {
    dialog.showErrorBox('Siting Planner', (error as Error).message);
  }
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Siting Planner 养老设施选址规划',
    webPreferences: {
      preload: join(root, 'dist-electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  refreshMenu();
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

app.whenReady().then(() => {
  hardenSessions();
  serveRenderer(join(root, 'dist'), () => sessionContentSecurityPolicy(session));
  const projectArg = process.argv.find((arg) => arg.endsWith('.gpkg'));
  const initial = projectArg ?? listRecent()[0];
  if (initial) {
    try {
      session.open(initial);
    } catch (error) {
      dialog.showErrorBox('Siting Planner', (error as Error).message);
    }
  }
  createWindow();
});

app.on('window-all-closed', () => {
  session.close();
  app.quit();
});
