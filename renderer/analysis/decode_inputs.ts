/**
 * The host sends the demand grid as base64 of little-endian typed arrays (analysis:inputs:get). Here
 * they become typed arrays again, each on its own fresh ArrayBuffer (aligned for Float64Array and
 * movable to the worker), and the cell positions get a fingerprint so the worker can tell whether the
 * grid it snapped onto the network is still the same.
 */
import type { AnalysisInputs } from '../../shared/ipc/contract';
import type { GridPayload } from '../workers/worker_inputs';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes of a base64 string (atob gives one char per byte). */
export function base64ToBytes(text: string, field: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Error(`analysis inputs: ${field} is not valid base64`);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type ArrayKind = 'int32' | 'float64';

function decodeArray(text: string, kind: ArrayKind, count: number, field: string): Int32Array | Float64Array {
  const size = kind === 'int32' ? 4 : 8;
  const bytes = base64ToBytes(text, field);
  if (bytes.length !== count * size) {
    throw new Error(`analysis inputs: ${field} has ${bytes.length} bytes, expected ${count} × ${size} for ${count} cells`);
  }
  if (LITTLE_ENDIAN) {
    // `bytes` owns a fresh buffer starting at offset 0: aligned for any element size.
    return kind === 'int32' ? new Int32Array(bytes.buffer) : new Float64Array(bytes.buffer);
  }
  const view = new DataView(bytes.buffer);
  if (kind === 'int32') return Int32Array.from({ length: count }, (_, i) => view.getInt32(i * 4, true));
  return Float64Array.from({ length: count }, (_, i) => view.getFloat64(i * 8, true));
}

/**
 * Two 32-bit FNV-1a hashes (different offsets) over strings: a 64-bit fingerprint. Collisions between
 * two different grids of the same size are not a practical concern at this width.
 */
export function fingerprint(...parts: string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0xff, 0x01000193);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * The grid as typed arrays for the worker. Call once per run: the arrays are moved into the worker.
 * @example const grid = decodeGrid(inputs.grid); worker.run('analysis', { grid, ... }, { transfer: gridTransferables(grid) })
 */
export function decodeGrid(grid: AnalysisInputs['grid']): GridPayload {
  const { count } = grid;
  return {
    key: `${count}:${fingerprint(grid.lon, grid.lat)}`,
    count,
    fid: decodeArray(grid.fid, 'int32', count, 'grid.fid') as Int32Array,
    lon: decodeArray(grid.lon, 'float64', count, 'grid.lon') as Float64Array,
    lat: decodeArray(grid.lat, 'float64', count, 'grid.lat') as Float64Array,
    population: decodeArray(grid.population, 'float64', count, 'grid.population') as Float64Array,
    elderly: decodeArray(grid.elderly, 'float64', count, 'grid.elderly') as Float64Array,
    hasPopulation: grid.hasPopulation,
    hasElderly: grid.hasElderly,
  };
}
