/**
 * Opens one GeoTIFF for the population importer: checks the magic bytes and that every strip/tile
 * lies inside the file (a cut-off download is reported, not read as zeros), reads the georeference
 * and nodata, and prepares a band reader. Everything geotiff.js throws becomes an InputError naming
 * the file.
 */
import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import { CancelledError, InputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import type { ImportFile } from './parsed_layer';
import { readGeotiffGeoreference, type RasterGeoreference } from './read_geotiff_georeference';
import { openBandReader, type BandReader } from './tiff_band_reader';

/** Rasters above this many cells are refused: clip them to the planning area first. */
export const MAX_RASTER_CELLS = 50_000_000;

export interface RasterInput {
  name: string;
  width: number;
  height: number;
  bandCount: number;
  georef: RasterGeoreference;
  /** GDAL_NODATA, or null when the file has none. */
  noData: number | null;
  reader: BandReader;
}

export function isTiffMagic(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const little = bytes[0] === 0x49 && bytes[1] === 0x49 && (bytes[2] === 42 || bytes[2] === 43) && bytes[3] === 0;
  const big = bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && (bytes[3] === 42 || bytes[3] === 43);
  return little || big;
}

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

export async function openRasterInput(input: ImportFile, options: ImportOptions, warnings: string[], signal?: AbortSignal): Promise<RasterInput> {
  const file = input.name;
  const { bytes } = input;
  if (!isTiffMagic(bytes)) throw new InputError('not a TIFF file (bad magic bytes)', { file, expected: 'a GeoTIFF' });
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const tiff = await fromArrayBuffer(buffer, signal);
    const image = await tiff.getImage(0);
    await checkBlocksInside(image, file, bytes.byteLength);
    const width = image.getWidth();
    const height = image.getHeight();
    if (!(width > 0 && height > 0)) throw new InputError(`the raster has ${width} x ${height} cells`, { file, expected: 'a non-empty raster' });
    if (width * height > MAX_RASTER_CELLS) {
      throw new InputError(`the raster has ${width} x ${height} cells; the import limit is ${MAX_RASTER_CELLS / 1e6} million cells`, {
        file,
        expected: 'a raster clipped to the planning area (e.g. gdalwarp -cutline)',
      });
    }
    const georef = readGeotiffGeoreference(image, file, options.crs, warnings);
    const reader = await openBandReader(image, bytes, file, signal);
    return { name: file, width, height, bandCount: image.getSamplesPerPixel(), georef, noData: image.getGDALNoData(), reader };
  } catch (error) {
    throw rasterError(error, file, signal);
  }
}

/** InputError/CancelledError pass; anything else from geotiff.js is reported as an unreadable file. */
export function rasterError(error: unknown, file: string, signal?: AbortSignal): Error {
  if (error instanceof InputError || error instanceof CancelledError) return error;
  if (signal?.aborted) return new CancelledError('import cancelled');
  return new InputError(`cannot read the GeoTIFF: ${(error as Error)?.message ?? String(error)}`, { file, expected: 'a valid GeoTIFF' });
}
