/**
 * `siting analyze --mode network` through the real CLI and project file, compared with the engine run
 * directly on the same inputs read straight from the source files (roads from the GeoJSON, not from
 * the project): this checks that import, storage and the CLI hand the engine the same network.
 * The population grid here is a made-up test fixture (no real population exists for Gothenburg).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAccessibilityAnalysis } from '../../shared/engine/analysis/accessibility_analysis';
import { demandGridFromRecords } from '../../shared/engine/demand_grid';
import { roadsFromGeoJson } from '../../shared/engine/network/roads_from_geojson';
import { tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { gothenburgGrid, randomFacilities } from '../unit/engine_network/gothenburg_fixture';
import { OGR_SKIP, OGRINFO } from '../unit/engine_network/ogr_validity';
import { testData } from '../helpers/test_data';

const ROADS = testData('gothenburg_osm/gothenburg_ways.geojson');

describe('siting analyze --mode network on the Gothenburg walking network', () => {
  const dir = tempDir();
  const project = join(dir, 'gothenburg.gpkg');
  const { grid } = gothenburgGrid(250, 7);
  const facilities = randomFacilities(12, 3, 'dc').map((f) => ({ ...f, kind: 'day_care' }));
  const engineGrid = demandGridFromRecords(Array.from({ length: grid.count }, (_, i) => ({ lon: grid.lon[i], lat: grid.lat[i], population: grid.population[i], elderly: grid.elderly[i] })));
  let roads: ReturnType<typeof roadsFromGeoJson>['roads'];
  const direct = (options: Omit<Parameters<typeof runAccessibilityAnalysis>[1], 'mode'>) =>
    runAccessibilityAnalysis({ grid: engineGrid, facilities, roads }, { mode: 'network', ...options });

  beforeAll(() => {
    expect(runCli(['new', project]).status).toBe(0);
    const cells = ['cell_id,lon,lat,population,elderly'];
    for (let i = 0; i < grid.count; i++) cells.push(`${i},${grid.lon[i]},${grid.lat[i]},${grid.population[i]},${grid.elderly[i]}`);
    writeFileSync(join(dir, 'cells.csv'), cells.join('\n'));
    writeFileSync(join(dir, 'facilities.csv'), ['id,name,kind,lon,lat,capacity', ...facilities.map((f) => `${f.id},${f.id},day_care,${f.lon},${f.lat},${f.capacity}`)].join('\n'));
    expect(runCli(['import', project, 'roads', ROADS]).status).toBe(0);
    expect(runCli(['import', project, 'population', join(dir, 'cells.csv')]).status).toBe(0);
    expect(runCli(['import', project, 'facilities', join(dir, 'facilities.csv')]).status).toBe(0);
    roads = roadsFromGeoJson(JSON.parse(readFileSync(ROADS, 'utf8'))).roads;
  });

  it('gives the same figures per threshold as the engine on the source data', () => {
    const cli = runCli(['analyze', project, '--mode', 'network', '--minutes', '5,10,15', '--speed-mps', '0.8', '--capacity', '--gaps', '--json']);
    expect(cli.stderr).toBe('');
    const engine = direct({ minutes: [5, 10, 15], speedMps: 0.8, capacity: true, gaps: true });
    const json = cli.json;
    expect(json.mode).toBe('network');
    expect(json.facilities).toBe(12);
    expect(json.thresholds).toHaveLength(3);
    for (let t = 0; t < 3; t++) {
      expect(json.thresholds[t].cells.covered).toBe(engine.thresholds[t].cells.covered);
      expect(json.thresholds[t].elderly.covered).toBeCloseTo(engine.thresholds[t].elderly.covered, 6);
      expect(json.thresholds[t].meanMinutes.elderly).toBeCloseTo(engine.thresholds[t].meanMinutes!.elderly!, 9);
    }
    // the foundation's fields describe the largest threshold (15 min)
    expect(json.elderly.covered).toBeCloseTo(engine.thresholds[2].elderly.covered, 6);
    expect(json.thresholds[0].cells.covered).toBeLessThan(json.thresholds[2].cells.covered);
    expect(json.unreachable.cells).toBe(engine.unreachable!.cells);
    expect(json.network.ways).toBe(engine.network!.ways);
    expect(json.capacity.totals.served).toBeCloseTo(engine.capacity!.totals.served, 6);
    expect(json.gaps.areas[0].elderly).toBeCloseTo(engine.gaps!.areas[0].elderly, 6);
    // The unreachable split by why, and the walking time of everyone (searched up to 30 minutes).
    for (const part of ['offNetwork', 'noPath', 'beyondLimit'] as const) {
      expect(json.unreachable[part].cells).toBe(engine.unreachable![part].cells);
      expect(json.unreachable[part].elderly).toBeCloseTo(engine.unreachable![part].elderly, 6);
    }
    expect(json.unreachable.cells).toBe(json.unreachable.offNetwork.cells + json.unreachable.noPath.cells + json.unreachable.beyondLimit.cells);
    expect(json.unreachable.beyondLimit.cells).toBeGreaterThan(0);
    expect(json.travelTime).toEqual(engine.travelTime);
    expect(json.travelTime.horizonMinutes).toBe(30);
    // Per facility: the unserved whose nearest facility it is, adding up to the total.
    json.capacity.facilities.forEach((f: { id: string; unservedWithinReach: number }, k: number) => {
      expect(f.unservedWithinReach).toBeCloseTo(engine.capacity!.facilities[k].unservedWithinReach, 9);
    });
    const unserved = json.capacity.facilities.reduce((s: number, f: { unservedWithinReach: number }) => s + f.unservedWithinReach, 0);
    expect(unserved).toBeCloseTo(json.capacity.totals.unservedWithinReach, 6);
    expect(json.capacity.totals.facilitiesWithoutCapacity).toBe(0);
    // Facilities in the sea: listed in the network section and warned about.
    const off = engine.network!.facilitiesOffNetwork!;
    expect(off.length).toBeGreaterThan(0);
    expect(json.network.facilitiesOffNetwork).toEqual(off);
    expect(json.warnings).toEqual([`${off.length} of 12 facilities lie farther than 300 m from every walkable way and reach nobody: ${off.join(', ')}`]);
  });

  it('prints the warnings on stderr without --json, and the walking-time line', () => {
    const cli = runCli(['analyze', project, '--mode', 'network', '--minutes', '15']);
    expect(cli.status).toBe(0);
    const off = direct({ minutes: [15] }).network!.facilitiesOffNetwork!;
    expect(cli.stderr).toBe(`siting: warning: ${off.length} of 12 facilities lie farther than 300 m from every walkable way and reach nobody: ${off.join(', ')}\n`);
    expect(cli.stdout).toMatch(/walking time of all older people to the nearest facility \(searched up to 30 min\): /);
    expect(cli.stdout).toMatch(/not covered at 15 min: \d+ cells, .* off the network \d+ cells, .* no path to a facility \d+ cells, .* slower than 15 min \d+ cells/);
  });

  it('takes network distances, a steps factor and a statistics horizon, as the engine does', () => {
    const cli = runCli(['analyze', project, '--network-m', 'life-circles', '--steps-factor', '3', '--stats-horizon-factor', '1.5', '--json']);
    expect(cli.status).toBe(0);
    const engine = direct({ networkM: [300, 500, 1000], stepsFactor: 3, statisticsHorizonFactor: 1.5 });
    const json = cli.json;
    expect(json).toMatchObject({ mode: 'network', minutes: null, networkM: 1000, network: { stepsFactor: 3 } });
    expect(json.thresholds.map((t: { label: string; networkM: number }) => [t.label, t.networkM])).toEqual([['300 m', 300], ['500 m', 500], ['1000 m', 1000]]);
    for (let t = 0; t < 3; t++) {
      expect(json.thresholds[t].cells.covered).toBe(engine.thresholds[t].cells.covered);
      expect(json.thresholds[t].elderly.covered).toBeCloseTo(engine.thresholds[t].elderly.covered, 6);
    }
    expect(json.travelTime.horizonMinutes).toBeCloseTo(1500 / 60, 12);
    // Steeper steps never cover more than the default factor 2.
    const listed = runCli(['analyze', project, '--network-m', '300,500,1000', '--json']).json;
    expect(listed.thresholds[2].cells.covered).toBeGreaterThanOrEqual(json.thresholds[2].cells.covered);
    expect(listed.network.stepsFactor).toBe(2);
  });

  it('writes merged and per-facility service areas as GeoJSON that GDAL reads', () => {
    const out = join(dir, 'areas.geojson');
    const cli = runCli(['analyze', project, '--minutes', '5,10', '--service-areas-out', out, '--per-facility', '--json']);
    expect(cli.status).toBe(0);
    const engine = direct({ minutes: [5, 10], serviceAreas: { perFacility: true } });
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.type).toBe('FeatureCollection');
    expect(written.features).toHaveLength(engine.serviceAreas!.features.length);
    expect(cli.json.serviceAreas).toEqual({ out, features: written.features.length });
    const merged = written.features.filter((f: { properties: { facilityId: string | null } }) => f.properties.facilityId === null);
    expect(merged.map((f: { properties: object }) => f.properties)).toEqual([
      { facilityId: null, label: '5 min', minutes: 5, radiusM: null, networkM: null, limitM: 300 },
      { facilityId: null, label: '10 min', minutes: 10, radiusM: null, networkM: null, limitM: 600 },
    ]);
    const reaching = 12 - cli.json.network.facilitiesOffNetwork.length;
    expect(written.features.length).toBe(2 + 2 * reaching);
    for (const f of written.features) {
      expect(f.geometry.type).toBe('MultiPolygon');
      for (const polygon of f.geometry.coordinates) for (const ring of polygon) expect(ring[0]).toEqual(ring.at(-1));
    }
    if (OGRINFO) {
      const info = execFileSync(OGRINFO, ['-ro', '-so', '-al', out], { encoding: 'utf8' });
      expect(info).toMatch(/Geometry: Multi Polygon/);
      expect(Number(/Feature Count: (\d+)/.exec(info)![1])).toBe(written.features.length);
    } else console.warn(`GDAL check of the service areas ${OGR_SKIP}`);
  });

  it('rejects options of other commands and of the other mode, naming them (exit 2)', () => {
    const radius = runCli(['analyze', project, '--mode', 'network', '--radius', '300', '--json']);
    expect(radius.status).toBe(2);
    expect(radius.json.error.message).toMatch(/--radius is not an option of siting analyze/);
    const steps = runCli(['analyze', project, '--radius-m', '500', '--steps-factor', '3']);
    expect(steps.status).toBe(2);
    expect(steps.stderr).toMatch(/--steps-factor is for --mode network/);
    expect(runCli(['analyze', project, '--mode', 'network', '--steps-factor', '0.5']).stderr).toMatch(/--steps-factor must be a multiplier in \[1, 10\]/);
    expect(runCli(['analyze', project, '--minutes', '15', '--network-m', '1000']).stderr).toMatch(/--minutes\) or network distances \(--network-m\), not both/);
    expect(runCli(['analyze', project, '--per-facility']).status).toBe(2);
  });

  it('refuses network mode without roads, naming the layer', () => {
    const empty = join(dir, 'empty.gpkg');
    runCli(['new', empty]);
    const result = runCli(['analyze', empty, '--mode', 'network', '--json']);
    expect(result.status).toBe(2);
    expect(result.json.error.message).toMatch(/roads layer/);
  });
});
