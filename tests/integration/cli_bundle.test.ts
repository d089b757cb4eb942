/**
 * The prebuilt `siting` (dist-cli/, scripts/cli_bundle.mjs): the bundle prints what the TypeScript
 * sources print, and a bundle older than its sources is never run — the freshness check on real files
 * in a folder of their own, and bin/siting.mjs given a doctored bundle whose sources changed since.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliBundle, bundleStaleness, freshBundleEntry, stampInputs } from '../../scripts/cli_bundle.mjs';
import { REPO_ROOT, SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli, type CliRun } from '../helpers/run_cli';
import { readTestData, testData } from '../helpers/test_data';
import { osmFromGeoJson, osmPbf } from '../unit/import/osm_test_files';

/** Runs `main(args)` of a bundle's entry module directly (not through bin/siting.mjs). */
function runBundleEntry(entry: string, args: string[], env: Record<string, string>): CliRun {
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(entry).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, SITING_APP_ROOT: REPO_ROOT, ...env },
  });
  let json: unknown = null;
  if (args.includes('--json')) json = JSON.parse(result.stdout);
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json };
}

describe('the built bundle and the sources print the same', () => {
  const dir = tempDir();
  const env = { SITING_CONFIG_DIR: join(dir, 'config') };
  const project = join(dir, 'w.gpkg');
  let entry = '';

  beforeAll(async () => {
    entry = freshBundleEntry() ?? (await buildCliBundle({ logLevel: 'silent' })).entry;
    expect(runCli(['new', project, '--sample', 'wuhan-core'], env).status).toBe(0);
  });

  it('--help: the same usage text and exit code 0 from the bundle, the sources (tsx) and bin/siting.mjs', () => {
    const bundled = runBundleEntry(entry, ['--help'], env);
    const source = runCli(['--help'], { ...env, SITING_CLI_FROM_SOURCE: '1' });
    const bin = runCli(['--help'], env);
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toContain('siting info <project.gpkg> [--json]');
    expect(source).toEqual(bundled);
    expect(bin).toEqual(bundled);
  });

  it('info on the Wuhan sample project: the same text and JSON, with the counts SQLite gives', () => {
    const bundled = runBundleEntry(entry, ['info', project, '--json'], env);
    const source = runCli(['info', project, '--json'], { ...env, SITING_CLI_FROM_SOURCE: '1' });
    expect(bundled.status).toBe(0);
    expect(source.json).toEqual(bundled.json);
    const db = new Database(project, { readonly: true });
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    expect(bundled.json.counts).toMatchObject({ population: count('population'), boundaries: count('boundaries'), facilities: 0 });
    expect(bundled.json.counts.population).toBe(24_470);
    db.close();

    const text = runBundleEntry(entry, ['info', project], env);
    expect(text.stdout).toContain(`(${project}), schema`);
    expect(runCli(['info', project], { ...env, SITING_CLI_FROM_SOURCE: '1' }).stdout).toBe(text.stdout);
  });

  it('loads what it keeps outside the bundle: HiGHS (wasm) in the solver worker, geotiff, an .osm.pbf, pdfkit and its fonts', () => {
    // The spopt San Francisco case: max-coverage p = 4 within 5000 m covers 875 247 people, proven by the MIP.
    const sf = testData('spopt_sf');
    const optimize = runBundleEntry(entry, [
      'optimize', '--matrix', join(sf, 'SF_network_distance_candidateStore_16_censusTract_205_new.csv'),
      '--demand', join(sf, 'SF_demand_205_centroid_uniform_weight.csv'),
      '--matrix-columns', 'demand=DestinationName,candidate=name,cost=distance', '--demand-columns', 'id=NAME,weight=POP2000',
      '--problem', 'max-coverage', '--sites', '4', '--radius', '5000', '--method', 'exact', '--json',
    ], env);
    expect(optimize.status).toBe(0);
    expect(optimize.json).toMatchObject({ objective: 875247, bound: 875247, exact: true, path: 'mip' });

    // The same imports from the bundle and from the sources, each into a new project.
    const imports: [string, string, string[]][] = [
      ['tif', 'population', [join(SAMPLE_DIR, 'wuhan_core_pop60plus_100m.tif')]],
      ['pbf', 'roads', [join(dir, 'ways.osm.pbf')]],
    ];
    const gothenburg = JSON.parse(readTestData('gothenburg_osm/gothenburg_ways.geojson').toString('utf8'));
    writeFileSync(join(dir, 'ways.osm.pbf'), osmPbf(osmFromGeoJson(gothenburg, 200)));
    for (const [name, layer, files] of imports) {
      const results = [true, false].map((bundled) => {
        const path = join(dir, `${name}-${bundled ? 'bundle' : 'source'}.gpkg`);
        expect(runCli(['new', path], env).status).toBe(0);
        const args = ['import', path, layer, ...files, '--json'];
        return bundled ? runBundleEntry(entry, args, env) : runCli(args, { ...env, SITING_CLI_FROM_SOURCE: '1' });
      });
      expect(results[0].status).toBe(0);
      expect(results[0].json).toEqual(results[1].json);
    }

    const pdf = join(dir, 'map.pdf');
    expect(runBundleEntry(entry, ['map', project, '--out', pdf, '--title', '武汉', '--json'], env).status).toBe(0);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('was built from every command module and from the shared code they use', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'dist-cli', 'current.json'), 'utf8')) as { inputs: [string][] };
    const inputs = new Set(manifest.inputs.map(([path]) => path));
    const commands = readdirSync(join(REPO_ROOT, 'electron', 'cli')).filter((name) => name.startsWith('command_') && name.endsWith('.ts'));
    expect(commands.length).toBeGreaterThanOrEqual(10);
    for (const name of commands) expect(inputs).toContain(`electron/cli/${name}`);
    for (const path of ['electron/cli/main.ts', 'electron/services/optimize/optimize_worker.ts', 'shared/errors.ts', 'package.json', 'node_modules/.package-lock.json']) {
      expect(inputs).toContain(path);
    }
  });
});

describe('the freshness check on real files', () => {
  const root = tempDir();
  const bundleDir = join(root, 'dist-cli');
  const files = ['electron/cli/main.ts', 'electron/cli/command_info.ts', 'shared/errors.ts'];
  /** Records the files as they are now as the sources of a (pretend) build. */
  const recordBuild = (paths = files, readDuring: [number, number] | null = null) =>
    writeFileSync(join(bundleDir, 'current.json'), JSON.stringify({ dir: 'b-test', inputs: stampInputs(paths, { root, readDuring }) }));
  const staleness = () => bundleStaleness(bundleDir, { root });

  beforeAll(() => {
    mkdirSync(bundleDir, { recursive: true });
    for (const path of files) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      copyFileSync(join(REPO_ROOT, path), join(root, path));
    }
  });

  it('no manifest: no bundle', () => {
    expect(bundleStaleness(join(root, 'nowhere'), { root })).toBe('no bundle has been built');
  });

  it('unchanged sources: fresh', () => {
    recordBuild();
    expect(staleness()).toBeNull();
  });

  it('an edited source (appended to): stale, naming it', () => {
    recordBuild();
    appendFileSync(join(root, 'electron/cli/command_info.ts'), '\n// edited\n');
    expect(staleness()).toBe('electron/cli/command_info.ts changed since the build');
  });

  it('a source saved again with the same bytes (only its time changes): stale', () => {
    recordBuild();
    const path = join(root, 'shared/errors.ts');
    const { mtime } = statSync(path);
    utimesSync(path, mtime, new Date(mtime.getTime() + 1000));
    expect(staleness()).toBe('shared/errors.ts changed since the build');
  });

  it('a deleted source: stale; a file recorded as missing that appears: stale', () => {
    recordBuild([...files, 'electron/cli/command_new.ts']);
    copyFileSync(join(REPO_ROOT, 'electron/cli/command_new.ts'), join(root, 'electron/cli/command_new.ts'));
    expect(staleness()).toBe('electron/cli/command_new.ts appeared since the build');
    recordBuild([...files, 'electron/cli/command_new.ts']);
    expect(staleness()).toBeNull();
    unlinkSync(join(root, 'electron/cli/command_new.ts'));
    expect(staleness()).toBe('electron/cli/command_new.ts is gone since the build');
  });

  it('a source modified while the build read it is not trusted', () => {
    // main.ts saved an hour after the others
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const path of files) utimesSync(join(root, path), hourAgo, hourAgo);
    const saved = hourAgo.getTime() + 3_600_000;
    utimesSync(join(root, 'electron/cli/main.ts'), new Date(saved), new Date(saved));
    recordBuild(files, [saved - 500, saved + 500]);
    expect(staleness()).toBe('electron/cli/main.ts changed since the build');
    recordBuild(files, [saved + 10_000, saved + 20_000]);
    expect(staleness()).toBeNull();
  });
});

describe('bin/siting.mjs and a stale bundle', () => {
  // Inside the repository like dist-cli/, so that the bundle's imports resolve from node_modules.
  const bundleDir = join(REPO_ROOT, 'dist-cli', `test-stale-${process.pid}`);
  const env = { SITING_CLI_BUNDLE_DIR: bundleDir };
  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

  it('runs a fresh bundle as built, and rebuilds rather than run one whose sources changed since', async () => {
    const { entry } = await buildCliBundle({ bundleDir, logLevel: 'silent' });
    // Doctor the built code, so that its output tells whether it ran.
    const code = readFileSync(entry, 'utf8');
    expect(code).toContain('siting — elderly-care facility siting');
    writeFileSync(entry, code.replace('siting — elderly-care facility siting', 'STALE BUNDLE'));
    const source = runCli(['--help'], { SITING_CLI_FROM_SOURCE: '1' });

    // Fresh: bin/siting.mjs runs the bundle as it is (here, doctored).
    expect(bundleStaleness(bundleDir)).toBeNull();
    const fresh = runCli(['--help'], env);
    expect(fresh.status).toBe(0);
    expect(fresh.stdout.split('\n')[0]).toBe('STALE BUNDLE (养老设施选址规划)');

    // The build's record of electron/cli/main.ts no longer matches the file: as if it was edited since.
    const manifestPath = join(bundleDir, 'current.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dir: string; inputs: [string, number, number][] };
    const record = manifest.inputs.find(([path]) => path === 'electron/cli/main.ts')!;
    record[2] -= 1000;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    expect(bundleStaleness(bundleDir)).toBe('electron/cli/main.ts changed since the build');

    const rerun = runCli(['--help'], env);
    expect(rerun).toEqual(source);
    // It built a new bundle and made it current; the next run uses it as it is.
    const rebuilt = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dir: string };
    expect(rebuilt.dir).not.toBe(manifest.dir);
    expect(bundleStaleness(bundleDir)).toBeNull();
    expect(runCli(['--help'], env)).toEqual(source);
  });
});
