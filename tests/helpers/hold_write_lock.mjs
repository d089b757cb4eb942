#!/usr/bin/env node
/**
 * Another program writing to a project: opens it with its own SQLite connection, takes the write lock
 * (BEGIN IMMEDIATE), writes an audit entry (and runs [sql], when given, in the same transaction),
 * prints "locked", and holds the lock until <ms> milliseconds have passed or a line arrives on stdin,
 * whichever is first; then commits and prints "released". Stands in for a long `siting import` in
 * another process.
 *
 *   node tests/helpers/hold_write_lock.mjs <project.gpkg> <ms> [sql]
 */
import Database from 'better-sqlite3';

const [path, msText, sql] = process.argv.slice(2);
const db = new Database(path, { fileMustExist: true });
db.pragma('journal_mode = WAL');
db.exec('BEGIN IMMEDIATE');
db.prepare("INSERT INTO audit_log (at, action) VALUES (?, 'test:hold-lock')").run(new Date().toISOString());
if (sql) db.exec(sql);
process.stdout.write('locked\n');
const release = () => {
  if (!db.inTransaction) return;
  db.exec('COMMIT');
  db.close();
  process.stdout.write('released\n');
  process.exit(0);
};
const timer = setTimeout(release, Number(msText));
process.stdin.on('data', () => {
  clearTimeout(timer);
  release();
});
