/**
 * GeoPackage binary geometry (OGC 12-128r18, §2.1.3): "GP" magic, version 0, flags, srs_id, optional
 * envelope, then ISO WKB. We always write little-endian, standard (not extended) geometry, srs 4326,
 * with an [minx, maxx, miny, maxy] envelope for everything except points.
 */
import type { Geometry } from '../../../shared/schemas/entities';
import { geometryBbox } from '../../../shared/geodesy/bbox';

const WKB_POINT = 1;
const WKB_LINESTRING = 2;
const WKB_POLYGON = 3;
const WKB_MULTIPOLYGON = 6;
export const SRS_WGS84 = 4326;

type Position = number[];

/** Encodes a GeoJSON geometry (2D; extra ordinates are dropped) as a GeoPackage geometry blob. */
export function encodeGpkgGeometry(geometry: Geometry, srsId = SRS_WGS84): Buffer {
  const wkbSize = wkbByteLength(geometry);
  const withEnvelope = geometry.type !== 'Point';
  const headerSize = 8 + (withEnvelope ? 32 : 0);
  const buffer = Buffer.allocUnsafe(headerSize + wkbSize);
  buffer[0] = 0x47; // 'G'
  buffer[1] = 0x50; // 'P'
  buffer[2] = 0; // version 1
  // flags: bit0 byte order (1 = little endian), bits1-3 envelope (0 none, 1 = xy)
  buffer[3] = (withEnvelope ? 1 << 1 : 0) | 1;
  buffer.writeInt32LE(srsId, 4);
  if (withEnvelope) {
    const [minX, minY, maxX, maxY] = geometryBounds(geometry);
    buffer.writeDoubleLE(minX, 8);
    buffer.writeDoubleLE(maxX, 16);
    buffer.writeDoubleLE(minY, 24);
    buffer.writeDoubleLE(maxY, 32);
  }
  writeWkb(buffer, headerSize, geometry);
  return buffer;
}

function wkbByteLength(geometry: Geometry): number {
  switch (geometry.type) {
    case 'Point':
      return 21;
    case 'LineString':
      return 9 + 16 * geometry.coordinates.length;
    case 'Polygon':
      return polygonLength(geometry.coordinates);
    case 'MultiPolygon':
      return 9 + geometry.coordinates.reduce((sum, polygon) => sum + polygonLength(polygon), 0);
  }
}

function polygonLength(rings: Position[][]): number {
  return 9 + rings.reduce((sum, ring) => sum + 4 + 16 * ring.length, 0);
}

function writeWkb(buffer: Buffer, offset: number, geometry: Geometry): number {
  buffer[offset] = 1;
  switch (geometry.type) {
    case 'Point':
      buffer.writeUInt32LE(WKB_POINT, offset + 1);
      buffer.writeDoubleLE(geometry.coordinates[0], offset + 5);
      buffer.writeDoubleLE(geometry.coordinates[1], offset + 13);
      return offset + 21;
    case 'LineString':
      buffer.writeUInt32LE(WKB_LINESTRING, offset + 1);
      return writePositions(buffer, offset + 5, geometry.coordinates);
    case 'Polygon':
      return writePolygon(buffer, offset, geometry.coordinates);
    case 'MultiPolygon': {
      buffer.writeUInt32LE(WKB_MULTIPOLYGON, offset + 1);
      buffer.writeUInt32LE(geometry.coordinates.length, offset + 5);
      let at = offset + 9;
      for (const polygon of geometry.coordinates) at = writePolygon(buffer, at, polygon);
      return at;
    }
  }
}

function writePolygon(buffer: Buffer, offset: number, rings: Position[][]): number {
  buffer[offset] = 1;
  buffer.writeUInt32LE(WKB_POLYGON, offset + 1);
  buffer.writeUInt32LE(rings.length, offset + 5);
  let at = offset + 9;
  for (const ring of rings) at = writePositions(buffer, at, ring);
  return at;
}

function writePositions(buffer: Buffer, offset: number, positions: Position[]): number {
  buffer.writeUInt32LE(positions.length, offset);
  let at = offset + 4;
  for (const p of positions) {
    buffer.writeDoubleLE(p[0], at);
    buffer.writeDoubleLE(p[1], at + 8);
    at += 16;
  }
  return at;
}

/** [minX, minY, maxX, maxY] of a geometry ([Infinity, Infinity, -Infinity, -Infinity] when it has no position). */
export function geometryBounds(geometry: Geometry): [number, number, number, number] {
  return geometryBbox(geometry) ?? [Infinity, Infinity, -Infinity, -Infinity];
}

/** Offset of the WKB inside a GeoPackage blob (after header and envelope). */
function wkbOffset(blob: Uint8Array): number {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error(`not a GeoPackage geometry blob (${blob.length} bytes, bad magic)`);
  const envelope = (blob[3] >> 1) & 0x07;
  const envelopeBytes = [0, 32, 48, 48, 64][envelope];
  if (envelopeBytes === undefined) throw new Error(`invalid GeoPackage envelope indicator ${envelope}`);
  return 8 + envelopeBytes;
}

/**
 * Reads lon/lat of a point blob without allocating a geometry object (hot path for population).
 * Throws for a blob that is no GeoPackage geometry, too short, or not a point.
 */
export function readGpkgPoint(blob: Buffer): [number, number] {
  const at = wkbOffset(blob);
  if (blob.length < at + 21) throw new Error(`a GeoPackage point has at least ${at + 21} bytes, this blob ${blob.length}`);
  const little = blob[at] === 1;
  const type = little ? blob.readUInt32LE(at + 1) : blob.readUInt32BE(at + 1);
  if (type % 1000 !== WKB_POINT) throw new Error(`the geometry is not a point (WKB type ${type})`);
  return little
    ? [blob.readDoubleLE(at + 5), blob.readDoubleLE(at + 13)]
    : [blob.readDoubleBE(at + 5), blob.readDoubleBE(at + 13)];
}

/**
 * lon/lat of the point blob at `buffer[start, start + length)` (one of many blobs read together), or null
 * where readGpkgPoint would throw: the same blobs are accepted and give the same coordinates.
 */
export function gpkgPointAt(buffer: Buffer, start: number, length: number): [number, number] | null {
  if (length < 8 || buffer[start] !== 0x47 || buffer[start + 1] !== 0x50) return null;
  const envelopeBytes = [0, 32, 48, 48, 64][(buffer[start + 3] >> 1) & 0x07];
  if (envelopeBytes === undefined || length < 8 + envelopeBytes + 21) return null;
  const at = start + 8 + envelopeBytes;
  const little = buffer[at] === 1;
  const type = little ? buffer.readUInt32LE(at + 1) : buffer.readUInt32BE(at + 1);
  if (type % 1000 !== WKB_POINT) return null;
  return little ? [buffer.readDoubleLE(at + 5), buffer.readDoubleLE(at + 13)] : [buffer.readDoubleBE(at + 5), buffer.readDoubleBE(at + 13)];
}

/** Decodes a GeoPackage blob (as written by any OGC-conformant writer, 2D or with Z/M dropped). */
export function decodeGpkgGeometry(blob: Buffer): Geometry {
  const reader = new WkbReader(blob, wkbOffset(blob));
  return reader.geometry() as Geometry;
}

class WkbReader {
  private little = true;
  private dims = 2;
  constructor(
    private readonly buffer: Buffer,
    private at: number,
  ) {}

  geometry(): { type: string; coordinates: unknown } {
    this.little = this.buffer[this.at] === 1;
    this.at += 1;
    const rawType = this.uint32();
    // ISO WKB: 1000s add Z, 2000s add M, 3000s add ZM; EWKB-style high bits are not used by GeoPackage.
    const type = rawType % 1000;
    const variant = Math.floor(rawType / 1000);
    this.dims = variant === 0 ? 2 : variant === 3 ? 4 : 3;
    switch (type) {
      case WKB_POINT:
        return { type: 'Point', coordinates: this.position() };
      case WKB_LINESTRING:
        return { type: 'LineString', coordinates: this.positions() };
      case WKB_POLYGON:
        return { type: 'Polygon', coordinates: this.rings() };
      case WKB_MULTIPOLYGON: {
        const n = this.uint32();
        const polygons: unknown[] = [];
        for (let i = 0; i < n; i++) polygons.push(this.geometry().coordinates);
        return { type: 'MultiPolygon', coordinates: polygons };
      }
      case 5: {
        const n = this.uint32();
        const lines: unknown[] = [];
        for (let i = 0; i < n; i++) lines.push(this.geometry().coordinates);
        return { type: 'MultiLineString', coordinates: lines };
      }
      case 4: {
        const n = this.uint32();
        const points: unknown[] = [];
        for (let i = 0; i < n; i++) points.push(this.geometry().coordinates);
        return { type: 'MultiPoint', coordinates: points };
      }
      default:
        throw new Error(`unsupported WKB geometry type ${rawType}`);
    }
  }

  private uint32(): number {
    const v = this.little ? this.buffer.readUInt32LE(this.at) : this.buffer.readUInt32BE(this.at);
    this.at += 4;
    return v;
  }

  private double(): number {
    const v = this.little ? this.buffer.readDoubleLE(this.at) : this.buffer.readDoubleBE(this.at);
    this.at += 8;
    return v;
  }

  private position(): number[] {
    const x = this.double();
    const y = this.double();
    this.at += 8 * (this.dims - 2);
    return [x, y];
  }

  private positions(): number[][] {
    const n = this.uint32();
    const out: number[][] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.position();
    return out;
  }

  private rings(): number[][][] {
    const n = this.uint32();
    const out: number[][][] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.positions();
    return out;
  }
}
