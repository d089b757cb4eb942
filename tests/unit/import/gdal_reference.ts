/**
 * Independent reference readings with GDAL's command-line tools (gdal-bin): raster values through
 * gdal_translate to raw ENVI, vector features through ogrinfo/ogr2ogr as GeoJSON, coordinate
 * conversions through gdaltransform. Used to check the importers against a second implementation.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface GdalRaster {
  width: number;
  height: number;
  bands: number;
  /** band-sequential values as Float64 */
  values: Float64Array;
  noData: (number | null)[];
  geoTransform: number[];
}

/** Every band of a raster as GDAL decodes it. */
export function gdalRaster(file: string): GdalRaster {
  const info = JSON.parse(execFileSync('gdalinfo', ['-json', file], { encoding: 'utf8' })) as {
    geoTransform: number[];
    size: [number, number];
    bands: { noDataValue?: number | string }[];
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'siting-gdal-'));
  try {
    const raw = path.join(dir, 'raster.bin');
    execFileSync('gdal_translate', ['-q', '-of', 'ENVI', '-ot', 'Float64', '-co', 'INTERLEAVE=BSQ', file, raw]);
    const bytes = readFileSync(raw);
    const values = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    return {
      width: info.size[0],
      height: info.size[1],
      bands: info.bands.length,
      values,
      noData: info.bands.map((b) => (b.noDataValue === undefined ? null : Number(b.noDataValue))),
      geoTransform: info.geoTransform,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Valid (non-nodata) cells of one band: their 0-based row-major index and value. */
export function validCells(raster: GdalRaster, band = 0): Map<number, number> {
  const cells = new Map<number, number>();
  const n = raster.width * raster.height;
  const noData = raster.noData[band];
  for (let i = 0; i < n; i++) {
    const v = raster.values[band * n + i];
    if (Number.isNaN(v) || v <= -1e30 || (noData !== null && (v === noData || v === Math.fround(noData)))) continue;
    cells.set(i, v);
  }
  return cells;
}

/** Converts points with gdaltransform (PROJ): returns [x, y] in the target system, traditional GIS order. */
export function gdalTransform(from: string, to: string, points: [number, number][]): [number, number][] {
  const out = execFileSync('gdaltransform', ['-s_srs', from, '-t_srs', to, '-output_xy'], {
    input: points.map(([x, y]) => `${x} ${y}`).join('\n') + '\n',
    encoding: 'utf8',
  });
  return out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
}

/** Features of a vector file as GDAL reads them (GeoJSON written by ogr2ogr, WGS84 unless `keepCrs`). */
export function ogrFeatures(file: string, layer?: string, keepCrs = false): { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }[] {
  const args = ['-f', 'GeoJSON', '/vsistdout/', file, ...(layer ? [layer] : []), ...(keepCrs ? [] : ['-t_srs', 'EPSG:4326']), '-lco', 'COORDINATE_PRECISION=10'];
  const out = execFileSync('ogr2ogr', args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return (JSON.parse(out) as { features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }[] }).features;
}

/** Feature count and geometry type of every layer, from `ogrinfo -so -al`. */
export function ogrSummary(file: string): { layer: string; count: number; geometry: string; srs: string }[] {
  const out = execFileSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
  const layers: { layer: string; count: number; geometry: string; srs: string }[] = [];
  for (const block of out.split(/\nLayer name: /).slice(1)) {
    const name = block.split('\n')[0].trim();
    const count = Number(/Feature Count: (-?\d+)/.exec(block)?.[1]);
    const geometry = /Geometry: (.+)/.exec(block)?.[1]?.trim() ?? '';
    const srs = /ID\["EPSG",(\d+)\]\]\s*$/m.exec(block)?.[1] ?? /AUTHORITY\["EPSG","(\d+)"\]\]\s*$/m.exec(block)?.[1] ?? '';
    layers.push({ layer: name, count, geometry, srs });
  }
  return layers;
}
