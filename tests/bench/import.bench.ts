/**
 * Import/export speed on the real sample data: the full Wuhan 60+ raster (1662 x 1668 cells,
 * DEFLATE), the original LZW band, the core CSV grid (24 470 rows), the Gothenburg ways GeoJSON
 * (20 227 ways), and the exporters on the core grid. Medians of 5 runs after one warm-up.
 * Target (not asserted): the full raster well under 3 s.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportOptions } from '../../shared/ipc/contract';
import type { ImportableLayer } from '../../shared/schemas/entities';
import { layerToCsv } from '../../electron/services/export/layer_to_csv';
import { layerToGeoJson } from '../../electron/services/export/layer_to_geojson';
import type { ExportFeature } from '../../electron/services/export/export_feature';
import { parseLayerFile } from '../../electron/services/import/parse_layer_file';
import { heapUsedMb, median, printTable, timeRuns } from './bench_util';

const here = path.dirname(fileURLToPath(import.meta.url));
const DATA = path.resolve(here, '../../../shared/data');
const RUNS = 5;

interface Case {
  name: string;
  layer: ImportableLayer;
  file: string;
  options?: ImportOptions;
}

const CASES: Case[] = [
  { name: 'GeoTIFF full 60+ (DEFLATE, 256x256 tiles)', layer: 'population', file: 'wuhan/wuhan_pop60plus_100m.tif' },
  { name: 'GeoTIFF band 60-64 f (LZW, 1-row strips)', layer: 'population', file: 'wuhan/worldpop_agesex_60plus/pop_60_f_wuhan.tif' },
  { name: 'GeoTIFF core 60+ clip', layer: 'population', file: 'wuhan/wuhan_core_pop60plus_100m.tif' },
  { name: 'CSV core grid', layer: 'population', file: 'wuhan/wuhan_core_grid_100m.csv' },
  { name: 'GeoJSON Gothenburg ways', layer: 'roads', file: 'gothenburg_osm/gothenburg_ways.geojson' },
];

export default async function importBench(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const c of CASES) {
    const bytes = readFileSync(path.join(DATA, c.file));
    let records = 0;
    let skipped = 0;
    const times = await timeRuns(async () => {
      const parsed = await parseLayerFile(c.layer, path.basename(c.file), bytes, c.options ?? {});
      records = parsed.records.length;
      skipped = parsed.skippedCount;
    }, RUNS);
    rows.push({
      case: c.name,
      input: `${(bytes.length / 1048576).toFixed(2)} MB`,
      records,
      'skipped (nodata/blank)': skipped,
      'median ms': median(times),
      'min ms': Math.min(...times),
      'records/s': Math.round(records / (median(times) / 1000)),
    });
  }

  const grid = await parseLayerFile('population', 'grid.csv', readFileSync(path.join(DATA, 'wuhan/wuhan_core_grid_100m.csv')), {});
  const features: ExportFeature[] = grid.records.map((cell, i) => ({
    fid: i + 1,
    geometry: { type: 'Point', coordinates: [cell.lon, cell.lat] },
    properties: { cell_id: cell.cellId, population: cell.population, elderly: cell.elderly, age65: cell.age65, age80: cell.age80 },
  }));
  for (const [name, write] of [
    ['export GeoJSON core grid', () => layerToGeoJson('population', features)],
    ['export CSV core grid', () => layerToCsv('population', features)],
  ] as const) {
    let size = 0;
    const times = await timeRuns(() => {
      size = write().length;
    }, RUNS);
    rows.push({
      case: name,
      input: `${(size / 1048576).toFixed(2)} MB out`,
      records: features.length,
      'skipped (nodata/blank)': 0,
      'median ms': median(times),
      'min ms': Math.min(...times),
      'records/s': Math.round(features.length / (median(times) / 1000)),
    });
  }
  printTable(rows);
  console.log(`heap used after runs: ${heapUsedMb().toFixed(0)} MB`);
}
