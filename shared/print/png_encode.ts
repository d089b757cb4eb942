/**
 * A minimal PNG encoder (8-bit RGBA or 8-bit palette, no interlace, filter 0 "none" on every row, zlib via fflate) for
 * the raster parts of a sheet, so shared/ can hand every writer the same bytes without a canvas.
 */
import { zlibSync } from 'fflate';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * PNG bytes of an RGBA image (`rgba.length === width * height * 4`, rows top to bottom).
 * @example encodePng(new Uint8Array([255, 0, 0, 255]), 1, 1) // a 1 × 1 red PNG
 */
export function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  if (rgba.length !== width * height * 4) throw new RangeError(`rgba has ${rgba.length} bytes, expected ${width * height * 4}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, filter 0, no interlace
  return pngFile([chunk('IHDR', header), chunk('IDAT', zlibSync(filteredRows(rgba, width * 4, height), { level: 6 })), chunk('IEND', new Uint8Array(0))]);
}

/**
 * PNG bytes of an opaque RGB image (`rgb.length === width * height * 3`, rows top to bottom): a basemap
 * image, which a PDF embeds as it is (no alpha channel to split off).
 * @example encodeRgbPng(new Uint8Array([255, 0, 0]), 1, 1) // a 1 × 1 red PNG
 */
export function encodeRgbPng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  if (rgb.length !== width * height * 3) throw new RangeError(`rgb has ${rgb.length} bytes, expected ${width * height * 3}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, filter 0, no interlace
  return pngFile([chunk('IHDR', header), chunk('IDAT', zlibSync(filteredRows(rgb, width * 3, height), { level: 6 })), chunk('IEND', new Uint8Array(0))]);
}

/**
 * PNG bytes of an 8-bit palette image: one palette index per pixel (rows top to bottom), the palette as
 * [r, g, b] entries (at most 256), and optionally the alpha of the first entries (tRNS; the others are
 * opaque). A quarter of the bytes of RGBA to compress, and a PDF embeds it without re-encoding the
 * colours (pdfkit passes an indexed PNG's data through; with tRNS it only adds the alpha mask).
 * @example encodeIndexedPng(new Uint8Array([1]), 1, 1, [[255, 255, 255], [255, 0, 0]], [0]) // a 1 × 1 red PNG, entry 0 transparent
 */
export function encodeIndexedPng(
  indices: Uint8Array,
  width: number,
  height: number,
  palette: readonly (readonly [number, number, number])[],
  alpha: readonly number[] = [],
  level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6,
): Uint8Array {
  if (indices.length !== width * height) throw new RangeError(`indices has ${indices.length} bytes, expected ${width * height}`);
  if (palette.length === 0 || palette.length > 256) throw new RangeError(`a PNG palette has 1 to 256 entries, got ${palette.length}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 3, 0, 0, 0], 8); // bit depth 8, colour type 3 (palette), deflate, filter 0, no interlace
  const chunks = [chunk('IHDR', header), chunk('PLTE', new Uint8Array(palette.flat()))];
  if (alpha.length > 0) chunks.push(chunk('tRNS', new Uint8Array(alpha)));
  chunks.push(chunk('IDAT', zlibSync(filteredRows(indices, width, height), { level })), chunk('IEND', new Uint8Array(0)));
  return pngFile(chunks);
}

/** The rows each preceded by filter type 0 ("none"). */
function filteredRows(pixels: Uint8Array, rowBytes: number, height: number): Uint8Array {
  const raw = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  return raw;
}

function pngFile(chunks: readonly Uint8Array[]): Uint8Array {
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), ...chunks];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
