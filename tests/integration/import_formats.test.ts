/**
 * `siting import` / `siting export` end to end on real data: the ten WorldPop bands summed into 60+,
 * a shapefile by its .shp path (sidecars found next to it), GCJ-02 CSV, a multi-layer GeoPackage;
 * bad input exits with code 2, names file/row/field in the --json error and leaves the project as
 * it was; a second population import needs --replace or --append; Ctrl-C while reading or writing
 * exits 130 and writes nothing; exports in GeoPackage (EPSG:4547) and KML open in GDAL.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../../shared/geodesy/gcj02';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { testData } from '../helpers/test_data';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'import');
const BANDS = testData('wuhan/worldpop_agesex_60plus');
const GDAL = (() => {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('siting import / export across formats', () => {
  const dir = tempDir('siting-formats-');
  const project = join(dir, 'wuhan.gpkg');
  const counts = () => runCli(['info', project, '--json']).json.counts as Record<string, number>;

  beforeAll(() => {
    expect(runCli(['new', project]).status).toBe(0);
  });

  it('sums the ten WorldPop age/sex GeoTIFFs given as positionals into the 60+ count', () => {
    const files = readdirSync(BANDS)
      .filter((n) => n.endsWith('.tif'))
      .sort()
      .map((n) => join(BANDS, n));
    const run = runCli(['import', project, 'population', ...files, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.json).toMatchObject({ layer: 'population', format: 'geotiff', imported: 494_676, file: 'pop_60_f_wuhan.tif and 9 more' });
    expect(run.json.detected.crs).toBe('EPSG:4326');
    expect(Object.keys(run.json.detected.mapping)).toEqual(['elderly']);
    const analysis = runCli(['analyze', project, '--json']).json;
    expect(Math.abs(analysis.elderly.total - 1_942_653)).toBeLessThanOrEqual(1);
  });

  it('population a second time is refused (exit 2) unless --replace: the counts would double', () => {
    const before = counts();
    expect(before.population).toBe(494_676);
    const again = runCli(['import', project, 'population', testData('wuhan/wuhan_core_grid_100m.csv'), '--json']);
    expect(again.status).toBe(2);
    expect(again.json.error).toMatchObject({ code: 'bad_input', location: { file: 'wuhan_core_grid_100m.csv', field: 'layer' } });
    expect(again.json.error.message).toContain('the population layer already holds 494,676 cells');
    expect(again.json.error.message).toMatch(/--replace.*--append/);
    expect(counts()).toEqual(before);
  });

  it('imports a shapefile by its .shp path, its .dbf/.prj/.cpg found beside it', () => {
    const run = runCli(['import', project, 'boundaries', testData('wuhan/wuhan_boundary_shp/wuhan-boundary.shp'), '--json']);
    expect(run.status).toBe(0);
    expect(run.json).toMatchObject({ format: 'shapefile', imported: 1, detected: { crs: 'EPSG:4326', encoding: 'utf-8' } });
  });

  it('bad input: exit code 2, the --json error names file, row and field, and nothing is written', () => {
    const before = counts();
    const swapped = runCli(['import', project, 'facilities', join(FIXTURES, 'swapped_lon_lat.csv'), '--json']);
    expect(swapped.status).toBe(2);
    expect(swapped.json.error.code).toBe('bad_input');
    expect(swapped.json.error.location).toMatchObject({ file: 'swapped_lon_lat.csv', row: 1, field: 'lat' });
    expect(swapped.json.error.message).toContain('--swap-axes');
    const truncated = join(dir, 'cut.kml');
    writeFileSync(truncated, '<?xml version="1.0"?><kml><Document><Placemark><name>A</name><Point><coordinates>114.2,30.5');
    const cut = runCli(['import', project, 'facilities', truncated, '--kind', 'day_care']);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toMatch(/^siting: cut\.kml: not valid KML XML: /);
    expect(counts()).toEqual(before);

    const fixed = runCli(['import', project, 'facilities', join(FIXTURES, 'swapped_lon_lat.csv'), '--swap-axes', '--json']);
    expect(fixed.status).toBe(0);
    expect(fixed.json.imported).toBe(3);
  });

  it('an id already in the project: the error names the file and the file\'s own row', () => {
    const csv = join(dir, 'more_facilities.csv');
    const existing = runCli(['export', project, '--layer', 'facilities', '--out', join(dir, 'existing.geojson'), '--json']);
    expect(existing.status).toBe(0);
    const ids = (JSON.parse(readFileSync(join(dir, 'existing.geojson'), 'utf8')) as { features: { properties: { id: string } }[] }).features.map((f) => f.properties.id);
    // data row 1 is blank, row 2 is new, row 3 repeats an id already imported (it is the write's 2nd record)
    writeFileSync(csv, `id,name,kind,lon,lat\n,,,,\nN-1,新日间照料中心,day_care,114.31,30.61\n${ids[1]},重复的编号,day_care,114.32,30.62\n`);
    const before = counts();
    const clash = runCli(['import', project, 'facilities', csv, '--json']);
    expect(clash.status).toBe(2);
    expect(clash.json.error.location).toEqual({ file: 'more_facilities.csv', row: 3, field: 'id' });
    expect(clash.json.error.message).toContain(`more_facilities.csv, row 3, field id: id "${ids[1]}" already exists in layer facilities`);
    expect(counts()).toEqual(before);
  });

  it('GCJ-02 coordinates from a web map, with --crs gcj02; the text report lists what was detected', () => {
    const csv = join(dir, 'amap.csv');
    const [lon, lat] = wgs84ToGcj02(114.2701234, 30.6012345);
    writeFileSync(csv, `编号,名称,类型,经度,纬度\nA-1,民意街日间照料中心,日间照料中心,${lon},${lat}\n`);
    const run = runCli(['import', project, 'facilities', csv, '--crs', 'gcj02']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('imported 1 facilities from amap.csv (csv, GCJ02, utf-8)');
    const feature = runCli(['export', project, '--layer', 'facilities', '--out', join(dir, 'f.geojson'), '--json']);
    expect(feature.status).toBe(0);
  });

  // Runs only where GDAL (Debian gdal-bin) is installed: ogr2ogr writes the multi-layer GeoPackage; .ci/run installs it.
  it.runIf(GDAL)('a GeoPackage with several layers needs --source-layer; exports to GeoPackage in EPSG:4547 and KML', () => {
    const gpkg = join(dir, 'planning.gpkg');
    execFileSync('ogr2ogr', ['-f', 'GPKG', gpkg, join(FIXTURES, 'estates_wuhan.geojson'), '-nln', 'estates_a']);
    execFileSync('ogr2ogr', ['-f', 'GPKG', '-update', gpkg, join(FIXTURES, 'estates_wuhan.geojson'), '-nln', 'estates_b', '-t_srs', 'EPSG:4547']);
    const refused = runCli(['import', project, 'estates', gpkg, '--json']);
    expect(refused.status).toBe(2);
    expect(refused.json.error.message).toContain('choose one with --source-layer: estates_a, estates_b');
    const chosen = runCli(['import', project, 'estates', gpkg, '--source-layer', 'estates_b', '--json']);
    expect(chosen.status).toBe(0);
    expect(chosen.json.detected).toMatchObject({ crs: 'EPSG:4547', sourceLayers: ['estates_a', 'estates_b'] });

    const out = join(dir, 'estates_4547.gpkg');
    const exported = runCli(['export', project, '--layer', 'estates', '--out', out, '--crs', 'EPSG:4547', '--json']);
    expect(exported.status).toBe(0);
    expect(exported.json).toMatchObject({ format: 'gpkg', count: 2, crs: 'EPSG:4547' });
    const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', out], { encoding: 'utf8' });
    expect(info).toContain('Feature Count: 2');
    expect(info).toMatch(/ID\["EPSG",4547\]\]\s*$/m);

    const kml = join(dir, 'boundaries.kml');
    expect(runCli(['export', project, '--layer', 'boundaries', '--out', kml]).status).toBe(0);
    expect(execFileSync('ogrinfo', ['-ro', '-so', '-al', kml], { encoding: 'utf8' })).toContain('Feature Count: 1');
    const refusedKml = runCli(['export', project, '--layer', 'boundaries', '--out', kml, '--crs', 'EPSG:4547', '--json']);
    expect(refusedKml.status).toBe(2);
    expect(refusedKml.json.error.message).toContain('KML is WGS84 longitude/latitude by specification');
  });

  it('--help lists the import and export options', () => {
    const help = runCli(['--help']);
    expect(help.stdout).toContain('--swap-axes');
    expect(help.stdout).toContain('--source-layer NAME');
    expect(help.stdout).toContain('[--replace | --append]');
    expect(help.stdout).toContain('130 cancelled with Ctrl-C (nothing written)');
    expect(help.stdout).toContain('--format geojson|csv|gpkg|kml');
  });
});

/**
 * The system Node when it is older than 22 (bin/siting.mjs then re-runs itself on the bundled Node 22
 * through scripts/node22.mjs — the case of a Ctrl-C reaching only the outer process), else this one.
 */
function outerNode(): string {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(candidate)) continue;
    const major = Number(execFileSync(candidate, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim());
    if (major < 22) return candidate;
  }
  return process.execPath;
}

/** Child pids of `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Ctrl-C during `siting import`', () => {
  it('SIGINT to the outer process (Node 20 re-running on Node 22) cancels the import: no cells, no audit entry, nothing left running', async () => {
    const dir = tempDir('siting-sigint-');
    const project = join(dir, 'p.gpkg');
    expect(runCli(['new', project]).status).toBe(0);
    const files = readdirSync(BANDS).filter((n) => n.endsWith('.tif')).sort().map((n) => join(BANDS, n));
    const node = outerNode();
    const outer = spawn(node, [join(REPO_ROOT, 'bin', 'siting.mjs'), 'import', project, 'population', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    outer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    outer.stdout.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => outer.once('exit', (code, signal) => resolve({ code, signal })));
    // The project's -shm file appears when the import opens the project: it then reads the ten bands
    // and parses them (0.6-2 s) before anything is written, so this signal comes while parsing (the
    // next test sends one while writing).
    const deadline = Date.now() + 60_000;
    while (!existsSync(`${project}-shm`) && Date.now() < deadline) await sleep(20);
    expect(existsSync(`${project}-shm`)).toBe(true);
    await sleep(100);
    const inner = node === process.execPath ? [] : childrenOf(outer.pid as number);
    if (node !== process.execPath) expect(inner).toHaveLength(1);
    outer.kill('SIGINT');
    const { code, signal } = await exited;
    expect(signal).toBeNull();
    // the child's own exit code, passed on by the outer process
    expect(code).toBe(130);
    expect(stderr).toContain('siting: import cancelled: nothing was written');
    for (const pid of inner) expect(alive(pid)).toBe(false);
    const db = new Database(project, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM population').get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'import'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 90_000);
});

/** Size in bytes of a file, 0 when it is not there. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

describe('a second population import, --append, and Ctrl-C while writing', () => {
  const GRID_CSV = testData('wuhan/wuhan_core_grid_100m.csv');

  it('refuses a second grid without --replace/--append, and appended cells already in the layer; --append adds new cells', () => {
    const dir = tempDir('siting-append-');
    const project = join(dir, 'p.gpkg');
    const counts = () => runCli(['info', project, '--json']).json.counts as Record<string, number>;
    expect(runCli(['new', project]).status).toBe(0);
    expect(runCli(['import', project, 'population', GRID_CSV, '--json']).json.imported).toBe(24_470);

    const again = runCli(['import', project, 'population', GRID_CSV]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^siting: wuhan_core_grid_100m\.csv, field layer: the population layer already holds 24,470 cells; .*--replace.*--append/);

    // The same grid with --append: its first data row (cell_id 0) is already there.
    const clash = runCli(['import', project, 'population', GRID_CSV, '--append', '--json']);
    expect(clash.status).toBe(2);
    expect(clash.json.error).toMatchObject({ code: 'bad_input', location: { file: 'wuhan_core_grid_100m.csv', row: 1, field: 'cell_id' } });
    expect(clash.json.error.message).toContain('wuhan_core_grid_100m.csv, row 1, field cell_id: cell_id "0" is already in the population layer');
    expect(counts().population).toBe(24_470);

    const both = runCli(['import', project, 'population', GRID_CSV, '--append', '--replace', '--json']);
    expect(both.status).toBe(2);
    expect(both.json.error.message).toContain('--replace and --append exclude each other');

    // Cells of another area, with new cell ids, are added.
    const more = join(dir, 'more_cells.csv');
    writeFileSync(more, 'cell_id,row,col,lon,lat,pop20plus,pop60plus,pop65plus,pop80plus\nnew-1,0,0,114.1,30.7,10,2,1,0\nnew-2,0,1,114.101,30.7,12,3,2,1\n');
    const added = runCli(['import', project, 'population', more, '--append', '--json']);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.json.imported).toBe(2);
    expect(counts().population).toBe(24_472);
  }, 60_000);

  it('SIGINT while the ten bands are being written rolls the write back (the replaced grid too) and exits 130', async () => {
    const dir = tempDir('siting-sigint-write-');
    const project = join(dir, 'p.gpkg');
    expect(runCli(['new', project]).status).toBe(0);
    expect(runCli(['import', project, 'population', GRID_CSV]).status).toBe(0);
    const audit = () => {
      const db = new Database(project, { readonly: true });
      try {
        return db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'import'").get();
      } finally {
        db.close();
      }
    };
    const auditBefore = audit();
    const files = readdirSync(BANDS).filter((n) => n.endsWith('.tif')).sort().map((n) => join(BANDS, n));
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'siting.mjs'), 'import', project, 'population', ...files, '--replace', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    // Nothing is written to the WAL until the write's transaction spills pages into it (its cache
    // holds 2 MB): past 1 MB the write phase has begun — the replaced cells deleted, new ones going
    // in — and it goes on for about another 25 MB (0.5-1 s).
    const wal = `${project}-wal`;
    const deadline = Date.now() + 60_000;
    let ended = false;
    void exited.then(() => (ended = true));
    while (sizeOf(wal) < 1024 * 1024 && !ended && Date.now() < deadline) await sleep(5);
    expect(ended, 'the import ended before its write began').toBe(false);
    expect(sizeOf(wal)).toBeGreaterThanOrEqual(1024 * 1024);
    child.kill('SIGINT');
    const { code, signal } = await exited;
    expect(signal).toBeNull();
    expect(code).toBe(130);
    expect(JSON.parse(stdout)).toEqual({ error: { code: 'cancelled', message: 'import cancelled: nothing was written' } });
    expect(stderr).toBe('siting: import cancelled: nothing was written\n');
    expect((runCli(['info', project, '--json']).json.counts as Record<string, number>).population).toBe(24_470);
    expect(audit()).toEqual(auditBefore);
  }, 90_000);
});
