/**
 * `siting analyze` / `siting optimize` with a study area, through the real CLI on the Wuhan sample
 * (real WorldPop 60+ grid, the sample's illustrative facilities) with ILLUSTRATIVE boundary units
 * (tests/helpers/study_area_units.ts): `--study-area` limits the figures to the cells Turf finds
 * inside, the project's stored study area (the app's choice) applies without the flag, and
 * `--whole-project` overrides it; `optimize --save --lang zh` names the proposals after the area and
 * gives the scenario a readable Chinese name; basements are left out of layer candidates by default.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { setStudyArea } from '../../electron/services/study_area';
import { ProjectStore } from '../../electron/services/store/project_store';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { readGridCsv } from '../helpers/read_grid_csv';
import { runCli } from '../helpers/run_cli';
import { ILLUSTRATIVE_UNITS, illustrativeUnitsGeoJson } from '../helpers/study_area_units';

const DISTRICT = ILLUSTRATIVE_UNITS[0];
const EAST = ILLUSTRATIVE_UNITS[2];

/** Cells and older people inside a unit, read plainly from the grid CSV and tested with Turf. */
function insideCount(unit: (typeof ILLUSTRATIVE_UNITS)[number]): { cells: number; elderly: number } {
  const polygon = turf.feature(unit.geometry);
  let cells = 0, elderly = 0;
  for (const cell of readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'))) {
    if (!turf.booleanPointInPolygon([cell.lon, cell.lat], polygon)) continue;
    cells++;
    elderly += cell.pop60plus;
  }
  return { cells, elderly };
}

let path: string;
let dir: string;

beforeAll(() => {
  process.env.SITING_CONFIG_DIR = join(tempDir(), 'config');
  dir = tempDir();
  path = join(dir, 'study.gpkg');
  expect(runCli(['new', path, '--sample', 'wuhan-core']).status).toBe(0);
  expect(runCli(['import', path, 'facilities', join(SAMPLE_DIR, 'illustrative_facilities.csv')]).status).toBe(0);
  const units = join(dir, 'units.geojson');
  writeFileSync(units, illustrativeUnitsGeoJson());
  const imported = runCli(['import', path, 'boundaries', units, '--append', '--illustrative']);
  expect(imported.stderr).toBe('');
  expect(imported.status).toBe(0);
});

describe('siting analyze --study-area', () => {
  it('limits the figures to the cells whose centre lies inside, by name or id; the stored choice applies without the flag', () => {
    const district = insideCount(DISTRICT);
    const byName = runCli(['analyze', path, '--radius-m', '1000', '--gaps', '--study-area', DISTRICT.name, '--json']);
    expect(byName.status).toBe(0);
    expect(byName.json.studyArea).toMatchObject({ ids: ['test-district'], cellsInside: district.cells, cellsTotal: 24470 });
    expect(byName.json.elderly.total).toBeCloseTo(district.elderly, 3);
    expect(byName.json.cells.total).toBe(district.cells);
    expect(byName.json.gaps.uncoveredCells).toBe(district.cells - byName.json.cells.covered);
    const byId = runCli(['analyze', path, '--radius-m', '1000', '--study-area', 'test-district', '--json']);
    expect(byId.json.elderly).toEqual(byName.json.elderly);

    // Two areas: the union.
    const east = insideCount(EAST);
    const both = runCli(['analyze', path, '--radius-m', '1000', '--study-area', 'test-district,test-east', '--json']);
    expect(both.json.cells.total).toBe(district.cells + east.cells);

    // The project's own study area (as the app stores it) applies by default; --whole-project overrides it.
    const store = ProjectStore.open(path);
    try {
      setStudyArea(store, ['test-east']);
    } finally {
      store.close();
    }
    const stored = runCli(['analyze', path, '--radius-m', '1000', '--json']);
    expect(stored.json.studyArea.ids).toEqual(['test-east']);
    expect(stored.json.cells.total).toBe(east.cells);
    const whole = runCli(['analyze', path, '--radius-m', '1000', '--whole-project', '--json']);
    expect(whole.json.studyArea).toBeNull();
    expect(whole.json.cells.total).toBe(24470);
    const text = runCli(['analyze', path, '--radius-m', '1000']);
    expect(text.stdout).toContain(`study area ${EAST.name}: ${east.cells} of 24470 population cells (centre inside)`);
  });

  it('refuses an area the boundaries layer does not have (exit 2, the field named)', () => {
    const unknown = runCli(['analyze', path, '--study-area', '江汉区', '--json']);
    expect(unknown.status).toBe(2);
    expect(unknown.json.error.message).toMatch(/no area of the boundaries layer has the id or name "江汉区"/);
    expect(unknown.json.error.location).toEqual({ field: 'studyArea' });
    const both = runCli(['analyze', path, '--study-area', 'test-east', '--whole-project', '--json']);
    expect(both.status).toBe(2);
  });
});

describe('siting optimize --study-area', () => {
  it('puts the sites inside, names the proposals after the area and the scenario in Chinese with --save --lang zh', () => {
    const district = insideCount(DISTRICT);
    const r = runCli([
      'optimize', path, '--problem', 'max-coverage', '--sites', '2', '--radius-m', '800', '--candidates', 'grid', '--grid-m', '400',
      '--method', 'heuristic', '--study-area', 'test-district', '--save', '--lang', 'zh', '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.json.studyArea).toMatchObject({ ids: ['test-district'], cellsInside: district.cells });
    expect(r.json.demand.weight).toBeCloseTo(district.elderly, 3);
    const polygon = turf.feature(DISTRICT.geometry);
    for (const site of r.json.sites) expect(turf.booleanPointInPolygon([site.lon, site.lat], polygon)).toBe(true);
    expect(r.json.scenario.name).toMatch(/^最大覆盖 2 处 · \d{1,2}月\d{1,2}日 \d\d:\d\d$/);
    const exported = join(dir, 'proposals.geojson');
    expect(runCli(['export', path, '--layer', 'proposals', '--scenario', r.json.scenario.name, '--out', exported]).status).toBe(0);
    const proposals = JSON.parse(readFileSync(exported, 'utf8')).features as { properties: { name: string }; geometry: { coordinates: number[] } }[];
    expect(proposals).toHaveLength(2);
    for (const p of proposals) {
      // No roads in this project: the finest unit holding the site names it (the north street, or the district).
      const street = turf.booleanPointInPolygon(p.geometry.coordinates, turf.feature(ILLUSTRATIVE_UNITS[1].geometry));
      expect(p.properties.name).toMatch(new RegExp(`^${street ? '示意北街道' : '示意区'} \\(illustrative\\) 建议点 [12]$`));
    }
  });

  it('leaves basements of the candidates layer out by default and counts them; --min-floor-level none keeps them', () => {
    const candidates = join(dir, 'candidates.csv');
    // ILLUSTRATIVE candidate sites (made up, not real buildings).
    writeFileSync(
      candidates,
      ['id,name,lon,lat,floor_area_m2,floor_level', 'g,test ground (illustrative),114.24,30.56,400,1', 'b,test basement (illustrative),114.28,30.59,500,-1', 'u,test upper (illustrative),114.23,30.595,350,2'].join('\n'),
    );
    expect(runCli(['import', path, 'candidates', candidates]).status).toBe(0);
    const args = ['optimize', path, '--problem', 'max-coverage', '--sites', '1', '--radius-m', '800', '--method', 'heuristic', '--whole-project', '--max-floor-level', '2', '--json'];
    const ruled = runCli(args);
    expect(ruled.status).toBe(0);
    expect(ruled.json.candidates.excludedSites).toEqual([{ id: 'b', reason: 'floor-level-low' }]);
    const any = runCli([...args, '--min-floor-level', 'none']);
    expect(any.json.candidates.excludedSites).toEqual([]);
    expect(any.json.candidates.eligible).toBe(3);
  });
});
