/**
 * Issue 15, a planner's AutoNavi export: tests/data/autonavi_poi/wuhan_core_autonavi_poi.csv (the
 * sample's illustrative facility and care-room points shifted to GCJ-02, Chinese kinds, location
 * "lng,lat"; one kind no synonym knows, 老年活动室). Through the import service and the `siting`
 * CLI (one shared mapping function): the unknown value is refused with every unmapped value and its
 * count, a mapping imports it, the mapping is remembered in the project and applied next time, the
 * report counts rows per kind, positions come back to the sample's WGS84 points, and appending the
 * id-less list twice numbers the second after the first.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInputError, type InputError } from '../../shared/errors';
import { KIND_MAP_SETTING } from '../../shared/schemas/facility_kind_map';
import { importLayer } from '../../electron/services/import/import_into_project';
import { previewLayerFiles } from '../../electron/services/import/preview_layer_files';
import { ProjectStore } from '../../electron/services/store/project_store';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { testData } from '../helpers/test_data';

const POI = testData('autonavi_poi/wuhan_core_autonavi_poi.csv');

/** The sample's points in the CSV's row order, read here from the sample files (WGS84). */
function samplePoints(): [number, number][] {
  const read = (file: string) => {
    const [header, ...lines] = readFileSync(join(SAMPLE_DIR, file), 'utf8').trim().split('\n');
    const names = header.split(',');
    return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
  };
  return [
    ...read('illustrative_facilities.csv').map((r): [number, number] => [Number(r.lon), Number(r.lat)]),
    ...read('illustrative_estates.csv').map((r): [number, number] => [Number(r.care_lon || r.lon), Number(r.care_lat || r.lat)]),
  ];
}

/** The CSV's kind column, counted here (column 2, no quotes before it). */
function kindColumn(): string[] {
  return readFileSync(POI, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[1]);
}

let dir: string;
let store: ProjectStore;
beforeEach(() => {
  dir = tempDir('siting-kinds-');
  store = ProjectStore.create(join(dir, 'kinds.gpkg'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(run: () => Promise<unknown>): Promise<InputError> {
  try {
    await run();
  } catch (error) {
    if (isInputError(error)) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('facility-kind mapping through the import service', () => {
  it('refuses an unmapped value naming all of them with counts, and writes nothing', async () => {
    const error = await refusal(() => importLayer(store, 'facilities', { path: POI }, { crs: 'gcj02' }));
    expect(error.reason).toBe('facility_kind_unmapped');
    expect(error.params).toEqual({ values: '老年活动室 (1)', count: 1, rows: 1 });
    expect(error.location).toMatchObject({ file: 'wuhan_core_autonavi_poi.csv', field: '类型' });
    expect(store.countOf('facilities')).toBe(0);
  });

  it('imports with a mapping, counts rows per kind, remembers the mapping, and lands on the sample points', async () => {
    const report = await importLayer(store, 'facilities', { path: POI }, { crs: 'gcj02', kindMap: { 老年活动室: 'other' } });
    expect(report.imported).toBe(13);
    // rows per kind from the report equal an independent count of the kind column through the synonyms table below
    const expectedKind: Record<string, string> = {
      社区养老服务中心: 'community_station', 养老服务中心: 'community_station', 老年公寓: 'care_home', 助餐点: 'canteen', 长者饭堂: 'canteen',
      养老机构: 'care_home', 日间照料站: 'day_care', 敬老院: 'care_home', 福利院: 'care_home', 护理院: 'care_home', 社区卫生服务中心: 'health_station',
      老年活动室: 'other',
    };
    const perKind: Record<string, number> = {};
    for (const value of kindColumn()) perKind[expectedKind[value]] = (perKind[expectedKind[value]] ?? 0) + 1;
    const reported: Record<string, number> = {};
    for (const entry of report.kinds ?? []) reported[entry.kind as string] = (reported[entry.kind as string] ?? 0) + entry.count;
    expect(reported).toEqual(perKind);
    expect(report.kinds?.find((entry) => entry.value === '老年活动室')).toMatchObject({ count: 1, kind: 'other', source: 'map' });
    expect(store.getSetting(KIND_MAP_SETTING)).toEqual({ 老年活动室: 'other' });

    const stored = store.listFeatures('facilities').map((f) => f.properties as { id: string; kind: string; name: string });
    expect(stored.map((f) => f.kind)).toEqual(kindColumn().map((value) => expectedKind[value]));
    // GCJ-02 back to WGS84: the sample's points within the CSV's 6 decimals (≤ 5e-7°) plus the inverse's 1e-9°
    const points = samplePoints();
    const positions = store.listFeatures('facilities').map((f) => (f.geometry as unknown as { coordinates: [number, number] }).coordinates);
    expect(positions).toHaveLength(points.length);
    positions.forEach(([lon, lat], i) => {
      expect(Math.abs(lon - points[i][0])).toBeLessThan(1e-6);
      expect(Math.abs(lat - points[i][1])).toBeLessThan(1e-6);
    });
    // the raw GCJ-02 numbers are 300-600 m away: the conversion did happen
    const [rawLng] = readFileSync(POI, 'utf8').split('\n')[1].split('"')[1].split(',').map(Number);
    expect(Math.abs(rawLng - points[0][0])).toBeGreaterThan(0.003);
  });

  it('appends the id-less list twice: the second gets ids after the first, the remembered "skip" applies', async () => {
    await importLayer(store, 'facilities', { path: POI }, { crs: 'gcj02', kindMap: { 老年活动室: 'skip' } });
    expect(store.listFeatures('facilities').map((f) => f.properties.id)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    const second = await importLayer(store, 'facilities', { path: POI }, { crs: 'gcj02' });
    expect(second.imported).toBe(12);
    expect(second.skippedCount).toBe(1);
    expect(second.skipped).toEqual([expect.objectContaining({ count: 1, code: 'kind_skipped', params: { count: 1, values: '老年活动室' } })]);
    expect(second.kinds?.find((entry) => entry.value === '老年活动室')).toMatchObject({ kind: 'skip', source: 'remembered' });
    // rows 1..12 of the second file, numbered after the layer's largest id 12
    expect(store.listFeatures('facilities').map((f) => f.properties.id)).toEqual(Array.from({ length: 24 }, (_, i) => String(i + 1)));
  });

  it('a file whose own ids repeat is refused with a code naming both records', async () => {
    const file = join(dir, 'dup.csv');
    writeFileSync(file, 'id,name,kind,lon,lat\nA,甲,助餐点,114.27,30.59\nA,乙,敬老院,114.28,30.6\n');
    const error = await refusal(() => importLayer(store, 'facilities', { path: file }, {}));
    expect([error.reason, error.params]).toEqual(['import_duplicate_id', { id: 'A', first: 1, second: 2 }]);
  });

  it('the preview lists every value with its count and says why GCJ-02 is guessed', async () => {
    const preview = await previewLayerFiles('facilities', [{ name: 'wuhan_core_autonavi_poi.csv', bytes: readFileSync(POI) }], { kind: 'day_care' });
    const counts = new Map<string, number>();
    for (const value of kindColumn()) counts.set(value, (counts.get(value) ?? 0) + 1);
    expect(new Map(preview.kindValues?.map((entry) => [entry.value, entry.count]))).toEqual(counts);
    expect(preview.kindValues?.filter((entry) => entry.kind === null).map((entry) => entry.value)).toEqual(['老年活动室']);
    expect(preview.missing).toEqual([]);
    expect(preview.fields.find((field) => field.field === 'lonlat')?.column).toBe('location');
    expect(preview.crsSuggestions[0]).toMatchObject({ crs: 'GCJ02', confidence: 'high', reasonCode: 'offset_hint', reasonParams: { system: 'gcj02', evidence: 'autonavi_export' } });
  });
});

describe('siting import --kind-map', () => {
  it('refuses the unmapped value (exit 2), imports with the map file, and applies the remembered map next time', () => {
    const project = join(dir, 'cli.gpkg');
    expect(runCli(['new', project]).status).toBe(0);
    const refused = runCli(['import', project, 'facilities', POI, '--crs', 'gcj02', '--json']);
    expect(refused.status).toBe(2);
    expect(refused.json.error.message).toContain('"老年活动室" (1 row, first row 13)');
    const map = join(dir, 'kinds.json');
    writeFileSync(map, JSON.stringify({ 老年活动室: 'other' }));
    const run = runCli(['import', project, 'facilities', POI, '--crs', 'gcj02', '--kind-map', map, '--json']);
    expect(run.status).toBe(0);
    expect(run.json.imported).toBe(13);
    expect(run.json.kinds.find((entry: { value: string }) => entry.value === '老年活动室')).toMatchObject({ kind: 'other', source: 'map' });
    const again = runCli(['import', project, 'facilities', POI, '--crs', 'gcj02']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('老年活动室 (1) → other (remembered)');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ 老年活动室: 'restaurant' }));
    expect(runCli(['import', project, 'facilities', POI, '--kind-map', bad]).status).toBe(2);
  });
});
