/**
 * OpenStreetMap PBF (.osm.pbf, https://wiki.openstreetmap.org/wiki/PBF_Format) reader with `pbf`:
 * a sequence of [4-byte big-endian BlobHeader length][BlobHeader][Blob]; the OSMHeader blob lists the
 * required features (only OsmSchema-V0.6, DenseNodes and HistoricalInformation are understood), each
 * OSMData blob is a PrimitiveBlock (string table, granularity and offsets, groups of plain nodes,
 * dense nodes and ways). Blobs are raw or zlib (node:zlib); LZMA/LZ4/ZSTD blobs are refused by name.
 * Every length is checked against the file, so a truncated download is an InputError naming the
 * blob, not a crash. Inflating is bounded (a few MB of zlib can hold GBs of zeros): each blob inflates
 * to at most its declared raw_size (zlib stops there), raw_size to at most 32 MiB, and all blobs of the
 * file together to at most MAX_PBF_DATA_BYTES, checked from the declared sizes before anything inflates.
 */
import { inflateSync } from 'node:zlib';
import { PbfReader } from 'pbf';
import { InputError } from '../../../shared/errors';
import type { ImportProgress } from './import_progress';
import { OsmNodeStore, OsmRoadCollector, type OsmRoads } from './osm_ways';

const MAX_HEADER_BYTES = 64 * 1024;
/** One blob, compressed or inflated: the format's limit ("must be less than 32 MiB"). */
const MAX_BLOB_BYTES = 32 * 1024 * 1024;
/**
 * All blobs of one file once inflated: the 1 GiB that ZIP archives may unpack to (unzip_archive.ts).
 * A city or province extract inflates to a few hundred MB; more nodes than that would not fit the
 * node index anyway.
 */
export const MAX_PBF_DATA_BYTES = 1024 * 1024 * 1024;
const KNOWN_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);

/** True when the bytes start like a PBF file: a small header length and a BlobHeader of type OSMHeader. */
export function isOsmPbfMagic(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const length = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  if (length === 0 || length > MAX_HEADER_BYTES) return false;
  // BlobHeader field 1 (type, length-delimited) = "OSMHeader"
  const text = String.fromCharCode(...bytes.subarray(6, 15));
  return bytes[4] === 0x0a && bytes[5] === 9 && text === 'OSMHeader';
}

class PbfFormatError extends Error {}

function check(condition: boolean, message: string): void {
  if (!condition) throw new PbfFormatError(message);
}

/** Reads a message, checking that the reader never ran past its end (pbf does not). */
function readMessage<T>(bytes: Uint8Array, readField: (tag: number, result: T, pbf: PbfReader) => void, result: T, what: string): T {
  const reader = new PbfReader(bytes);
  reader.readFields(readField, result);
  check(reader.pos === bytes.length, `${what} is malformed (read ${reader.pos} of ${bytes.length} bytes)`);
  return result;
}

interface BlobHeader {
  type: string;
  dataSize: number;
}

interface Blob {
  raw: Uint8Array | null;
  rawSize: number;
  zlib: Uint8Array | null;
  other: string | null;
}

/** Bytes the blob holds once inflated, as it declares them (raw_size checked against the format's limit). */
function declaredSize(blob: Blob): number {
  if (blob.raw) return blob.raw.length;
  if (!blob.zlib) return 0;
  check(blob.rawSize > 0, `raw_size ${blob.rawSize} is out of range`);
  check(blob.rawSize <= MAX_BLOB_BYTES, `raw_size ${blob.rawSize} is more than the ${MAX_BLOB_BYTES} bytes (32 MiB) a blob may hold`);
  return blob.rawSize;
}

function blobData(blob: Blob): Uint8Array {
  if (blob.raw) return blob.raw;
  if (blob.zlib) {
    let data: Uint8Array;
    try {
      // zlib stops as soon as the output passes raw_size, so a bomb never costs more than raw_size bytes
      data = inflateSync(blob.zlib, { maxOutputLength: blob.rawSize });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
      throw new PbfFormatError(`zlib data inflates to more than the blob's raw_size of ${blob.rawSize} bytes (inflating stopped there)`);
    }
    check(data.length === blob.rawSize, `zlib data inflates to ${data.length} bytes, raw_size says ${blob.rawSize}`);
    return data;
  }
  throw new PbfFormatError(blob.other ? `${blob.other}-compressed blobs are not supported (re-encode with osmium cat -c zlib)` : 'the blob holds no data');
}

interface Block {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
  groups: Uint8Array[];
}

function readBlock(data: Uint8Array): Block {
  const decoder = new TextDecoder('utf-8');
  return readMessage<Block>(
    data,
    (tag, block, pbf) => {
      if (tag === 1) {
        const table = pbf.readBytes();
        readMessage(table, (t, strings: string[], p) => (t === 1 ? strings.push(decoder.decode(p.readBytes())) : undefined), block.strings, 'the string table');
      } else if (tag === 2) block.groups.push(pbf.readBytes());
      else if (tag === 17) block.granularity = pbf.readVarint();
      else if (tag === 19) block.latOffset = pbf.readVarint(true);
      else if (tag === 20) block.lonOffset = pbf.readVarint(true);
    },
    { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] },
    'a PrimitiveBlock',
  );
}

interface FramedBlob {
  index: number;
  /** Byte offset of the blob's length prefix in the file. */
  at: number;
  type: string;
  blob: Blob;
}

function corrupt(file: string, index: number, at: number, error: unknown): InputError {
  return new InputError(`corrupt OSM PBF at blob ${index} (byte ${at}): ${(error as Error).message}`, { file, expected: 'a complete .osm.pbf file' });
}

/** The file's blobs, framing and raw_size checked, nothing inflated yet. */
function splitBlobs(bytes: Uint8Array, file: string): FramedBlob[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blobs: FramedBlob[] = [];
  let at = 0;
  while (at < bytes.length) {
    const index = blobs.length;
    try {
      check(at + 4 <= bytes.length, `the file ends inside the length of blob ${index}`);
      const headerLength = view.getUint32(at, false);
      check(headerLength > 0 && headerLength <= MAX_HEADER_BYTES, `BlobHeader length ${headerLength} is out of range`);
      check(at + 4 + headerLength <= bytes.length, `the file ends inside BlobHeader ${index}`);
      const header = readMessage<BlobHeader>(
        bytes.subarray(at + 4, at + 4 + headerLength),
        (tag, h, pbf) => {
          if (tag === 1) h.type = pbf.readString();
          else if (tag === 3) h.dataSize = pbf.readVarint();
        },
        { type: '', dataSize: -1 },
        'a BlobHeader',
      );
      check(header.dataSize >= 0 && header.dataSize <= MAX_BLOB_BYTES, `blob size ${header.dataSize} is out of range`);
      const start = at + 4 + headerLength;
      check(start + header.dataSize <= bytes.length, `the file ends inside blob ${index} (${header.type}): it is cut off`);
      const blob = readMessage<Blob>(
        bytes.subarray(start, start + header.dataSize),
        (tag, b, pbf) => {
          if (tag === 1) b.raw = pbf.readBytes();
          else if (tag === 2) b.rawSize = pbf.readVarint();
          else if (tag === 3) b.zlib = pbf.readBytes();
          else if (tag === 4) b.other = 'LZMA';
          else if (tag === 6) b.other = 'LZ4';
          else if (tag === 7) b.other = 'ZSTD';
          else if (tag === 5) b.other = 'bzip2';
        },
        { raw: null, rawSize: 0, zlib: null, other: null },
        'a Blob',
      );
      blobs.push({ index, at, type: header.type, blob });
      at = start + header.dataSize;
    } catch (error) {
      // pbf throws plain Errors: every error here is the bytes' fault
      throw corrupt(file, index, at, error);
    }
  }
  return blobs;
}

export async function readOsmPbf(bytes: Uint8Array, file: string, progress: ImportProgress): Promise<OsmRoads & { nodeCount: number }> {
  const blobs = splitBlobs(bytes, file);
  let total = 0;
  for (const { index, at, blob } of blobs) {
    try {
      total += declaredSize(blob);
    } catch (error) {
      throw corrupt(file, index, at, error);
    }
    if (total > MAX_PBF_DATA_BYTES) {
      throw new InputError(
        `the blobs would inflate to more than ${MAX_PBF_DATA_BYTES} bytes (1 GiB): blob ${index} (byte ${at}) brings the declared raw sizes to ${total} bytes; ` +
          'cut a smaller extract (e.g. osmium extract --bbox)',
        { file, expected: `an .osm.pbf of at most ${MAX_PBF_DATA_BYTES} bytes uncompressed` },
      );
    }
  }
  const nodes = new OsmNodeStore();
  const roads = new OsmRoadCollector();
  let sawHeader = false;
  for (const { index, at, type, blob } of blobs) {
    try {
      if (type === 'OSMHeader') {
        sawHeader = true;
        const required: string[] = [];
        readMessage(blobData(blob), (tag, list: string[], pbf) => (tag === 4 ? list.push(pbf.readString()) : undefined), required, 'the HeaderBlock');
        const unknown = required.filter((feature) => !KNOWN_FEATURES.has(feature));
        check(unknown.length === 0, `the file requires features this reader does not know: ${unknown.join(', ')}`);
      } else if (type === 'OSMData') {
        check(sawHeader, 'the first blob is not an OSMHeader');
        readPrimitiveBlock(readBlock(blobData(blob)), nodes, roads);
      }
    } catch (error) {
      // nothing in this block awaits: every error is the bytes' fault (pbf and zlib throw plain Errors)
      throw corrupt(file, index, at, error);
    }
    await progress.step(index + 1 < blobs.length ? blobs[index + 1].at : bytes.length, bytes.length, 0.02, 0.6);
  }
  if (!sawHeader) throw new InputError('not an OSM PBF file: no OSMHeader blob', { file, expected: 'an .osm.pbf file' });
  return { ...roads.result(), nodeCount: nodes.size };
}

function readPrimitiveBlock(block: Block, nodes: OsmNodeStore, roads: OsmRoadCollector): void {
  // dividing (not multiplying by 1e-9) gives the nearest double of 7-decimal OSM coordinates
  const lat = (raw: number) => (block.latOffset + block.granularity * raw) / 1e9;
  const lon = (raw: number) => (block.lonOffset + block.granularity * raw) / 1e9;
  const text = (index: number): string => {
    check(index >= 0 && index < block.strings.length, `string index ${index} is outside the string table (${block.strings.length})`);
    return block.strings[index];
  };
  const addNode = (id: number, rawLat: number, rawLon: number) => {
    const y = lat(rawLat);
    const x = lon(rawLon);
    check(Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90, `node ${id} lies at lon ${x}, lat ${y}`);
    nodes.add(id, x, y);
  };
  for (const group of block.groups) {
    readMessage(
      group,
      (tag, _result: null, pbf) => {
        if (tag === 1) {
          const node = readMessage(pbf.readBytes(), (t, n: { id: number; lat: number; lon: number }, p) => {
            if (t === 1) n.id = p.readSVarint();
            else if (t === 8) n.lat = p.readSVarint();
            else if (t === 9) n.lon = p.readSVarint();
          }, { id: NaN, lat: NaN, lon: NaN }, 'a Node');
          addNode(node.id, node.lat, node.lon);
        } else if (tag === 2) {
          const dense = readMessage(pbf.readBytes(), (t, d: { ids: number[]; lats: number[]; lons: number[] }, p) => {
            if (t === 1) p.readPackedSVarint(d.ids);
            else if (t === 8) p.readPackedSVarint(d.lats);
            else if (t === 9) p.readPackedSVarint(d.lons);
          }, { ids: [], lats: [], lons: [] }, 'DenseNodes');
          check(dense.ids.length === dense.lats.length && dense.ids.length === dense.lons.length, 'DenseNodes have different numbers of ids, lats and lons');
          let id = 0;
          let rawLat = 0;
          let rawLon = 0;
          for (let i = 0; i < dense.ids.length; i++) {
            id += dense.ids[i];
            rawLat += dense.lats[i];
            rawLon += dense.lons[i];
            addNode(id, rawLat, rawLon);
          }
        } else if (tag === 3) {
          const way = readMessage(pbf.readBytes(), (t, w: { id: number; keys: number[]; vals: number[]; refs: number[] }, p) => {
            if (t === 1) w.id = p.readVarint(true);
            else if (t === 2) p.readPackedVarint(w.keys);
            else if (t === 3) p.readPackedVarint(w.vals);
            else if (t === 8) p.readPackedSVarint(w.refs);
          }, { id: NaN, keys: [], vals: [], refs: [] }, 'a Way');
          check(way.keys.length === way.vals.length, `way ${way.id} has ${way.keys.length} keys but ${way.vals.length} values`);
          const tags: Record<string, string> = {};
          for (let i = 0; i < way.keys.length; i++) tags[text(way.keys[i])] = text(way.vals[i]);
          let ref = 0;
          const refs = way.refs.map((delta) => (ref += delta));
          roads.addWay({ id: way.id, refs, tags }, nodes);
        }
      },
      null,
      'a PrimitiveGroup',
    );
  }
}
