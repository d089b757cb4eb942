/**
 * The packed copy of the population grid: the typed arrays the engine computes on (DemandGrid), kept
 * in the project's attribute table `population_pack` (migration 6) so that an analysis reads a
 * 1,000,000-cell grid as a few blobs (tens of milliseconds) instead of stepping through a million rows
 * (about two seconds). The layer's rows stay the truth; the copy is only used when it provably equals
 * them, and the grid is otherwise read from the rows as before.
 *
 * Staleness. Another program (QGIS, ogr2ogr, the sqlite3 shell) may edit the population table. A cheap
 * check at read time cannot see every edit: counts and fid ranges do not change when one cell's elderly
 * count is updated, and a checksum would have to read every row, the cost the copy is there to save.
 * So the file itself keeps the copy honest: triggers on the population table (migration 6) empty
 * `population_pack` on every INSERT, UPDATE and DELETE, and SQLite runs a file's triggers in whichever
 * program writes to it. The copy is used only when those triggers are in the file exactly as the
 * migration wrote them (another program that dropped and re-created the layer drops them too; the
 * inspection of a file already refuses a trigger of that name with another body), and when the layer's
 * count and first and last fid are those of the copy (one pass over the table's b-tree, which also
 * finds a damaged page as reading the rows would). The cost of the triggers on a write is one
 * `DELETE FROM population_pack` per row, which SQLite does in no measurable time once the table is
 * empty (its truncate optimisation); replacing the layer drops and re-creates them around its DELETE
 * so that this DELETE, too, empties the table at once instead of row by row.
 *
 * Writing. A layer write (audited_writes.ts) writes the copy in its own transaction, from the records
 * it inserts (with the same conversions the rows undergo: a value the rows would refuse, or could
 * return differently, writes no copy) and, with --append, the copy it found before. Reading never
 * writes (an analysis is a read: it must not change the file, which another window has open): a
 * project without a copy (an older one, or one whose population another program edited) is read from
 * its rows until the next population import writes the copy.
 *
 * Hostile files. A project may come from anyone, so every blob is checked before use: lengths, finite
 * coordinates, counts finite and >= 0, zero counts where a run says it has none, strictly ascending
 * fids. A file could also carry triggers as ours and a copy that differs from its rows, so that the
 * app would compute on numbers QGIS does not show: the copy is used only when the layer's totals of
 * population and older people equal the copy's (one pass over the table, no geometry decoded) and
 * SAMPLE_CELLS cells drawn at random on every read (all cells of a smaller grid) equal their rows. A
 * copy that differs in a few cells while keeping both totals may pass the sample; it changes no total,
 * and such a file could as well hold those numbers in its rows. Anything else is not an error the user
 * must act on: the rows are read instead.
 *
 * Layout: one row per run of up to PACK_RUN_CELLS cells (a SQLite blob is at most 1 GB), in cell order
 * (ascending fid); cell_fid int32, lon/lat/population/elderly float64, all little-endian.
 */
import type Database from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import { endianness } from 'node:os';
import type { DemandGrid } from '../../../shared/engine/demand_grid';
import type { LayerRecordMap } from '../../../shared/schemas/entities';
import { gpkgPointAt } from './gpkg_geometry';
import { POPULATION_PACK_TRIGGERS } from './migrations/0006_population_pack';

/** The layout written to the `format` column; another value is not read. */
export const PACK_FORMAT = 1;
/** Cells per row of population_pack. */
export const PACK_RUN_CELLS = 1 << 20;
const MAX_INT32 = 2 ** 31 - 1;
/** Typed arrays are stored little-endian; on a big-endian machine the copy is neither read nor written. */
const LITTLE_ENDIAN = endianness() === 'LE';

/** The grid from the copy, or why it cannot be used (no copy, a changed layer, a damaged blob...). */
export type PackRead = { grid: DemandGrid; why?: undefined } | { grid: null; why: string };

interface PackRow {
  format: unknown;
  first_cell: unknown;
  cells: unknown;
  has_population: unknown;
  has_elderly: unknown;
  cell_fid: unknown;
  lon: unknown;
  lat: unknown;
  population: unknown;
  elderly: unknown;
}

/** The population grid from the packed copy when it can be used; never throws. */
export function readPopulationPack(db: Database.Database): PackRead {
  if (!LITTLE_ENDIAN) return { grid: null, why: 'big-endian machine' };
  try {
    if (!triggersInPlace(db)) return { grid: null, why: 'the triggers that keep the copy current are missing' };
    const rows = db
      .prepare('SELECT format, first_cell, cells, has_population, has_elderly, cell_fid, lon, lat, population, elderly FROM population_pack ORDER BY fid')
      .all() as PackRow[];
    if (rows.length === 0) return { grid: null, why: 'no packed copy' };
    return unpack(db, rows);
  } catch (error) {
    return { grid: null, why: `the copy cannot be read (${(error as Error).message})` };
  }
}

function unpack(db: Database.Database, rows: PackRow[]): PackRead {
  let count = 0;
  for (const row of rows) {
    if (row.format !== PACK_FORMAT) return { grid: null, why: `format ${String(row.format)} is not ${PACK_FORMAT}` };
    if (row.first_cell !== count) return { grid: null, why: `a run starts at cell ${String(row.first_cell)}, not ${count}` };
    const cells = row.cells;
    if (typeof cells !== 'number' || !Number.isInteger(cells) || cells < 1 || cells > PACK_RUN_CELLS) return { grid: null, why: `a run of ${String(cells)} cells` };
    for (const [column, bytes] of [['cell_fid', 4], ['lon', 8], ['lat', 8], ['population', 8], ['elderly', 8]] as const) {
      const blob = row[column];
      if (!Buffer.isBuffer(blob) || blob.length !== cells * bytes) return { grid: null, why: `${column} of the run at cell ${count} is not ${cells * bytes} bytes` };
    }
    for (const column of ['has_population', 'has_elderly'] as const) {
      if (row[column] !== rows[0][column] || (row[column] !== 0 && row[column] !== 1)) return { grid: null, why: `${column} is ${String(row[column])}` };
    }
    count += cells;
  }
  // One run (up to PACK_RUN_CELLS cells): the arrays are views of the blobs read (better-sqlite3 gives
  // each large blob a buffer of its own); several runs, or a blob not aligned, are copied.
  const single = rows.length === 1;
  const fid = single ? viewOf(Int32Array, rows[0].cell_fid as Buffer, count) : new Int32Array(count);
  const lon = single ? viewOf(Float64Array, rows[0].lon as Buffer, count) : new Float64Array(count);
  const lat = single ? viewOf(Float64Array, rows[0].lat as Buffer, count) : new Float64Array(count);
  const population = single ? viewOf(Float64Array, rows[0].population as Buffer, count) : new Float64Array(count);
  const elderly = single ? viewOf(Float64Array, rows[0].elderly as Buffer, count) : new Float64Array(count);
  let hasPopulation = false;
  let hasElderly = false;
  for (const row of rows) {
    const at = row.first_cell as number;
    if (!single) {
      copyInto(fid, at, row.cell_fid as Buffer);
      copyInto(lon, at, row.lon as Buffer);
      copyInto(lat, at, row.lat as Buffer);
      copyInto(population, at, row.population as Buffer);
      copyInto(elderly, at, row.elderly as Buffer);
    }
    hasPopulation = row.has_population === 1;
    hasElderly = row.has_elderly === 1;
  }
  // The rows never hold these: a non-finite coordinate is not written, a negative or non-finite count
  // is refused when the rows are read, and a layer without counts holds zeros.
  const bad =
    firstBad(lon, lat, (x, y) => !(Number.isFinite(x) && Number.isFinite(y))) ??
    firstBad(population, elderly, (p, e) => !(p >= 0 && p < Infinity && e >= 0 && e < Infinity) || (!hasPopulation && p !== 0) || (!hasElderly && e !== 0));
  if (bad !== null) return { grid: null, why: `cell ${bad} has no finite position, or a count that is not a number >= 0 (or one where the layer has none)` };
  for (let i = 1; i < count; i++) if (fid[i] <= fid[i - 1]) return { grid: null, why: `cell ${i} is not in ascending fid order` };
  // One pass over the layer's b-tree (no row is decoded; about 30 ms per 1,000,000 cells): its count and
  // first and last fid must be the copy's, and a damaged page of the layer is found here as it would be
  // when reading the rows (the rows are then read, and report it).
  const layer = db.prepare('SELECT count(*) AS n, min(fid) AS first, max(fid) AS last, total(population) AS population, total(elderly) AS elderly FROM population').get() as {
    n: number;
    first: number | null;
    last: number | null;
    population: number;
    elderly: number;
  };
  if (layer.n !== count || layer.first !== fid[0] || layer.last !== fid[count - 1]) return { grid: null, why: 'the layer has another count, first or last fid than the copy' };
  if (!sameTotal(layer.population, population) || !sameTotal(layer.elderly, elderly)) return { grid: null, why: 'the layer has other totals than the copy' };
  const differs = sampleDiffers(db, { count, lon, lat, population, elderly, fid });
  if (differs !== null) return { grid: null, why: `cell fid ${differs} of the layer differs from the copy` };
  return { grid: { count, lon, lat, population, elderly, hasPopulation, hasElderly, fid } };
}

/** Cells of the layer compared with the copy on every read (all of them in a smaller grid). */
export const SAMPLE_CELLS = 1024;

/**
 * Whether SQLite's total of a column equals the copy's sum: equal up to the rounding of two summation
 * orders (SQLite may sum with compensation), i.e. within 1e-9 of the larger magnitude.
 */
function sameTotal(layerTotal: number, values: Float64Array): boolean {
  let sum = 0;
  let magnitude = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    magnitude += Math.abs(values[i]);
  }
  return Math.abs(layerTotal - sum) <= 1e-9 * Math.max(1, magnitude);
}

/**
 * The fid of the first of SAMPLE_CELLS cells (drawn afresh on every read: a file cannot know which)
 * whose row has another position or counts than the copy, else null. A row's count stored as NULL is
 * 0 in the copy, as in the rows' reading.
 */
function sampleDiffers(db: Database.Database, grid: { count: number; lon: Float64Array; lat: Float64Array; population: Float64Array; elderly: Float64Array; fid: Int32Array }): number | null {
  const row = db.prepare('SELECT geom, population, elderly FROM population WHERE fid = ?').raw();
  const all = grid.count <= SAMPLE_CELLS;
  const picks = all ? grid.count : SAMPLE_CELLS;
  for (let s = 0; s < picks; s++) {
    const i = all ? s : randomInt(grid.count);
    const got = row.get(grid.fid[i]) as [unknown, unknown, unknown] | undefined;
    if (got === undefined || !Buffer.isBuffer(got[0])) return grid.fid[i];
    const point = gpkgPointAt(got[0], 0, got[0].length);
    if (point === null || point[0] !== grid.lon[i] || point[1] !== grid.lat[i]) return grid.fid[i];
    if ((got[1] ?? 0) !== grid.population[i] || (got[2] ?? 0) !== grid.elderly[i]) return grid.fid[i];
  }
  return null;
}

/** The first index where `bad(a[i], b[i])`, or null. */
function firstBad(a: Float64Array, b: Float64Array, bad: (x: number, y: number) => boolean): number | null {
  for (let i = 0; i < a.length; i++) if (bad(a[i], b[i])) return i;
  return null;
}

/** The blob's bytes as a typed array: a view when the blob is aligned and alone in its buffer, else a copy. */
function viewOf<T extends Int32Array | Float64Array>(Type: { new (buffer: ArrayBuffer, offset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number }, blob: Buffer, count: number): T {
  if (blob.byteOffset % Type.BYTES_PER_ELEMENT === 0 && blob.buffer.byteLength === blob.length && blob.buffer instanceof ArrayBuffer) return new Type(blob.buffer, blob.byteOffset, count);
  const array = new Type(count);
  copyInto(array, 0, blob);
  return array;
}

/** Copies a little-endian blob into `target` from element `at` (a copy: a blob's bytes need not be aligned). */
function copyInto(target: Int32Array | Float64Array, at: number, blob: Buffer): void {
  new Uint8Array(target.buffer, at * target.BYTES_PER_ELEMENT, blob.length).set(blob);
}

/** Whether the three triggers of migration 6 are in the file as it wrote them. */
function triggersInPlace(db: Database.Database): boolean {
  const names = Object.keys(POPULATION_PACK_TRIGGERS);
  const rows = db
    .prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => '?').join(', ')})`)
    .all(...names) as { name: string; tbl_name: string; sql: string }[];
  return names.every((name) => rows.some((row) => row.name === name && row.tbl_name === 'population' && row.sql === POPULATION_PACK_TRIGGERS[name]));
}

/** Creates whichever of the triggers is missing (a file's triggers of these names are only ever ours: inspect_project.ts). */
function ensureTriggers(db: Database.Database): void {
  const present = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]).map((name) => name.toLowerCase()),
  );
  for (const [name, sql] of Object.entries(POPULATION_PACK_TRIGGERS)) if (!present.has(name)) db.exec(sql);
}

/**
 * Replaces the copy with `grid` (which must have its fids) in runs of `runCells` cells; inside the
 * caller's transaction, after the layer's rows are written (the triggers empty the copy on every row written).
 */
export function writePopulationPack(db: Database.Database, grid: DemandGrid, runCells = PACK_RUN_CELLS): void {
  db.prepare('DELETE FROM population_pack').run();
  const fid = grid.fid;
  if (!LITTLE_ENDIAN || !fid || grid.count === 0) return;
  ensureTriggers(db);
  const insert = db.prepare(
    'INSERT INTO population_pack (format, first_cell, cells, has_population, has_elderly, cell_fid, lon, lat, population, elderly) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const bytes = (array: Int32Array | Float64Array, from: number, to: number) =>
    Buffer.from(array.buffer, array.byteOffset + from * array.BYTES_PER_ELEMENT, (to - from) * array.BYTES_PER_ELEMENT);
  for (let from = 0; from < grid.count; from += runCells) {
    const to = Math.min(grid.count, from + runCells);
    // The flags are the layer's (a cell with a known count of 0 sets them too), repeated in every run.
    insert.run(PACK_FORMAT, from, to - from, grid.hasPopulation ? 1 : 0, grid.hasElderly ? 1 : 0, bytes(fid, from, to), bytes(grid.lon, from, to), bytes(grid.lat, from, to), bytes(grid.population, from, to), bytes(grid.elderly, from, to));
  }
}

/**
 * The copy's part of one write to the population layer (audited_writes.ts layerWriter), in the write's
 * transaction: created before the layer is touched, `deleteLayer` for a replace, `finish` after the
 * inserts. `cellsBefore`: the layer's cells before the write.
 */
export function populationPackWrite(db: Database.Database, cellsBefore: number, replace: boolean) {
  // With --append the copy of the cells already there is needed (the first insert empties the table).
  const before: DemandGrid | null = replace || cellsBefore === 0 ? null : readPopulationPack(db).grid;
  const usable = replace || cellsBefore === 0 || before !== null;
  let newAbove = replace ? 0 : ((db.prepare('SELECT max(fid) FROM population').pluck().get() as number | null) ?? 0);
  return {
    /** Deletes every cell at once (without the triggers, which would run once per row). */
    deleteLayer(): void {
      for (const name of Object.keys(POPULATION_PACK_TRIGGERS)) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
      db.prepare('DELETE FROM population').run();
      db.prepare('DELETE FROM population_pack').run();
      ensureTriggers(db);
      newAbove = 0;
    },
    /** Writes the copy of the layer as it now is: the cells before and `records`, inserted after them. */
    finish(records: readonly LayerRecordMap['population'][]): void {
      if (!usable || records.length === 0) return;
      const grid = packedGrid(db, before, records, newAbove);
      if (grid) writePopulationPack(db, grid);
    },
  };
}

/**
 * The grid the rows now hold: `before` followed by `records`, whose fids are the consecutive ones above
 * `newAbove` (AUTOINCREMENT gives each insert the next fid; checked: n new fids spanning n integers).
 * Null when a record holds a value the rows would not return unchanged.
 */
function packedGrid(db: Database.Database, before: DemandGrid | null, records: readonly LayerRecordMap['population'][], newAbove: number): DemandGrid | null {
  const range = db.prepare('SELECT min(fid) AS first, max(fid) AS last FROM population WHERE fid > ?').get(newAbove) as { first: number | null; last: number | null };
  const n = records.length;
  if (range.first === null || range.last === null || range.last - range.first + 1 !== n || range.last > MAX_INT32) return null;
  const old = before?.count ?? 0;
  const count = old + n;
  const fid = new Int32Array(count);
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const population = new Float64Array(count);
  const elderly = new Float64Array(count);
  let hasPopulation = before?.hasPopulation ?? false;
  let hasElderly = before?.hasElderly ?? false;
  if (before?.fid) {
    fid.set(before.fid);
    lon.set(before.lon);
    lat.set(before.lat);
    population.set(before.population);
    elderly.set(before.elderly);
  }
  for (let i = 0; i < n; i++) {
    const record = records[i] as LayerRecordMap['population'] & { geometry?: unknown };
    const at = old + i;
    // The writer stores lon/lat as a point blob unless the record carries a geometry.
    if (record.geometry !== undefined || !Number.isFinite(record.lon) || !Number.isFinite(record.lat)) return null;
    lon[at] = record.lon;
    lat[at] = record.lat;
    fid[at] = range.first + i;
    const p = storedAs(record.population);
    const e = storedAs(record.elderly);
    if (p === undefined || e === undefined) return null;
    if (p !== null) {
      population[at] = p;
      hasPopulation = true;
    }
    if (e !== null) {
      elderly[at] = e;
      hasElderly = true;
    }
  }
  return { count, lon, lat, population, elderly, hasPopulation, hasElderly, fid };
}

/**
 * A count as the rows give it back: null for none; undefined for what SQLite would store otherwise
 * (NaN becomes NULL, -0 may come back as 0) or the read would refuse (negative, infinite, not a number).
 */
function storedAs(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !(value >= 0 && value < Infinity) || Object.is(value, -0)) return undefined;
  return value;
}
