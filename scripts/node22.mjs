/**
 * Launch helper: the app's Node services need Node >= 22 (better-sqlite3 13 ships binaries for it and
 * crashes on older Node). Imported on an older Node, this module re-runs the same command with the
 * Node 22 that `npm install` put in node_modules (the "node" devDependency) and never finishes
 * loading — its top-level await waits for the child — so the importing script's own code does not
 * run in the old Node at all. The outer process then only relays:
 *  - SIGINT, SIGTERM and SIGHUP do not end it; they are passed on to the child (whose Ctrl-C
 *    handling cancels an import), and the outer waits for the child to finish;
 *  - it exits with the child's exit code, or dies of the child's signal;
 *  - if it is killed outright (kill -9, nothing to relay), the child does not run on as an orphan:
 *    it holds an IPC channel to the outer process, which the kernel closes when that process dies,
 *    and on its 'disconnect' the child stops itself as on Ctrl-C (SIGINT: an import cancels and rolls
 *    back, exit 130), or exits after a grace period if something keeps it alive.
 * On Node >= 22 importing it does nothing else; `ensureNode22()` stays for the scripts that call it.
 * (process.execve, which would replace the outer process instead, exists only from Node 22.15 on,
 * so the old Node that needs this cannot use it.)
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Signals a terminal or a process manager sends to stop a command. */
const RELAYED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** Set by the outer process for its child: the IPC channel is the launcher's (not, say, a test runner's). */
const LAUNCHER_CHANNEL_ENV = 'SITING_LAUNCHER_CHANNEL';
/** How long a child whose launcher died may take to stop after its SIGINT before it exits anyway. */
const ORPHAN_GRACE_MS = 10_000;

/**
 * Runs this command again on the bundled Node 22 and exits as it exits; never resolves. (child_process
 * and os are loaded only here: on Node 22, which does not need them, they would cost every command's
 * start a few milliseconds.)
 */
async function rerunOnNode22() {
  const [{ spawn }, { constants }] = await Promise.all([import('node:child_process'), import('node:os')]);
  const bundled = join(repoRoot, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(bundled)) {
    console.error(`Siting Planner needs Node.js 22 or newer (this is ${process.version}); run \`npm install\` first.`);
    process.exit(1);
  }
  const child = spawn(bundled, process.argv.slice(1), {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [LAUNCHER_CHANNEL_ENV]: '1' },
  });
  const relay = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of RELAYED_SIGNALS) process.on(signal, relay);
  child.once('error', (error) => {
    console.error(`Cannot start ${bundled}: ${error.message}`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    // Die of the same signal, so that the shell sees what the child saw (130 for Ctrl-C).
    for (const relayed of RELAYED_SIGNALS) process.removeListener(relayed, relay);
    process.kill(process.pid, signal);
    setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 1000).unref();
  });
  return new Promise(() => {});
}

/**
 * In the child: when the launcher's channel closes (the launcher died without relaying a signal),
 * stop as on Ctrl-C. The channel does not keep this process alive.
 */
function stopWithLauncher() {
  delete process.env[LAUNCHER_CHANNEL_ENV];
  if (!process.channel) return;
  process.channel.unref();
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGINT');
    // Nothing is half-written by exiting between two steps: a write not committed is rolled back.
    setTimeout(() => process.exit(130), ORPHAN_GRACE_MS).unref();
  });
}

if (Number(process.versions.node.split('.')[0]) < 22) await rerunOnNode22();
else if (process.env[LAUNCHER_CHANNEL_ENV] === '1') stopWithLauncher();

/**
 * Kept for the launch scripts that call it first thing: by the time it can be called, importing this
 * module has already made sure that this process runs on Node >= 22.
 */
export function ensureNode22() {}
