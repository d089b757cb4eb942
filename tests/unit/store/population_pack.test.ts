/**
 * The population grid's packed copy in several runs; and reading the rows in bulk (layer_reads.ts), which must accept the point blobs the
 * row-by-row read accepts and give the same grid.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { PopulationCell } from '../../../shared/schemas/entities';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { readPopulationPack, writePopulationPack } from '../../../electron/services/store/population_pack';
import { gpkgPointAt, readGpkgPoint } from '../../../electron/services/store/gpkg_geometry';
import { tempDir } from '../../helpers/paths';

const cells: PopulationCell[] = Array.from({ length: 40 }, (_, i) => ({
  cellId: `c${i}`, lon: 114.3 + i * 0.001, lat: 30.6, population: i * 3, elderly: i + 0.5, age65: null, age80: null, cellWidthDeg: null, cellHeightDeg: null,
}));

/** A project with the 40 cells and no copy (emptied as another program's edit would). */
function projectWithoutCopy(): string {
  const path = join(tempDir(), 'p.gpkg');
  const store = ProjectStore.create(path);
  store.writeLayer('population', cells);
  store.close();
  const db = new Database(path);
  db.prepare('UPDATE population SET elderly = 7 WHERE fid = 3').run();
  db.close();
  return path;
}

describe('a copy in several runs', () => {
  it('reads back equal to the rows, and is not used when a run is missing or out of place', () => {
    const path = projectWithoutCopy();
    const store = ProjectStore.open(path);
    const grid = store.loadDemandGrid();
    store.close();
    const db = new Database(path);
    try {
      db.transaction(() => writePopulationPack(db, grid, 7))();
      expect(db.prepare('SELECT first_cell, cells FROM population_pack ORDER BY fid').all()).toEqual([0, 7, 14, 21, 28, 35].map((first) => ({ first_cell: first, cells: Math.min(7, 40 - first) })));
      expect(readPopulationPack(db).grid).toEqual(grid);
      db.prepare('UPDATE population_pack SET first_cell = 15 WHERE first_cell = 14').run();
      expect(readPopulationPack(db).grid).toBeNull();
      db.prepare('UPDATE population_pack SET first_cell = 14 WHERE first_cell = 15').run();
      expect(readPopulationPack(db).grid).toEqual(grid);
      db.prepare('DELETE FROM population_pack WHERE first_cell = 35').run();
      expect(readPopulationPack(db).why).toMatch(/count/);
    } finally {
      db.close();
    }
  });
});

/** A GeoPackage point blob written by hand: envelope of `envelope` doubles, WKB in the given byte order, `z` for a PointZ. */
function pointBlob(x: number, y: number, options: { little?: boolean; envelope?: 0 | 4 | 6; z?: number } = {}): Buffer {
  const little = options.little ?? true;
  const envelope = options.envelope ?? 0;
  const dims = options.z === undefined ? 2 : 3;
  const blob = Buffer.alloc(8 + envelope * 8 + 5 + dims * 8);
  blob.write('GP', 0, 'ascii');
  blob[3] = ((envelope === 0 ? 0 : envelope === 4 ? 1 : 2) << 1) | 1;
  blob.writeInt32LE(4326, 4);
  for (let i = 0; i < envelope; i++) blob.writeDoubleLE([x, x, y, y, 0, 0][i], 8 + i * 8);
  const at = 8 + envelope * 8;
  blob[at] = little ? 1 : 0;
  const type = dims === 3 ? 1001 : 1;
  if (little) blob.writeUInt32LE(type, at + 1);
  else blob.writeUInt32BE(type, at + 1);
  [x, y, options.z ?? 0].slice(0, dims).forEach((v, i) => (little ? blob.writeDoubleLE(v, at + 5 + i * 8) : blob.writeDoubleBE(v, at + 5 + i * 8)));
  return blob;
}

describe('reading the population rows in bulk (one concatenated blob of points)', () => {
  it('accepts exactly the point blobs readGpkgPoint accepts, with the same coordinates', () => {
    const line = Buffer.from(pointBlob(1, 2));
    line.writeUInt32LE(2, 9);
    const blobs = [
      pointBlob(114.3, 30.6),
      pointBlob(-0, 1e-300, { little: false }),
      pointBlob(114.31, 30.61, { envelope: 4 }),
      pointBlob(114.32, 30.62, { envelope: 6, little: false, z: 12 }),
      line,
      Buffer.from('GX'.padEnd(29, '\0')),
      pointBlob(1, 2).subarray(0, 28),
      Buffer.from([0x47, 0x50, 0, 0x0f, 0, 0, 0, 0]),
    ];
    const all = Buffer.concat(blobs);
    let offset = 0;
    for (const blob of blobs) {
      let expected: [number, number] | null;
      try {
        expected = readGpkgPoint(blob);
      } catch {
        expected = null;
      }
      expect(gpkgPointAt(all, offset, blob.length)).toEqual(expected);
      offset += blob.length;
    }
    expect(gpkgPointAt(all, 0, 29)).toEqual([114.3, 30.6]);
    expect(Object.is(gpkgPointAt(all, 29, 29)![0], -0)).toBe(true);
  });

  it('gives the grid the rows give one by one when another program wrote points of other encodings', () => {
    const path = projectWithoutCopy();
    const db = new Database(path);
    db.prepare('UPDATE population SET geom = ? WHERE fid = 2').run(pointBlob(114.5, 30.7, { little: false }));
    db.prepare('UPDATE population SET geom = ? WHERE fid = 9').run(pointBlob(114.6, 30.8, { envelope: 4, z: 3 }));
    const rows = db.prepare('SELECT geom FROM population ORDER BY fid').pluck().all() as Buffer[];
    db.close();
    const store = ProjectStore.open(path);
    try {
      const grid = store.loadDemandGrid();
      expect([...grid.lon]).toEqual(rows.map((blob) => readGpkgPoint(blob)[0]));
      expect([...grid.lat]).toEqual(rows.map((blob) => readGpkgPoint(blob)[1]));
      expect([grid.lon[1], grid.lat[1], grid.lon[8], grid.lat[8]]).toEqual([114.5, 30.7, 114.6, 30.8]);
      expect([...grid.elderly]).toEqual(cells.map((c, i) => (i === 2 ? 7 : c.elderly)));
    } finally {
      store.close();
    }
  });
});
