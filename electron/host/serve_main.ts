/**
 * Entry of the local HTTP host (scripts/serve.mjs, and `npm start` where Electron is missing).
 * Options: --project <file.gpkg> (opened, or created when --sample is given and it does not exist),
 * --sample wuhan-core, --port N (default: a free port), --static <dir> (default: dist/),
 * --fallback-project <file.gpkg>: opened (or created from --sample) instead when --project is refused,
 * as `npm start` asks for the most recent project (which may have been changed, or damaged, since);
 * without it a refused --project ends the host with exit code 2.
 * Project files are used only inside the app's projects folder, and as the --project and
 * --fallback-project files themselves (browser_file_access.ts): not elsewhere in their folders, which
 * may be the home folder (`npm start` passes the most recent project).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SampleName } from '../../shared/ipc/contract';
import { appRoot, projectsDir } from '../services/app_paths';
import { ProjectSession } from '../services/project_session';
import { sessionContentSecurityPolicy } from '../content_security_policy';
import { createBrowserHandlers } from './browser_file_access';
import { startHttpHost } from './http_host';

const { values } = parseArgs({
  options: {
    project: { type: 'string' },
    sample: { type: 'string' },
    port: { type: 'string' },
    static: { type: 'string' },
    'fallback-project': { type: 'string' },
  },
});

const root = appRoot();
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const session = new ProjectSession();

async function openProject(path: string): Promise<void> {
  if (!existsSync(path) && values.sample) await session.create(path, { sample: SampleName.parse(values.sample) });
  else session.open(path);
}

if (values.project) {
  try {
    await openProject(values.project);
  } catch (error) {
    const fallback = values['fallback-project'];
    if (!fallback) {
      console.error(`Cannot open the project: ${(error as Error).message}`);
      process.exit(2);
    }
    console.error(`Cannot open the most recent project: ${(error as Error).message}`);
    console.error(`Opening ${fallback} instead.`);
    try {
      await openProject(fallback);
    } catch (fallbackError) {
      // Still serve: the app starts without a project, where one can be created or opened.
      console.error(`Cannot open ${fallback} either: ${(fallbackError as Error).message}`);
    }
  }
}

const projectFolders = [projectsDir()];
const projectFiles = [values.project, values['fallback-project']].filter((file) => file !== undefined).map((file) => resolve(file));
const handlers = createBrowserHandlers(session, { version, projectFolders, projectFiles });
const host = await startHttpHost({
  handlers,
  staticDir: values.static ?? join(root, 'dist'),
  port: values.port ? Number(values.port) : 0,
  contentSecurityPolicy: () => sessionContentSecurityPolicy(session),
});
console.log(`Siting Planner: ${host.url}`);
if (session.isOpen) console.log(`Project: ${session.store.path}`);
console.log(`Project files are kept in ${projectFolders.join(' and ')}.`);
console.log('Open the address above in a browser (it is only reachable from this computer). Ctrl+C stops the server.');

const shutdown = () => {
  session.close();
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
