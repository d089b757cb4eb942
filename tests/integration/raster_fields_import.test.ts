/**
 * Several population counts from GeoTIFFs in ONE import (`siting import … --field count=files`): the
 * ten real WorldPop 60+ age/sex bands of Wuhan summed into 60+, 65+ and 80+, and the three Wuhan core
 * clips (20+, 60+, 65+) into the total, 60+ and 65+. Every stored row is compared with the bands read
 * here with geotiff.js and summed in the test; the packed copy the analyses read equals the rows; the
 * project's population note says what was imported, and "not imported" for the rest. Rasters on
 * different grids are refused with the coded error naming the file, and the project is left exactly
 * as it was (rows, note, audit log).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/services/store/project_store';
import { readPopulationPack } from '../../electron/services/store/population_pack';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { testData } from '../helpers/test_data';

const dir = tempDir('siting-raster-fields-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COUNTS = ['population', 'elderly', 'age65', 'age80'] as const;
type Count = (typeof COUNTS)[number];

interface Band {
  width: number;
  height: number;
  origin: number[];
  resolution: number[];
  /** NaN where the cell is nodata. */
  values: Float64Array;
}

/** One band read with geotiff.js; nodata (GDAL_NODATA as float32, NaN, the float minimum fill) → NaN. */
async function readBand(path: string): Promise<Band> {
  const bytes = readFileSync(path);
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const image = await tiff.getImage(0);
  const noData = image.getGDALNoData();
  const [raw] = (await image.readRasters({ interleave: false })) as unknown as ArrayLike<number>[];
  const values = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    values[i] = Number.isNaN(v) || (noData !== null && v === Math.fround(noData)) || v <= -1e30 ? NaN : v;
  }
  return { width: image.getWidth(), height: image.getHeight(), origin: image.getOrigin(), resolution: image.getResolution(), values };
}

interface Row {
  cell_id: string;
  population: number | null;
  elderly: number | null;
  age65: number | null;
  age80: number | null;
}

/**
 * The rows expected: per count the sum of its bands in the order given (null where all its bands are
 * nodata), one row per cell where some count has a value, in row-major order.
 */
async function expectedRows(fields: Partial<Record<Count, string[]>>): Promise<{ rows: Row[]; band: Band }> {
  const cache = new Map<string, Band>();
  const sums: Partial<Record<Count, Float64Array>> = {};
  let first: Band | null = null;
  for (const count of COUNTS) {
    for (const path of fields[count] ?? []) {
      if (!cache.has(path)) cache.set(path, await readBand(path));
      const band = cache.get(path)!;
      first ??= band;
      const sum = (sums[count] ??= new Float64Array(band.values.length).fill(NaN));
      for (let i = 0; i < sum.length; i++) {
        const v = band.values[i];
        if (Number.isNaN(v)) continue;
        sum[i] = Number.isNaN(sum[i]) ? v : sum[i] + v;
      }
    }
  }
  const band = first!;
  const rows: Row[] = [];
  for (let i = 0; i < band.values.length; i++) {
    const value = (count: Count) => {
      const v = sums[count]?.[i];
      return v === undefined || Number.isNaN(v) ? null : v;
    };
    const row: Row = { cell_id: `r${Math.floor(i / band.width)}c${i % band.width}`, population: value('population'), elderly: value('elderly'), age65: value('age65'), age80: value('age80') };
    if (COUNTS.some((count) => row[count] !== null)) rows.push(row);
  }
  return { rows, band };
}

function storedRows(project: string): Row[] {
  const db = new Database(project, { readonly: true });
  try {
    return db.prepare('SELECT cell_id, population, elderly, age65, age80 FROM population ORDER BY fid').all() as Row[];
  } finally {
    db.close();
  }
}

function differences(stored: Row[], expected: Row[]): string[] {
  const problems: string[] = [];
  if (stored.length !== expected.length) problems.push(`${stored.length} rows stored, ${expected.length} expected`);
  for (let i = 0; i < Math.min(stored.length, expected.length) && problems.length < 5; i++) {
    for (const key of ['cell_id', ...COUNTS] as const) {
      if (!Object.is(stored[i][key], expected[i][key])) problems.push(`row ${i + 1} ${key}: ${stored[i][key]} vs ${expected[i][key]}`);
    }
  }
  return problems;
}

/** The analyses' packed copy of the grid equals the rows (population and 60+, 0 where null). */
function expectPackMatchesRows(project: string, rows: Row[]): void {
  const db = new Database(project, { readonly: true });
  try {
    const packed = readPopulationPack(db);
    expect(packed.why).toBeUndefined();
    const grid = packed.grid!;
    expect(grid.count).toBe(rows.length);
    expect(grid.hasPopulation).toBe(rows.some((r) => r.population !== null));
    expect(grid.hasElderly).toBe(rows.some((r) => r.elderly !== null));
    for (let i = 0; i < rows.length; i++) {
      if (grid.population[i] !== (rows[i].population ?? 0) || grid.elderly[i] !== (rows[i].elderly ?? 0)) throw new Error(`packed cell ${i} differs from its row`);
    }
  } finally {
    db.close();
  }
}

function newProject(name: string): string {
  const project = join(dir, name);
  const created = runCli(['new', project]);
  expect(created.status, created.stderr).toBe(0);
  return project;
}

const sum = (rows: Row[], count: Count) => rows.reduce((s, r) => s + (r[count] ?? 0), 0);

const bandsFolder = () => testData('wuhan/worldpop_agesex_60plus');
const worldPop = () =>
  readdirSync(bandsFolder())
    .filter((n) => n.endsWith('.tif'))
    .sort()
    .map((n) => join(bandsFolder(), n));
const ageOf = (path: string) => Number(/pop_(\d+)_/.exec(path)![1]);

describe('one GeoTIFF import fills several population counts (real WorldPop rasters)', () => {
  it('the ten WorldPop 60+ bands → 60+, their 65+ and 80+ subsets → 65+ and 80+: rows equal the bands summed here', async () => {
    const all = worldPop();
    const fields = { elderly: all, age65: all.filter((p) => ageOf(p) >= 65), age80: all.filter((p) => ageOf(p) === 80) };
    expect(fields.age65).toHaveLength(8);
    expect(fields.age80).toHaveLength(2);
    const { rows: expected } = await expectedRows(fields);
    expect(expected).toHaveLength(494_676);

    // the sample first: its note says population ← pop20plus; the replace must rewrite it
    const project = newProject('worldpop.gpkg');
    expect(runCli(['import', project, 'population', join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv')]).status).toBe(0);
    const run = runCli([
      'import', project, 'population', '--replace', '--json',
      '--field', `elderly=${fields.elderly.join(',')}`,
      '--field', `age65=${fields.age65.join(',')}`,
      '--field', `age80=${fields.age80.join(',')}`,
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.imported).toBe(494_676);
    const names = (paths: string[]) => paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
    expect(run.json.detected.mapping).toEqual({
      elderly: names(fields.elderly).join(' + '),
      age65: names(fields.age65).join(' + '),
      age80: names(fields.age80).join(' + '),
    });
    const stored = storedRows(project);
    expect(differences(stored, expected)).toEqual([]);
    // SOURCES.md: the 60+ total of the ten bands is 1 942 653, the 80+ total 187 844
    expect(Math.abs(sum(stored, 'elderly') - 1_942_653)).toBeLessThanOrEqual(1);
    expect(Math.abs(sum(stored, 'age80') - 187_844)).toBeLessThanOrEqual(1);
    expect(stored.every((r) => r.population === null)).toBe(true);
    expectPackMatchesRows(project, stored);

    // the note: these files, these totals; the total population "not imported", nothing of the CSV left
    const info = runCli(['info', project, '--json']);
    expect(info.status, info.stderr).toBe(0);
    const note = info.json.populationNote;
    expect(note.imports).toHaveLength(1);
    expect(note.imports[0]).toMatchObject({ format: 'geotiff', crs: 'EPSG:4326', cells: 494_676, files: names(all) });
    expect(note.imports[0].fields.map((f: { field: string }) => f.field)).toEqual(['elderly', 'age65', 'age80']);
    const elderly = note.imports[0].fields[0];
    expect(elderly.sources).toEqual(names(fields.elderly));
    expect(elderly.cells).toBe(stored.filter((r) => r.elderly !== null).length);
    expect(elderly.total).toBeCloseTo(sum(stored, 'elderly'), 3);
    expect(note.imports[0].fields[2].sources).toEqual(names(fields.age80));
    const text = runCli(['info', project]).stdout;
    expect(text).toMatch(/\n {2}population +not imported\n/);
    expect(text).toContain('pop_80_f_wuhan.tif + pop_80_m_wuhan.tif');
    expect(text).not.toContain('pop20plus');
    expect(text).not.toContain('adults 20+');
  }, 120_000);

  it('three core clips on one grid → total, 60+ and 65+: each count null exactly where its raster is nodata', async () => {
    const fields = {
      population: [join(SAMPLE_DIR, 'wuhan_core_pop20plus_100m.tif')],
      elderly: [join(SAMPLE_DIR, 'wuhan_core_pop60plus_100m.tif')],
      age65: [join(SAMPLE_DIR, 'wuhan_core_pop65plus_100m.tif')],
    };
    const { rows: expected } = await expectedRows(fields);
    const project = newProject('core.gpkg');
    const run = runCli([
      'import', project, 'population', '--json',
      '--field', `total=${fields.population[0]}`,
      '--field', `60+=${fields.elderly[0]}`,
      '--field', `age65=${fields.age65[0]}`,
    ]);
    expect(run.status, run.stderr).toBe(0);
    const stored = storedRows(project);
    expect(differences(stored, expected)).toEqual([]);
    expect(stored.length).toBeGreaterThanOrEqual(24_470);
    expect(stored.every((r) => r.age80 === null)).toBe(true);
    expectPackMatchesRows(project, stored);
    // the store's own reading (what the app shows) carries the same note
    const store = ProjectStore.open(project);
    try {
      const note = store.info().populationNote!;
      expect(note.imports[0].fields.map((f) => [f.field, f.sources])).toEqual([
        ['population', ['wuhan_core_pop20plus_100m.tif']],
        ['elderly', ['wuhan_core_pop60plus_100m.tif']],
        ['age65', ['wuhan_core_pop65plus_100m.tif']],
      ]);
      expect(note.imports[0].fields[0].total).toBeCloseTo(sum(stored, 'population'), 3);
    } finally {
      store.close();
    }
  }, 120_000);

  it('refuses rasters on different grids naming the file, and leaves the project exactly as it was', () => {
    const project = newProject('refused.gpkg');
    const core60 = join(SAMPLE_DIR, 'wuhan_core_pop60plus_100m.tif');
    expect(runCli(['import', project, 'population', '--field', `elderly=${core60}`]).status).toBe(0);
    const snapshot = () => {
      const db = new Database(project, { readonly: true });
      try {
        return {
          rows: db.prepare('SELECT * FROM population ORDER BY fid').all(),
          settings: db.prepare('SELECT key, value FROM settings ORDER BY key').all(),
          audit: db.prepare('SELECT count(*) AS n FROM audit_log').get(),
          pack: db.prepare('SELECT count(*) AS n FROM population_pack').get(),
        };
      } finally {
        db.close();
      }
    };
    const before = snapshot();
    // the full-city 60+ bands (1662 x 1668 cells) with the core 20+ clip (192 x 168) as the total
    const bands = worldPop();
    const run = runCli([
      'import', project, 'population', '--replace', '--json',
      '--field', `elderly=${bands.join(',')}`,
      '--field', `population=${join(SAMPLE_DIR, 'wuhan_core_pop20plus_100m.tif')}`,
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("wuhan_core_pop20plus_100m.tif: its grid differs from pop_60_f_wuhan.tif's, so the cells cannot be summed: 192 x 168 cells");
    expect(snapshot()).toEqual(before);
  }, 120_000);

  it('refuses a file that feeds no count, and a band the file does not have, before reading cells', () => {
    const project = newProject('bad-fields.gpkg');
    const core60 = join(SAMPLE_DIR, 'wuhan_core_pop60plus_100m.tif');
    const band = runCli(['import', project, 'population', '--field', `elderly=${core60}[band2]`]);
    expect(band.status).toBe(2);
    expect(band.stderr).toContain('wuhan_core_pop60plus_100m.tif, field elderly: the count elderly takes band 2, but the raster has 1 band (band1)');
    const unused = runCli(['import', project, 'population', join(SAMPLE_DIR, 'wuhan_core_pop65plus_100m.tif'), '--field', `elderly=${core60}`]);
    expect(unused.status).toBe(2);
    expect(unused.stderr).toContain('wuhan_core_pop65plus_100m.tif: the file feeds no count');
    const wrongLayer = runCli(['import', project, 'facilities', '--field', `elderly=${core60}`]);
    expect(wrongLayer.status).toBe(2);
    expect(wrongLayer.stderr).toContain('it applies to the population layer only');
    expect(storedRows(project)).toEqual([]);
  });
});
