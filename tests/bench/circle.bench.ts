/**
 * Circle coverage at city scale: 1,000,000 cells × 2,000 facilities (target ≤ 0.5 s after loading), and
 * the whole `siting analyze` command against a plain kd-tree + haversine pass over the same project data:
 * in this process, and as whole processes (issue 14, goal 2: the spawned `siting analyze` at most 1.0×
 * the spawned reference script kd_reference.mjs, which parses the same cells from a CSV).
 * Data: a seeded synthetic 1000 × 1000 grid at 3 arc-seconds (WorldPop's cell size) around central Wuhan.
 */
import Database from 'better-sqlite3';
import KDBush from 'kdbush';
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { circleCoverage } from '../../shared/engine/circle_coverage';
import { circleServiceAreas } from '../../shared/engine/service_areas/circle_service_areas';
import { demandGridFromRecords, demandIndex } from '../../shared/engine/demand_grid';
import { circleBounds, haversineM } from '../../shared/geodesy/haversine';
import type { PopulationCell } from '../../shared/schemas/entities';
import { main as siting } from '../../electron/cli/main';
import { ProjectStore } from '../../electron/services/store/project_store';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { heapUsedMb, median, mulberry32, printTable, timeRuns } from './bench_util';

const SIDE = 1000;
const CELL_DEG = 1 / 1200;
const WEST = 113.9;
const NORTH = 30.9;

function syntheticCells(): PopulationCell[] {
  const random = mulberry32(42);
  const cells: PopulationCell[] = [];
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const elderly = Math.round(random() * 400) / 10;
      cells.push({
        cellId: `r${r}c${c}`, lon: WEST + (c + 0.5) * CELL_DEG, lat: NORTH - (r + 0.5) * CELL_DEG,
        population: elderly * 5, elderly, age65: null, age80: null, cellWidthDeg: CELL_DEG, cellHeightDeg: CELL_DEG,
      });
    }
  }
  return cells;
}

function facilities(count: number, seed: number) {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `f${i}`, name: `f${i}`, kind: 'day_care' as const, status: 'existing' as const,
    lon: WEST + random() * SIDE * CELL_DEG, lat: NORTH - random() * SIDE * CELL_DEG,
    capacity: null, beds: null, nursingBeds: null, floorAreaM2: null, floorLevel: null, address: null, source: 'bench', illustrative: true,
  }));
}

/** The plain baseline: read centres and counts with SQL, kd-tree them, haversine every candidate. */
function plainPass(path: string, radiusM: number): number {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT geom, elderly FROM population').raw().all() as [Buffer, number][];
  const sites = db.prepare("SELECT geom FROM facilities WHERE kind IN ('day_care','community_station') AND status = 'existing'").raw().all() as [Buffer][];
  db.close();
  const n = rows.length;
  const lon = new Float64Array(n), lat = new Float64Array(n), elderly = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const blob = rows[i][0];
    lon[i] = blob.readDoubleLE(8 + 5);
    lat[i] = blob.readDoubleLE(8 + 13);
    elderly[i] = rows[i][1];
  }
  const index = new KDBush(n, 64, Float64Array);
  for (let i = 0; i < n; i++) index.add(lon[i], lat[i]);
  index.finish();
  const covered = new Uint8Array(n);
  let sum = 0;
  for (const [blob] of sites) {
    const fx = blob.readDoubleLE(13), fy = blob.readDoubleLE(21);
    const [a, b, c, d] = circleBounds(fx, fy, radiusM);
    for (const i of index.range(a, b, c, d)) {
      if (!covered[i] && haversineM(fx, fy, lon[i], lat[i]) <= radiusM) {
        covered[i] = 1;
        sum += elderly[i];
      }
    }
  }
  return sum;
}

export default async function run(): Promise<void> {
  const cells = syntheticCells();
  const grid = demandGridFromRecords(cells.map((c) => ({ lon: c.lon, lat: c.lat, population: c.population, elderly: c.elderly })));
  const indexStart = performance.now();
  demandIndex(grid);
  const indexMs = performance.now() - indexStart;
  const rows: Record<string, string | number>[] = [];
  for (const [count, radiusM] of [[200, 1000], [2000, 1000], [2000, 300]] as const) {
    const sites = facilities(count, 7);
    let covered = 0;
    const times = await timeRuns(() => (covered = circleCoverage(grid, sites, radiusM).cells.covered), 5);
    rows.push({ cells: grid.count, facilities: count, radiusM, 'covered cells': covered, 'median ms': median(times), 'kd-tree build ms (once; not used here)': indexMs });
  }
  console.log('circleCoverage after loading (single thread; its cell buckets are built in each call, the kd-tree serves live figures and large radii):');
  printTable(rows);

  // Merged service areas (disc unions) for `siting analyze --service-areas-out`, over the same extent.
  const areaRows: Record<string, string | number>[] = [];
  for (const [count, radiusM] of [[200, 1000], [2000, 1000], [2000, 300]] as const) {
    const sites = facilities(count, 7);
    let rings = 0;
    const times = await timeRuns(() => {
      rings = circleServiceAreas(sites, [radiusM], false)[0].coordinates.reduce((n, polygon) => n + polygon.length, 0);
    }, 3);
    areaRows.push({ facilities: count, radiusM, rings, 'median ms': median(times) });
  }
  console.log('\nmerged circle service area, one radius (raster ≤ ~16 M pixels, outlined exactly):');
  printTable(areaRows);

  const dir = tempDir('siting-bench-');
  const path = join(dir, 'million.gpkg');
  const writeStart = performance.now();
  const store = ProjectStore.create(path);
  store.writeLayer('population', cells);
  store.writeLayer('facilities', facilities(2000, 7));
  store.close();
  const writeMs = performance.now() - writeStart;
  const originalLog = console.log;
  const commandTimes: number[] = [];
  const plainTimes: number[] = [];
  let plainSum = 0;
  for (let i = 0; i < 3; i++) {
    let start = performance.now();
    console.log = () => undefined;
    try {
      await siting(['analyze', path, '--radius-m', '1000', '--json']);
    } finally {
      console.log = originalLog;
    }
    commandTimes.push(performance.now() - start);
    start = performance.now();
    plainSum = plainPass(path, 1000);
    plainTimes.push(performance.now() - start);
  }
  console.log(`\nwhole command vs plain kd-tree + haversine pass (both read the 1,000,000-cell project; write took ${(writeMs / 1000).toFixed(1)} s; plain covered older people ${plainSum.toFixed(0)}):`);
  printTable([
    { what: '`siting analyze --radius-m 1000` (in process)', cells: cells.length, facilities: 2000, 'median ms': median(commandTimes) },
    { what: 'plain SQL read + kd-tree + haversine', cells: cells.length, facilities: 2000, 'median ms': median(plainTimes) },
  ]);
  console.log(`heap used after: ${heapUsedMb().toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);

  wholeProcesses(path, dir, cells, facilities(2000, 7));
}

/** Runs a command to its end; its wall time in ms and its stdout. */
function spawnTimed(args: string[]): { ms: number; stdout: string } {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return { ms, stdout: run.stdout };
}

/**
 * Whole processes, as a user waits for them: `siting analyze <project> --radius-m 1000 --json` (start-up,
 * opening, reading the grid, coverage, JSON) against the reference script on the same cells and
 * facilities as CSV (parse, kd-tree, haversine); also `siting analyze` on the project without its
 * packed grid copy (a copy of the file without it: the rows are read, as for a project of an older
 * version or one another program edited; an analysis never writes the copy). Medians of 5 runs, alternated.
 */
function wholeProcesses(path: string, dir: string, cells: PopulationCell[], sites: ReturnType<typeof facilities>): void {
  const cellsCsv = join(dir, 'cells.csv');
  const sitesCsv = join(dir, 'facilities.csv');
  writeFileSync(cellsCsv, ['lon,lat,population,elderly', ...cells.map((c) => `${c.lon},${c.lat},${c.population},${c.elderly}`)].join('\n') + '\n');
  writeFileSync(sitesCsv, ['lon,lat', ...sites.map((f) => `${f.lon},${f.lat}`)].join('\n') + '\n');
  const siting = [join(REPO_ROOT, 'bin', 'siting.mjs'), 'analyze', path, '--radius-m', '1000', '--json'];
  const reference = [join(REPO_ROOT, 'tests', 'bench', 'kd_reference.mjs'), cellsCsv, sitesCsv, '1000'];
  const rowsPath = join(dir, 'without-copy.gpkg');
  copyFileSync(path, rowsPath);
  const db = new Database(rowsPath);
  db.prepare('DELETE FROM population_pack').run();
  db.close();
  const packed = new Database(path, { readonly: true });
  const packRuns = packed.prepare('SELECT count(*) FROM population_pack').pluck().get() as number;
  packed.close();
  if (packRuns === 0) throw new Error(`${path} has no packed copy: the import should have written it`);
  const sitingRows = siting.map((arg) => (arg === path ? rowsPath : arg));
  spawnTimed(siting); // warm the file cache
  spawnTimed(sitingRows);
  const times = { siting: [] as number[], reference: [] as number[], rows: [] as number[] };
  let sitingOut = '';
  let referenceOut = '';
  for (let i = 0; i < 5; i++) {
    const a = spawnTimed(siting);
    times.siting.push(a.ms);
    sitingOut = a.stdout;
    const b = spawnTimed(reference);
    times.reference.push(b.ms);
    referenceOut = b.stdout;
    times.rows.push(spawnTimed(sitingRows).ms);
  }
  const analyzed = JSON.parse(sitingOut) as { cells: { covered: number }; elderly: { covered: number }; timings: Record<string, number> };
  const ref = JSON.parse(referenceOut) as { coveredCells: number; coveredElderly: number };
  const target = median(times.reference);
  console.log(
    `\nwhole processes (${process.execPath} ${process.version}; covered cells: siting ${analyzed.cells.covered}, reference ${ref.coveredCells}; ` +
      `covered older people: siting ${analyzed.elderly.covered.toFixed(1)}, reference ${ref.coveredElderly.toFixed(1)}; siting's own timings ${JSON.stringify(analyzed.timings)}):`,
  );
  printTable([
    { what: '`siting analyze --radius-m 1000 --json` (spawned)', cells: cells.length, facilities: sites.length, 'median ms': median(times.siting), 'ratio to reference': median(times.siting) / target, target: '≤ 1.0×' },
    { what: 'the same without the packed copy (rows read)', cells: cells.length, facilities: sites.length, 'median ms': median(times.rows), 'ratio to reference': median(times.rows) / target, target: '' },
    { what: 'reference: kd_reference.mjs (CSV parse + kdbush + haversine, spawned)', cells: cells.length, facilities: sites.length, 'median ms': target, 'ratio to reference': 1, target: '' },
  ]);
}
