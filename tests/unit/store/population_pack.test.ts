/**
 * Writing the population grid's packed copy back after the rows were read (refreshPopulationPack): only
 * when no other program committed since the read, and never waiting for another writer.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { PopulationCell } from '../../../shared/schemas/entities';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { readPopulationPack, refreshPopulationPack, writePopulationPack } from '../../../electron/services/store/population_pack';
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

const version = (db: Database.Database) => db.pragma('data_version', { simple: true }) as number;

describe('refreshPopulationPack', () => {
  it('writes the copy of the grid just read, which then reads back equal', () => {
    const path = projectWithoutCopy();
    const store = ProjectStore.open(path);
    const grid = store.loadDemandGrid();
    store.close();
    expect(grid.elderly[2]).toBe(7);
    const db = new Database(path);
    try {
      expect(readPopulationPack(db).why).toBe('no packed copy');
      expect(refreshPopulationPack(db, grid, version(db))).toBe(true);
      expect(readPopulationPack(db).grid).toEqual(grid);
    } finally {
      db.close();
    }
  });

  it('writes nothing when another program committed after the read (its edit could be missing from the grid)', () => {
    const path = projectWithoutCopy();
    const db = new Database(path);
    const other = new Database(path);
    try {
      const before = version(db);
      const store = ProjectStore.open(path);
      const grid = store.loadDemandGrid();
      store.close();
      other.prepare('UPDATE population SET population = 1000 WHERE fid = 5').run();
      expect(refreshPopulationPack(db, grid, before)).toBe(false);
      expect(readPopulationPack(db).grid).toBeNull();
    } finally {
      other.close();
      db.close();
    }
  });

  it('does not wait while another program holds the write lock, and keeps the connection busy timeout', () => {
    const path = projectWithoutCopy();
    const db = new Database(path);
    const other = new Database(path);
    try {
      // Were it to wait in SQLite's busy handler, the test would run into its own time limit first.
      db.pragma('busy_timeout = 600000');
      const store = ProjectStore.open(path);
      const grid = store.loadDemandGrid();
      store.close();
      const before = version(db);
      other.exec('BEGIN IMMEDIATE');
      expect(refreshPopulationPack(db, grid, before)).toBe(false);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(600000);
      other.exec('ROLLBACK');
      expect(readPopulationPack(db).grid).toBeNull();
      expect(refreshPopulationPack(db, grid, before)).toBe(true);
    } finally {
      other.close();
      db.close();
    }
  });
});

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
