/**
 * The child process of bounded_sqlite_reader.ts: read-only queries on an SQLite image, in a process the
 * parent kills when a query runs too long. One script for both kinds of child:
 *  - the Node hosts (CLI, HTTP host) start it with child_process.spawn and an IPC channel: requests
 *    arrive as 'message' events of `process`, replies go out with process.send;
 *  - the Electron app starts it as a utility process (utilityProcess.fork; the packaged app cannot run
 *    itself as Node, its runAsNode fuse is off): requests arrive on process.parentPort as events whose
 *    `data` is the request, replies go out with process.parentPort.postMessage.
 * It is standalone (no module of the app), so that it runs as it is from the source tree and from
 * dist-electron/, where scripts/build_electron.mjs writes it next to main.mjs.
 *
 * Protocol, one request at a time, each answered by { ok: true, rows? } or { ok: false, message, code }:
 *  - { kind: 'open', sqlite, bytes, parentPid }: loads better-sqlite3 from the path `sqlite` and opens
 *    `bytes` (an image already marked as a rollback-journal database, see store/sqlite_header.ts)
 *    read-only; from then on the child ends itself when process `parentPid` is gone;
 *  - { kind: 'all', sql, params }: all rows of `sql`.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script run by itself, not a module of the TypeScript build */
const { Worker } = require('node:worker_threads');

const parentPort = process.parentPort;
const reply = parentPort ? (message) => parentPort.postMessage(message) : (message) => process.send(message);
let db = null;

function handle(message) {
  try {
    if (message.kind === 'open') {
      watchParent(message.parentPid);
      const Database = require(message.sqlite);
      const bytes = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
      db = new Database(bytes, { readonly: true });
      db.pragma('trusted_schema = OFF');
      reply({ ok: true });
    } else {
      reply({ ok: true, rows: db.prepare(message.sql).all(...message.params) });
    }
  } catch (error) {
    reply({ ok: false, message: String(error && error.message ? error.message : error), code: error && error.code });
  }
}

/**
 * A thread that ends this process when the parent is gone: a query that spins keeps the main thread,
 * and the parent that would kill it may have died without doing so.
 */
function watchParent(parentPid) {
  const watchdog = new Worker(
    'const parent = Number(require("node:worker_threads").workerData);' +
      'setInterval(() => { try { process.kill(parent, 0); } catch { process.kill(process.pid, "SIGKILL"); } }, 1000);',
    { eval: true, workerData: parentPid },
  );
  watchdog.unref();
}

if (parentPort) {
  parentPort.on('message', (event) => handle(event.data));
} else {
  process.on('message', handle);
  process.on('disconnect', () => process.exit(0));
}
