/**
 * Where each parsed record came from travels as a value, ParsedLayer.origins (aligned with the
 * records), which the import hands to the store's write: a record that clashes with the project is
 * named by its file and its own row or feature. The records carry nothing else: written without
 * origins, the same records are named by their position in the write.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInputError, type InputError } from '../../../shared/errors';
import { importLayer } from '../../../electron/services/import/import_into_project';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { tempDir } from '../../helpers/paths';
import { readTestData, rejection, testData } from './import_test_paths';

const DISTRICTS = 'shenzhen/shenzhen_districts_transbigdata.geojson';
const FACILITIES = 'wuhan/illustrative_facilities.csv';
const RASTER = 'wuhan/wuhan_core_pop60plus_100m.tif';

let dir: string;
let store: ProjectStore;
beforeEach(() => {
  dir = tempDir('siting-origins-');
  store = ProjectStore.create(join(dir, 'origins.gpkg'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function clash(write: () => unknown): Promise<InputError> {
  const error = await rejection(Promise.resolve().then(write));
  expect(isInputError(error)).toBe(true);
  return error as InputError;
}

describe('ParsedLayer.origins', () => {
  it('GeoJSON: one origin per record, the feature index in the file; a clash names the feature', async () => {
    const parsed = await parseLayerFile('boundaries', 'districts.geojson', readTestData(DISTRICTS), {});
    expect(parsed.records).toHaveLength(10);
    expect(parsed.origins).toEqual(parsed.records.map((_, i) => ({ file: 'districts.geojson', feature: i })));

    // the district names as ids (issue 15: features without ids are numbered after the layer's, so only given ids clash)
    await importLayer(store, 'boundaries', { path: testData(DISTRICTS) }, { map: { id: 'qh' } });
    const again = await clash(() => importLayer(store, 'boundaries', { path: testData(DISTRICTS) }, { map: { id: 'qh' } }));
    expect(again.message).toBe(
      'shenzhen_districts_transbigdata.geojson, feature 0, field id: id "罗湖" already exists in layer boundaries; use --replace to replace the layer, or give the record another id',
    );
    expect(again.location).toEqual({ file: 'shenzhen_districts_transbigdata.geojson', feature: 0, field: 'id' });
    expect([again.reason, again.params]).toEqual(['feature_id_exists', { id: '罗湖', layer: 'boundaries' }]);
  });

  it('CSV: the data row, blank rows counted; the same records written without their origins are named by position', async () => {
    await importLayer(store, 'facilities', { path: testData(FACILITIES) }, {});
    // data row 1 is blank, row 2 is new, row 3 repeats demo-2 (the write's 2nd record)
    const csv = 'id,name,kind,lon,lat\n,,,,\nN-1,新日间照料中心,day_care,114.31,30.61\ndemo-2,重复的编号,day_care,114.32,30.62\n';
    const parsed = await parseLayerFile('facilities', 'more.csv', new TextEncoder().encode(csv), {});
    expect(parsed.records.map((r) => r.id)).toEqual(['N-1', 'demo-2']);
    expect(parsed.origins).toEqual([
      { file: 'more.csv', row: 2 },
      { file: 'more.csv', row: 3 },
    ]);
    const before = store.counts().facilities;

    const located = await clash(() => store.writeLayer('facilities', parsed.records, { origins: parsed.origins }));
    expect(located.message).toBe(
      'more.csv, row 3, field id: id "demo-2" already exists in layer facilities; use --replace to replace the layer, or give the record another id [row = 1-based data row after the header]',
    );
    expect(located.location).toEqual({ file: 'more.csv', row: 3, field: 'id' });

    const positional = await clash(() => store.writeLayer('facilities', parsed.records, { details: { file: 'more.csv' } }));
    expect(positional.message).toBe(
      'more.csv, row 2, field id: id "demo-2" already exists in layer facilities; use --replace to replace the layer, or give the record another id',
    );
    expect(store.counts().facilities).toBe(before);
  });

  it('GeoTIFF: every cell is at the raster, no row; an --append of the same cells names the raster', async () => {
    const parsed = await parseLayerFile('population', 'grid.tif', readTestData(RASTER), {});
    expect(parsed.origins).toHaveLength(parsed.records.length);
    expect(new Set(parsed.origins.map((o) => JSON.stringify(o)))).toEqual(new Set(['{"file":"grid.tif"}']));

    const imported = await importLayer(store, 'population', { path: testData(RASTER) }, {});
    expect(imported.imported).toBe(24_470);
    const again = await clash(() => importLayer(store, 'population', { path: testData(RASTER) }, { append: true }));
    expect(again.message).toBe(
      'wuhan_core_pop60plus_100m.tif, field cell_id: cell_id "r0c0" is already in the population layer; --append adds only cells with new cell ids ' +
        '(a cell_id column, else the row number or the raster row/column); use --replace to replace the layer',
    );
    expect(again.location).toEqual({ file: 'wuhan_core_pop60plus_100m.tif', field: 'cell_id' });
    expect(store.countOf('population')).toBe(24_470);
  });
});
