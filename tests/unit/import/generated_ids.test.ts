/**
 * Ids of rows without one (issue 15): the row number (features: the 0-based index) in a new layer;
 * appended to a layer with whole-number ids, numbered after the largest of them, so a second id-less
 * list never collides. The largest whole-number id ignores ids that are not whole numbers.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importLayer } from '../../../electron/services/import/import_into_project';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { tempDir } from '../../helpers/paths';
import { testData } from './import_test_paths';

const DISTRICTS = 'shenzhen/shenzhen_districts_transbigdata.geojson';
const csv = (text: string) => new TextEncoder().encode(text);

let dir: string;
let store: ProjectStore;
beforeEach(() => {
  dir = tempDir('siting-ids-');
  store = ProjectStore.create(join(dir, 'ids.gpkg'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('generated ids', () => {
  it('CSV rows: base + data row number (blank rows keep their number); explicit ids stay', async () => {
    const text = 'id,name,kind,lon,lat\n,甲,助餐点,114.27,30.59\n\nB-1,乙,敬老院,114.28,30.6\n,丙,护理院,114.29,30.61\n';
    expect((await parseLayerFile('facilities', 'f.csv', csv(text), {})).records.map((r) => r.id)).toEqual(['1', 'B-1', '4']);
    expect((await parseLayerFile('facilities', 'f.csv', csv(text), { generatedIdBase: 40 })).records.map((r) => r.id)).toEqual(['41', 'B-1', '44']);
  });

  it('features: the 0-based index in a new layer, base + 1 + index after whole-number ids', async () => {
    const bytes = new Uint8Array(readFileSync(testData(DISTRICTS)));
    const fresh = await parseLayerFile('boundaries', 'd.geojson', bytes, {});
    expect(fresh.records.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => String(i)));
    const after = await parseLayerFile('boundaries', 'd.geojson', bytes, { generatedIdBase: 9 });
    expect(after.records.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => String(10 + i)));
  });

  it('the largest whole-number id of a layer ignores other ids; appending the same id-less districts twice works', async () => {
    expect(store.largestWholeNumberId('boundaries')).toBe(0);
    await importLayer(store, 'boundaries', { path: testData(DISTRICTS) }, {});
    expect(store.largestWholeNumberId('boundaries')).toBe(9);
    await importLayer(store, 'boundaries', { path: testData(DISTRICTS) }, {});
    expect(store.largestWholeNumberId('boundaries')).toBe(19);
    expect(store.countOf('boundaries')).toBe(20);
    const path = join(dir, 'mixed.csv');
    writeFileSync(path, 'id,name,kind,lon,lat\nA12,甲,助餐点,114.27,30.59\n007,乙,敬老院,114.28,30.6\n3x,丙,护理院,114.29,30.61\n');
    await importLayer(store, 'facilities', { path }, {});
    expect(store.largestWholeNumberId('facilities')).toBe(7);
    // a replace starts the numbering again: the layer's old ids are gone
    await importLayer(store, 'facilities', { path: testData('autonavi_poi/wuhan_core_autonavi_poi.csv') }, { replace: true, crs: 'gcj02', kindMap: { 老年活动室: 'other' } });
    expect(store.listFeatures('facilities').map((f) => f.properties.id)).toEqual(Array.from({ length: 13 }, (_, i) => String(i + 1)));
  });
});
