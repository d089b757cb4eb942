/**
 * What the browser host lets a page do with the files of this computer. Any page that holds the
 * session token speaks for the browser UI, and that UI needs no path of its own choosing: it uploads
 * the files it imports and downloads what it exports. So the browser host
 *  - refuses import sources given by path (layer:import, layer:import:start, layer:import:preview)
 *    and exports to a path (layer:export, review:export, table:export, review:sheet:pdf, map:export or map:atlas:start with `path`): without this, a token holder could read the
 *    lines of any file and overwrite any file;
 *  - creates, opens and saves projects only inside its project folders (the app's projects folder) and
 *    as its project files (the project the host was started with, and its fallback): the path the
 *    user types must lie inside one of the folders, or be one of the files, once `..` and symbolic
 *    links are resolved, and a bare name goes into the first folder. Not the whole folder of the
 *    start project: `npm start` starts with the most recent project, which may lie in the home folder,
 *    and save-as or create with overwrite would then replace any .gpkg below it;
 *  - lists only the recent projects it would open.
 * The desktop app (native dialogs) and the CLI keep paths anywhere.
 */
import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileSource, Handlers } from '../../shared/ipc/contract';
import { createHandlers, UnsupportedError } from '../services/api_handlers';
import type { ProjectSession } from '../services/project_session';

/** The refusal of an import or export by path (reason paths_desktop_only). */
export const PATHS_REFUSED =
  'the browser version reads and writes files only as uploads and downloads; files are opened or written by path in the desktop app or with the `siting` command line';

/** Where the browser host keeps project files: whole folders, and single files beside them. */
export interface ProjectPlaces {
  /** Created when missing; the first is where a bare file name goes. */
  projectFolders: readonly string[];
  /** Single project files allowed wherever they are (nothing else in their folders is). */
  projectFiles?: readonly string[];
}

/** The contract's handlers for the browser host, with its file rules (see above). */
export function createBrowserHandlers(session: ProjectSession, options: { version: string } & ProjectPlaces): Handlers {
  if (options.projectFolders.length === 0) throw new Error('the browser host needs at least one project folder');
  const folders = options.projectFolders.map((folder) => resolve(folder));
  const places = { projectFolders: folders, projectFiles: (options.projectFiles ?? []).map((file) => resolve(file)) };
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  const inner = createHandlers(session, { host: 'browser', version: options.version, dialogs: null });
  const projectPath = (path: string) => allowedProjectPath(path, places);
  return {
    ...inner,
    'app:info:get': async (input) => ({ ...(await inner['app:info:get'](input)), projectFolders: folders }),
    'project:create': async (input) => inner['project:create']({ ...input, path: projectPath(input.path) }),
    'project:open': async (input) => inner['project:open']({ ...input, path: projectPath(input.path) }),
    'project:save-as': async (input) => inner['project:save-as']({ ...input, path: projectPath(input.path) }),
    'project:recent:list': async (input) => (await inner['project:recent:list'](input)).filter((path) => isAllowed(path, places)),
    'layer:import': async (input) => inner['layer:import']({ ...input, file: uploaded(input.file) }),
    'layer:import:start': async (input) => inner['layer:import:start']({ ...input, file: uploaded(input.file) }),
    'layer:import:preview': async (input) => inner['layer:import:preview']({ ...input, file: uploaded(input.file) }),
    'layer:export': async (input) => {
      if (input.path !== undefined) throw pathsRefused();
      return inner['layer:export'](input);
    },
    'review:export': async (input) => {
      if (input.path !== undefined) throw pathsRefused();
      return inner['review:export'](input);
    },
    'table:export': async (input) => {
      if (input.path !== undefined) throw pathsRefused();
      return inner['table:export'](input);
    },
    'review:sheet:pdf': async (input) => {
      if (input.path !== undefined) throw pathsRefused();
      return inner['review:sheet:pdf'](input);
    },
    'map:export': async (input) => {
      if (input.path !== undefined) throw pathsRefused();
      return inner['map:export'](input);
    },
    'map:atlas:start': async (input) => {
      if (input.path !== undefined) throw pathsRefused();
      return inner['map:atlas:start'](input);
    },
  };
}

/** `source` when it carries its bytes (an upload); a source given by path is refused. */
function uploaded(source: FileSource): FileSource {
  if ('path' in source) throw pathsRefused();
  return source;
}

const pathsRefused = () => new UnsupportedError(PATHS_REFUSED, { reason: 'paths_desktop_only' });

/** The absolute path of a project file the browser may use, or an UnsupportedError naming the folders. */
export function allowedProjectPath(path: string, places: ProjectPlaces): string {
  const folders = places.projectFolders;
  const absolute = isAbsolute(path) ? resolve(path) : resolve(folders[0], path);
  if (isAllowed(absolute, places)) return absolute;
  const named = folders.length === 1 ? `the project folder ${folders[0]}` : `one of the project folders ${folders.join(', ')}`;
  throw new UnsupportedError(`in the browser version project files must be inside ${named}`, {
    reason: 'project_outside_folders',
    params: { folders: folders.join(', ') },
  });
}

/** True when `absolute` lies inside one of the project folders or is one of the project files. */
function isAllowed(absolute: string, places: ProjectPlaces): boolean {
  if (isInside(absolute, places.projectFolders)) return true;
  const real = realPath(absolute);
  return real !== null && (places.projectFiles ?? []).some((file) => realPath(file) === real);
}

/**
 * True when `absolute`, with symbolic links resolved, lies below one of `folders` (also resolved). A
 * file that does not exist yet is judged by its folder; one whose folder does not exist either cannot
 * be created, and is judged by its path as written. A link that leads nowhere is outside: SQLite
 * would create the file it points to.
 */
function isInside(absolute: string, folders: readonly string[]): boolean {
  const real = realPath(absolute);
  if (real === null) return false;
  return folders.some((folder) => {
    const below = relative(realPath(folder) ?? folder, real);
    return below !== '' && below !== '..' && !below.startsWith(`..${sep}`) && !isAbsolute(below);
  });
}

function realPath(path: string): string | null {
  if (entryExists(path)) {
    try {
      return realpathSync(path);
    } catch {
      return null;
    }
  }
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return resolve(path);
  }
}

/** True when there is a directory entry at `path`, a dangling symbolic link included. */
function entryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
