/**
 * Import/export speed on the real sample data, every format: the full Wuhan 60+ raster (1662 x 1668
 * cells, DEFLATE; target well under 3 s), the original LZW band, the ten WorldPop bands summed, the
 * full raster's values on a projected (UTM) grid (per-cell reprojection), the core CSV grid (24 470
 * rows) plain and in GCJ-02, the same grid as XLSX, KML and GeoPackage, the Gothenburg ways (20 227)
 * as GeoJSON, OSM XML and OSM PBF, the Wuhan boundary shapefile; then the exporters. Inputs that are
 * not on disk are built here first with the app's exporters or exceljs (not timed). Medians of 5 runs
 * after one warm-up; nothing is asserted.
 *
 * Then whole imports into a new project — read, parse, write — of a 1,000,000-row CSV grid and of
 * the ten WorldPop bands, as the use case the app and the CLI both run (import_into_project.ts: one
 * transaction written in cancellable steps) and as the whole `siting import` process, beside a plain
 * reference process, with the verdicts against issue 14's targets (4 s and 2 s).
 *
 *   npm run bench -- import
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { fromArrayBuffer, writeArrayBuffer } from 'geotiff';
import { wgs84ToGcj02 } from '../../shared/geodesy/gcj02';
import type { ImportOptions } from '../../shared/ipc/contract';
import type { ImportableLayer, PopulationCell } from '../../shared/schemas/entities';
import type { ExportFeature } from '../../electron/services/export/export_feature';
import { layerToCsv } from '../../electron/services/export/layer_to_csv';
import { layerToGeoJson } from '../../electron/services/export/layer_to_geojson';
import { layerToGpkg } from '../../electron/services/export/layer_to_gpkg';
import { layerToKml } from '../../electron/services/export/layer_to_kml';
import { reprojectFeatures } from '../../electron/services/export/reproject_features';
import { parseCrs } from '../../shared/geodesy/crs';
import { importIntoProject, type ImportPhase } from '../../electron/services/import/import_into_project';
import { parseLayerFiles, type ImportFile } from '../../electron/services/import/parse_layer_file';
import { ProjectStore } from '../../electron/services/store/project_store';
import { osmFromGeoJson, osmPbf, osmXml } from '../unit/import/osm_test_files';
import { heapUsedMb, median, printTable, timeRuns } from './bench_util';
import { writePopulationCsv } from './population_csv';
import { REPO_ROOT } from '../helpers/paths';
import { testData } from '../helpers/test_data';

const RUNS = 5;

interface Case {
  name: string;
  layer: ImportableLayer;
  files: ImportFile[];
  options?: ImportOptions;
}

const onDisk = (relative: string): ImportFile => ({ name: path.basename(relative), bytes: readFileSync(testData(relative)) });
const utf8 = (name: string, text: string): ImportFile => ({ name, bytes: new TextEncoder().encode(text) });

function gridFeatures(cells: PopulationCell[]): ExportFeature[] {
  return cells.map((cell, i) => ({
    fid: i + 1,
    geometry: { type: 'Point', coordinates: [cell.lon, cell.lat] },
    properties: { cell_id: cell.cellId, population: cell.population, elderly: cell.elderly, age65: cell.age65, age80: cell.age80 },
  }));
}

/** The full 60+ raster's cell values, written again with a UTM 50N geotransform of 100 m cells. */
async function projectedRaster(): Promise<ImportFile> {
  const bytes = readFileSync(testData('wuhan/wuhan_pop60plus_100m.tif'));
  const image = await (await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)).getImage(0);
  const [values] = (await image.readRasters({ interleave: false })) as unknown as Float32Array[];
  const tiff = writeArrayBuffer(values, {
    width: image.getWidth(),
    height: image.getHeight(),
    ModelPixelScale: [100, 100, 0],
    ModelTiepoint: [0, 0, 0, 300000, 3470000, 0],
    GDAL_NODATA: '-99999',
    GTModelTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: 32650,
  });
  return { name: 'wuhan_pop60plus_utm50n.tif', bytes: new Uint8Array(tiff) };
}

async function buildCases(): Promise<Case[]> {
  const grid = (await parseLayerFiles('population', [onDisk('wuhan/wuhan_core_grid_100m.csv')], {})).records;
  const gcjCsv = layerToCsv(
    'population',
    gridFeatures(
      grid.map((c) => {
        const [lon, lat] = wgs84ToGcj02(c.lon, c.lat);
        return { ...c, lon, lat };
      }),
    ),
  );
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('grid');
  sheet.addRow(['cell_id', 'lon', 'lat', 'pop20plus', 'pop60plus']);
  for (const c of grid) sheet.addRow([c.cellId, c.lon, c.lat, c.population, c.elderly]);
  const ways = JSON.parse(readFileSync(testData('gothenburg_osm/gothenburg_ways.geojson'), 'utf8'));
  const osm = osmFromGeoJson(ways, Infinity);
  const bands = readdirSync(testData('wuhan/worldpop_agesex_60plus'))
    .filter((n) => n.endsWith('.tif'))
    .sort()
    .map((n) => onDisk(`wuhan/worldpop_agesex_60plus/${n}`));
  const shp = ['shp', 'dbf', 'prj', 'cpg', 'shx'].map((ext) => onDisk(`wuhan/wuhan_boundary_shp/wuhan-boundary.${ext}`));
  return [
    { name: 'GeoTIFF full 60+ (DEFLATE, 256x256 tiles)', layer: 'population', files: [onDisk('wuhan/wuhan_pop60plus_100m.tif')] },
    { name: 'GeoTIFF band 60-64 f (LZW, 1-row strips)', layer: 'population', files: [bands[0]] },
    { name: 'GeoTIFF 10 WorldPop bands summed (LZW)', layer: 'population', files: bands },
    { name: 'GeoTIFF full grid on UTM 50N (reprojected)', layer: 'population', files: [await projectedRaster()] },
    { name: 'GeoTIFF core 60+ clip', layer: 'population', files: [onDisk('wuhan/wuhan_core_pop60plus_100m.tif')] },
    { name: 'CSV core grid', layer: 'population', files: [onDisk('wuhan/wuhan_core_grid_100m.csv')] },
    { name: 'CSV core grid in GCJ-02', layer: 'population', files: [utf8('gcj.csv', gcjCsv)], options: { crs: 'gcj02' } },
    { name: 'XLSX core grid', layer: 'population', files: [{ name: 'grid.xlsx', bytes: new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer) }] },
    { name: 'KML core grid (points)', layer: 'population', files: [utf8('grid.kml', layerToKml('population', gridFeatures(grid)))] },
    { name: 'GeoPackage core grid', layer: 'population', files: [{ name: 'grid.gpkg', bytes: layerToGpkg('population', gridFeatures(grid)) }] },
    { name: 'GeoJSON Gothenburg ways', layer: 'roads', files: [onDisk('gothenburg_osm/gothenburg_ways.geojson')] },
    { name: 'OSM XML Gothenburg ways', layer: 'roads', files: [utf8('gothenburg.osm', osmXml(osm))] },
    { name: 'OSM PBF Gothenburg ways', layer: 'roads', files: [{ name: 'gothenburg.osm.pbf', bytes: osmPbf(osm) }] },
    { name: 'Shapefile Wuhan boundary (3 978 vertices)', layer: 'boundaries', files: shp },
  ];
}

export default async function importBench(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const c of await buildCases()) {
    const bytes = c.files.reduce((n, f) => n + f.bytes.length, 0);
    let records = 0;
    let skipped = 0;
    const times = await timeRuns(async () => {
      const parsed = await parseLayerFiles(c.layer, c.files, c.options ?? {});
      records = parsed.records.length;
      skipped = parsed.skippedCount;
    }, RUNS);
    rows.push({
      case: c.name,
      input: `${c.files.length > 1 ? `${c.files.length} files, ` : ''}${(bytes / 1048576).toFixed(2)} MB`,
      records,
      'skipped (nodata/blank)': skipped,
      'median ms': median(times),
      'min ms': Math.min(...times),
      'records/s': Math.round(records / (median(times) / 1000)),
    });
  }

  const grid = (await parseLayerFiles('population', [onDisk('wuhan/wuhan_core_grid_100m.csv')], {})).records;
  const features = gridFeatures(grid);
  const gk = parseCrs('EPSG:4547');
  const writers: [string, () => { length: number }][] = [
    ['export GeoJSON core grid', () => layerToGeoJson('population', features)],
    ['export CSV core grid', () => layerToCsv('population', features)],
    ['export CSV core grid in EPSG:4547', () => layerToCsv('population', reprojectFeatures(features, gk, 'population'), { pointColumns: ['x', 'y'] })],
    ['export GeoPackage core grid', () => layerToGpkg('population', features)],
    ['export KML core grid', () => layerToKml('population', features)],
  ];
  for (const [name, write] of writers) {
    let size = 0;
    const times = await timeRuns(() => {
      size = write().length;
    }, RUNS);
    rows.push({
      case: name,
      input: `${(size / 1048576).toFixed(2)} MB out`,
      records: features.length,
      'skipped (nodata/blank)': 0,
      'median ms': median(times),
      'min ms': Math.min(...times),
      'records/s': Math.round(features.length / (median(times) / 1000)),
    });
  }
  printTable(rows);
  console.log(`heap used after runs: ${heapUsedMb().toFixed(0)} MB`);
  await wholeImportBench();
}

interface ProjectRun {
  readParseMs: number;
  writeMs: number;
  totalMs: number;
  /** CPU time of this process (user + system, the garbage collector's threads included). */
  cpuMs: number;
  cells: number;
}

/** Whole imports measured per run (each: the reference, the use case, the CLI process). */
const WHOLE_RUNS = 3;
/** The generated CSV grid is SIDE x SIDE cells: 1,000,000 rows. */
const CSV_SIDE = 1000;
const SITING = path.join(REPO_ROOT, 'bin', 'siting.mjs');
const REFERENCE = path.join(REPO_ROOT, 'tests', 'bench', 'import_reference.mjs');

/**
 * One import by path (as the CLI and the desktop app read the files) into a new project, in this
 * process: importIntoProject end to end, the write's commit included; the progress phases time
 * reading + parsing and writing apart.
 */
async function importOnce(paths: string[], project: string): Promise<ProjectRun> {
  const store = ProjectStore.create(project);
  try {
    const start = performance.now();
    const cpu = process.cpuUsage();
    let writingAt = Number.NaN;
    const progress = (_fraction: number, phase: ImportPhase) => {
      if (phase === 'writing' && Number.isNaN(writingAt)) writingAt = performance.now();
    };
    const report = await importIntoProject(store, 'population', paths.map((p) => ({ path: p })), {}, progress);
    const end = performance.now();
    const used = process.cpuUsage(cpu);
    return { readParseMs: writingAt - start, writeMs: end - writingAt, totalMs: end - start, cpuMs: (used.user + used.system) / 1000, cells: report.imported };
  } finally {
    store.close();
  }
}

/** GNU time, when the machine has it: a process's CPU time next to its wall time (the machine may be shared). */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall (and CPU) time of a child process on this Node (the bench's own, Node 22); throws when it fails. */
function timedProcess(args: string[]): { ms: number; cpuMs: number; stdout: string } {
  const command = TIME ? [TIME, '-f', 'cpu %U %S', process.execPath, ...args] : [process.execPath, ...args];
  const start = performance.now();
  const run = spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : Number.NaN, stdout: run.stdout };
}

/** A median of CPU times, or "n/a" without GNU time. */
const cpuMedian = (values: number[]): number | string => (values.every(Number.isFinite) ? Math.round(median(values)) : 'n/a');

interface WholeCase {
  name: string;
  paths: string[];
  referenceArgs: string[];
  targetMs: number;
  /** What the input holds, for the table. */
  input: string;
}

/**
 * The issue's goal 3: a whole import of a 1,000,000-row population CSV (generated, seeded, with the
 * Wuhan sample's columns) and of the ten WorldPop 60+ bands summed onto one grid, each into a new
 * project, as the use case in this process (importIntoProject with the write) and as the whole
 * `siting import` process; with a plain reference process reading the same input into typed arrays
 * (import_reference.mjs: a hand split of the CSV; geotiff.js reading and summing the bands) in the
 * same runs. Medians of WHOLE_RUNS runs after a warm-up of the use case.
 */
export async function wholeImportBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'siting-import-bench-'));
  try {
    const csv = path.join(dir, 'grid_1m.csv');
    const generated = writePopulationCsv(csv, CSV_SIDE, 14);
    const folder = testData('wuhan/worldpop_agesex_60plus');
    const bands = readdirSync(folder)
      .filter((n) => n.endsWith('.tif'))
      .sort()
      .map((n) => path.join(folder, n));
    const bandBytes = bands.reduce((n, p) => n + statSync(p).size, 0);
    const cases: WholeCase[] = [
      {
        name: `CSV grid, ${generated.rows.toLocaleString('en')} rows (seeded)`,
        paths: [csv],
        referenceArgs: [REFERENCE, 'csv', csv],
        targetMs: 4000,
        input: `1 file, ${(generated.bytes / 1048576).toFixed(1)} MB`,
      },
      {
        name: 'GeoTIFF 10 WorldPop 60+ bands summed (1662 x 1668, LZW)',
        paths: bands,
        referenceArgs: [REFERENCE, 'bands', ...bands],
        targetMs: 2000,
        input: `10 files, ${(bandBytes / 1048576).toFixed(1)} MB`,
      },
    ];
    const rows: Record<string, string | number>[] = [];
    let project = 0;
    const fresh = () => path.join(dir, `p${project++}.gpkg`);
    for (const c of cases) {
      await importOnce(c.paths, fresh()); // warm-up (the use case; file cache)
      const reference: number[] = [];
      const referenceCpu: number[] = [];
      const usecase: ProjectRun[] = [];
      const whole: number[] = [];
      const wholeCpu: number[] = [];
      let referenceRows = 0;
      let imported = 0;
      for (let run = 0; run < WHOLE_RUNS; run++) {
        const ref = timedProcess(c.referenceArgs);
        reference.push(ref.ms);
        referenceCpu.push(ref.cpuMs);
        referenceRows = (JSON.parse(ref.stdout) as { rows: number }).rows;
        usecase.push(await importOnce(c.paths, fresh()));
        const target = fresh();
        ProjectStore.create(target).close();
        const cli = timedProcess([SITING, 'import', target, 'population', ...c.paths, '--json']);
        whole.push(cli.ms);
        wholeCpu.push(cli.cpuMs);
        imported = (JSON.parse(cli.stdout) as { imported: number }).imported;
      }
      const wholeMs = median(whole);
      rows.push({
        case: c.name,
        input: c.input,
        'rows written': imported,
        'reference rows': referenceRows,
        'reference process ms': Math.round(median(reference)),
        'reference CPU ms': cpuMedian(referenceCpu),
        'use case read+parse ms': Math.round(median(usecase.map((r) => r.readParseMs))),
        'use case write ms': Math.round(median(usecase.map((r) => r.writeMs))),
        'use case ms': Math.round(median(usecase.map((r) => r.totalMs))),
        'use case CPU ms': Math.round(median(usecase.map((r) => r.cpuMs))),
        'whole siting import ms': Math.round(wholeMs),
        'whole CPU ms': cpuMedian(wholeCpu),
        'whole / reference': (wholeMs / median(reference)).toFixed(1),
        target: `≤ ${c.targetMs / 1000} s`,
        'whole process': wholeMs <= c.targetMs ? 'met' : `missed by ${Math.round(wholeMs - c.targetMs)} ms`,
        'use case': median(usecase.map((r) => r.totalMs)) <= c.targetMs ? 'met' : 'missed',
      });
    }
    console.log(`\n### Whole imports into a new project (issue 14, goal 3): medians of ${WHOLE_RUNS} runs, ${os.cpus().length} cores`);
    printTable(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
