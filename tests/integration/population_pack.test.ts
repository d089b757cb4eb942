/**
 * Issue 14: the population grid's packed copy (electron/services/store/population_pack.ts). On the
 * shipped Wuhan sample: the copy an import writes equals the layer's rows decoded here independently;
 * `siting analyze` gives the same figures with the copy and without it, and never writes the file;
 * an edit of one cell by another program (plain better-sqlite3, as QGIS or the sqlite3 shell would)
 * empties the copy through the file's triggers and is seen by the next analysis; a forged or damaged
 * copy, or one whose triggers were dropped, is never used; append and replace keep the copy equal to
 * the rows and the file openable; projects written by earlier versions analyse from their rows; a copy
 * crafted to differ from the rows (totals, or cells compared on every read) is not used.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DemandGrid } from '../../shared/engine/demand_grid';
import type { PopulationCell } from '../../shared/schemas/entities';
import { ProjectStore } from '../../electron/services/store/project_store';
import { readPopulationPack } from '../../electron/services/store/population_pack';
import { POPULATION_PACK_TRIGGERS } from '../../electron/services/store/migrations/0006_population_pack';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { testData } from '../helpers/test_data';

/** The grid as the population rows hold it, decoded here: point blobs without an envelope, NULL counts as 0. */
function rowsOf(path: string): DemandGrid {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT fid, geom, population, elderly FROM population ORDER BY fid').raw().all() as [number, Buffer, number | null, number | null][];
    const n = rows.length;
    const grid = { count: n, lon: new Float64Array(n), lat: new Float64Array(n), population: new Float64Array(n), elderly: new Float64Array(n), fid: new Int32Array(n), hasPopulation: false, hasElderly: false };
    rows.forEach(([fid, geom, population, elderly], i) => {
      expect((geom[3] >> 1) & 7).toBe(0);
      grid.lon[i] = geom.readDoubleLE(13);
      grid.lat[i] = geom.readDoubleLE(21);
      grid.fid[i] = fid;
      if (population !== null) [grid.population[i], grid.hasPopulation] = [population, true];
      if (elderly !== null) [grid.elderly[i], grid.hasElderly] = [elderly, true];
    });
    return grid;
  } finally {
    db.close();
  }
}

/** The copy's rows as stored (bytes), in order. */
function packRows(path: string): Record<string, unknown>[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT format, first_cell, cells, has_population, has_elderly, cell_fid, lon, lat, population, elderly FROM population_pack ORDER BY fid').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** What the store would make of the copy, read on a connection of its own. */
function packRead(path: string): ReturnType<typeof readPopulationPack> {
  const db = new Database(path, { readonly: true });
  try {
    return readPopulationPack(db);
  } finally {
    db.close();
  }
}

function edit(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

const figures = (json: { population: unknown; elderly: unknown; cells: unknown; thresholds: unknown }) => ({
  population: json.population,
  elderly: json.elderly,
  cells: json.cells,
  thresholds: json.thresholds,
});

function sampleProject(): string {
  const path = join(tempDir(), 'wuhan.gpkg');
  expect(runCli(['new', path, '--sample', 'wuhan-core', '--json']).status).toBe(0);
  expect(runCli(['import', path, 'facilities', join(SAMPLE_DIR, 'illustrative_facilities.csv'), '--json']).json).toMatchObject({ imported: 5 });
  return path;
}

const analyze = (path: string) => {
  const run = runCli(['analyze', path, '--radius-m', '800', '--json']);
  expect(run.status).toBe(0);
  return run.json;
};

/** A copy of a float64 blob with the value at index `at` replaced (a forged copy). */
function f64(blob: unknown, at: number, value: number): Buffer {
  const copy = Buffer.from(blob as Buffer);
  copy.writeDoubleLE(value, at * 8);
  return copy;
}

describe('the packed copy of the population grid', () => {
  it('equals the rows on the Wuhan sample, and analyze gives the same figures with it and without it', () => {
    const path = sampleProject();
    const rows = rowsOf(path);
    expect(rows.count).toBe(24_470);
    const pack = packRows(path);
    expect(pack).toHaveLength(1);
    expect(pack[0]).toMatchObject({ format: 1, first_cell: 0, cells: 24_470, has_population: 1, has_elderly: 1 });
    const store = ProjectStore.open(path);
    try {
      const read = packRead(path);
      expect(read.why).toBeUndefined();
      expect(read.grid).toEqual(rows);
      expect(store.loadDemandGrid()).toEqual(rows);
    } finally {
      store.close();
    }

    const withPack = analyze(path);
    expect(withPack.cells.total).toBe(24_470);
    expect(withPack.elderly.total).toBeCloseTo(518_264.5, 0);
    expect(withPack.cells.covered).toBeGreaterThan(0);
    edit(path, 'DELETE FROM population_pack');
    expect(packRows(path)).toHaveLength(0);
    const bytes = readFileSync(path);
    const withoutPack = analyze(path);
    expect(figures(withoutPack)).toEqual(figures(withPack));
    // An analysis is a read: it leaves the file as it was, byte for byte (no copy written back).
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(packRows(path)).toHaveLength(0);
  });

  it('sees an UPDATE of one cell made by another program (plain better-sqlite3, as QGIS would) in the next analysis', () => {
    const path = sampleProject();
    const before = analyze(path);
    const cell = rowsOf(path);
    // A covered cell: the one nearest the first facility (demo-1) is within 800 m of it.
    const db = new Database(path, { readonly: true });
    const site = (db.prepare("SELECT geom FROM facilities WHERE id = 'demo-1'").get() as { geom: Buffer }).geom;
    db.close();
    const [fx, fy] = [site.readDoubleLE(13), site.readDoubleLE(21)];
    let nearest = 0;
    for (let i = 1; i < cell.count; i++) {
      if ((cell.lon[i] - fx) ** 2 + (cell.lat[i] - fy) ** 2 < (cell.lon[nearest] - fx) ** 2 + (cell.lat[nearest] - fy) ** 2) nearest = i;
    }
    edit(path, 'UPDATE population SET elderly = elderly + 1000 WHERE fid = ?', cell.fid![nearest]);
    // The file's trigger emptied the copy in that other program's transaction.
    expect(packRows(path)).toHaveLength(0);
    const after = analyze(path);
    expect(after.elderly.total - before.elderly.total).toBeCloseTo(1000, 6);
    expect(after.elderly.covered - before.elderly.covered).toBeCloseTo(1000, 6);
    expect(after.cells).toEqual(before.cells);
    expect(rowsOf(path).elderly[nearest]).toBe(cell.elderly[nearest] + 1000);
    // The rows are read until the next import writes a copy again.
    expect(packRows(path)).toHaveLength(0);
    expect(figures(analyze(path))).toEqual(figures(after));
  });

  it('never uses a forged, damaged or unguarded copy: the rows are read instead', () => {
    const base = join(tempDir(), 'forged.gpkg');
    const cells: PopulationCell[] = Array.from({ length: 500 }, (_, i) => ({
      cellId: `c${i}`, lon: 114.2 + (i % 25) * 0.001, lat: 30.5 + Math.floor(i / 25) * 0.001, population: (i % 7) * 10, elderly: i % 5 === 0 ? null : (i % 11) + 0.5,
      age65: null, age80: null, cellWidthDeg: 0.001, cellHeightDeg: 0.001,
    }));
    const created = ProjectStore.create(base);
    created.writeLayer('population', cells);
    created.close();
    const rows = rowsOf(base);
    expect(rows.hasElderly).toBe(true);
    const good = packRows(base)[0];
    const forgeries: [string, string, unknown[]][] = [
      ['a short blob', 'UPDATE population_pack SET lon = ?', [(good.lon as Buffer).subarray(8)]],
      ['a NaN longitude', 'UPDATE population_pack SET lon = ?', [f64(good.lon, 17, Number.NaN)]],
      ['an infinite latitude', 'UPDATE population_pack SET lat = ?', [f64(good.lat, 3, Infinity)]],
      ['a negative count', 'UPDATE population_pack SET elderly = ?', [f64(good.elderly, 42, -3)]],
      ['a NaN count', 'UPDATE population_pack SET population = ?', [f64(good.population, 0, Number.NaN)]],
      ['fids out of order', 'UPDATE population_pack SET cell_fid = ?', [Buffer.concat([(good.cell_fid as Buffer).subarray(4, 8), (good.cell_fid as Buffer).subarray(0, 4), (good.cell_fid as Buffer).subarray(8)])]],
      ['another format', 'UPDATE population_pack SET format = 2', []],
      ['a count of cells that is not the blobs', 'UPDATE population_pack SET cells = 499', []],
      ['text in place of a blob', "UPDATE population_pack SET elderly = 'x'", []],
      ['counts where the layer has none', 'UPDATE population_pack SET has_elderly = 0', []],
    ];
    for (const [what, sql, params] of forgeries) {
      const path = join(tempDir(), 'forged.gpkg');
      copyFileSync(base, path);
      edit(path, sql, ...params);
      const store = ProjectStore.open(path);
      try {
        const read = packRead(path);
        expect(read.grid, what).toBeNull();
        expect(read.why, what).toMatch(/./);
        expect(store.loadDemandGrid(), what).toEqual(rows);
      } finally {
        store.close();
      }
    }

    // A cell deleted while the trigger was away (put back as it was): the layer's count is not the copy's.
    const gap = join(tempDir(), 'gap.gpkg');
    copyFileSync(base, gap);
    edit(gap, 'DROP TRIGGER population_pack_delete');
    edit(gap, 'DELETE FROM population WHERE fid = 100');
    edit(gap, POPULATION_PACK_TRIGGERS.population_pack_delete);
    expect(packRows(gap)).toHaveLength(1);
    expect(packRead(gap).grid).toBeNull();
    const gapStore = ProjectStore.open(gap);
    try {
      expect(gapStore.loadDemandGrid()).toEqual(rowsOf(gap));
      expect(gapStore.loadDemandGrid().count).toBe(499);
    } finally {
      gapStore.close();
    }

    // Without its triggers the copy would miss another program's edit: it is not used.
    const path = join(tempDir(), 'unguarded.gpkg');
    copyFileSync(base, path);
    edit(path, 'DROP TRIGGER population_pack_update');
    edit(path, 'UPDATE population SET population = 12345 WHERE fid = 7');
    expect(packRows(path)).toHaveLength(1);
    const store = ProjectStore.open(path);
    try {
      expect(packRead(path).why).toMatch(/triggers/);
      const grid = store.loadDemandGrid();
      expect(grid.population[6]).toBe(12345);
      expect(grid).toEqual(rowsOf(path));
    } finally {
      store.close();
    }
  });

  it('never uses a copy that differs from the rows while the triggers look right (a crafted file)', () => {
    const base = join(tempDir(), 'crafted-base.gpkg');
    const cells: PopulationCell[] = Array.from({ length: 3000 }, (_, i) => ({
      cellId: `c${i}`, lon: 114.2 + (i % 50) * 0.001, lat: 30.5 + Math.floor(i / 50) * 0.001, population: (i % 7) * 10, elderly: (i % 11) + 0.5,
      age65: null, age80: null, cellWidthDeg: 0.001, cellHeightDeg: 0.001,
    }));
    const created = ProjectStore.create(base);
    created.writeLayer('population', cells);
    created.close();
    const rows = rowsOf(base);
    const good = packRows(base)[0];
    const forgeries: [string, string, unknown[]][] = [
      ['one count raised', 'UPDATE population_pack SET elderly = ?', [f64(good.elderly, 1234, rows.elderly[1234] + 50)]],
      ['every position moved', 'UPDATE population_pack SET lat = ?', [Buffer.from(Float64Array.from(rows.lat, (v) => v + 0.001).buffer)]],
    ];
    for (const [what, sql, params] of forgeries) {
      const path = join(tempDir(), 'crafted.gpkg');
      copyFileSync(base, path);
      edit(path, sql, ...params);
      const read = packRead(path);
      expect(read.grid, what).toBeNull();
      expect(read.why, what).toMatch(/totals|differs/);
      const store = ProjectStore.open(path);
      try {
        expect(store.loadDemandGrid(), what).toEqual(rows);
      } finally {
        store.close();
      }
    }
    // Two cells' older people swapped keeps both totals: only the comparison with the rows finds it,
    // always in a grid the sample covers whole (500 cells).
    const small = join(tempDir(), 'crafted-small.gpkg');
    const smallStore = ProjectStore.create(small);
    smallStore.writeLayer('population', cells.slice(0, 500));
    smallStore.close();
    const smallRows = rowsOf(small);
    const smallGood = packRows(small)[0];
    const moved = join(tempDir(), 'crafted-moved.gpkg');
    copyFileSync(small, moved);
    edit(small, 'UPDATE population_pack SET elderly = ?', f64(f64(smallGood.elderly, 0, smallRows.elderly[1]), 1, smallRows.elderly[0]));
    expect(smallRows.elderly[0]).not.toBe(smallRows.elderly[1]);
    expect(packRead(small).why).toMatch(/fid 1 of the layer differs/);
    // One cell moved by 1 km keeps the totals too.
    edit(moved, 'UPDATE population_pack SET lon = ?', f64(smallGood.lon, 77, smallRows.lon[77] + 0.01));
    expect(packRead(moved).why).toMatch(new RegExp(`fid ${smallRows.fid![77]} of the layer differs`));
  });

  it('stays equal to the rows through append and replace, whose file still opens', () => {
    const path = join(tempDir(), 'layers.gpkg');
    const cell = (id: string, i: number, elderly: number | null): PopulationCell => ({
      cellId: id, lon: 114.3 + i * 0.0005, lat: 30.6 - i * 0.0003, population: elderly === null ? null : elderly * 4, elderly, age65: null, age80: null, cellWidthDeg: null, cellHeightDeg: null,
    });
    const store = ProjectStore.create(path);
    try {
      store.writeLayer('population', Array.from({ length: 300 }, (_, i) => cell(`a${i}`, i, i % 3 === 0 ? null : i / 10)));
      store.writeLayer('population', Array.from({ length: 200 }, (_, i) => cell(`b${i}`, 300 + i, i)), { append: true });
      expect(packRows(path)).toHaveLength(1);
      expect(packRows(path)[0].cells).toBe(500);
      expect(store.loadDemandGrid()).toEqual(rowsOf(path));
      // A value SQLite would not give back unchanged (NaN is stored as NULL): no copy, the rows are right.
      store.writeLayer('population', [cell('n0', 0, 5), { ...cell('n1', 1, 2), elderly: Number.NaN }], { replace: true });
      expect(packRows(path)).toHaveLength(0);
      expect(store.loadDemandGrid()).toEqual(rowsOf(path));
      expect(rowsOf(path).elderly[1]).toBe(0);
      store.writeLayer('population', Array.from({ length: 50 }, (_, i) => cell(`r${i}`, i, i + 0.25)), { replace: true });
      expect(packRows(path)).toHaveLength(1);
      const rows = rowsOf(path);
      expect(rows.count).toBe(50);
      expect(store.loadDemandGrid()).toEqual(rows);
    } finally {
      store.close();
    }
    // Replacing dropped and re-created the triggers: the file passes the open-time inspection and stays consistent.
    const reopened = ProjectStore.open(path);
    try {
      expect(reopened.loadDemandGrid()).toEqual(rowsOf(path));
    } finally {
      reopened.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT data_type FROM gpkg_contents WHERE table_name = 'population_pack'").pluck().get()).toBe('attributes');
    db.close();
  });

  it.each(['schema3-415f2ea.gpkg', 'schema4-ccf8571.gpkg'])('analyses %s, written by an earlier version, from its rows', (file) => {
    const path = join(tempDir(), file);
    copyFileSync(testData(`old_projects/${file}`), path);
    const rows = rowsOf(path);
    const first = analyze(path);
    expect(first.cells.total).toBe(rows.count);
    expect(packRows(path)).toHaveLength(0);
    const store = ProjectStore.open(path);
    try {
      expect(store.loadDemandGrid()).toEqual(rows);
    } finally {
      store.close();
    }
    expect(figures(analyze(path))).toEqual(figures(first));
  });
});
