/**
 * The "suggest sites" use case (shared/usecases/suggest_sites.ts) on the Wuhan sample project: the
 * settings it echoes, its figures against an independent count, and one answer for every caller —
 * `siting optimize` (a separate process over the GeoPackage) and the renderer worker's task (over
 * the arrays a host sends) give the same sites and objective as the use case called directly.
 */
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { readProjectSnapshot } from '../../../electron/services/store/project_snapshot';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { WorkerMemory } from '../../../renderer/workers/worker_memory';
import { runOptimizeTask } from '../../../renderer/workers/optimize_task';
import { optimize } from '../../../shared/optimize/optimize';
import { DEFAULTS } from '../../../shared/settings/siting_settings';
import type { ProjectSnapshot } from '../../../shared/usecases/project_snapshot';
import { defaultScenarioName, suggestionChangeSet } from '../../../shared/usecases/save_suggestion';
import { suggestSites, type SolveRequest } from '../../../shared/usecases/suggest_sites';
import { SAMPLE_DIR, tempDir } from '../../helpers/paths';
import { runCli } from '../../helpers/run_cli';

const solve: SolveRequest = (request, control) => optimize(request, { seed: 1, method: 'auto', onProgress: control.onProgress, signal: control.signal });

let path: string;
let store: ProjectStore;
let snapshot: ProjectSnapshot;

beforeAll(() => {
  process.env.SITING_CONFIG_DIR = join(tempDir(), 'config');
  path = join(tempDir(), 'suggest.gpkg');
  expect(runCli(['new', path, '--sample', 'wuhan-core']).status).toBe(0);
  // The sample's illustrative facilities (made up, labelled so): existing day-care centres to keep open.
  expect(runCli(['import', path, 'facilities', join(SAMPLE_DIR, 'illustrative_facilities.csv')]).status).toBe(0);
  store = ProjectStore.open(path);
  snapshot = readProjectSnapshot(store);
});

describe('suggest sites: one use case for the CLI and the worker', () => {
  it('echoes every setting it used, defaults filled in from the one settings schema', async () => {
    const outcome = await suggestSites(snapshot, { problem: 'max-coverage', k: 2, mode: 'circle', radiusM: 1000, candidates: { source: 'grid', gridM: 1000 } }, solve);
    expect(outcome.parameters).toEqual({
      problem: 'max-coverage',
      k: 2,
      mode: 'circle',
      radiusM: 1000,
      minutes: DEFAULTS.minutes,
      speedMps: DEFAULTS.speedMps,
      maxSnapM: DEFAULTS.maxSnapM,
      kinds: ['day_care', 'community_station'],
      candidates: { source: 'grid', gridM: 1000 },
      minSpacingM: 0,
      capacitated: null,
    });
    expect([DEFAULTS.speedMps, DEFAULTS.maxSnapM, DEFAULTS.uptakeRate]).toEqual([1, 300, 0.03]);
  });

  it('covers exactly the older people an independent distance count finds within 1000 m of the chosen and existing sites', async () => {
    const outcome = await suggestSites(snapshot, { problem: 'max-coverage', k: 3, mode: 'circle', radiusM: 1000, candidates: { source: 'grid', gridM: 500 } }, solve);
    expect(outcome.sites.map((s) => s.rank)).toEqual([1, 2, 3]);
    // Existing facilities of the default kinds, read from the layer itself (not from the snapshot).
    const existing = store
      .listFeatures('facilities')
      .filter((f) => f.properties.status === 'existing' && ['day_care', 'community_station'].includes(String(f.properties.kind)))
      .map((f) => (f.geometry as { coordinates: number[] }).coordinates);
    expect(outcome.problem.existing.length).toBe(existing.length);
    expect(existing.length).toBeGreaterThan(0);
    const open = [...existing, ...outcome.sites.map((s) => [s.lon, s.lat])];
    const { grid } = snapshot;
    let covered = 0;
    for (let i = 0; i < grid.count; i++) {
      if (open.some((p) => turf.distance(p, [grid.lon[i], grid.lat[i]], { units: 'meters' }) <= 1000)) covered += grid.elderly[i];
    }
    expect(outcome.result.covered.weight).toBeCloseTo(covered, 6);
    expect(outcome.result.objective).toBeCloseTo(covered, 6);
  });

  it('gives the CLI and the renderer worker the same sites and objective (p-median; max-coverage with a minimum spacing)', async () => {
    const cases = [
      { request: { problem: 'p-median', k: 3, mode: 'circle', candidates: { source: 'grid', gridM: 1000 } } as const, flags: ['--problem', 'p-median', '--sites', '3', '--candidates', 'grid', '--grid-m', '1000'] },
      { request: { problem: 'max-coverage', k: 2, mode: 'circle', radiusM: 800, minSpacingM: 1500, candidates: { source: 'grid', gridM: 700 } } as const, flags: ['--problem', 'max-coverage', '--sites', '2', '--radius-m', '800', '--min-spacing-m', '1500', '--candidates', 'grid', '--grid-m', '700'] },
    ];
    for (const { request, flags } of cases) {
      const direct = await suggestSites(snapshot, request, solve);
      const cli = runCli(['optimize', path, ...flags, '--json']);
      expect(cli.status).toBe(0);
      expect(cli.json.selected).toEqual(direct.result.selected);
      expect(cli.json.objective).toBeCloseTo(direct.result.objective, 9);
      expect(cli.json.parameters.speedMps).toBe(direct.parameters.speedMps);
      const { grid } = snapshot;
      const task = await runOptimizeTask(
        {
          grid: {
            key: 'sample',
            data: { count: grid.count, fid: grid.fid!.slice(), lon: grid.lon.slice(), lat: grid.lat.slice(), population: grid.population.slice(), elderly: grid.elderly.slice(), hasPopulation: grid.hasPopulation, hasElderly: grid.hasElderly },
          },
          roads: null,
          facilities: [...snapshot.facilities],
          candidates: [],
          boundaries: [...snapshot.boundaries],
          settings: request,
          method: 'auto',
          seed: 1,
          highsWasmUrl: '',
        },
        new WorkerMemory(),
      );
      expect(task.result.selected).toEqual(direct.result.selected);
      expect(task.result.objective).toBe(direct.result.objective);
      expect(task.parameters).toEqual(direct.parameters);
    }
  }, 120_000);

  it('builds one change set for --save and the app: a proposal per site in rank order, a unique default name', async () => {
    const outcome = await suggestSites(snapshot, { problem: 'max-coverage', k: 2, mode: 'circle', radiusM: 1000, candidates: { source: 'grid', gridM: 1000 } }, solve);
    // Issue 15: readable default names (the English words; the app and `--lang zh` use the Chinese ones).
    const name = defaultScenarioName('max-coverage', 2, ['Max coverage, 2 sites · Dec 7 09:05'], new Date(2026, 11, 7, 9, 5));
    expect(name).toBe('Max coverage, 2 sites · Dec 7 09:05 (2)');
    const changes = suggestionChangeSet(outcome.sites, name, 'day_care', {
      description: 'test',
      siteName: (site) => site.name ?? `site ${site.rank}`,
      siteNote: (site) => `gain ${site.marginalGain}`,
    });
    expect(changes.proposals.map((p) => [p.name, p.lon, p.lat, p.kind])).toEqual(outcome.sites.map((s) => [`site ${s.rank}`, s.lon, s.lat, 'day_care']));
    const saved = store.edits.createScenarioWithProposals(changes.name, changes.description, changes.proposals);
    expect(saved.proposals.length).toBe(2);
    // Counted with the scenario, the saved sites give the optimiser's coverage.
    const withScenario = store.selectedFacilities(['day_care', 'community_station'], saved.scenario.id);
    expect(withScenario.filter((f) => f.origin === 'proposal').map((f) => [f.lon, f.lat])).toEqual(outcome.sites.map((s) => [s.lon, s.lat]));
  });

  it('refuses settings outside the schema limits before building anything', async () => {
    await expect(suggestSites(snapshot, { problem: 'max-coverage', k: 2, mode: 'network', speedMps: 0 }, solve)).rejects.toThrow('field speedMps: speedMps must be a walking speed in m/s in (0, 10], got 0');
    await expect(
      suggestSites(snapshot, { problem: 'max-coverage', k: 2, mode: 'circle', capacitated: { siteCapacity: 30, uptakeRate: 0 } }, solve),
    ).rejects.toThrow('field capacitated.uptakeRate: capacitated.uptakeRate must be a share in (0, 1], e.g. 0.03, got 0');
  });
});
