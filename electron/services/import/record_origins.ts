/**
 * Where each parsed record came from, kept beside the records array (a WeakMap keyed by the array)
 * rather than in every record: a writer that finds a problem with record i — an id already in the
 * project — names the file and the file's own row or feature, whichever path (CLI, app, tests) the
 * array took from the parser to the project store. Arrays without origins (records built in code)
 * have none; the writer then names the record's position in the write.
 */
import type { RecordLocation } from './record_location';

const origins = new WeakMap<readonly unknown[], (index: number) => RecordLocation>();

/** Remembers `locate(i)` as the origin of `records[i]`. */
export function setRecordOrigins(records: readonly unknown[], locate: (index: number) => RecordLocation): void {
  origins.set(records, locate);
}

/** The file and row/feature `records[index]` was read from, if the array came from a parser. */
export function recordOrigin(records: readonly unknown[], index: number): RecordLocation | undefined {
  return origins.get(records)?.(index);
}
