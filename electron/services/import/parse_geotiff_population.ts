/**
 * GeoTIFF population raster → one PopulationCell per valid pixel (centre point, cell size from the
 * pixel scale, cellId `r<row>c<col>`). Nodata pixels (GDAL_NODATA, NaN, values <= -1e30) are
 * skipped and only counted. Reads row bands aligned to the strip/tile height, so each compressed
 * block (LZW, DEFLATE, ...) is decoded once, with progress and cancellation between bands.
 *
 * Which field a band feeds: `options.map` (e.g. {elderly: 'band1', age80: 'band2'}), else the file
 * name: 60plus/pop60 → elderly, 65plus/pop65 → age65, 80plus/pop80 → age80, anything else →
 * population.
 */
import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import { CancelledError, InputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import type { PopulationCell } from '../../../shared/schemas/entities';
import type { ImportProgress } from './import_progress';
import type { ParsedLayer } from './parsed_layer';
import { readGeotiffGeoreference, type RasterGeoreference } from './read_geotiff_georeference';
import type { RecordLocation } from './record_location';
import { validateRecords } from './validate_records';

const COUNT_FIELDS = ['population', 'elderly', 'age65', 'age80'] as const;
type CountField = (typeof COUNT_FIELDS)[number];
/** Values at or below this are nodata fill (e.g. -3.4e38, float minimum) whatever GDAL_NODATA says. */
const NODATA_FLOOR = -1e30;
const WINDOWS = 20;
/** Larger rasters would not fit the project (one record per cell); clip them first. */
const MAX_CELLS = 50_000_000;

export function isTiffMagic(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const little = bytes[0] === 0x49 && bytes[1] === 0x49 && (bytes[2] === 42 || bytes[2] === 43) && bytes[3] === 0;
  const big = bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && (bytes[3] === 42 || bytes[3] === 43);
  return little || big;
}

/** Field by file name, for single-band rasters without --map. */
export function fieldFromFileName(file: string): CountField {
  const name = file.toLowerCase();
  if (/60plus|pop60/.test(name)) return 'elderly';
  if (/65plus|pop65/.test(name)) return 'age65';
  if (/80plus|pop80/.test(name)) return 'age80';
  return 'population';
}

function bandFields(file: string, options: ImportOptions, bandCount: number): Map<CountField, number> {
  const fields = new Map<CountField, number>();
  const entries = Object.entries(options.map ?? {});
  if (entries.length === 0) {
    fields.set(fieldFromFileName(file), 0);
    return fields;
  }
  for (const [key, value] of entries) {
    const field = key.trim().toLowerCase() as CountField;
    if (!COUNT_FIELDS.includes(field)) {
      throw new InputError(`--map names unknown field "${key}" for a population raster`, { file, field: key, expected: `one of ${COUNT_FIELDS.join(', ')}` });
    }
    const band = Number(/^\s*(?:band\s*)?(\d+)\s*$/i.exec(value)?.[1]);
    if (!Number.isInteger(band) || band < 1 || band > bandCount) {
      const available = Array.from({ length: bandCount }, (_, i) => `band${i + 1}`).join(', ');
      throw new InputError(`--map ${key}=${value}: the raster has no band "${value}"; available columns: ${available}`, { file, field: value });
    }
    fields.set(field, band - 1);
  }
  return fields;
}

/** Every strip/tile must lie inside the file: a cut-off download is reported, not read as zeros. */
async function checkBlocksInside(image: GeoTIFFImage, file: string, byteLength: number): Promise<void> {
  const directory = image.getFileDirectory();
  const tiled = directory.hasTag('TileOffsets');
  const offsets = await directory.loadValue(tiled ? 'TileOffsets' : 'StripOffsets');
  const counts = await directory.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts');
  if (!offsets || !counts) throw new InputError('the TIFF has no strip or tile offsets', { file, expected: 'a complete TIFF file' });
  for (let i = 0; i < offsets.length; i++) {
    const end = Number(offsets[i]) + Number(counts[i] ?? 0);
    if (end > byteLength) {
      throw new InputError(`truncated GeoTIFF: data block ${i} ends at byte ${end} but the file has only ${byteLength} bytes`, {
        file,
        expected: 'the complete file',
      });
    }
  }
}

/** All cell centres must be valid lon/lat; checked once on the corners instead of per cell. */
function checkExtent(geo: RasterGeoreference, width: number, height: number, file: string): void {
  for (const [x, y] of [[0, 0], [width - 1, 0], [0, height - 1], [width - 1, height - 1]]) {
    const lon = geo.lon0 + geo.lonPerCol * x + geo.lonPerRow * y;
    const lat = geo.lat0 + geo.latPerCol * x + geo.latPerRow * y;
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
      throw new InputError(`the raster extent reaches lon ${lon}, lat ${lat} (cell r${y}c${x}), outside WGS84 lon/lat`, {
        file,
        expected: 'cell centres within [-180, 180] x [-90, 90]',
      });
    }
  }
}

export async function parseGeotiffPopulation(
  file: string,
  bytes: Uint8Array,
  options: ImportOptions,
  progress: ImportProgress,
  signal: AbortSignal | undefined,
): Promise<ParsedLayer<'population'>> {
  if (!isTiffMagic(bytes)) throw new InputError('not a TIFF file (bad magic bytes)', { file, expected: 'a GeoTIFF' });
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const fail = (error: unknown): never => {
    if (error instanceof InputError || error instanceof CancelledError) throw error;
    if (signal?.aborted) throw new CancelledError('import cancelled');
    throw new InputError(`cannot read the GeoTIFF: ${(error as Error)?.message ?? String(error)}`, { file, expected: 'a valid GeoTIFF' });
  };

  let image: GeoTIFFImage;
  try {
    const tiff = await fromArrayBuffer(buffer, signal);
    image = await tiff.getImage(0);
    await checkBlocksInside(image, file, bytes.byteLength);
  } catch (error) {
    return fail(error);
  }
  const width = image.getWidth();
  const height = image.getHeight();
  const bandCount = image.getSamplesPerPixel();
  if (width * height > MAX_CELLS) {
    throw new InputError(`the raster has ${width} x ${height} cells; the import limit is ${MAX_CELLS / 1e6} million cells`, {
      file,
      expected: 'a raster clipped to the planning area',
    });
  }
  const fields = bandFields(file, options, bandCount);
  const geo = readGeotiffGeoreference(image, file, options.crs);
  checkExtent(geo, width, height, file);
  const noData = image.getGDALNoData();
  const mapping: Record<string, string> = {};
  for (const [field, band] of fields) mapping[field] = `band${band + 1}`;
  const bandList = [...new Set(fields.values())].sort((x, y) => x - y);
  const fieldBands = COUNT_FIELDS.map((field) => (fields.has(field) ? bandList.indexOf(fields.get(field) as number) : -1));

  const blockHeight = Math.max(1, image.getTileHeight());
  const windowRows = Math.max(blockHeight, Math.ceil(height / WINDOWS / blockHeight) * blockHeight);
  const records: PopulationCell[] = [];
  let skippedCount = 0;
  const values = new Float64Array(COUNT_FIELDS.length);
  await progress.at(0.05);
  for (let y0 = 0; y0 < height; y0 += windowRows) {
    const y1 = Math.min(height, y0 + windowRows);
    let bands: ArrayLike<number>[];
    try {
      bands = (await image.readRasters({ window: [0, y0, width, y1], samples: bandList, interleave: false, signal })) as unknown as ArrayLike<number>[];
    } catch (error) {
      return fail(error);
    }
    const noDataValues = bands.map((band) => (noData === null ? NaN : band instanceof Float32Array ? Math.fround(noData) : noData));
    for (let y = y0; y < y1; y++) {
      const rowOffset = (y - y0) * width;
      for (let x = 0; x < width; x++) {
        let valid = false;
        for (let f = 0; f < COUNT_FIELDS.length; f++) {
          const b = fieldBands[f];
          if (b < 0) {
            values[f] = NaN;
            continue;
          }
          const v = bands[b][rowOffset + x];
          if (v === noDataValues[b] || v === noData || Number.isNaN(v) || v <= NODATA_FLOOR) {
            values[f] = NaN;
          } else {
            if (v < 0 || !Number.isFinite(v)) {
              throw new InputError(`cell r${y}c${x} (raster row ${y}, column ${x}, 0-based) holds ${v}`, {
                file,
                field: `band${bandList[b] + 1}`,
                expected: 'a non-negative count of persons or nodata',
              });
            }
            values[f] = v;
            valid = true;
          }
        }
        if (!valid) {
          skippedCount++;
          continue;
        }
        records.push({
          cellId: `r${y}c${x}`,
          lon: geo.lon0 + geo.lonPerCol * x + geo.lonPerRow * y,
          lat: geo.lat0 + geo.latPerCol * x + geo.latPerRow * y,
          population: Number.isNaN(values[0]) ? null : values[0],
          elderly: Number.isNaN(values[1]) ? null : values[1],
          age65: Number.isNaN(values[2]) ? null : values[2],
          age80: Number.isNaN(values[3]) ? null : values[3],
          cellWidthDeg: geo.cellWidthDeg,
          cellHeightDeg: geo.cellHeightDeg,
        });
      }
    }
    await progress.at(0.05 + (0.8 * y1) / height);
  }
  if (records.length === 0) throw new InputError(`no data rows: all ${width * height} cells of the raster are nodata`, { file });

  // validation errors name the cell id (its raster position) in the message
  const locations: RecordLocation[] = new Array(records.length).fill({ file });
  validateRecords('population', records, locations);
  await progress.at(1);
  return {
    layer: 'population',
    format: 'geotiff',
    records,
    skipped: [],
    skippedCount,
    detected: {
      crs: geo.crs,
      encoding: null,
      columns: Array.from({ length: bandCount }, (_, i) => `band${i + 1}`),
      mapping,
    },
  };
}
