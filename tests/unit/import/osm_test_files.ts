/**
 * Real OSM test files made from the Gothenburg ways (tests/data/gothenburg_osm, ODbL): the ways'
 * vertices become nodes (one node per distinct position, as in OSM), written as .osm XML (API 0.6)
 * and as .osm.pbf hand-encoded with `pbf` following https://wiki.openstreetmap.org/wiki/PBF_Format
 * (OSMHeader blob, OSMData blobs with a string table, DenseNodes and Ways, zlib-compressed).
 * GDAL's OSM driver (ogrinfo) reads both, which is the independent check in the tests.
 */
import { deflateSync } from 'node:zlib';
import { PbfWriter } from 'pbf';

export interface TestWay {
  id: number;
  refs: number[];
  tags: Record<string, string>;
}

export interface TestOsm {
  /** Node id → [lon, lat] rounded to 1e-7 degrees (OSM's precision). */
  nodes: Map<number, [number, number]>;
  ways: TestWay[];
}

interface GeoJsonWay {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: number[][] | number[][][] };
}

/** The first `count` LineString ways of the GeoJSON as OSM nodes and ways. */
export function osmFromGeoJson(geojson: { features: GeoJsonWay[] }, count: number): TestOsm {
  const nodes = new Map<number, [number, number]>();
  const byPosition = new Map<string, number>();
  const ways: TestWay[] = [];
  for (const feature of geojson.features) {
    if (ways.length >= count) break;
    if (feature.geometry.type !== 'LineString') continue;
    const id = Number(String(feature.properties['@id']).replace('way/', ''));
    const refs = (feature.geometry.coordinates as number[][]).map(([lon, lat]) => {
      const position: [number, number] = [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
      const key = position.join(',');
      let node = byPosition.get(key);
      if (node === undefined) {
        node = byPosition.size + 1;
        byPosition.set(key, node);
        nodes.set(node, position);
      }
      return node;
    });
    const tags: Record<string, string> = {};
    for (const [k, v] of Object.entries(feature.properties)) if (k !== '@id' && v !== null) tags[k] = String(v);
    ways.push({ id, refs, tags });
  }
  return { nodes, ways };
}

const xmlEscape = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);

export function osmXml(osm: TestOsm): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="siting-planner tests">'];
  for (const [id, [lon, lat]] of osm.nodes) lines.push(`  <node id="${id}" version="1" lat="${lat}" lon="${lon}"/>`);
  for (const way of osm.ways) {
    lines.push(`  <way id="${way.id}" version="1">`);
    for (const ref of way.refs) lines.push(`    <nd ref="${ref}"/>`);
    for (const [k, v] of Object.entries(way.tags)) lines.push(`    <tag k="${xmlEscape(k)}" v="${xmlEscape(v)}"/>`);
    lines.push('  </way>');
  }
  lines.push('</osm>', '');
  return lines.join('\n');
}

/**
 * One framed blob: [4-byte length][BlobHeader][Blob with raw_size and zlib_data]. By default the zlib
 * data is `data` deflated and raw_size its length; tests of hostile files pass other zlib data or
 * declare another raw_size.
 */
export function pbfBlob(type: string, data: Uint8Array, zlibData: Uint8Array = deflateSync(data), rawSize = data.length): Uint8Array {
  const body = new PbfWriter();
  body.writeVarintField(2, rawSize);
  body.writeBytesField(3, zlibData);
  const blobBytes = body.finish();
  const header = new PbfWriter();
  header.writeStringField(1, type);
  header.writeVarintField(3, blobBytes.length);
  const headerBytes = header.finish();
  const out = new Uint8Array(4 + headerBytes.length + blobBytes.length);
  new DataView(out.buffer).setUint32(0, headerBytes.length, false);
  out.set(headerBytes, 4);
  out.set(blobBytes, 4 + headerBytes.length);
  return out;
}

function deltas(values: number[]): number[] {
  return values.map((v, i) => (i === 0 ? v : v - values[i - 1]));
}

/** Byte arrays joined. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A .osm.pbf with one OSMHeader blob, one blob of DenseNodes and one of Ways (granularity 100 nanodegrees). */
export function osmPbf(osm: TestOsm): Uint8Array {
  const blocks = osmPbfBlocks(osm);
  return concatBytes([pbfBlob('OSMHeader', blocks.header), pbfBlob('OSMData', blocks.nodes), pbfBlob('OSMData', blocks.ways)]);
}

/** The uncompressed messages of osmPbf's three blobs: the HeaderBlock and the PrimitiveBlocks of nodes and of ways. */
export function osmPbfBlocks(osm: TestOsm): { header: Uint8Array; nodes: Uint8Array; ways: Uint8Array } {
  const header = new PbfWriter();
  header.writeStringField(4, 'OsmSchema-V0.6');
  header.writeStringField(4, 'DenseNodes');
  header.writeStringField(16, 'siting-planner tests');

  const strings = [''];
  const stringIndex = new Map<string, number>([['', 0]]);
  const intern = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  const ids = [...osm.nodes.keys()];
  const lats = ids.map((id) => Math.round((osm.nodes.get(id) as [number, number])[1] * 1e7));
  const lons = ids.map((id) => Math.round((osm.nodes.get(id) as [number, number])[0] * 1e7));
  const ways = osm.ways.map((way) => ({ ...way, keys: Object.keys(way.tags).map(intern), vals: Object.values(way.tags).map(intern) }));

  const nodesBlock = new PbfWriter();
  nodesBlock.writeMessage(1, (_: null, table) => table.writeBytesField(1, new Uint8Array()), null);
  nodesBlock.writeMessage(
    2,
    (_: null, group) =>
      group.writeMessage(
        2,
        (__: null, dense) => {
          dense.writePackedSVarint(1, deltas(ids));
          dense.writePackedSVarint(8, deltas(lats));
          dense.writePackedSVarint(9, deltas(lons));
        },
        null,
      ),
    null,
  );

  const waysBlock = new PbfWriter();
  waysBlock.writeMessage(1, (_: null, table) => strings.forEach((s) => table.writeBytesField(1, new TextEncoder().encode(s))), null);
  waysBlock.writeMessage(
    2,
    (_: null, group) => {
      for (const way of ways) {
        group.writeMessage(
          3,
          (__: null, w) => {
            w.writeVarintField(1, way.id);
            w.writePackedVarint(2, way.keys);
            w.writePackedVarint(3, way.vals);
            w.writePackedSVarint(8, deltas(way.refs));
          },
          null,
        );
      }
    },
    null,
  );
  return { header: header.finish(), nodes: nodesBlock.finish(), ways: waysBlock.finish() };
}
