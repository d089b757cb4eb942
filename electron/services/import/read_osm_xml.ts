/**
 * OpenStreetMap XML (.osm, API 0.6: JOSM, overpass "out meta", osmium cat -f osm) read with saxes as
 * a stream: the bytes are decoded and parsed in 1 MB chunks, so files far beyond JavaScript's string
 * limit work and progress/cancel run between chunks. Nodes go into an OsmNodeStore, ways into the
 * road collector; relations are ignored. Bad numbers name the node or way; broken XML (truncated,
 * mismatched tags) is an InputError with saxes's line and column.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { InputError } from '../../../shared/errors';
import type { ImportProgress } from './import_progress';
import { OsmNodeStore, OsmRoadCollector, type OsmRoads, type OsmWay } from './osm_ways';

const CHUNK_BYTES = 1 << 20;

/** Finite number of an attribute, else InputError naming the element. */
function numberAttribute(tag: SaxesTagPlain, name: string, file: string, what: string, min: number, max: number): number {
  const raw = tag.attributes[name];
  const value = raw === undefined ? NaN : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || raw.trim() === '') {
    throw new InputError(`${what}: ${name}="${raw ?? ''}" is not a number in [${min}, ${max}]`, { file, field: name, expected: `a ${name} in [${min}, ${max}]` });
  }
  return value;
}

export async function readOsmXml(bytes: Uint8Array, file: string, progress: ImportProgress): Promise<OsmRoads & { nodeCount: number }> {
  const nodes = new OsmNodeStore();
  const roads = new OsmRoadCollector();
  const parser = new SaxesParser();
  let sawRoot = false;
  let way: OsmWay | null = null;
  let depth = 0;
  let failure: Error | null = null;

  parser.on('opentag', (tag) => {
    if (failure) return;
    try {
      depth++;
      if (depth === 1) {
        if (tag.name !== 'osm') throw new InputError(`not OSM XML: the root element is <${tag.name}>`, { file, expected: 'an <osm> document' });
        sawRoot = true;
        return;
      }
      if (tag.name === 'node') {
        const id = numberAttribute(tag, 'id', file, 'a node', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
        // deleted/invisible nodes in history files have no position
        if (tag.attributes.visible === 'false') return;
        const lat = numberAttribute(tag, 'lat', file, `node ${id}`, -90, 90);
        const lon = numberAttribute(tag, 'lon', file, `node ${id}`, -180, 180);
        nodes.add(id, lon, lat);
      } else if (tag.name === 'way') {
        way = { id: numberAttribute(tag, 'id', file, 'a way', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER), refs: [], tags: {} };
      } else if (way !== null && tag.name === 'nd') {
        way.refs.push(numberAttribute(tag, 'ref', file, `way ${way.id}`, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
      } else if (way !== null && tag.name === 'tag') {
        const key = tag.attributes.k;
        if (typeof key === 'string' && key !== '') way.tags[key] = String(tag.attributes.v ?? '');
      }
    } catch (error) {
      failure = error as Error;
    }
  });
  parser.on('closetag', (tag) => {
    depth--;
    if (failure || tag.name !== 'way' || way === null) return;
    roads.addWay(way, nodes);
    way = null;
  });

  const decoder = new TextDecoder('utf-8');
  const feed = (text: string, last: boolean): void => {
    try {
      parser.write(text);
      if (last && !failure) parser.close();
    } catch (error) {
      if (failure) throw failure;
      const message = (error as Error).message.replace(/^[^:]*:\d+:\d+:\s*/, '');
      throw new InputError(`not valid OSM XML (line ${parser.line}, column ${parser.column}): ${message}`, { file, expected: 'a complete .osm file' });
    }
    if (failure) throw failure;
  };
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    feed(decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES)), { stream: true }), false);
    await progress.step(Math.min(bytes.length, at + CHUNK_BYTES), bytes.length, 0.02, 0.6);
  }
  feed(decoder.decode(), true);
  if (failure) throw failure;
  if (!sawRoot) throw new InputError('not OSM XML: the file has no <osm> element', { file, expected: 'an .osm file' });
  return { ...roads.result(), nodeCount: nodes.size };
}
