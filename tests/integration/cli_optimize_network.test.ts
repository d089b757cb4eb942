/**
 * `siting optimize --mode network` on the real Gothenburg walking network (OSM, 20 227 ways): the
 * covered older people of the saved scenario must equal `siting analyze --mode network` on the same
 * project. The population grid is a made-up test fixture (no real population exists for Gothenburg),
 * built as in cli_network.test.ts; only the people's positions on the real streets matter here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { gothenburgGrid, randomFacilities } from '../unit/engine_network/gothenburg_fixture';
import { testData } from '../helpers/test_data';

const ROADS = testData('gothenburg_osm/gothenburg_ways.geojson');

describe('siting optimize --mode network on the Gothenburg walking network', () => {
  const dir = tempDir();
  const project = join(dir, 'gothenburg.gpkg');
  const { grid } = gothenburgGrid(250, 7);
  const facilities = randomFacilities(12, 3, 'dc');

  beforeAll(() => {
    expect(runCli(['new', project]).status).toBe(0);
    const cells = ['cell_id,lon,lat,population,elderly'];
    for (let i = 0; i < grid.count; i++) cells.push(`${i},${grid.lon[i]},${grid.lat[i]},${grid.population[i]},${grid.elderly[i]}`);
    writeFileSync(join(dir, 'cells.csv'), cells.join('\n'));
    writeFileSync(join(dir, 'facilities.csv'), ['id,name,kind,lon,lat,capacity', ...facilities.map((f) => `${f.id},${f.id},day_care,${f.lon},${f.lat},${f.capacity}`)].join('\n'));
    expect(runCli(['import', project, 'roads', ROADS]).status).toBe(0);
    expect(runCli(['import', project, 'population', join(dir, 'cells.csv')]).status).toBe(0);
    expect(runCli(['import', project, 'facilities', join(dir, 'facilities.csv')]).status).toBe(0);
  });

  it('max-coverage k = 3 within a 10-minute walk: covered weight equals analyze --mode network after --save', () => {
    const run = runCli(['optimize', project, '--problem', 'max-coverage', '--sites', '3', '--mode', 'network', '--minutes', '10', '--save', '--scenario', 'walk 10', '--json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const r = run.json;
    expect(r).toMatchObject({ mode: 'network', minutes: 10, speedMps: 1, costUnit: 'min', k: 3 });
    expect(r.selected).toHaveLength(3);
    expect(r.network.ways).toBeGreaterThan(18_000);
    expect(r.bound).toBeGreaterThanOrEqual(r.objective);

    // What is compared: analyze's 10-minute elderly.covered with the scenario (12 existing facilities
    // + 3 proposals) equals the optimiser's covered.weight; without it, the optimiser's baseline.weight.
    const withScenario = runCli(['analyze', project, '--mode', 'network', '--minutes', '10', '--scenario', 'walk 10', '--json']).json;
    const existingOnly = runCli(['analyze', project, '--mode', 'network', '--minutes', '10', '--json']).json;
    expect(withScenario.facilities).toBe(15);
    expect(withScenario.elderly.covered).toBeCloseTo(r.covered.weight, 6);
    // analyze also counts covered cells with no older people; the optimiser counts weighted points only.
    expect(withScenario.cells.covered).toBeGreaterThanOrEqual(r.covered.count);
    expect(existingOnly.elderly.covered).toBeCloseTo(r.baseline.weight, 6);
    expect(r.covered.weight).toBeGreaterThan(r.baseline.weight);
    // Mean walking time of the covered older people, from the reach lists vs analyze's multi-source run.
    expect(r.meanCost).toBeCloseTo(withScenario.thresholds[0].meanMinutes.elderly, 9);
    expect(r.maxCost).toBeLessThanOrEqual(10);
  });

  it('each saved site adds coverage on its own (marginal gains > 0, largest first)', () => {
    const r = runCli(['optimize', project, '--problem', 'max-coverage', '--sites', '3', '--minutes', '10', '--speed-mps', '0.8', '--json']).json;
    expect(r.speedMps).toBe(0.8);
    expect(r.marginalGains.every((g: number) => g > 0)).toBe(true);
    expect(r.marginalGains).toEqual([...r.marginalGains].sort((a: number, b: number) => b - a));
    const slower = runCli(['analyze', project, '--mode', 'network', '--minutes', '10', '--speed-mps', '0.8', '--json']).json;
    expect(slower.elderly.covered).toBeCloseTo(r.baseline.weight, 6);
  });
});
