/**
 * The Electron launcher of the SQLite reader process (services/import/bounded_sqlite_reader.ts): the
 * reader script runs in a utility process, Electron's Node child. The app's own executable cannot be
 * used as in the Node hosts: the packaged app's runAsNode fuse is off (electron-builder.yml), so
 * ELECTRON_RUN_AS_NODE is ignored and the executable would start a second copy of the app.
 *
 * Untested here: the Electron runtime cannot be downloaded where this was written, so this adapter has
 * run in no test. What the tests do check is the reader script and its protocol under Node (from the
 * source tree and as scripts/build_electron.mjs writes it to dist-electron/), the reader through an
 * injected launcher, and that it never starts its child with ELECTRON_RUN_AS_NODE. What this file
 * relies on, from Electron's documentation: fork() after app 'ready'; requests posted with
 * postMessage (structured clone, serialized in the call), received in the child on
 * process.parentPort; replies as 'message' events; 'exit' with the exit code; the child's Node loads
 * the script and better-sqlite3 from the asar archive (the .node addon is unpacked, asarUnpack).
 */
import { utilityProcess } from 'electron';
import { trackChildEnd, type ReaderChild, type ReaderLauncher } from '../services/import/bounded_sqlite_reader';

export const utilityProcessReaderLauncher: ReaderLauncher = (script) => {
  const child = utilityProcess.fork(script, [], { stdio: ['ignore', 'ignore', 'pipe'], serviceName: 'Siting Planner SQLite reader' });
  const ending = trackChildEnd(child.stderr);
  child.once('exit', (code) => ending.end(`exit code ${code}`));
  return {
    get pid() {
      return child.pid;
    },
    get exited() {
      return ending.ended !== null;
    },
    send: (request) => child.postMessage(request),
    onMessage: (listener) => {
      child.on('message', listener);
      return () => child.off('message', listener);
    },
    onExit: ending.onExit,
    kill: () => {
      if (ending.ended !== null) return;
      // utilityProcess.kill() sends SIGTERM, which a process spinning in SQLite may not act on.
      const id = child.pid;
      if (id === undefined) child.kill();
      else {
        try {
          process.kill(id, 'SIGKILL');
        } catch {
          child.kill();
        }
      }
    },
  } satisfies ReaderChild;
};
