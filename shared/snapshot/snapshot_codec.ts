/**
 * The project snapshot as one binary buffer: the population grid and the roads as flat typed arrays,
 * each a "part" with the version of the layer it was read from, so that a renderer that already holds
 * a part at that version is told "unchanged" instead of being sent it again. Every host (Electron IPC,
 * the local HTTP host) sends the bytes encodeSnapshot makes; the renderer and its worker read them
 * with decodeSnapshot. Pure: no Node, no DOM.
 *
 * Layout (little-endian throughout):
 *
 *   header   magic "SNAP" (4 bytes) · format u16 · part count u16 · total byte length u32
 *   parts    per part, 40 bytes: kind u16 (1 grid, 2 roads) · array count u16 · flags u32 ·
 *            count u32 (cells or ways) · array table offset u32 · version (24 bytes ASCII, NUL-padded)
 *   arrays   per array of a part, 12 bytes: element type u32 · length u32 (elements) · byte offset u32
 *   data     each array at its byte offset, 8-byte aligned, so the decoder views it in place (no copy)
 *
 * A part flagged UNCHANGED has no arrays: the caller's copy at that version is still current.
 *
 * The grid part's arrays: fid Int32, lon, lat, population, elderly Float64 (one per cell), cellSize
 * Float64[2] (NaN, NaN when the cells state none). The roads part's: pointStart Uint32 (ways + 1:
 * way w has the points pointStart[w] .. pointStart[w+1] − 1), coords Float64 (lon, lat per point),
 * id Uint32 (string index per way), highway Int32 (string index, −1 for none), tagStart Uint32
 * (ways + 1, into the pairs), tagPairs Uint32 (key, value string indices), stringStart Uint32
 * (strings + 1, offsets into stringChars), stringChars Uint16 (UTF-16 code units, as JavaScript holds
 * strings: no text codec needed in any host).
 */
import type { DemandGrid } from '../engine/demand_grid';
import type { RoadInput } from '../engine/network/build_walk_graph';

export const SNAPSHOT_FORMAT = 1;
const MAGIC = [0x53, 0x4e, 0x41, 0x50]; // "SNAP"
const HEADER_BYTES = 12;
const PART_BYTES = 40;
const ARRAY_BYTES = 12;
const VERSION_BYTES = 24;
const ALIGN = 8;

export const SNAPSHOT_PARTS = ['grid', 'roads'] as const;
export type SnapshotPartName = (typeof SNAPSHOT_PARTS)[number];
const KIND: Record<SnapshotPartName, number> = { grid: 1, roads: 2 };

/** A part's version: printable ASCII, at most 24 characters (the host's counters; see project_session.ts). */
export const SNAPSHOT_VERSION_PATTERN = /^[\x21-\x7e]{1,24}$/;

const FLAG_UNCHANGED = 1;
const FLAG_HAS_POPULATION = 2;
const FLAG_HAS_ELDERLY = 4;

/** The population grid as the engine's DemandGrid (fid always present) and its cell size. */
export interface SnapshotGrid extends DemandGrid {
  fid: Int32Array;
  cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null;
}

/** The roads layer as flat arrays (see the layout above); roadInputs() gives the engine's RoadInput[]. */
export interface SnapshotRoads {
  count: number;
  pointStart: Uint32Array;
  coords: Float64Array;
  id: Uint32Array;
  highway: Int32Array;
  tagStart: Uint32Array;
  tagPairs: Uint32Array;
  stringStart: Uint32Array;
  stringChars: Uint16Array;
}

interface PartData {
  grid: SnapshotGrid;
  roads: SnapshotRoads;
}

/** A part as sent: its version, and its data, or null when the caller holds that version already. */
export interface SnapshotPart<T> {
  version: string;
  data: T | null;
}

export type Snapshot = { [P in SnapshotPartName]?: SnapshotPart<PartData[P]> };

/** A buffer that is not a snapshot of this format, or is cut short or inconsistent. */
export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(`project snapshot: ${message}`);
    this.name = 'SnapshotFormatError';
  }
}

type ArrayType = Int32ArrayConstructor | Float64ArrayConstructor | Uint32ArrayConstructor | Uint16ArrayConstructor;
const TYPES: ArrayType[] = [Uint16Array, Int32Array, Uint32Array, Float64Array];
type Typed = Int32Array | Float64Array | Uint32Array | Uint16Array;

const GRID_ARRAYS = ['fid', 'lon', 'lat', 'population', 'elderly', 'cellSize'] as const;
const GRID_TYPES: ArrayType[] = [Int32Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
const ROADS_ARRAYS = ['pointStart', 'coords', 'id', 'highway', 'tagStart', 'tagPairs', 'stringStart', 'stringChars'] as const;
const ROADS_TYPES: ArrayType[] = [Uint32Array, Float64Array, Uint32Array, Int32Array, Uint32Array, Uint32Array, Uint32Array, Uint16Array];

/** The grid part of a DemandGrid (the same arrays; fid made explicit when the grid has none). */
export function snapshotGrid(grid: DemandGrid, cellSize: SnapshotGrid['cellSize']): SnapshotGrid {
  const fid = grid.fid ?? Int32Array.from({ length: grid.count }, (_, i) => i + 1);
  return { ...grid, fid, cellSize };
}

/** The roads as flat arrays; strings (ids, highway classes, tag keys and values) are stored once each. */
export function snapshotRoads(roads: readonly RoadInput[]): SnapshotRoads {
  const strings = new Map<string, number>();
  const intern = (text: string) => {
    let index = strings.get(text);
    if (index === undefined) {
      index = strings.size;
      strings.set(text, index);
    }
    return index;
  };
  const count = roads.length;
  const pointStart = new Uint32Array(count + 1);
  const tagStart = new Uint32Array(count + 1);
  const id = new Uint32Array(count);
  const highway = new Int32Array(count);
  let points = 0;
  let tags = 0;
  for (let w = 0; w < count; w++) {
    points += roads[w].geometry.coordinates.length;
    tags += Object.keys(roads[w].tags ?? {}).length;
    pointStart[w + 1] = points;
    tagStart[w + 1] = tags;
  }
  const coords = new Float64Array(points * 2);
  const tagPairs = new Uint32Array(tags * 2);
  for (let w = 0; w < count; w++) {
    const road = roads[w];
    id[w] = intern(road.id);
    highway[w] = road.highway === null ? -1 : intern(road.highway);
    let p = pointStart[w] * 2;
    for (const point of road.geometry.coordinates) {
      coords[p++] = point[0];
      coords[p++] = point[1];
    }
    let t = tagStart[w] * 2;
    for (const [key, value] of Object.entries(road.tags ?? {})) {
      tagPairs[t++] = intern(key);
      tagPairs[t++] = intern(value);
    }
  }
  const texts = [...strings.keys()];
  const stringStart = new Uint32Array(texts.length + 1);
  for (let s = 0; s < texts.length; s++) stringStart[s + 1] = stringStart[s] + texts[s].length;
  const stringChars = new Uint16Array(stringStart[texts.length]);
  for (let s = 0; s < texts.length; s++) {
    const text = texts[s];
    for (let c = 0, at = stringStart[s]; c < text.length; c++) stringChars[at + c] = text.charCodeAt(c);
  }
  return { count, pointStart, coords, id, highway, tagStart, tagPairs, stringStart, stringChars };
}

/** The roads as the engine's RoadInput list (what ProjectStore.roadsForNetwork gives). */
export function roadInputs(roads: SnapshotRoads): RoadInput[] {
  const stringCount = roads.stringStart.length - 1;
  const strings: string[] = new Array(stringCount);
  for (let s = 0; s < stringCount; s++) strings[s] = charsToString(roads.stringChars, roads.stringStart[s], roads.stringStart[s + 1]);
  const result: RoadInput[] = new Array(roads.count);
  for (let w = 0; w < roads.count; w++) {
    const coordinates: number[][] = [];
    for (let p = roads.pointStart[w]; p < roads.pointStart[w + 1]; p++) coordinates.push([roads.coords[2 * p], roads.coords[2 * p + 1]]);
    const tags: Record<string, string> = {};
    for (let t = roads.tagStart[w]; t < roads.tagStart[w + 1]; t++) tags[strings[roads.tagPairs[2 * t]]] = strings[roads.tagPairs[2 * t + 1]];
    result[w] = { id: strings[roads.id[w]], highway: roads.highway[w] < 0 ? null : strings[roads.highway[w]], tags, geometry: { type: 'LineString', coordinates } };
  }
  return result;
}

/** The string of the code units chars[from, to), in chunks (a call takes a limited number of arguments). */
function charsToString(chars: Uint16Array, from: number, to: number): string {
  let text = '';
  for (let at = from; at < to; at += 4096) text += String.fromCharCode(...chars.subarray(at, Math.min(to, at + 4096)));
  return text;
}

/** The buffers under the roads' arrays (one when they were decoded from a buffer of their own), for postMessage's transfer list. */
export function roadsBuffers(roads: SnapshotRoads): ArrayBuffer[] {
  return [...new Set(ROADS_ARRAYS.map((name) => roads[name].buffer as ArrayBuffer))];
}

interface PlannedPart {
  kind: number;
  flags: number;
  count: number;
  version: string;
  arrays: Typed[];
}

function plan(name: SnapshotPartName, part: SnapshotPart<SnapshotGrid> | SnapshotPart<SnapshotRoads>): PlannedPart {
  if (!SNAPSHOT_VERSION_PATTERN.test(part.version)) throw new RangeError(`snapshot ${name} version "${part.version}" is not 1–24 printable ASCII characters`);
  if (part.data === null) return { kind: KIND[name], flags: FLAG_UNCHANGED, count: 0, version: part.version, arrays: [] };
  if (name === 'grid') {
    const grid = part.data as SnapshotGrid;
    const cellSize = Float64Array.of(grid.cellSize?.cellWidthDeg ?? Number.NaN, grid.cellSize?.cellHeightDeg ?? Number.NaN);
    const flags = (grid.hasPopulation ? FLAG_HAS_POPULATION : 0) | (grid.hasElderly ? FLAG_HAS_ELDERLY : 0);
    return { kind: KIND.grid, flags, count: grid.count, version: part.version, arrays: [grid.fid, grid.lon, grid.lat, grid.population, grid.elderly, cellSize] };
  }
  const roads = part.data as SnapshotRoads;
  return { kind: KIND.roads, flags: 0, count: roads.count, version: part.version, arrays: ROADS_ARRAYS.map((key) => roads[key]) };
}

const aligned = (offset: number) => Math.ceil(offset / ALIGN) * ALIGN;

/**
 * One buffer with the given parts, in the order grid, roads.
 * @example encodeSnapshot({ grid: { version: 'a1-3', data: snapshotGrid(store.loadDemandGrid(), null) }, roads: { version: 'a1-2', data: null } })
 */
export function encodeSnapshot(snapshot: Snapshot): Uint8Array<ArrayBuffer> {
  const parts = SNAPSHOT_PARTS.flatMap((name) => {
    const part = snapshot[name];
    return part ? [plan(name, part as SnapshotPart<SnapshotGrid> | SnapshotPart<SnapshotRoads>)] : [];
  });
  let offset = HEADER_BYTES + PART_BYTES * parts.length;
  const tableOffsets = parts.map((part) => {
    const at = offset;
    offset += ARRAY_BYTES * part.arrays.length;
    return at;
  });
  const dataOffsets = parts.map((part) =>
    part.arrays.map((array) => {
      offset = aligned(offset);
      const at = offset;
      offset += array.byteLength;
      return at;
    }),
  );
  const total = aligned(offset);
  // Offsets and the total are written as unsigned 32-bit numbers: refuse rather than wrap.
  if (total > 0xffffffff) throw new RangeError(`a project snapshot of ${total} bytes exceeds the format's 4 GiB`);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint16(4, SNAPSHOT_FORMAT, true);
  view.setUint16(6, parts.length, true);
  view.setUint32(8, total, true);
  parts.forEach((part, p) => {
    const at = HEADER_BYTES + PART_BYTES * p;
    view.setUint16(at, part.kind, true);
    view.setUint16(at + 2, part.arrays.length, true);
    view.setUint32(at + 4, part.flags, true);
    view.setUint32(at + 8, part.count, true);
    view.setUint32(at + 12, tableOffsets[p], true);
    for (let c = 0; c < part.version.length; c++) bytes[at + 16 + c] = part.version.charCodeAt(c);
    part.arrays.forEach((array, a) => {
      const entry = tableOffsets[p] + ARRAY_BYTES * a;
      view.setUint32(entry, TYPES.indexOf(array.constructor as ArrayType), true);
      view.setUint32(entry + 4, array.length, true);
      view.setUint32(entry + 8, dataOffsets[p][a], true);
      writeLittleEndian(bytes, view, dataOffsets[p][a], array);
    });
  });
  return bytes;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function writeLittleEndian(bytes: Uint8Array, view: DataView, at: number, array: Typed): void {
  if (LITTLE_ENDIAN) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    return;
  }
  const size = array.BYTES_PER_ELEMENT;
  for (let i = 0; i < array.length; i++) {
    if (array instanceof Float64Array) view.setFloat64(at + i * size, array[i], true);
    else if (array instanceof Int32Array) view.setInt32(at + i * size, array[i], true);
    else if (array instanceof Uint16Array) view.setUint16(at + i * size, array[i], true);
    else view.setUint32(at + i * size, array[i], true);
  }
}

/**
 * The parts of a snapshot buffer. Arrays are views on `input`'s buffer (no copy); the header, the
 * part and array tables and the roads' offsets are checked, and anything out of place throws a
 * SnapshotFormatError that says what.
 * @example const { grid } = decodeSnapshot(await response.arrayBuffer()); if (grid?.data) draw(grid.data)
 */
export function decodeSnapshot(input: ArrayBuffer | Uint8Array): Snapshot {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (!LITTLE_ENDIAN) throw new SnapshotFormatError('this computer stores numbers big-endian; snapshots are read in place as little-endian');
  if (bytes.byteOffset % ALIGN !== 0) throw new SnapshotFormatError(`the buffer starts at byte ${bytes.byteOffset} of its ArrayBuffer, not at a multiple of ${ALIGN}`);
  if (bytes.length < HEADER_BYTES) throw new SnapshotFormatError(`${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte header`);
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new SnapshotFormatError('the buffer does not start with "SNAP": not a project snapshot');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = view.getUint16(4, true);
  if (format !== SNAPSHOT_FORMAT) throw new SnapshotFormatError(`format ${format}, this app reads format ${SNAPSHOT_FORMAT}`);
  const partCount = view.getUint16(6, true);
  const total = view.getUint32(8, true);
  if (total !== bytes.length) throw new SnapshotFormatError(`the header says ${total} bytes, the buffer has ${bytes.length} (cut short or padded)`);
  if (HEADER_BYTES + PART_BYTES * partCount > total) throw new SnapshotFormatError(`the table of ${partCount} parts does not fit in ${total} bytes`);
  const snapshot: Snapshot = {};
  for (let p = 0; p < partCount; p++) {
    const at = HEADER_BYTES + PART_BYTES * p;
    const kind = view.getUint16(at, true);
    const name = SNAPSHOT_PARTS.find((n) => KIND[n] === kind);
    if (!name) throw new SnapshotFormatError(`part ${p} has the unknown kind ${kind}`);
    if (snapshot[name]) throw new SnapshotFormatError(`the ${name} part appears twice`);
    const arrayCount = view.getUint16(at + 2, true);
    const flags = view.getUint32(at + 4, true);
    const count = view.getUint32(at + 8, true);
    const table = view.getUint32(at + 12, true);
    const version = readVersion(bytes, at + 16, name);
    if (flags & FLAG_UNCHANGED) {
      if (arrayCount !== 0) throw new SnapshotFormatError(`the ${name} part is marked unchanged but has ${arrayCount} arrays`);
      (snapshot as Record<string, unknown>)[name] = { version, data: null };
      continue;
    }
    const types = name === 'grid' ? GRID_TYPES : ROADS_TYPES;
    if (arrayCount !== types.length) throw new SnapshotFormatError(`the ${name} part has ${arrayCount} arrays, expected ${types.length}`);
    if (table + ARRAY_BYTES * arrayCount > total) throw new SnapshotFormatError(`the ${name} part's array table lies outside the buffer`);
    const arrays = types.map((type, a) => readArray(view, bytes, table + ARRAY_BYTES * a, type, `${name}.${(name === 'grid' ? GRID_ARRAYS : ROADS_ARRAYS)[a]}`));
    (snapshot as Record<string, unknown>)[name] = { version, data: name === 'grid' ? gridOf(arrays, count, flags) : roadsOf(arrays, count) };
  }
  return snapshot;
}

function readVersion(bytes: Uint8Array, at: number, name: string): string {
  let version = '';
  for (let c = 0; c < VERSION_BYTES && bytes[at + c] !== 0; c++) version += String.fromCharCode(bytes[at + c]);
  if (!SNAPSHOT_VERSION_PATTERN.test(version)) throw new SnapshotFormatError(`the ${name} part's version is not 1–24 printable ASCII characters`);
  return version;
}

function readArray(view: DataView, bytes: Uint8Array, entry: number, type: ArrayType, field: string): Typed {
  const typeCode = view.getUint32(entry, true);
  if (TYPES[typeCode] !== type) throw new SnapshotFormatError(`${field} has element type ${typeCode}, expected ${TYPES.indexOf(type)} (${type.name})`);
  const length = view.getUint32(entry + 4, true);
  const offset = view.getUint32(entry + 8, true);
  if (offset % ALIGN !== 0) throw new SnapshotFormatError(`${field} starts at byte ${offset}, not a multiple of ${ALIGN}`);
  if (offset + length * type.BYTES_PER_ELEMENT > bytes.length) {
    throw new SnapshotFormatError(`${field} (${length} × ${type.BYTES_PER_ELEMENT} bytes from byte ${offset}) runs past the end of the ${bytes.length}-byte buffer`);
  }
  return new type(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, length);
}

function expectLength(array: Typed, length: number, field: string): void {
  if (array.length !== length) throw new SnapshotFormatError(`${field} has ${array.length} entries, expected ${length}`);
}

function gridOf(arrays: Typed[], count: number, flags: number): SnapshotGrid {
  const [fid, lon, lat, population, elderly, cellSize] = arrays as [Int32Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  for (const [a, array] of [fid, lon, lat, population, elderly].entries()) expectLength(array, count, `grid.${GRID_ARRAYS[a]} (${count} cells)`);
  expectLength(cellSize, 2, 'grid.cellSize');
  const hasSize = Number.isFinite(cellSize[0]) && Number.isFinite(cellSize[1]);
  return {
    count, fid, lon, lat, population, elderly,
    hasPopulation: (flags & FLAG_HAS_POPULATION) !== 0,
    hasElderly: (flags & FLAG_HAS_ELDERLY) !== 0,
    cellSize: hasSize ? { cellWidthDeg: cellSize[0], cellHeightDeg: cellSize[1] } : null,
  };
}

/** Offsets must start at 0, never decrease and end at the length of what they index. */
function checkOffsets(starts: Uint32Array, end: number, field: string): void {
  if (starts[0] !== 0) throw new SnapshotFormatError(`${field} starts at ${starts[0]}, not 0`);
  for (let i = 1; i < starts.length; i++) {
    if (starts[i] < starts[i - 1]) throw new SnapshotFormatError(`${field} decreases at entry ${i}`);
  }
  if (starts[starts.length - 1] !== end) throw new SnapshotFormatError(`${field} ends at ${starts[starts.length - 1]}, expected ${end}`);
}

function roadsOf(arrays: Typed[], count: number): SnapshotRoads {
  const [pointStart, coords, id, highway, tagStart, tagPairs, stringStart, stringChars] = arrays as [
    Uint32Array, Float64Array, Uint32Array, Int32Array, Uint32Array, Uint32Array, Uint32Array, Uint16Array,
  ];
  expectLength(pointStart, count + 1, `roads.pointStart (${count} ways)`);
  expectLength(tagStart, count + 1, `roads.tagStart (${count} ways)`);
  expectLength(id, count, `roads.id (${count} ways)`);
  expectLength(highway, count, `roads.highway (${count} ways)`);
  if (coords.length % 2 !== 0) throw new SnapshotFormatError(`roads.coords has an odd number of values (${coords.length})`);
  if (tagPairs.length % 2 !== 0) throw new SnapshotFormatError(`roads.tagPairs has an odd number of values (${tagPairs.length})`);
  if (stringStart.length < 1) throw new SnapshotFormatError('roads.stringStart is empty');
  checkOffsets(pointStart, coords.length / 2, 'roads.pointStart');
  checkOffsets(tagStart, tagPairs.length / 2, 'roads.tagStart');
  checkOffsets(stringStart, stringChars.length, 'roads.stringStart');
  const strings = stringStart.length - 1;
  for (let w = 0; w < count; w++) {
    if (id[w] >= strings) throw new SnapshotFormatError(`roads.id of way ${w} is string ${id[w]} of ${strings}`);
    if (highway[w] < -1 || highway[w] >= strings) throw new SnapshotFormatError(`roads.highway of way ${w} is string ${highway[w]} of ${strings}`);
  }
  for (let t = 0; t < tagPairs.length; t++) {
    if (tagPairs[t] >= strings) throw new SnapshotFormatError(`roads.tagPairs entry ${t} is string ${tagPairs[t]} of ${strings}`);
  }
  return { count, pointStart, coords, id, highway, tagStart, tagPairs, stringStart, stringChars };
}
