/**
 * The estate review sheet's content (shared/usecases/review_sheet.ts, through the host's
 * review_sheet.ts) on the Wuhan sample with the illustrative estates and facilities: the conclusion is
 * the verdict `siting review --json` gives, the floor-area figures and shortfall are computed here from
 * the CSV, the nearest health station's distance is a haversine computed here, the service-radius
 * circle is there exactly when the preset has the rule, and the map's page geometry keeps distances
 * at its round scale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewSheetOf } from '../../../electron/services/rules/review_sheet';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { PRESETS } from '../../../shared/rules/presets';
import type { ReviewSheet } from '../../../shared/usecases/review_sheet';
import { layoutSheetMap } from '../../../shared/usecases/review_sheet_map';
import { fillSheetText, REVIEW_SHEET_TEXT } from '../../../shared/usecases/review_sheet_text';
import { SAMPLE_DIR, tempDir } from '../../helpers/paths';
import { runCli } from '../../helpers/run_cli';

const ESTATES_CSV = join(SAMPLE_DIR, 'illustrative_estates.csv');
const FACILITIES_CSV = join(SAMPLE_DIR, 'illustrative_facilities.csv');
const FLOOR_AREA = 'care_floor_area_per_100_households';

/** The CSV's rows by column name (the columns read here carry no quoted commas). */
function csvRows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n').map((line) => line.split(','));
  return lines.map((cells) => Object.fromEntries(header.map((name, k) => [name, cells[k] ?? ''])));
}
const ESTATES = csvRows(ESTATES_CSV);
const STATIONS = csvRows(FACILITIES_CSV).filter((row) => row.kind === 'health_station');
const number = (text: string) => (text === '' ? null : Number(text));

/** Great-circle distance on the 6,371,008.8 m sphere, written out here. */
function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

let path: string;
let store: ProjectStore;

beforeAll(() => {
  process.env.SITING_CONFIG_DIR = join(tempDir(), 'config');
  path = join(tempDir(), 'sheet.gpkg');
  expect(runCli(['new', path, '--sample', 'wuhan-core']).status).toBe(0);
  expect(runCli(['import', path, 'facilities', FACILITIES_CSV]).status).toBe(0);
  expect(runCli(['import', path, 'estates', ESTATES_CSV]).status).toBe(0);
  store = ProjectStore.open(path);
}, 120_000);

afterAll(() => store?.close());

describe('the review sheet of every illustrative estate', () => {
  it('has the sample to test with: estates, one health station, no roads (straight-line distances)', () => {
    expect(ESTATES).toHaveLength(8);
    expect(STATIONS).toHaveLength(1);
    expect(store.countOf('roads')).toBe(0);
  });

  for (const presetId of ['nanhai', 'chishui', 'doumen'] as const) {
    it(`${presetId}: conclusion = the CLI's verdict; floor area, shortfall and station distance computed from the CSV`, () => {
      const preset = PRESETS[presetId];
      const cli = runCli(['review', path, '--preset', presetId, '--json']);
      expect(cli.status, cli.stderr).toBe(0);
      const station = STATIONS[0];
      for (const row of ESTATES) {
        const sheet = reviewSheetOf(store, { estate: row.id, preset: presetId });
        const verdict = (cli.json.estates as { id: string; verdict: string }[]).find((estate) => estate.id === row.id)?.verdict;
        expect(sheet.conclusion.verdict, row.id).toBe(verdict);
        expect(sheet.header).toMatchObject({ estate: { id: row.id, name: row.name }, type: row.estate_type, preset: { id: presetId, version: preset.version } });
        // The conclusion lists exactly the failing and the not-checkable rules.
        expect(sheet.conclusion.failing).toEqual(sheet.rules.filter((rule) => rule.verdict === 'fail').map((rule) => rule.id));
        expect(sheet.conclusion.missing.map((item) => item.rule)).toEqual(sheet.rules.filter((rule) => rule.verdict === 'not_checkable').map((rule) => rule.id));
        expect(sheet.conclusion.verdict === 'non_compliant').toBe(sheet.conclusion.failing.length > 0);
        expect(sheet.rules.map((rule) => rule.id)).toEqual(preset.rules.filter((rule) => rule.kind === 'estate').map((rule) => rule.id));
        for (const rule of sheet.rules) {
          expect(rule.source.document.length, rule.id).toBeGreaterThan(0);
          expect(rule.source.clause.length, rule.id).toBeGreaterThan(0);
        }

        // Households: stated, or residential floor area ÷ average unit size (estimated).
        const stated = number(row.households);
        const households = stated ?? (number(row.residential_floor_area_m2) ?? NaN) / (number(row.average_unit_m2) ?? NaN);
        expect(sheet.inputs.householdsEstimated, row.id).toBe(stated === null);
        expect(sheet.inputs.households, row.id).toBeCloseTo(households, 9);
        const area = number(row.care_floor_area_m2);
        expect(sheet.inputs.careFloorAreaM2).toBe(area);

        const floor = sheet.rules.find((rule) => rule.id === FLOOR_AREA);
        const rule = preset.rules.find((r) => r.id === FLOOR_AREA);
        if (floor && rule?.check === FLOOR_AREA && area !== null) {
          const rate = rule.m2Per100Households[row.estate_type as 'new' | 'old' | 'renewal'];
          if (rate === null) {
            expect(floor.verdict).toBe('not_applicable');
          } else {
            const required = (households / 100) * rate;
            expect(floor.required, row.id).toBeCloseTo(required, 9);
            expect(floor.provided, row.id).toBe(area);
            expect(floor.verdict, row.id).toBe(area >= required - 1e-9 ? 'pass' : 'fail');
            if (floor.verdict === 'fail') expect(floor.shortfall, row.id).toBeCloseTo(required - area, 9);
            else expect(floor.shortfall).toBeNull();
          }
        }
        const minSite = sheet.rules.find((r) => r.check === 'min_site_floor_area');
        const minRule = preset.rules.find((r) => r.check === 'min_site_floor_area');
        if (minSite && minRule?.check === 'min_site_floor_area' && area !== null && minSite.verdict === 'fail') {
          expect(minSite.shortfall).toBeCloseTo(minRule.minFloorAreaM2 - area, 9);
        }

        // The nearest health station: the sample's one, at the haversine distance from the care room.
        const roomLon = number(row.care_lon);
        const roomLat = number(row.care_lat);
        if (roomLon === null || roomLat === null) {
          expect(sheet.inputs.healthStation, row.id).toBeNull();
          expect(sheet.map.station).toBeNull();
        } else {
          const distance = haversine(roomLon, roomLat, Number(station.lon), Number(station.lat));
          expect(sheet.inputs.healthStation, row.id).toMatchObject({ id: station.id, name: station.name, lon: Number(station.lon), lat: Number(station.lat), method: 'straight_line', room: 0 });
          expect(sheet.inputs.healthStation?.distanceM).toBeCloseTo(distance, 6);
          expect(sheet.map.careRooms).toEqual([{ number: 1, lon: roomLon, lat: roomLat }]);
        }
        // The estate's point (the sample's estates are points).
        expect(sheet.map.point).toEqual([Number(row.lon), Number(row.lat)]);

        // The service-radius circle: chishui's 700 m around each placed room; the other presets have no such rule.
        if (presetId === 'chishui' && roomLon !== null && roomLat !== null) expect(sheet.map.radius).toEqual({ rule: 'service_radius', radiusM: 700, centres: [[roomLon, roomLat]] });
        else expect(sheet.map.radius).toBeNull();
        expect(sheet.signatures).toEqual(['reviewer', 'approver', 'date']);
      }
    });
  }

  it('dates the sheet by the stored review when the project holds the same one, else says it is not stored', () => {
    const fresh = join(tempDir(), 'fresh.gpkg');
    expect(runCli(['new', fresh, '--sample', 'wuhan-core']).status).toBe(0);
    expect(runCli(['import', fresh, 'estates', ESTATES_CSV]).status).toBe(0);
    const other = ProjectStore.open(fresh);
    try {
      const before = reviewSheetOf(other, { estate: 'demo-E2', preset: 'chishui' }, () => new Date('2026-01-02T03:04:05.000Z'));
      expect([before.header.stored, before.header.reviewedAt]).toEqual([false, '2026-01-02T03:04:05.000Z']);
      expect(runCli(['review', fresh, '--preset', 'chishui', '--estate', 'demo-E2']).status).toBe(0);
      const stored = other.estateReviews.list().filter((row) => row.estateId === 'demo-E2').at(-1);
      const after = reviewSheetOf(other, { estate: 'demo-E2', preset: 'chishui' });
      expect([after.header.stored, after.header.reviewedAt]).toEqual([true, stored?.reviewedAt]);
      // Another preset's stored review does not date this one.
      expect(reviewSheetOf(other, { estate: 'demo-E2', preset: 'nanhai' }).header.stored).toBe(false);
    } finally {
      other.close();
    }
  });

  it('refuses an unknown estate naming it', () => {
    expect(() => reviewSheetOf(store, { estate: 'no-such-estate', preset: 'nanhai' })).toThrow(expect.objectContaining({ reason: 'unknown_estate' }));
  });
});

describe('the nearest health station along the walking network', () => {
  it('names the station the walk reaches first, not the one nearest in a straight line across a gap', () => {
    const dir = tempDir();
    const project = join(dir, 'streets.gpkg');
    // An L of footways (west–east along 30.55, then north along 114.31) and a short street of its own, not joined to them.
    const [p0, p1, p2] = [[114.3, 30.55], [114.31, 30.55], [114.31, 30.56]];
    const line = (id: string, coordinates: number[][]) => ({ type: 'Feature', properties: { id, highway: 'footway' }, geometry: { type: 'LineString', coordinates } });
    writeFileSync(join(dir, 'roads.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [line('w1', [p0, p1]), line('w2', [p1, p2]), line('w3', [[114.299, 30.553], [114.301, 30.553]])] }));
    // d1 is on the detached street, ≈ 380 m from the room; h2 on the L's north leg, ≈ 1 km; h1 at its north end.
    const room = [114.3, 30.5498];
    const stations = { h1: [114.3098, 30.56], h2: [114.3102, 30.552], d1: [114.3, 30.5532] };
    writeFileSync(join(dir, 'stations.csv'), ['id,name,kind,lon,lat', ...Object.entries(stations).map(([id, [lon, lat]]) => `${id},示意卫生服务站 ${id} (illustrative),health_station,${lon},${lat}`)].join('\n') + '\n');
    writeFileSync(join(dir, 'estates.csv'), `id,name,estate_type,households,care_floor_area_m2,care_floor_level,care_basement,care_lon,care_lat,lon,lat\ne1,示意小区 (illustrative),new,1500,300,1,0,${room[0]},${room[1]},114.3001,30.5497\n`);
    expect(runCli(['new', project]).status).toBe(0);
    for (const [layer, file] of [['roads', 'roads.geojson'], ['facilities', 'stations.csv'], ['estates', 'estates.csv']]) {
      const run = runCli(['import', project, layer, join(dir, file)]);
      expect(run.status, run.stderr).toBe(0);
    }
    const cli = runCli(['review', project, '--preset', 'doumen', '--json']);
    expect(cli.status, cli.stderr).toBe(0);
    const check = cli.json.estates[0].checks.find((c: { rule: string }) => c.rule === 'near_health_station');
    const streets = ProjectStore.open(project);
    try {
      const sheet = reviewSheetOf(streets, { estate: 'e1', preset: 'doumen' });
      expect(sheet.inputs.healthStation).toMatchObject({ id: 'h2', name: '示意卫生服务站 h2 (illustrative)', lon: stations.h2[0], lat: stations.h2[1], method: 'network', room: 0 });
      expect(sheet.inputs.healthStation?.distanceM).toBeCloseTo(check.provided, 6);
      expect(check.method).toBe('network');
      // In a straight line d1 is the nearer one: the choice is the network's.
      expect(haversine(room[0], room[1], stations.d1[0], stations.d1[1])).toBeLessThan(haversine(room[0], room[1], stations.h2[0], stations.h2[1]) / 2);
      expect(sheet.map.station?.id).toBe('h2');
    } finally {
      streets.close();
    }
  });
});

describe('the location map on paper', () => {
  let sheet: ReviewSheet;
  beforeAll(() => {
    sheet = reviewSheetOf(store, { estate: 'demo-E2', preset: 'chishui' });
  });

  it('fits estate, room, station and the 700 m circle at a round scale, distances kept', () => {
    const layout = layoutSheetMap(sheet.map, 182, 90);
    // The 1,400 m circle (the station lies inside it) in 90 − 2 × 4 mm of height needs 1:17,073; the next round scale is 1:20,000.
    expect(layout.scaleDenominator).toBe(20_000);
    const inside = (x: number, y: number, r = 0) => x - r >= -1e-9 && y - r >= -1e-9 && x + r <= 182 + 1e-9 && y + r <= 90 + 1e-9;
    for (const circle of layout.circles) expect(inside(circle.x, circle.y, circle.radiusMm)).toBe(true);
    expect(layout.circles[0].radiusMm).toBeCloseTo((700 * 1000) / layout.scaleDenominator, 9);
    expect(inside(...(layout.point ?? [-1, -1]))).toBe(true);
    // The room-to-station line on paper, back in metres at the map's scale, is the haversine distance (within 0.1 %).
    const link = layout.link;
    expect(link).not.toBeNull();
    const mm = Math.hypot(link!.to[0] - link!.from[0], link!.to[1] - link!.from[1]);
    const station = sheet.map.station!;
    const room = sheet.map.careRooms[0];
    expect((mm * layout.scaleDenominator) / 1000).toBeCloseTo(haversine(room.lon, room.lat, station.lon, station.lat), -1);
    expect(Math.abs((mm * layout.scaleDenominator) / 1000 / station.distanceM - 1)).toBeLessThan(1e-3);
    // North up: the station lies south-east of the room, so right of it and lower on the page.
    expect(link!.to[0]).toBeGreaterThan(link!.from[0]);
    expect(link!.to[1]).toBeGreaterThan(link!.from[1]);
    // The scale bar: a round length in metres, drawn at the map's scale, at most 30 mm.
    const barMantissa = layout.scaleBar.lengthM / 10 ** Math.floor(Math.log10(layout.scaleBar.lengthM));
    expect([1, 2, 5]).toContain(barMantissa);
    expect(layout.scaleBar.lengthMm).toBeCloseTo((layout.scaleBar.lengthM * 1000) / layout.scaleDenominator, 9);
    expect(layout.scaleBar.lengthMm).toBeLessThanOrEqual(30);
    expect(layout.scaleBar.lengthMm).toBeGreaterThan(12);
  });
});

describe('the sheet texts', () => {
  it('has the same keys in zh and en and fills placeholders', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${key}.`)) : [prefix];
    expect(keys(REVIEW_SHEET_TEXT.zh)).toEqual(keys(REVIEW_SHEET_TEXT.en));
    expect(REVIEW_SHEET_TEXT.zh.title).toBe('新建住宅小区养老服务设施配建审查意见表');
    expect(fillSheetText(REVIEW_SHEET_TEXT.zh.map.scale, { denominator: '5,000' })).toBe('比例尺 1:5,000');
  });
});
