/**
 * What an import writes, row by row, against an expectation computed here without the importer: the
 * Wuhan sample grid CSV (24,470 rows) and the ten WorldPop 60+ bands summed (494,676 cells), each
 * imported by the real `siting import` process. Every row of the population table is compared: fid,
 * cell_id, the counts, the cell size and the geometry blob byte for byte (a GeoPackage point built
 * here: "GP", version 0, flags 1 = little-endian without envelope, srs 4326, WKB point). Both imports
 * end with a tail of fewer rows than one INSERT batch, so batched and single-row inserts are covered.
 *
 * Then the batched insert's error paths: a record that clashes with the project, or is refused, in
 * the middle of a batch is named as a row-by-row write names it, and nothing is written.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/services/store/project_store';
import type { Estate, Facility } from '../../shared/schemas/entities';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { testData } from '../helpers/test_data';

const dir = tempDir('siting-written-rows-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Expected {
  cellId: string;
  lon: number;
  lat: number;
  population: number | null;
  elderly: number | null;
  age65: number | null;
  age80: number | null;
}

interface StoredRow {
  fid: number;
  geom: Buffer;
  cell_id: string;
  population: number | null;
  elderly: number | null;
  age65: number | null;
  age80: number | null;
  cell_width_deg: number | null;
  cell_height_deg: number | null;
}

/** A GeoPackage point blob (OGC 12-128r18 §2.1.3), written out byte by byte. */
function pointBlob(lon: number, lat: number): Buffer {
  const blob = Buffer.alloc(29);
  blob.write('GP', 0, 'latin1');
  blob[2] = 0; // version 1
  blob[3] = 1; // little-endian, no envelope
  blob.writeInt32LE(4326, 4);
  blob[8] = 1; // WKB little-endian
  blob.writeUInt32LE(1, 9); // Point
  blob.writeDoubleLE(lon, 13);
  blob.writeDoubleLE(lat, 21);
  return blob;
}

function storedRows(project: string): StoredRow[] {
  const db = new Database(project, { readonly: true });
  try {
    return db
      .prepare('SELECT fid, geom, cell_id, population, elderly, age65, age80, cell_width_deg, cell_height_deg FROM population ORDER BY fid')
      .all() as StoredRow[];
  } finally {
    db.close();
  }
}

/** Rows that differ from the expectation (at most `limit` described), and the cell size they share. */
function compare(rows: StoredRow[], expected: Expected[], limit = 5): { problems: string[]; widths: Set<number | null>; heights: Set<number | null> } {
  const problems: string[] = [];
  const widths = new Set<number | null>();
  const heights = new Set<number | null>();
  if (rows.length !== expected.length) problems.push(`${rows.length} rows written, ${expected.length} expected`);
  for (let i = 0; i < Math.min(rows.length, expected.length) && problems.length < limit; i++) {
    const row = rows[i];
    const want = expected[i];
    widths.add(row.cell_width_deg);
    heights.add(row.cell_height_deg);
    const fields: [string, unknown, unknown][] = [
      ['fid', row.fid, i + 1],
      ['cell_id', row.cell_id, want.cellId],
      ['population', row.population, want.population],
      ['elderly', row.elderly, want.elderly],
      ['age65', row.age65, want.age65],
      ['age80', row.age80, want.age80],
    ];
    for (const [name, got, wanted] of fields) if (!Object.is(got, wanted)) problems.push(`row ${i + 1} ${name}: ${String(got)} vs ${String(wanted)}`);
    if (!row.geom.equals(pointBlob(want.lon, want.lat))) problems.push(`row ${i + 1} geom: ${row.geom.toString('hex')} vs ${pointBlob(want.lon, want.lat).toString('hex')}`);
  }
  return { problems, widths, heights };
}

function newProject(name: string): string {
  const project = join(dir, name);
  const created = runCli(['new', project]);
  expect(created.status, created.stderr).toBe(0);
  return project;
}

describe('rows written by `siting import`, compared with an independent reading of the input', () => {
  it('the Wuhan sample grid CSV: every row in file order, numbers as written, points byte for byte', () => {
    const csv = join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv');
    // split by hand: header, then one line per cell (CRLF), no quotes in this file
    const [header, ...lines] = readFileSync(csv, 'utf8').trimEnd().split(/\r?\n/);
    const column = (name: string) => header.split(',').indexOf(name);
    const [id, lon, lat, p20, p60, p65, p80] = ['cell_id', 'lon', 'lat', 'pop20plus', 'pop60plus', 'pop65plus', 'pop80plus'].map(column);
    const expected = lines.map((line): Expected => {
      const v = line.split(',');
      return { cellId: v[id], lon: Number(v[lon]), lat: Number(v[lat]), population: Number(v[p20]), elderly: Number(v[p60]), age65: Number(v[p65]), age80: Number(v[p80]) };
    });
    expect(expected).toHaveLength(24_470);

    const project = newProject('grid.gpkg');
    const run = runCli(['import', project, 'population', csv, '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.imported).toBe(24_470);
    const { problems, widths, heights } = compare(storedRows(project), expected);
    expect(problems).toEqual([]);
    // one cell size for the whole grid: 3 arc seconds, inferred from the 6-decimal centres
    expect(widths.size).toBe(1);
    expect(heights.size).toBe(1);
    expect([...widths][0]).toBeCloseTo(1 / 1200, 8);
    expect([...heights][0]).toBeCloseTo(1 / 1200, 8);
  });

  it('the ten WorldPop 60+ bands: the sum of the bands read with geotiff.js, cell by cell, in row-major order', async () => {
    const folder = testData('wuhan/worldpop_agesex_60plus');
    const paths = readdirSync(folder)
      .filter((n) => n.endsWith('.tif'))
      .sort()
      .map((n) => join(folder, n));
    expect(paths).toHaveLength(10);
    let width = 0;
    let height = 0;
    let origin: number[] = [];
    let resolution: number[] = [];
    let sum = new Float64Array(0);
    let valid = new Uint8Array(0);
    for (const [b, file] of paths.entries()) {
      const bytes = readFileSync(file);
      const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const image = await tiff.getImage(0);
      if (b === 0) {
        width = image.getWidth();
        height = image.getHeight();
        origin = image.getOrigin();
        resolution = image.getResolution();
        sum = new Float64Array(width * height);
        valid = new Uint8Array(width * height);
      }
      const noData = image.getGDALNoData();
      const [band] = (await image.readRasters({ interleave: false })) as unknown as Float32Array[];
      for (let i = 0; i < band.length; i++) {
        const v = band[i];
        // nodata: GDAL_NODATA (as float32), NaN, or the float minimum fill
        if (Number.isNaN(v) || (noData !== null && v === Math.fround(noData)) || v <= -1e30) continue;
        sum[i] += v; // in file order, as the bands are given to the import
        valid[i] = 1;
      }
    }
    // cell centres: the corner origin plus half a cell, then whole cells (the GeoTIFF's affine transform)
    const [originX, originY] = origin;
    const [stepX, stepY] = resolution;
    const expected: Expected[] = [];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        if (!valid[i]) continue;
        expected.push({ cellId: `r${y}c${x}`, lon: stepX * 0.5 + originX + stepX * x, lat: stepY * 0.5 + originY + stepY * y, population: null, elderly: sum[i], age65: null, age80: null });
      }
    }
    expect(expected).toHaveLength(494_676);

    const project = newProject('worldpop.gpkg');
    const run = runCli(['import', project, 'population', ...paths, '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.imported).toBe(494_676);
    const { problems, widths, heights } = compare(storedRows(project), expected);
    expect(problems).toEqual([]);
    expect([...widths]).toEqual([Math.abs(stepX)]);
    expect([...heights]).toEqual([Math.abs(stepY)]);
  });
});

describe('batched inserts name the first bad record as a row-by-row write does', () => {
  const facility = (i: number): Facility => ({
    id: `F-${i}`,
    name: `facility ${i}`,
    kind: 'day_care',
    status: 'existing',
    lon: 114.3 + i * 1e-4,
    lat: 30.6,
    capacity: null,
    beds: null,
    nursingBeds: null,
    floorAreaM2: null,
    floorLevel: null,
    address: null,
    source: null,
    illustrative: true,
  });
  const estate = (i: number): Estate => ({
    id: `E-${i}`,
    name: `estate ${i}`,
    areaType: 'new',
    households: 100,
    careFloorAreaM2: null,
    geometry: { type: 'Point', coordinates: [114.3 + i * 1e-4, 30.6] },
    source: null,
    careRooms: [{ floorAreaM2: 120, floorLevels: [1], basement: false, lon: null, lat: null }],
  });

  it('a clash in the middle of a batch: that record, and nothing written', () => {
    const store = ProjectStore.create(join(dir, 'clash.gpkg'));
    try {
      store.writeLayer('facilities', [facility(137)]);
      const records = Array.from({ length: 250 }, (_, i) => facility(i + 1));
      // records 137 (position 137) clashes with the project
      expect(() => store.writeLayer('facilities', records, { details: { file: 'more.csv' } })).toThrow(
        'more.csv, row 137, field id: id "F-137" already exists in layer facilities; use --replace to replace the layer, or give the record another id',
      );
      expect(store.counts().facilities).toBe(1);
    } finally {
      store.close();
    }
  });

  it('a refused care room after a clash in the same batch: the clash, which comes first', () => {
    const store = ProjectStore.create(join(dir, 'estates.gpkg'));
    try {
      store.writeLayer('estates', [estate(120)]);
      const records = Array.from({ length: 150 }, (_, i) => estate(i + 1));
      const bad = { ...records[129], careRooms: [{ floorAreaM2: -5, floorLevels: [1], basement: false, lon: null, lat: null }] };
      records[129] = bad;
      expect(() => store.writeLayer('estates', records, { details: { file: 'e.csv' } })).toThrow('e.csv, row 120, field id: id "E-120" already exists in layer estates');
      // without the clash, the refused room is named (position 130)
      expect(() => store.writeLayer('estates', records.filter((r) => r.id !== 'E-120'), { details: { file: 'e.csv' } })).toThrow(/^e\.csv, row 129, field care_rooms: care room careRooms\.0\.floorAreaM2/);
      expect(store.counts().estates).toBe(1);
    } finally {
      store.close();
    }
  });
});
