/**
 * Reads rows of one band (sample) of a TIFF image as numbers, decoding each strip or tile once.
 *
 * The fast path decodes blocks itself: no compression, LZW (tiff_lzw.ts), DEFLATE (node:zlib), with
 * predictor 1, 2 (horizontal differencing) or 3 (floating point), 8–64-bit integer or float samples,
 * chunky or planar, either byte order. That covers WorldPop, GHS-POP and everything GDAL writes by
 * default, and is several times faster than geotiff.js's generic path on the 1-row LZW strips of
 * WorldPop. Anything else (JPEG, PackBits, LERC, ZSTD, odd bit depths) goes through geotiff.js.
 *
 * Decoded blocks are kept only while a later call may still need them: callers read windows of rows
 * from top to bottom, and blocks entirely above the current window are dropped.
 */
import { inflateSync } from 'node:zlib';
import type { GeoTIFFImage } from 'geotiff';
import { InputError } from '../../../shared/errors';
import { decodeTiffLzw } from './tiff_lzw';

export interface BandReader {
  readonly width: number;
  readonly height: number;
  /** Rows per strip or tile: windows aligned to it decode each block once. */
  readonly blockHeight: number;
  /** True when the fast decoder is used, false for the geotiff.js fallback. */
  readonly fast: boolean;
  /** Writes sample `sample` of rows [y0, y1) into out[(y - y0) * width + x]. */
  readRows(y0: number, y1: number, sample: number, out: Float64Array): Promise<void>;
}

type Samples = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

const NONE = 1;
const LZW = 5;
const DEFLATE = 8;
const ADOBE_DEFLATE = 32946;
const FAST_COMPRESSIONS = new Set([NONE, LZW, DEFLATE, ADOBE_DEFLATE]);

function numberList(value: unknown, count: number, fallback: number): number[] {
  if (value === undefined || value === null) return new Array(count).fill(fallback);
  if (typeof value === 'number') return new Array(count).fill(value);
  const list = Array.from(value as ArrayLike<number>, Number);
  while (list.length < count) list.push(list[list.length - 1] ?? fallback);
  return list;
}

/** A reader for `image`, whose bytes are `bytes` (the whole file). */
export async function openBandReader(image: GeoTIFFImage, bytes: Uint8Array, file: string, signal?: AbortSignal): Promise<BandReader> {
  const directory = image.getFileDirectory();
  const samples = image.getSamplesPerPixel();
  const compression = Number((await directory.loadValue('Compression')) ?? NONE);
  const predictor = Number((await directory.loadValue('Predictor')) ?? 1);
  const bits = numberList(await directory.loadValue('BitsPerSample'), samples, 1);
  const formats = numberList(await directory.loadValue('SampleFormat'), samples, 1);
  const sameLayout = bits.every((b) => b === bits[0]) && formats.every((f) => f === formats[0]);
  const typed = sameLayout && arrayTypeFor(formats[0], bits[0]) !== null;
  const predictorOk = predictor === 1 || (predictor === 2 && bits[0] <= 32) || (predictor === 3 && formats[0] === 3);
  if (FAST_COMPRESSIONS.has(compression) && typed && predictorOk) {
    const tiled = directory.hasTag('TileOffsets');
    const offsets = await directory.loadValue(tiled ? 'TileOffsets' : 'StripOffsets');
    const counts = await directory.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts');
    return new FastBandReader(image, bytes, file, {
      compression,
      predictor,
      bytesPerSample: bits[0] / 8,
      format: formats[0],
      samples,
      planar: image.planarConfiguration === 2,
      tiled,
      offsets: Array.from(offsets as ArrayLike<number | bigint>, Number),
      counts: Array.from(counts as ArrayLike<number | bigint>, Number),
    });
  }
  return new GeotiffBandReader(image, signal);
}

function arrayTypeFor(format: number, bits: number): ((buffer: ArrayBuffer, length: number) => Samples) | null {
  const make =
    <T extends Samples>(Kind: { new (buffer: ArrayBuffer, offset: number, length: number): T }) =>
    (buffer: ArrayBuffer, length: number) =>
      new Kind(buffer, 0, length);
  if (format === 3) return bits === 32 ? make(Float32Array) : bits === 64 ? make(Float64Array) : null;
  if (format === 2) return bits === 8 ? make(Int8Array) : bits === 16 ? make(Int16Array) : bits === 32 ? make(Int32Array) : null;
  if (format === 1) return bits === 8 ? make(Uint8Array) : bits === 16 ? make(Uint16Array) : bits === 32 ? make(Uint32Array) : null;
  return null;
}

interface Layout {
  compression: number;
  predictor: number;
  bytesPerSample: number;
  format: number;
  samples: number;
  planar: boolean;
  tiled: boolean;
  offsets: number[];
  counts: number[];
}

class FastBandReader implements BandReader {
  readonly width: number;
  readonly height: number;
  readonly blockHeight: number;
  readonly fast = true;
  private readonly blockWidth: number;
  private readonly blocksAcross: number;
  private readonly blocksPerPlane: number;
  private readonly littleEndian: boolean;
  private readonly view: (buffer: ArrayBuffer, length: number) => Samples;
  private readonly cache = new Map<number, Samples>();

  constructor(
    image: GeoTIFFImage,
    private readonly bytes: Uint8Array,
    private readonly file: string,
    private readonly layout: Layout,
  ) {
    this.width = image.getWidth();
    this.height = image.getHeight();
    this.blockWidth = layout.tiled ? image.getTileWidth() : this.width;
    this.blockHeight = Math.max(1, Math.min(image.getTileHeight(), layout.tiled ? Infinity : this.height));
    this.blocksAcross = Math.ceil(this.width / this.blockWidth);
    this.blocksPerPlane = this.blocksAcross * Math.ceil(this.height / this.blockHeight);
    this.littleEndian = image.littleEndian;
    this.view = arrayTypeFor(layout.format, layout.bytesPerSample * 8) as (buffer: ArrayBuffer, length: number) => Samples;
    const needed = layout.planar ? this.blocksPerPlane * layout.samples : this.blocksPerPlane;
    if (layout.offsets.length < needed || layout.counts.length < needed) {
      throw new InputError(`the TIFF lists ${layout.offsets.length} data blocks but its size needs ${needed}`, { file, expected: 'a complete TIFF file' });
    }
  }

  async readRows(y0: number, y1: number, sample: number, out: Float64Array): Promise<void> {
    const { width, blockHeight, blockWidth } = this;
    const firstBlockRow = Math.floor(y0 / blockHeight);
    for (const [key] of this.cache) {
      if (Math.floor((key % this.blocksPerPlane) / this.blocksAcross) < firstBlockRow) this.cache.delete(key);
    }
    const stride = this.layout.planar ? 1 : this.layout.samples;
    const within = this.layout.planar ? 0 : sample;
    const rowWidth = this.layout.tiled ? blockWidth : width;
    for (let blockRow = firstBlockRow; blockRow * blockHeight < y1; blockRow++) {
      const rowStart = Math.max(y0, blockRow * blockHeight);
      const rowEnd = Math.min(y1, (blockRow + 1) * blockHeight, this.height);
      for (let blockCol = 0; blockCol < this.blocksAcross; blockCol++) {
        const index = (this.layout.planar ? sample * this.blocksPerPlane : 0) + blockRow * this.blocksAcross + blockCol;
        const block = this.block(index, blockRow);
        const x0 = blockCol * blockWidth;
        const columns = Math.min(width, x0 + blockWidth) - x0;
        for (let y = rowStart; y < rowEnd; y++) {
          let source = (y - blockRow * blockHeight) * rowWidth * stride + within;
          const target = (y - y0) * width + x0;
          if (stride === 1) {
            for (let x = 0; x < columns; x++) out[target + x] = block[source + x];
          } else {
            for (let x = 0; x < columns; x++, source += stride) out[target + x] = block[source];
          }
        }
      }
    }
  }

  /** Decoded samples of block `index` (in the image's block order). */
  private block(index: number, blockRow: number): Samples {
    const cached = this.cache.get(index);
    if (cached) return cached;
    const { layout, file } = this;
    const rows = layout.tiled ? this.blockHeight : Math.min(this.blockHeight, this.height - blockRow * this.blockHeight);
    const columns = layout.tiled ? this.blockWidth : this.width;
    const perPixel = layout.planar ? 1 : layout.samples;
    const expected = rows * columns * perPixel * layout.bytesPerSample;
    const offset = layout.offsets[index];
    const count = layout.counts[index];
    if (!(offset >= 0 && count >= 0 && offset + count <= this.bytes.length)) {
      throw new InputError(`truncated GeoTIFF: data block ${index} (bytes ${offset}..${offset + count}) lies beyond the end of the file (${this.bytes.length} bytes)`, {
        file,
        expected: 'the complete file',
      });
    }
    const raw = this.bytes.subarray(offset, offset + count);
    let data: Uint8Array;
    try {
      data = decompress(raw, layout.compression, expected);
    } catch (error) {
      throw new InputError(`corrupt GeoTIFF: data block ${index} cannot be decompressed (${(error as Error).message})`, { file, expected: 'an undamaged file' });
    }
    if (data.length < expected) {
      throw new InputError(`corrupt GeoTIFF: data block ${index} holds ${data.length} bytes, ${expected} expected`, { file, expected: 'an undamaged file' });
    }
    const rowBytes = columns * perPixel * layout.bytesPerSample;
    if (layout.predictor === 3) {
      undoFloatPredictor(data, rows, rowBytes, perPixel, layout.bytesPerSample);
    } else {
      if (!this.littleEndian && layout.bytesPerSample > 1) swapBytes(data, layout.bytesPerSample, expected);
      if (layout.predictor === 2) undoHorizontalPredictor(data, rows, columns * perPixel, perPixel, layout.bytesPerSample);
    }
    const samples = this.view(data.buffer as ArrayBuffer, expected / layout.bytesPerSample);
    this.cache.set(index, samples);
    return samples;
  }
}

/** Decompressed bytes in a fresh buffer starting at offset 0 (typed views need aligned memory). */
function decompress(raw: Uint8Array, compression: number, expected: number): Uint8Array {
  if (compression === LZW) return decodeTiffLzw(raw, expected);
  if (compression === DEFLATE || compression === ADOBE_DEFLATE) {
    const inflated = inflateSync(raw);
    if (inflated.length < expected) return inflated; // reported by the caller
    const copy = new Uint8Array(expected);
    copy.set(inflated.subarray(0, expected));
    return copy;
  }
  // a copy (Buffer#slice would share memory, and typed views need their own aligned buffer)
  return new Uint8Array(raw.subarray(0, expected));
}

function swapBytes(data: Uint8Array, size: number, length: number): void {
  for (let i = 0; i + size <= length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = data[a];
      data[a] = data[b];
      data[b] = t;
    }
  }
}

/** TIFF predictor 2: each sample is stored as the difference to the same sample of the previous pixel. */
function undoHorizontalPredictor(data: Uint8Array, rows: number, rowSamples: number, stride: number, bytesPerSample: number): void {
  const buffer = data.buffer as ArrayBuffer;
  const total = rows * rowSamples;
  const values = bytesPerSample === 1 ? new Uint8Array(buffer, 0, total) : bytesPerSample === 2 ? new Uint16Array(buffer, 0, total) : new Uint32Array(buffer, 0, total);
  for (let row = 0; row < rows; row++) {
    const base = row * rowSamples;
    for (let i = stride; i < rowSamples; i++) values[base + i] += values[base + i - stride];
  }
}

/**
 * TIFF predictor 3 (Adobe floating point): per row, bytes were split into planes (most significant
 * first) and byte-differenced. Undoing it yields little-endian values, as libtiff does on x86.
 */
function undoFloatPredictor(data: Uint8Array, rows: number, rowBytes: number, stride: number, bytesPerSample: number): void {
  const copy = new Uint8Array(rowBytes);
  const count = rowBytes / bytesPerSample;
  for (let row = 0; row < rows; row++) {
    const base = row * rowBytes;
    for (let i = stride; i < rowBytes; i++) data[base + i] = (data[base + i] + data[base + i - stride]) & 0xff;
    copy.set(data.subarray(base, base + rowBytes));
    for (let i = 0; i < count; i++) {
      for (let b = 0; b < bytesPerSample; b++) data[base + bytesPerSample * i + b] = copy[(bytesPerSample - b - 1) * count + i];
    }
  }
}

/** geotiff.js for the formats the fast path does not decode. */
class GeotiffBandReader implements BandReader {
  readonly width: number;
  readonly height: number;
  readonly blockHeight: number;
  readonly fast = false;

  constructor(
    private readonly image: GeoTIFFImage,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.width = image.getWidth();
    this.height = image.getHeight();
    this.blockHeight = Math.max(1, image.getTileHeight());
  }

  async readRows(y0: number, y1: number, sample: number, out: Float64Array): Promise<void> {
    const bands = (await this.image.readRasters({ window: [0, y0, this.width, y1], samples: [sample], interleave: false, signal: this.signal })) as unknown as ArrayLike<number>[];
    const values = bands[0];
    for (let i = 0; i < values.length; i++) out[i] = values[i];
  }
}
