/**
 * `siting analyze --mode network` through the real CLI and project file, compared with the engine run
 * directly on the same inputs read straight from the source files (roads from the GeoJSON, not from
 * the project): this checks that import, storage and the CLI hand the engine the same network.
 * The population grid here is a made-up test fixture (no real population exists for Gothenburg).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAccessibilityAnalysis } from '../../shared/engine/analysis/accessibility_analysis';
import { demandGridFromRecords } from '../../shared/engine/demand_grid';
import { roadsFromGeoJson } from '../../shared/engine/network/roads_from_geojson';
import { SHARED_DATA, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { gothenburgGrid, randomFacilities } from '../unit/engine_network/gothenburg_fixture';

const ROADS = join(SHARED_DATA, 'gothenburg_osm', 'gothenburg_ways.geojson');

describe('siting analyze --mode network on the Gothenburg walking network', () => {
  const dir = tempDir();
  const project = join(dir, 'gothenburg.gpkg');
  const { grid } = gothenburgGrid(250, 7);
  const facilities = randomFacilities(12, 3, 'dc').map((f) => ({ ...f, kind: 'day_care' }));

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

  it('gives the same figures per threshold as the engine on the source data', () => {
    const cli = runCli(['analyze', project, '--mode', 'network', '--minutes', '5,10,15', '--speed-mps', '0.8', '--capacity', '--gaps', '--json']);
    expect(cli.stderr).toBe('');
    const roads = roadsFromGeoJson(JSON.parse(readFileSync(ROADS, 'utf8'))).roads;
    const direct = runAccessibilityAnalysis(
      { grid: demandGridFromRecords(Array.from({ length: grid.count }, (_, i) => ({ lon: grid.lon[i], lat: grid.lat[i], population: grid.population[i], elderly: grid.elderly[i] }))), facilities, roads },
      { mode: 'network', minutes: [5, 10, 15], speedMps: 0.8, capacity: true, gaps: true },
    );
    const json = cli.json;
    expect(json.mode).toBe('network');
    expect(json.facilities).toBe(12);
    expect(json.thresholds).toHaveLength(3);
    for (let t = 0; t < 3; t++) {
      expect(json.thresholds[t].cells.covered).toBe(direct.thresholds[t].cells.covered);
      expect(json.thresholds[t].elderly.covered).toBeCloseTo(direct.thresholds[t].elderly.covered, 6);
      expect(json.thresholds[t].meanMinutes.elderly).toBeCloseTo(direct.thresholds[t].meanMinutes!.elderly!, 9);
    }
    // the foundation's fields describe the largest threshold (15 min)
    expect(json.elderly.covered).toBeCloseTo(direct.thresholds[2].elderly.covered, 6);
    expect(json.thresholds[0].cells.covered).toBeLessThan(json.thresholds[2].cells.covered);
    expect(json.unreachable.cells).toBe(direct.unreachable!.cells);
    expect(json.network.ways).toBe(direct.network!.ways);
    expect(json.capacity.totals.served).toBeCloseTo(direct.capacity!.totals.served, 6);
    expect(json.gaps.areas[0].elderly).toBeCloseTo(direct.gaps!.areas[0].elderly, 6);
  });

  it('refuses network mode without roads, naming the layer', () => {
    const empty = join(dir, 'empty.gpkg');
    runCli(['new', empty]);
    const result = runCli(['analyze', empty, '--mode', 'network', '--json']);
    expect(result.status).toBe(2);
    expect(result.json.error.message).toMatch(/roads layer/);
  });
});
