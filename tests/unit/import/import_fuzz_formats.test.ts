/**
 * Property tests over every binary and XML format: valid seed files (real data where there is some)
 * are cut, overwritten and padded at random. Whatever comes out, the importers either return records
 * that pass the layer schema or throw an InputError — never a crash — and an import through the
 * service either writes the whole file or nothing: the project's counts and audit log move together,
 * also when the app's import (import_into_project.ts) is cancelled at a random step.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import * as fc from 'fast-check';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import { IMPORTABLE_LAYERS, LAYER_RECORD_SCHEMAS, type ImportableLayer } from '../../../shared/schemas/entities';
import type { ExportFeature } from '../../../electron/services/export/export_feature';
import { layerToGpkg } from '../../../electron/services/export/layer_to_gpkg';
import { layerToKml } from '../../../electron/services/export/layer_to_kml';
import { parseLayerFiles, type ImportFile } from '../../../electron/services/import/parse_layer_file';
import { importIntoProject } from '../../../electron/services/import/import_into_project';
import { importLayer } from '../../../electron/services/import/import_into_project';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { FIXTURES, readTestData, testData } from './import_test_paths';
import { osmFromGeoJson, osmPbf, osmXml } from './osm_test_files';

interface Seed {
  name: string;
  layer: ImportableLayer;
  files: ImportFile[];
}

const seeds: Seed[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), 'siting-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(async () => {
  const shp = ['cpg', 'dbf', 'prj', 'shp', 'shx'].map((ext) => ({ name: `wuhan-boundary.${ext}`, bytes: readTestData(`wuhan/wuhan_boundary_shp/wuhan-boundary.${ext}`) }));
  const zipEntries: Record<string, Uint8Array> = {};
  for (const f of shp) zipEntries[f.name] = f.bytes;
  const osm = osmFromGeoJson(JSON.parse(readFileSync(testData('gothenburg_osm/gothenburg_ways.geojson'), 'utf8')), 40);
  const facilities = (await parseLayerFiles('facilities', [{ name: 'f.geojson', bytes: readFileSync(path.join(FIXTURES, 'facilities_wuhan.geojson')) }], {})).records;
  const features: ExportFeature[] = facilities.map((f, i) => ({
    fid: i + 1,
    geometry: { type: 'Point', coordinates: [f.lon, f.lat] },
    properties: { id: f.id, name: f.name, kind: f.kind, status: f.status, beds: f.beds, floor_area_m2: f.floorAreaM2, illustrative: f.illustrative },
  }));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('设施');
  sheet.addRow(['名称', '类型', '经度', '纬度', '床位']);
  for (const f of facilities) sheet.addRow([f.name, f.kind, f.lon, f.lat, f.beds]);
  seeds.push(
    { name: 'shapefile parts', layer: 'boundaries', files: shp },
    { name: 'zipped shapefile', layer: 'boundaries', files: [{ name: 'wuhan.zip', bytes: zipSync(zipEntries) }] },
    { name: 'GeoTIFF (DEFLATE, predictor 3)', layer: 'population', files: [{ name: 'core60plus.tif', bytes: readTestData('wuhan/wuhan_core_pop60plus_100m.tif') }] },
    // 48 x 32 cells of the real WorldPop band pop_60_f_wuhan.tif (CC BY 4.0, see tests/data/wuhan/SOURCES.md)
    // in its own layout — Float32, LZW, one row per strip, nodata -3.4e38 — cut with
    // `gdal_translate -srcwin 700 700 48 32 -co COMPRESS=LZW -co BLOCKYSIZE=1 pop_60_f_wuhan.tif worldpop_lzw_strips.tif`
    { name: 'GeoTIFF (LZW, one-row strips: WorldPop)', layer: 'population', files: [{ name: 'worldpop.tif', bytes: readFileSync(path.join(FIXTURES, 'worldpop_lzw_strips.tif')) }] },
    { name: 'OSM XML', layer: 'roads', files: [{ name: 'g.osm', bytes: new TextEncoder().encode(osmXml(osm)) }] },
    { name: 'OSM PBF', layer: 'roads', files: [{ name: 'g.osm.pbf', bytes: osmPbf(osm) }] },
    { name: 'KML', layer: 'facilities', files: [{ name: 'f.kml', bytes: new TextEncoder().encode(layerToKml('facilities', features)) }] },
    { name: 'KMZ', layer: 'facilities', files: [{ name: 'f.kmz', bytes: zipSync({ 'doc.kml': new TextEncoder().encode(layerToKml('facilities', features)) }) }] },
    { name: 'GeoPackage', layer: 'facilities', files: [{ name: 'f.gpkg', bytes: layerToGpkg('facilities', features) }] },
    { name: 'XLSX', layer: 'facilities', files: [{ name: 'f.xlsx', bytes: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer) }] },
  );
});

type Mutation = { kind: 'cut'; at: number } | { kind: 'flip'; at: number[]; value: number[] } | { kind: 'append'; bytes: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
    value: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 12, maxLength: 12 }),
  }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
);

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  if (m.kind === 'cut') return bytes.slice(0, Math.floor(bytes.length * m.at));
  if (m.kind === 'append') {
    const out = new Uint8Array(bytes.length + m.bytes.length);
    out.set(bytes);
    out.set(m.bytes, bytes.length);
    return out;
  }
  const out = new Uint8Array(bytes);
  m.at.forEach((at, i) => (out[Math.min(out.length - 1, Math.floor(at * out.length))] = m.value[i]));
  return out;
}

/** 'ok' (every record valid) or 'input-error'; anything else fails the property. */
async function outcome(layer: ImportableLayer, files: ImportFile[]): Promise<'ok' | 'input-error'> {
  try {
    const parsed = await parseLayerFiles(layer, files, {});
    for (const record of parsed.records) LAYER_RECORD_SCHEMAS[layer].parse(record);
    return 'ok';
  } catch (error) {
    if (isInputError(error)) return 'input-error';
    throw error;
  }
}

describe('every format survives damaged bytes (fast-check)', () => {
  it('the unmodified seeds import', async () => {
    for (const seed of seeds) expect(await outcome(seed.layer, seed.files), seed.name).toBe('ok');
  });

  it('cut, overwritten or padded files: valid records or an InputError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), mutation, async (seedPick, filePick, m) => {
        const seed = seeds[seedPick % seeds.length];
        const target = filePick % seed.files.length;
        const files = seed.files.map((f, i) => (i === target ? { ...f, bytes: mutate(f.bytes, m) } : f));
        expect(['ok', 'input-error']).toContain(await outcome(seed.layer, files));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 250) },
    );
  });

  it('random bytes under every file name, into every layer', async () => {
    const names = ['x.shp', 'x.zip', 'x.kml', 'x.kmz', 'x.gpkg', 'x.osm', 'x.osm.pbf', 'x.xlsx', 'x.tif', 'x.dbf', 'x.csv', 'x.tsv', 'x.geojson'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...IMPORTABLE_LAYERS), fc.constantFrom(...names), fc.uint8Array({ minLength: 1, maxLength: 300 }), async (layer, name, bytes) => {
        expect(['ok', 'input-error']).toContain(await outcome(layer, [{ name, bytes }]));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });
});

describe('an import writes the whole file or nothing', () => {
  it('damaged inputs leave the project exactly as it was', async () => {
    const store = ProjectStore.create(path.join(scratch, 'project.gpkg'));
    try {
      await importLayer(store, 'boundaries', { path: testData('wuhan/wuhan_boundary_shp/wuhan-boundary.shp') }, {});
      expect(store.counts().boundaries).toBe(1);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), mutation, async (seedPick, m) => {
          const seed = seeds[seedPick % seeds.length];
          const target = (seedPick >> 4) % seed.files.length;
          const files = seed.files.map((f, i) => (i === target ? { ...f, bytes: mutate(f.bytes, m) } : f));
          const before = store.counts();
          const auditBefore = store.auditEntries(1)[0]?.seq;
          let imported = 0;
          try {
            const report = await importLayer(store, seed.layer, { files: files.map((f) => ({ name: f.name, dataBase64: Buffer.from(f.bytes).toString('base64') })) }, { replace: false });
            imported = report.imported;
          } catch (error) {
            if (!isInputError(error)) throw error;
          }
          const after = store.counts();
          expect(after[seed.layer]).toBe(before[seed.layer] + imported);
          for (const layer of Object.keys(before) as (keyof typeof before)[]) if (layer !== seed.layer) expect(after[layer]).toBe(before[layer]);
          const auditAfter = store.auditEntries(1)[0]?.seq;
          expect(auditAfter === auditBefore).toBe(imported === 0);
        }),
        { numRuns: 40 },
      );
      // a file whose ids clash with the project's on its last record: refused as a whole
      const before = store.counts().boundaries;
      const again = await importLayer(store, 'boundaries', { path: testData('wuhan/wuhan_boundary_shp/wuhan-boundary.shp') }, {}).catch((e: unknown) => e);
      expect(isInputError(again)).toBe(true);
      expect((again as Error).message).toContain('already exists in layer boundaries; use --replace');
      expect(store.counts().boundaries).toBe(before);
    } finally {
      store.close();
    }
  });

  it('the app import (stepped write), damaged or not, cancelled at a random step or not: all or nothing', async () => {
    const store = ProjectStore.create(path.join(scratch, 'stepped.gpkg'));
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), fc.option(mutation), fc.option(fc.integer({ min: 0, max: 30 })), async (seedPick, m, cancelAt) => {
          const seed = seeds[seedPick % seeds.length];
          const files = seed.files.map((f, i) => (m && i === (seedPick >> 4) % seed.files.length ? { ...f, bytes: mutate(f.bytes, m) } : f));
          const before = store.counts();
          const auditBefore = store.auditEntries(1)[0]?.seq;
          const controller = new AbortController();
          let calls = 0;
          const progress = () => {
            if (cancelAt !== null && calls++ === cancelAt) controller.abort();
          };
          let imported = 0;
          try {
            const upload = { files: files.map((f) => ({ name: f.name, dataBase64: Buffer.from(f.bytes).toString('base64') })) };
            imported = (await importIntoProject(store, seed.layer, [upload], { replace: seedPick % 3 === 0 }, progress, controller.signal)).imported;
          } catch (error) {
            if (!isInputError(error) && (error as { code?: unknown }).code !== 'cancelled') throw error;
          }
          const after = store.counts();
          const replaced = imported > 0 && seedPick % 3 === 0;
          expect(after[seed.layer]).toBe(replaced ? imported : before[seed.layer] + imported);
          for (const layer of Object.keys(before) as (keyof typeof before)[]) if (layer !== seed.layer) expect(after[layer]).toBe(before[layer]);
          expect(store.auditEntries(1)[0]?.seq === auditBefore).toBe(imported === 0);
          expect(store.isWriting).toBe(false);
        }),
        { numRuns: 40 },
      );
    } finally {
      store.close();
    }
  });
});
